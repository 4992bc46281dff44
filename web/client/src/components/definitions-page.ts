// <definitions-page>: every metric's name, formula in words and format, from the catalog (the PDF appendix
// and the tooltips read the same entries).
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { metricCatalog, metricKeys } from '../../../../contract/metrics/catalog.ts';
import type { Lang } from '../../../../presentation/format/format-value.ts';
import { t } from '../../../../presentation/i18n/messages.ts';
import { catalog } from '../session.ts';

@customElement('definitions-page')
export class DefinitionsPage extends LitElement {
  static styles = css`
    :host { display: block; background: white; border: 1px solid var(--line, #e4e7ec); border-radius: 10px; padding: 16px; margin-top: 16px; }
    table { border-collapse: collapse; width: 100%; font-size: 14px; }
    th, td { padding: 8px; border-bottom: 1px solid var(--line, #e4e7ec); text-align: left; vertical-align: top; }
    /* Metric keys and setting names (flagMinHistoryQuarters) are single long words: they break on a phone. */
    td { overflow-wrap: anywhere; }
    code { color: var(--muted, #667085); font-size: 12px; }
  `;

  @property() lang: Lang = 'zh';

  render() {
    const lang = this.lang;
    // The formulas state the configured settings (the repeat window, …).
    const defs = catalog();
    return html`<table>
      <thead><tr><th>${t(lang, 'metric')}</th><th>${t(lang, 'definition')}</th></tr></thead>
      <tbody>
        ${metricKeys.map((k) => {
          const d = defs[k];
          return html`<tr id=${k}><td><strong>${d.label[lang]}</strong></td><td>${d.formula[lang]}</td></tr>`;
        })}
      </tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'definitions-page': DefinitionsPage;
  }
}
