// <reliability-panel>: the Quality page's reliability with the installed base: the Weibull fits with
// suspensions per model and per production batch (shape, scale, B10 life, each with its 95 % bounds; failed
// and suspended units), the Weibull probability plot of the model chosen (all models until one is), and the
// warranty claims forecast for the next 12 months per model with its interval and cost, beside the forecast made a
// year earlier and the claims that then arrived. Without the installed base the failures-only fit shows, said so.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { metricCatalog } from '../../../../contract/metrics/catalog.ts';
import type { ReliabilityFitRow, ReliabilityFits } from '../../../../warehouse/queries/reliability-fits.ts';
import type { ComparedMonth, ForecastMonth, ModelForecast, WarrantyForecast } from '../../../../warehouse/queries/warranty-forecast.ts';
import { weibullPlotOption } from '../../../../presentation/charts/weibull-plot.option.ts';
import { formatDecimal, formatPeriod, formatValue, type Lang } from '../../../../presentation/format/format-value.ts';
import { t, tFill } from '../../../../presentation/i18n/messages.ts';
import { getJson } from '../get-json.ts';
import { pageStyles } from '../page-styles.ts';
import type { TableColumn } from './data-table.ts';
import './data-table.ts';
import './metric-chart.ts';

type Bounds = [number, number] | undefined;

@customElement('reliability-panel')
export class ReliabilityPanel extends LitElement {
  static styles = [
    pageStyles,
    css`
      metric-chart { --chart-height: 360px; }
      .basis { margin: 4px 0 8px; }
      .basis.only { color: #b54708; }
      .bounds { color: var(--muted, #667085); font-size: 12px; }
      tr.chosen td { background: #eef4ff; }
      select { margin-left: 6px; }
    `,
  ];

  @property() lang: Lang = 'zh';
  /** Only this region's units (empty: all). */
  @property() region = '';
  /** The model whose plot and forecast months show; all models when unset. */
  @state() private model?: string;

  private readonly data = new Task(this, {
    task: async ([region], { signal }) => {
      const q = region ? `?region=${encodeURIComponent(region)}` : '';
      const [fits, forecast] = await Promise.all([
        getJson<ReliabilityFits>(`/api/metrics/reliability_fits${q}`, signal),
        getJson<WarrantyForecast>(`/api/metrics/warranty_forecast${q}`, signal),
      ]);
      return { fits, forecast };
    },
    args: () => [this.region] as const,
  });

  render() {
    return this.data.render({
      pending: () => html`<p class="note">${t(this.lang, 'loading')}</p>`,
      error: (e) => html`<p class="error">${(e as Error).message}</p>`,
      complete: (d) => html`${this.renderFits(d.fits)} ${this.renderForecast(d.forecast)}`,
    });
  }

  private count(v: number | null | undefined) {
    return formatValue(v, 'count', this.lang);
  }

  private withBounds(v: number | undefined, b: Bounds, digits?: number) {
    const f = (x: number) => (digits === undefined ? this.count(x) : formatDecimal(x, this.lang, digits));
    if (v === undefined) return '—';
    return html`${f(v)}${b ? html` <span class="bounds">[${f(b[0])}, ${f(b[1])}]</span>` : nothing}`;
  }

  private renderFits(fits: ReliabilityFits) {
    const lang = this.lang;
    const failures = fits.rows.filter((r) => r.scope === 'model').reduce((a, r) => a + r.failures, 0);
    const suspensions = fits.rows.filter((r) => r.scope === 'model').reduce((a, r) => a + r.suspensions, 0);
    const basis =
      fits.basis === 'units'
        ? tFill(lang, 'rel_withUnits', {
            failures: this.count(failures),
            suspensions: this.count(suspensions),
            asOf: fits.as_of ?? '—',
          })
        : t(lang, 'rel_failuresOnly');
    const notFitted = tFill(lang, 'rel_notFitted', { n: this.count(fits.min_failures) });
    const columns: TableColumn<ReliabilityFitRow>[] = [
      { key: 'model', label: t(lang, 'rel_model'), value: (r) => r.product_model },
      {
        key: 'batch',
        label: t(lang, 'rel_batch'),
        value: (r) => (r.scope === 'model' ? t(lang, 'rel_allBatches') : (r.production_batch ?? t(lang, 'rel_noBatch'))),
      },
      { key: 'units', label: t(lang, 'rel_units'), value: (r) => r.units },
      { key: 'failures', label: t(lang, 'rel_failures'), value: (r) => r.failures },
      { key: 'suspensions', label: t(lang, 'rel_suspensions'), value: (r) => r.suspensions },
      {
        key: 'shape',
        label: t(lang, 'rel_shape'),
        title: t(lang, 'explainWeibull'),
        value: (r) => r.fit?.shape ?? null,
        cell: (r) => (r.fit ? this.withBounds(r.fit.shape, r.fit.bounds?.shape, 2) : notFitted),
      },
      {
        key: 'scale',
        label: t(lang, 'rel_scale'),
        title: t(lang, 'explainWeibull'),
        value: (r) => r.fit?.scale ?? null,
        cell: (r) => (r.fit ? this.withBounds(r.fit.scale, r.fit.bounds?.scale) : '—'),
      },
      {
        key: 'b10',
        label: t(lang, 'rel_b10'),
        title: t(lang, 'rel_explainB10'),
        value: (r) => r.fit?.b10 ?? null,
        cell: (r) => (r.fit ? this.withBounds(r.fit.b10, r.fit.bounds?.b10) : '—'),
      },
    ];
    const plotTitle = `${t(lang, 'rel_plot')} · ${this.model ?? t(lang, 'rel_allModels')}`;
    return html`<section class="panel" id="reliability">
      <h2 title=${metricCatalog.reliability_fits.formula[lang]}>${t(lang, 'rel_title')}</h2>
      <p class="note basis ${fits.basis === 'units' ? '' : 'only'}" id="reliability-basis">${basis}</p>
      <h3>${t(lang, 'rel_fits')}</h3>
      <p class="note">${t(lang, 'rel_explainB10')}</p>
      <data-table .rows=${fits.rows} .columns=${columns} .lang=${lang} label=${t(lang, 'rel_fits')} row-attr="data-fit-row"
        .rowKey=${(r: ReliabilityFitRow) => `${r.product_model}|${r.scope === 'model' ? '*' : r.production_batch}`}
        .rowClass=${(r: ReliabilityFitRow) => (r.scope === 'model' && r.product_model === this.model ? 'chosen' : '')}
        .open=${(r: ReliabilityFitRow) => (this.model = r.product_model ?? undefined)}></data-table>
      ${
        fits.basis === 'units'
          ? html`<h3>${plotTitle}
                ${this.model ? html`<button id="all-plot-models" @click=${() => (this.model = undefined)}>${t(lang, 'rel_allModels')}</button>` : nothing}</h3>
              <p class="note">${t(lang, 'rel_explainPlot')}</p>
              <metric-chart .drill=${false} .option=${weibullPlotOption(fits, { lang }, { title: plotTitle, model: this.model })}></metric-chart>`
          : nothing
      }
    </section>`;
  }

  private renderForecast(f: WarrantyForecast) {
    const lang = this.lang;
    const title = t(lang, 'rel_forecast');
    if (f.basis === 'no_units')
      return html`<section class="panel" id="warranty-forecast"><h2>${title}</h2><p class="note">${t(lang, 'rel_noForecast')}</p></section>`;
    const modelName = (m: ModelForecast) => m.product_model ?? t(lang, 'rel_allModels');
    const chosen = f.models.find((m) => m.product_model === (this.model ?? null)) ?? f.models.at(-1);
    const interval = (x: { low: number; high: number }) => `${this.count(x.low)}–${this.count(x.high)}`;
    const money = (v: number | null) => formatValue(v, 'currency', lang);
    const modelColumns: TableColumn<ModelForecast>[] = [
      { key: 'model', label: t(lang, 'rel_model'), value: (m) => modelName(m) },
      { key: 'atRisk', label: t(lang, 'rel_atRisk'), value: (m) => m.units_at_risk },
      {
        key: 'expected',
        label: t(lang, 'rel_expected'),
        value: (m) => m.total?.expected ?? null,
        cell: (m) => (m.total ? formatDecimal(m.total.expected, lang, 1) : tFill(lang, 'rel_notFitted', { n: this.count(f.min_failures) })),
      },
      {
        key: 'interval',
        label: t(lang, 'rel_interval'),
        value: (m) => m.total?.low ?? null,
        cell: (m) => (m.total ? interval(m.total) : '—'),
      },
      { key: 'meanCost', label: t(lang, 'rel_meanCost'), value: (m) => m.mean_cost_per_claim, cell: (m) => money(m.mean_cost_per_claim) },
      {
        key: 'cost',
        label: t(lang, 'rel_cost'),
        value: (m) => m.total?.cost ?? null,
        cell: (m) =>
          m.total?.cost == null
            ? '—'
            : html`${money(m.total.cost)} <span class="bounds">[${money(m.total.cost_low)}, ${money(m.total.cost_high)}]</span>`,
      },
    ];
    const monthColumns: TableColumn<ForecastMonth>[] = [
      { key: 'month', label: t(lang, 'rel_month'), value: (m) => m.month, cell: (m) => formatPeriod(m.month, lang) },
      { key: 'expected', label: t(lang, 'rel_expected'), value: (m) => m.expected, cell: (m) => formatDecimal(m.expected, lang, 1) },
      { key: 'interval', label: t(lang, 'rel_interval'), value: (m) => m.low, cell: (m) => interval(m) },
      { key: 'cost', label: t(lang, 'rel_cost'), value: (m) => m.cost, cell: (m) => money(m.cost) },
    ];
    const comparedColumns: TableColumn<ComparedMonth>[] = [
      { key: 'month', label: t(lang, 'rel_month'), value: (m) => m.month, cell: (m) => formatPeriod(m.month, lang) },
      { key: 'expected', label: t(lang, 'rel_expected'), value: (m) => m.expected, cell: (m) => formatDecimal(m.expected, lang, 1) },
      { key: 'interval', label: t(lang, 'rel_interval'), value: (m) => m.low, cell: (m) => interval(m) },
      { key: 'actual', label: t(lang, 'rel_actual'), value: (m) => m.actual },
    ];
    return html`<section class="panel" id="warranty-forecast">
      <h2 title=${metricCatalog.warranty_forecast.formula[lang]}>${title}</h2>
      <p class="note">${t(lang, 'rel_explainForecast')}</p>
      <data-table .rows=${f.models} .columns=${modelColumns} .lang=${lang} label=${title} row-attr="data-forecast-model"
        .rowKey=${(m: ModelForecast) => String(m.product_model ?? '*')}
        .rowClass=${(m: ModelForecast) => (m === chosen ? 'chosen' : '')}
        .open=${(m: ModelForecast) => (this.model = m.product_model ?? undefined)}></data-table>
      ${
        chosen?.total
          ? html`<h3>${title} · ${modelName(chosen)}</h3>
              <data-table .rows=${chosen.months} .columns=${monthColumns} .lang=${lang} page-size="12" label=${`${title} · ${modelName(chosen)}`} row-attr="data-forecast-month"
                .rowKey=${(m: ForecastMonth) => m.month}></data-table>`
          : nothing
      }
      ${
        chosen?.comparison
          ? html`<h3>${tFill(lang, 'rel_comparison', { cutoff: chosen.comparison.cutoff })} · ${modelName(chosen)}</h3>
              <data-table .rows=${[...chosen.comparison.months, { ...chosen.comparison.total, month: t(lang, 'rel_total') }]}
                .columns=${comparedColumns} .lang=${lang} page-size="13" label=${tFill(lang, 'rel_comparison', { cutoff: chosen.comparison.cutoff })}
                row-attr="data-compared-month" .rowKey=${(m: ComparedMonth) => m.month}></data-table>`
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'reliability-panel': ReliabilityPanel;
  }
}
