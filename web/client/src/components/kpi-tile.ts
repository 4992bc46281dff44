// <kpi-tile>: one figure with its change against the previous period of the same length.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { MetricFormat } from '../../../../contract/metrics/catalog.ts';
import { formatValue, type Lang } from '../../../../presentation/format/format-value.ts';
import { formatChange, kpiChange } from '../../../../presentation/format/kpi-change.ts';
import { t } from '../../../../presentation/i18n/messages.ts';

@customElement('kpi-tile')
export class KpiTile extends LitElement {
  static styles = css`
    :host { display: block; background: white; border: 1px solid var(--line, #e4e7ec); border-radius: 10px; padding: 12px 14px; cursor: default; }
    .label { font-size: 13px; color: var(--muted, #667085); }
    .value { font-size: 26px; font-weight: 650; margin: 4px 0 2px; font-variant-numeric: tabular-nums; }
    .change { font-size: 12px; }
    .better { color: #067647; }
    .worse { color: #b42318; }
    .as-of { font-size: 11px; color: var(--muted, #667085); }
  `;

  @property() label = '';
  @property() hint = '';
  @property({ type: Number }) value: number | null = null;
  @property({ type: Number }) previous: number | null = null;
  @property() format: MetricFormat = 'count';
  /** Whether a higher value is good (resolution rate), bad (response time) or neither (volume). */
  @property({ attribute: false }) higherIsBetter: boolean | null = true;
  @property() lang: Lang = 'zh';
  /** For a figure judged at refresh (still open past target): that refresh's time. */
  @property() asOf: string | null = null;

  render() {
    const c = kpiChange(this.value, this.previous, this.format, this.higherIsBetter);
    return html`<div class="label" title=${this.hint}>${this.label}</div>
      <div class="value">${formatValue(this.value, this.format, this.lang)}</div>
      ${c ? html`<div class="change ${c.judgement}">${formatChange(c, this.lang)} ${this.lang === 'zh' ? '较上期' : 'vs previous'}</div>` : nothing}
      ${this.asOf ? html`<div class="as-of" title=${t(this.lang, 'asOfHint')}>${t(this.lang, 'asOf')} ${this.asOf}</div>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kpi-tile': KpiTile;
  }
}
