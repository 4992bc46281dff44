// The fault names of GET /api/fault-names, loaded once per page load and shared by every element: an element
// adds `new FaultNamesController(this)` and shows a code as `this.faults.label(code, lang)` ("AC08 压缩机异响").
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { faultLabel, type FaultNames } from '../../../presentation/i18n/dimension-labels.ts';
import type { Lang } from '../../../presentation/format/format-value.ts';
import { getJson } from './get-json.ts';

let loading: Promise<FaultNames> | undefined;

/** The names (once); none when they cannot be read — the codes alone are still right. */
export function loadFaultNames(): Promise<FaultNames> {
  loading ??= getJson<{ names: FaultNames }>('/api/fault-names').then(
    (a) => a.names,
    () => {
      loading = undefined;
      return {};
    },
  );
  return loading;
}

export class FaultNamesController implements ReactiveController {
  names: FaultNames | undefined;

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
    return faultLabel(code, this.names, lang);
  }
}
