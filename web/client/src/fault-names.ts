// The fault names of GET /api/fault-names, loaded once per page load and shared by every element: an element
// adds `new FaultNamesController(this)` and shows a code as `this.faults.label(code, lang)` ("AC08 压缩机异响").
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { faultLabel, type FaultNames } from '../../../presentation/i18n/dimension-labels.ts';
import type { Lang } from '../../../presentation/format/format-value.ts';
import { getJson } from './get-json.ts';

type Names = Record<Lang, FaultNames>;
let loading: Promise<Names> | undefined;

/** The names in each language (once); none when they cannot be read — the codes alone are still right. */
export function loadFaultNames(): Promise<Names> {
  loading ??= getJson<{ names: FaultNames; names_en?: FaultNames }>('/api/fault-names').then(
    (a) => ({ zh: a.names, en: { ...a.names, ...a.names_en } }),
    () => {
      loading = undefined;
      return { zh: {}, en: {} };
    },
  );
  return loading;
}

export class FaultNamesController implements ReactiveController {
  names: Names | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.names) return;
    void loadFaultNames().then((names) => {
      this.names = names;
      this.host.requestUpdate();
    });
  }

  /** "AC08 压缩机异响", the code alone until the names are in or when it has none. */
  label(code: unknown, lang: Lang): string {
    return faultLabel(code, this.names?.[lang], lang);
  }
}
