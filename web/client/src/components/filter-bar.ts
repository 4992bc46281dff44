// <filter-bar>: date range, region and grain. Emits `filters-changed` with the new filters.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t } from '../../../../presentation/i18n/messages.ts';
import type { Filters } from '../url-state.ts';
import { regionOptions } from '../session.ts';

const regions = ['华北', '华东', '华南', '华中', '西南'];

@customElement('filter-bar')
export class FilterBar extends LitElement {
  static styles = css`
    :host { display: flex; flex-wrap: wrap; gap: 12px 20px; align-items: end; }
    label { display: grid; gap: 4px; font-size: 13px; color: var(--muted, #667085); }
    input, select { font: inherit; font-size: 14px; padding: 6px 8px; border: 1px solid var(--line, #e4e7ec); border-radius: 6px; background: white; color: var(--ink, #1d2433); }
  `;

  @property({ attribute: false }) filters!: Filters;

  private change(patch: Partial<Filters>) {
    this.dispatchEvent(
      new CustomEvent<Filters>('filters-changed', { detail: { ...this.filters, ...patch }, bubbles: true, composed: true }),
    );
  }

  render() {
    const f = this.filters;
    const lang = f.lang;
    return html`
      <label>${t(lang, 'from')}<input name="from" type="date" .value=${f.from} @change=${(e: Event) => this.change({ from: (e.target as HTMLInputElement).value })} /></label>
      <label>${t(lang, 'to')}<input name="to" type="date" .value=${f.to} @change=${(e: Event) => this.change({ to: (e.target as HTMLInputElement).value })} /></label>
      <label
        >${t(lang, 'region')}
        <select name="region" @change=${(e: Event) => this.change({ region: (e.target as HTMLSelectElement).value })}>
          ${regionOptions(t(lang, 'allRegions'), regions).map((o) => html`<option value=${o.value} ?selected=${f.region === o.value}>${o.label}</option>`)}
        </select>
      </label>
      <label
        >${t(lang, 'grain')}
        <select name="grain" @change=${(e: Event) => this.change({ grain: (e.target as HTMLSelectElement).value as Filters['grain'] })}>
          <option value="month" ?selected=${f.grain === 'month'}>${t(lang, 'month')}</option>
          <option value="quarter" ?selected=${f.grain === 'quarter'}>${t(lang, 'quarter')}</option>
        </select>
      </label>
    `;
  }
}
