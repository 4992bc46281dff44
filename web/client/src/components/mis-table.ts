// <mis-table>: the warranty engineer's MIS ("Nevada") table on the quality page: claims per 1,000 units at risk by
// months in service (columns MIS 1 … N), one row per production month or batch, each cell with its units at risk;
// for all models, a product line or a model, in the page's region; and the same cells as lines per cohort.
// Without an installed base loaded it says what to load. Rules: warehouse/models/marts/claim_cells.sql.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { metricCatalog } from '../../../../contract/metrics/catalog.ts';
import type { ClaimsPerThousand, MisCohort } from '../../../../warehouse/queries/claims-per-thousand.ts';
import type { MetricSeries } from '../../../../warehouse/queries/metric-series.ts';
import { chartedCohorts, cohortLabel, misLinesOption } from '../../../../presentation/charts/mis-lines.option.ts';
import { formatPerThousandCell, formatValue, type Lang } from '../../../../presentation/format/format-value.ts';
import { t } from '../../../../presentation/i18n/messages.ts';
import { getJson } from '../get-json.ts';
import { pageStyles } from '../page-styles.ts';
import './metric-chart.ts';

const monthChoices = [12, 24, 36] as const;
const maxLines = 12;

@customElement('mis-table')
export class MisTable extends LitElement {
  static styles = [
    pageStyles,
    css`
      .scroll { overflow-x: auto; max-width: 100%; }
      .scroll:focus-visible { outline: 2px solid var(--accent, #2f6fde); outline-offset: 2px; }
      table.mis td, table.mis th { padding: 3px 6px; white-space: nowrap; }
      table.mis th[scope='row'] { position: sticky; left: 0; background: white; color: #1d2939; font-weight: 600; }
      table.mis td small { display: block; color: #475467; font-size: 11px; }
      .controls { display: flex; gap: 12px; flex-wrap: wrap; align-items: center; margin-bottom: 8px; }
    `,
  ];

  @property() lang: Lang = 'zh';
  /** The page's region ('' for all). */
  @property() region = '';
  @state() private by: MisCohort = 'production_month';
  @state() private line = '';
  @state() private model = '';
  @state() private months = 24;

  private query(): string {
    const p = new URLSearchParams({ by: this.by, months: String(this.months) });
    if (this.line) p.set('product_line', this.line);
    if (this.model) p.set('product_model', this.model);
    if (this.region) p.set('region', this.region);
    return p.toString();
  }

  private readonly data = new Task(this, {
    task: async ([query, region], { signal }) => {
      const regionOnly = region ? `&region=${encodeURIComponent(region)}` : '';
      const [table, models] = await Promise.all([
        getJson<ClaimsPerThousand>(`/api/metrics/claims_per_thousand?${query}`, signal),
        // The lines and models to choose from: those with tickets.
        getJson<MetricSeries>(`/api/metrics/opened?grain=all&by=product_line,product_model${regionOnly}`, signal),
      ]);
      return { table, models };
    },
    args: () => [this.query(), this.region] as const,
  });

  render() {
    const lang = this.lang;
    return html`<section class="panel" id="mis" aria-labelledby="mis-heading">
      <h2 id="mis-heading" title=${metricCatalog.claims_per_thousand.formula[lang]}>${t(lang, 'misTitle')}</h2>
      ${this.data.render({
        pending: () => html`<p class="note">${t(lang, 'loading')}</p>`,
        error: (e) => html`<p class="error">${(e as Error).message}</p>`,
        complete: (d) => this.renderData(d),
      })}
    </section>`;
  }

  private renderData(d: { table: ClaimsPerThousand; models: MetricSeries }) {
    const lang = this.lang;
    const { table } = d;
    if (table.units_loaded === 0) return html`<p class="note" id="mis-empty">${t(lang, 'misNoUnits')}</p>`;
    const pairs = d.models.rows
      .filter((r) => r.product_model)
      .map((r) => ({ line: String(r.product_line ?? ''), model: String(r.product_model) }));
    const lines = [...new Set(pairs.map((p) => p.line).filter(Boolean))].sort();
    const models = [...new Set(pairs.filter((p) => !this.line || p.line === this.line).map((p) => p.model))].sort();
    return html`
      <div class="controls">
        <label>${t(lang, 'misBy')}
          <select id="mis-by" @change=${(e: Event) => (this.by = (e.target as HTMLSelectElement).value as MisCohort)}>
            <option value="production_month" ?selected=${this.by === 'production_month'}>${t(lang, 'misByMonth')}</option>
            <option value="production_batch" ?selected=${this.by === 'production_batch'}>${t(lang, 'misByBatch')}</option>
          </select>
        </label>
        <label>${t(lang, 'misLine')}
          <select id="mis-line" @change=${(e: Event) => {
            this.line = (e.target as HTMLSelectElement).value;
            this.model = '';
          }}>
            <option value="" ?selected=${!this.line}>${t(lang, 'misAll')}</option>
            ${lines.map((l) => html`<option value=${l} ?selected=${l === this.line}>${l}</option>`)}
          </select>
        </label>
        <label>${t(lang, 'misModel')}
          <select id="mis-model" @change=${(e: Event) => (this.model = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this.model}>${t(lang, 'misAll')}</option>
            ${models.map((m) => html`<option value=${m} ?selected=${m === this.model}>${m}</option>`)}
          </select>
        </label>
        <label>${t(lang, 'misMonthsShown')}
          <select id="mis-months" @change=${(e: Event) => (this.months = Number((e.target as HTMLSelectElement).value))}>
            ${monthChoices.map((m) => html`<option value=${m} ?selected=${m === this.months}>${formatValue(m, 'count', lang)}</option>`)}
          </select>
        </label>
        <a id="mis-csv" href="/api/metrics/claims_per_thousand?${this.query()}&format=csv&lang=${lang}" download>${t(lang, 'misDownload')}</a>
      </div>
      ${table.units_installed === 0 || table.rows.length === 0 ? html`<p class="note" id="mis-none">${table.units_installed === 0 ? t(lang, 'misNoInstalled') : t(lang, 'noData')}</p>` : this.renderTable(table)}
    `;
  }

  private renderTable(table: ClaimsPerThousand) {
    const lang = this.lang;
    const cohorts = [...new Set(table.rows.map((r) => r.cohort))];
    const lastMonth = Math.max(...table.rows.map((r) => r.months_in_service));
    const months = Array.from({ length: lastMonth }, (_, i) => i + 1);
    const cells = new Map(table.rows.map((r) => [`${r.cohort}|${r.months_in_service}`, r]));
    const top = Math.max(...table.rows.map((r) => r.claims_per_thousand), 1);
    const charted = chartedCohorts(table.rows, maxLines).length;
    const byLabel = t(lang, table.by === 'production_month' ? 'misByMonth' : 'misByBatch');
    return html`
      <p class="note">${t(lang, 'misCellHint')}</p>
      <div class="scroll" tabindex="0" role="region" aria-label=${t(lang, 'misTitle')}>
        <table class="mis" id="mis-table">
          <caption class="note">${byLabel} × ${t(lang, 'misMonths')}</caption>
          <thead><tr><th scope="col" class="text">${byLabel}</th>${months.map((m) => html`<th scope="col">${m}</th>`)}</tr></thead>
          <tbody>
            ${cohorts.map(
              (c) =>
                html`<tr data-cohort=${c ?? ''}><th scope="row" class="text">${cohortLabel(c, table.by, lang)}</th>${months.map((m) => {
                  const x = cells.get(`${c}|${m}`);
                  if (!x) return html`<td></td>`;
                  // A light tint by the value, the text dark on every tint.
                  const tint = Math.min(0.35, (0.35 * x.claims_per_thousand) / top);
                  return html`<td style=${`background: rgba(214, 69, 69, ${tint.toFixed(3)})`} data-mis=${m}
                  title=${`${formatValue(x.claims, 'count', lang)} / ${formatValue(x.units_at_risk, 'count', lang)}`}>${formatPerThousandCell(x.claims_per_thousand, lang)}<small>${formatValue(x.units_at_risk, 'count', lang)}</small></td>`;
                })}</tr>`,
            )}
          </tbody>
        </table>
      </div>
      <metric-chart id="mis-chart" .drill=${false}
        .option=${misLinesOption(table.rows, { title: t(lang, 'misChart'), by: table.by, months: lastMonth, maxLines }, { lang })}></metric-chart>
      ${cohorts.length > charted ? html`<p class="note">${t(lang, 'misChartTop').replace('{n}', formatValue(charted, 'count', lang))}</p>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mis-table': MisTable;
  }
}
