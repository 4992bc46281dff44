// <overview-page>: the management overview. KPI tiles with the change against the previous period, the
// resolution-rate trend and ticket volume, SLA by severity, backlog aging, satisfaction, complaints and costs.
// Every bar and point opens the tickets behind it where a ticket list can show them.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { metricCatalog, type MetricKey } from '../../../../contract/metrics/catalog.ts';
import { overviewKpis } from '../../../../contract/metrics/overview-kpis.ts';
import type { MetricSeries } from '../../../../warehouse/queries/metric-series.ts';
import { barByDimensionOption, type BarRow } from '../../../../presentation/charts/bar-by-dimension.option.ts';
import { metricTrendOption } from '../../../../presentation/charts/metric-trend.option.ts';
import {
  complaintsOption,
  costOption,
  satisfactionOption,
  slaBySeverityOption,
} from '../../../../presentation/charts/overview-charts.option.ts';
import { volumeOption } from '../../../../presentation/charts/volume.option.ts';
import { slaTimesOption, type SlaTargetKind } from '../../../../presentation/charts/sla-times.option.ts';
import { formatPeriod, formatValue } from '../../../../presentation/format/format-value.ts';
import { dimensionLabel } from '../../../../presentation/i18n/dimension-labels.ts';
import { t } from '../../../../presentation/i18n/messages.ts';
import { apiQuery, periodRange, previousRange, type Filters } from '../url-state.ts';
import { getJson } from '../get-json.ts';
import { pageStyles } from '../page-styles.ts';
import './kpi-tile.ts';
import './metric-chart.ts';
import type { DrillSource } from './drill-drawer.ts';
import './drill-drawer.ts';

const series = (metric: MetricKey, query: string, signal: AbortSignal) => getJson<MetricSeries>(`/api/metrics/${metric}?${query}`, signal);

@customElement('overview-page')
export class OverviewPage extends LitElement {
  static styles = [
    pageStyles,
    css`
      .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 12px; margin-top: 16px; }
      table { font-size: 14px; margin-top: 8px; }
      metric-chart { --chart-height: 300px; }
      .choices { display: flex; flex-wrap: wrap; gap: 6px; margin: 4px 0; }
      .choices button[aria-pressed='true'] { background: #2f6fde; border-color: #2f6fde; color: white; }
    `,
  ];

  @property({ attribute: false }) filters!: Filters;
  @state() private drill?: { heading: string; query: string; source: DrillSource };
  /** The SLA target whose times are drawn against it. */
  @state() private slaKind: SlaTargetKind = 'response';

  private readonly data = new Task(this, {
    task: async ([f], { signal }) => {
      const q = apiQuery(f);
      const all = apiQuery(f, { grain: 'all' });
      const prev = apiQuery({ ...f, ...previousRange(f) }, { grain: 'all' });
      // Times by severity in service hours, as the SLA compliance judges them, each with the configured targets.
      const times = `${all}&by=severity&clock=business`;
      const [rate, opened, kpis, previous, sla, aging, satisfaction, complaints, cost, response, arrival, resolution] = await Promise.all([
        series('resolution_rate', q, signal),
        series('opened', q, signal),
        Promise.all(overviewKpis.map((k) => series(k.metric, all, signal))),
        Promise.all(overviewKpis.map((k) => series(k.metric, prev, signal))),
        series('sla_compliance', `${all}&by=severity,sla_target`, signal),
        getJson<{ rows: BarRow[] }>(`/api/backlog/aging?as_of=${f.to}${f.region ? `&region=${encodeURIComponent(f.region)}` : ''}`, signal),
        series('satisfaction_distribution', `${all}&by=score`, signal),
        series('complaints', `${all}&by=category,verified`, signal),
        series('cost', `${all}&by=cost_type,warranty`, signal),
        series('response_time', times, signal),
        series('arrival_time', times, signal),
        series('resolution_time', times, signal),
      ]);
      return { rate, opened, kpis, previous, sla, aging, satisfaction, complaints, cost, times: { response, arrival, resolution } };
    },
    args: () => [this.filters] as const,
  });

  render() {
    const lang = this.filters.lang;
    return html`
      ${this.data.render({
        pending: () => html`<p class="note">${t(lang, 'loading')}</p>`,
        error: (e) => html`<p class="error">${t(lang, 'error')}: ${(e as Error).message}</p>`,
        complete: (d) => this.renderData(d),
      })}
      ${
        this.drill
          ? html`<drill-drawer .heading=${this.drill.heading} .query=${this.drill.query} .source=${this.drill.source} .lang=${lang} @close=${() => (this.drill = undefined)}></drill-drawer>`
          : nothing
      }
    `;
  }

  private open(
    heading: string,
    extra: Record<string, string>,
    range = { from: this.filters.from, to: this.filters.to },
    source: DrillSource = 'tickets',
  ) {
    const p = new URLSearchParams(Object.entries({ ...range, ...extra }).filter(([, v]) => v !== '' && v !== undefined));
    if (this.filters.region) p.set('region', this.filters.region);
    this.drill = { heading, query: p.toString(), source };
  }

  /** The tickets behind a period's resolution rate. */
  private openPeriod(period: string) {
    const lang = this.filters.lang;
    this.open(
      `${metricCatalog.resolution_rate.label[lang]} · ${formatPeriod(period, lang)}`,
      { metric: 'resolution_rate' },
      periodRange(period, this.filters),
    );
  }

  private keysOf(e: CustomEvent): Record<string, string> {
    return ((e.detail as { data?: { keys?: Record<string, string> } }).data?.keys ?? {}) as Record<string, string>;
  }

  private renderData(d: {
    rate: MetricSeries;
    opened: MetricSeries;
    kpis: MetricSeries[];
    previous: MetricSeries[];
    sla: MetricSeries;
    aging: { rows: BarRow[] };
    satisfaction: MetricSeries;
    complaints: MetricSeries;
    cost: MetricSeries;
    times: Record<SlaTargetKind, MetricSeries>;
  }) {
    const lang = this.filters.lang;
    const rateDef = metricCatalog.resolution_rate;
    const ctx = { lang };
    if (d.rate.rows.length === 0) return html`<p class="note">${t(lang, 'noData')}</p>`;
    return html`
      <div class="tiles" id="kpis">
        ${overviewKpis.map(({ metric: m, higherIsBetter }, i) => {
          const def = metricCatalog[m];
          return html`<kpi-tile
            data-metric=${m}
            .label=${def.label[lang]}
            .hint=${def.formula[lang]}
            .value=${d.kpis[i].rows[0]?.value ?? null}
            .previous=${d.previous[i].rows[0]?.value ?? null}
            .format=${def.format}
            .higherIsBetter=${higherIsBetter}
            .asOf=${d.kpis[i].as_of ?? null}
            .lang=${lang}
          ></kpi-tile>`;
        })}
      </div>
      <div class="grid">
        <section class="panel" id="trend">
          <h2 title=${rateDef.formula[lang]}>${t(lang, 'trendTitle')}</h2>
          <metric-chart
            .option=${metricTrendOption(d.rate, rateDef, ctx)}
            @chart-click=${(e: CustomEvent) => {
              const period = d.rate.rows[(e.detail as { dataIndex: number }).dataIndex]?.period;
              if (period) this.openPeriod(period);
            }}
          ></metric-chart>
          <table>
            <thead>
              <tr><th>${t(lang, 'period')}</th><th>${t(lang, 'resolved')}</th><th>${t(lang, 'counted')}</th><th>${rateDef.label[lang]}</th></tr>
            </thead>
            <tbody>
              ${d.rate.rows.map(
                // A row opens the same tickets as its point on the chart, by mouse or keyboard (Tab, Enter).
                (r) =>
                  html`<tr class="link" tabindex="0" data-period=${r.period} @click=${() => this.openPeriod(r.period)}><td>${formatPeriod(r.period, lang)}</td><td>${r.numerator}</td><td>${r.denominator}</td><td>${formatValue(r.value, rateDef.format, lang)}</td></tr>`,
              )}
            </tbody>
          </table>
        </section>
        <section class="panel" id="volume">
          <h2 title=${metricCatalog.opened.formula[lang]}>${t(lang, 'volumeTitle')}</h2>
          <metric-chart .option=${volumeOption(d.opened, metricCatalog.opened, ctx)}></metric-chart>
        </section>
        <section class="panel" id="sla">
          <h2 title=${metricCatalog.sla_compliance.formula[lang]}>${t(lang, 'slaBySeverity')}${d.sla.as_of ? html` · <span class="as-of" title=${t(lang, 'asOfHint')}>${t(lang, 'asOf')} ${d.sla.as_of}</span>` : nothing}</h2>
          <metric-chart
            .option=${slaBySeverityOption(d.sla, ctx)}
            @chart-click=${(e: CustomEvent) => {
              const k = this.keysOf(e);
              const sev: Record<string, string> = k.severity ? { severity: k.severity } : {};
              this.open(
                `${t(lang, 'slaMissed')} · ${dimensionLabel('severity', k.severity, lang)} · ${dimensionLabel('sla_target', k.sla_target, lang)}`,
                { metric: 'sla_compliance', sla_target: k.sla_target, part: 'missed', ...sev },
              );
            }}
          ></metric-chart>
        </section>
        <section class="panel" id="sla-times">
          <h2 title=${metricCatalog[`${this.slaKind}_time`].formula[lang]}>${t(lang, 'slaTimes')}</h2>
          <div class="choices" role="group" aria-label=${t(lang, 'slaTimes')}>
            ${(['response', 'arrival', 'resolution'] as const).map(
              (k) =>
                html`<button data-kind=${k} aria-pressed=${String(this.slaKind === k)} @click=${() => (this.slaKind = k)}>${dimensionLabel('sla_target', k, lang)}</button>`,
            )}
          </div>
          <metric-chart .option=${slaTimesOption(d.times[this.slaKind], metricCatalog[`${this.slaKind}_time`], this.slaKind, ctx)}></metric-chart>
        </section>
        <section class="panel" id="aging">
          <h2 title=${metricCatalog.backlog.formula[lang]}>${t(lang, 'backlogAging')} · ${this.filters.to}</h2>
          <metric-chart
            .option=${barByDimensionOption(
              d.aging.rows.map((r) => ({ ...r, value: r.tickets as number })),
              { title: metricCatalog.backlog.label[lang], category: 'bucket', format: 'count' },
              ctx,
            )}
            @chart-click=${(e: CustomEvent) => {
              const bucket = this.keysOf(e).bucket;
              this.open(
                `${metricCatalog.backlog.label[lang]} · ${this.filters.to} · ${dimensionLabel('bucket', bucket, lang)}`,
                { open_on: this.filters.to, open_age: bucket },
                { from: '', to: '' },
              );
            }}
          ></metric-chart>
        </section>
        <section class="panel" id="satisfaction">
          <h2 title=${metricCatalog.satisfaction_distribution.formula[lang]}>${metricCatalog.satisfaction_distribution.label[lang]}</h2>
          <metric-chart
            .option=${satisfactionOption(d.satisfaction, ctx)}
            @chart-click=${(e: CustomEvent) => {
              const k = this.keysOf(e);
              this.open(`${metricCatalog.satisfaction_distribution.label[lang]} · ${dimensionLabel('score', k.score, lang)}`, {
                metric: 'csat',
                rating: k.score,
              });
            }}
          ></metric-chart>
        </section>
        <section class="panel" id="complaints">
          <h2 title=${metricCatalog.complaints.formula[lang]}>${t(lang, 'complaintsByCategory')}</h2>
          <metric-chart
            .option=${complaintsOption(d.complaints, ctx)}
            @chart-click=${(e: CustomEvent) => {
              const k = this.keysOf(e);
              const heading = `${metricCatalog.complaints.label[lang]} · ${dimensionLabel('category', k.category, lang)} · ${dimensionLabel('verified', k.verified, lang)}`;
              this.open(heading, { category: k.category, verified: k.verified }, undefined, 'complaints');
            }}
          ></metric-chart>
        </section>
        <section class="panel" id="cost">
          <h2 title=${metricCatalog.cost.formula[lang]}>${metricCatalog.cost.label[lang]}</h2>
          <metric-chart
            .option=${costOption(d.cost, ctx)}
            @chart-click=${(e: CustomEvent) => {
              const k = this.keysOf(e);
              this.open(
                `${metricCatalog.cost.label[lang]} · ${dimensionLabel('cost_type', k.cost_type, lang)} · ${dimensionLabel('warranty', k.warranty, lang)}`,
                { metric: 'cost', cost_type: k.cost_type, warranty: k.warranty },
              );
            }}
          ></metric-chart>
        </section>
      </div>
      <p class="note">${rateDef.formula[lang]}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'overview-page': OverviewPage;
  }
}
