// <quality-page>: the quality engineer's quarter. Flags (too often / major impact, with reasons), the fault
// Pareto, the repeat-rate heatmap (model × fault), repeat and first-time fix by model, chronic units with each
// unit's history, the fault -> solution table, failures by time in service with Weibull fits, and parts (usage,
// returns on time, overdue lines). Every row, bar and cell opens the tickets behind it. Quarter and region are
// in the URL (?quarter=2025Q3&region=…).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { metricCatalog } from '../../../../warehouse/metrics/catalog.ts';
import type { MetricSeries } from '../../../../warehouse/queries/metric-series.ts';
import type { QualityFlag } from '../../../../warehouse/queries/quality-flags.ts';
import type { ChronicUnit } from '../../../../warehouse/queries/chronic-units.ts';
import type { FaultSolution } from '../../../../warehouse/queries/fault-solutions.ts';
import type { FailuresByAge } from '../../../../warehouse/queries/failures-by-age.ts';
import type { PartsUsage } from '../../../../warehouse/queries/parts-usage.ts';
import type { OverduePart } from '../../../../warehouse/queries/overdue-parts.ts';
import { parseQuarterKey } from '../../../../warehouse/queries/quarters.ts';
import { QuarterStateController, quarterChoices } from '../quarter-state.ts';
import { getJson } from '../get-json.ts';
import { regionOptions } from '../session.ts';
import { pageStyles } from '../page-styles.ts';
import { barByDimensionOption } from '../../../charts/bar-by-dimension.option.ts';
import { faultParetoOption } from '../../../charts/fault-pareto.option.ts';
import { repeatHeatmapOption } from '../../../charts/repeat-heatmap.option.ts';
import { dimensionLabel } from '../../../i18n/dimension-labels.ts';
import { t } from '../../../i18n/messages.ts';
import { formatPeriod, formatShownOf, formatValue, type Lang } from '../../../format/format-value.ts';
import type { TablePage } from '../../../../warehouse/queries/table-page.ts';
import './metric-chart.ts';
import './drill-drawer.ts';
import './unit-timeline.ts';
import './quality-actions.ts';

const words = {
  zh: {
    quarter: '季度', region: '大区', all: '全部', flags: '质量问题标记', tooOften: '发生过多', majorImpact: '影响重大', count: '数量', limit: '上限',
    strength: '超限倍数', shortHistory: '历史较短', reasons: '原因', noFlags: '本季度没有标记', pareto: '故障帕累托（红色为关键少数）', heatmap: '返修率：型号 × 故障（工单 ≥ 5）',
    byModel: '各型号返修率与一次修复率', model: '型号', fault: '故障', chronic: '顽固故障机', serial: '序列号', most: '365 天内最多', tickets: '工单',
    repeats: '返修', faults: '故障', solutions: '故障—解决方案', solution: '解决方案', uses: '次数', share: '占比', held: '有效率', known: '已知结果', best: '首选',
    ages: '按在用时长的故障', repairTickets: '维修工单数', months: '在用月数', monthsShort: '个月', allModels: '全部型号', fit: 'Weibull 拟合（最大似然）', shape: '形状', scale: '尺度（天）', units: '机身数', median: '首次故障中位（天）',
    parts: '配件', part: '配件', partName: '配件名称', quantity: '数量', cost: '金额', warrantyShare: '保内占比', perRepair: '每张维修工单配件数', returns: '旧件返还及时率',
    overdue: '逾期未返还旧件', due: '到期日', daysOverdue: '逾期天数', csv: '下载 CSV', ticketsOf: '工单',
  },
  en: {
    quarter: 'Quarter', region: 'Region', all: 'All', flags: 'Quality flags', tooOften: 'Too often', majorImpact: 'Major impact', count: 'Count', limit: 'Limit',
    strength: '× limit', shortHistory: 'Short history', reasons: 'Reasons', noFlags: 'No flags this quarter', pareto: 'Fault Pareto (red: the vital few)', heatmap: 'Repeat rate: model × fault (5+ tickets)',
    byModel: 'Repeat rate and first-time fix by model', model: 'Model', fault: 'Fault', chronic: 'Chronic units', serial: 'Serial no.', most: 'Most in 365 d', tickets: 'Tickets',
    repeats: 'Repeats', faults: 'Faults', solutions: 'Fault solutions', solution: 'Solution', uses: 'Uses', share: 'Share', held: 'Held', known: 'Known', best: 'Best',
    ages: 'Failures by time in service', repairTickets: 'Repair tickets', months: 'Months in service', monthsShort: 'months', allModels: 'All models', fit: 'Weibull fit (maximum likelihood)', shape: 'Shape', scale: 'Scale (days)', units: 'Units', median: 'Median first failure (days)',
    parts: 'Parts', part: 'Part', partName: 'Part name', quantity: 'Quantity', cost: 'Cost', warrantyShare: 'Warranty share', perRepair: 'Parts per repair ticket', returns: 'Defective parts returned on time',
    overdue: 'Defective parts overdue', due: 'Due', daysOverdue: 'Days overdue', csv: 'Download CSV', ticketsOf: 'Tickets',
  },
} as const;

@customElement('quality-page')
export class QualityPage extends LitElement {
  static styles = [
    pageStyles,
    css`
    .panel button { margin-top: 8px; }
    .tag { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px; margin-right: 4px; }
    .tag.often { background: #fef3f2; color: #b42318; }
    .tag.impact { background: #fffaeb; color: #b54708; }
    .tag.short { background: #f2f4f7; color: #475467; }
    .best { color: #067647; font-weight: 600; }
    tr.chosen td { background: #eef4ff; }
    metric-chart { --chart-height: 340px; }
  `,
  ];

  @property() lang: Lang = 'zh';
  private readonly view = new QuarterStateController(this);
  @state() private drill?: { heading: string; query: string };
  @state() private unit?: string;
  /** The flags list shows the strongest 15 until asked for all. */
  @state() private allFlags = false;
  /** The model whose failures by age the chart shows (a click on its fit row); all models when unset. */
  @state() private ageModel?: string;

  private get quarter() {
    return this.view.state.quarter;
  }

  private get region() {
    return this.view.state.region;
  }

  private readonly data = new Task(this, {
    task: async ([quarter, region], { signal }) => {
      const q = parseQuarterKey(quarter);
      const range = `from=${q.from}&to=${q.to}${region ? `&region=${encodeURIComponent(region)}` : ''}`;
      const regionOnly = region ? `&region=${encodeURIComponent(region)}` : '';
      const [flags, pareto, heat, repeatByModel, ftfByModel, chronic, solutions, ages, parts, returns, overdue, regions] = await Promise.all([
        getJson<{ rows: QualityFlag[] }>(`/api/metrics/quality_flags?quarter=${q.key.replace('-', '')}${regionOnly}`, signal),
        getJson<MetricSeries>(`/api/metrics/fault_pareto?grain=all&by=fault_code&${range}`, signal),
        getJson<MetricSeries>(`/api/metrics/repeat_rate?grain=all&by=product_model,fault_code&${range}`, signal),
        getJson<MetricSeries>(`/api/metrics/repeat_rate?grain=all&by=product_model&${range}`, signal),
        getJson<MetricSeries>(`/api/metrics/first_time_fix_rate?grain=all&by=product_model&${range}`, signal),
        getJson<TablePage<ChronicUnit>>(`/api/metrics/chronic_units?limit=50&${range}`, signal),
        // Solutions and ages: everything up to the quarter's end, the fuller the history the better.
        getJson<{ rows: FaultSolution[] }>(`/api/metrics/fault_solutions?to=${q.to}${regionOnly}`, signal),
        getJson<FailuresByAge>(`/api/metrics/failures_by_age?to=${q.to}${regionOnly}`, signal),
        getJson<PartsUsage>(`/api/metrics/parts_usage?${range}`, signal),
        getJson<MetricSeries>(`/api/metrics/parts_return_on_time?grain=all&${range}`, signal),
        getJson<TablePage<OverduePart>>(`/api/parts/overdue?limit=50${regionOnly}`, signal),
        getJson<MetricSeries>(`/api/metrics/opened?grain=all&by=region`, signal),
      ]);
      return { q, flags, pareto, heat, repeatByModel, ftfByModel, chronic, solutions, ages, parts, returns, overdue, regions };
    },
    args: () => [this.quarter, this.region] as const,
  });

  private open(heading: string, extra: Record<string, string | null | undefined>, whole = false) {
    const q = parseQuarterKey(this.quarter);
    const p = new URLSearchParams();
    if (!whole) {
      p.set('from', q.from);
      p.set('to', q.to);
    }
    for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
    if (this.region) p.set('region', this.region);
    this.drill = { heading, query: p.toString() };
  }

  render() {
    const w = words[this.lang];
    const quarters = quarterChoices(this.quarter);
    return html`
      <nav>
        <label>${w.quarter}
          <select id="quarter" @change=${(e: Event) => this.view.set({ quarter: (e.target as HTMLSelectElement).value })}>
            ${quarters.map((k) => html`<option value=${k} ?selected=${k === this.quarter}>${formatPeriod(k, this.lang)}</option>`)}
          </select>
        </label>
        <label>${w.region}
          <select id="region" @change=${(e: Event) => this.view.set({ region: (e.target as HTMLSelectElement).value })}>
            ${regionOptions(w.all, (this.data.value?.regions.rows ?? []).filter((r) => r.region).map((r) => String(r.region))).map((o) => html`<option value=${o.value} ?selected=${o.value === this.region}>${o.label}</option>`)}
          </select>
        </label>
      </nav>
      ${this.data.render({
        pending: () => html`<p class="note">${this.lang === 'zh' ? '加载中…' : 'Loading…'}</p>`,
        error: (e) => html`<p class="error">${(e as Error).message}</p>`,
        complete: (d) => this.renderData(d),
      })}
      <quality-actions .lang=${this.lang}></quality-actions>
      ${this.drill
        ? html`<drill-drawer .heading=${this.drill.heading} .query=${this.drill.query} .lang=${this.lang} @close=${() => (this.drill = undefined)}></drill-drawer>`
        : nothing}
    `;
  }

  private renderData(d: NonNullable<QualityPage['data']['value']>) {
    const lang = this.lang;
    const w = words[lang];
    const pct = (v: number | null | undefined) => formatValue(v ?? null, 'percent', lang);
    const ftf = new Map(d.ftfByModel.rows.map((r) => [r.product_model, r]));
    const ctx = { lang };
    return html`
      <section class="panel" id="flags">
        <h2 title=${metricCatalog.quality_flags.formula[lang]}>${w.flags} · ${formatPeriod(d.q.key, lang)} · ${formatShownOf(this.allFlags ? d.flags.rows.length : Math.min(d.flags.rows.length, 15), d.flags.rows.length, lang)}</h2>
        ${d.flags.rows.length === 0
          ? html`<p class="note">${w.noFlags}</p>`
          : html`<table>
              <thead><tr><th>${w.model}</th><th class="text">${w.fault}</th><th>${w.count}</th><th>${w.limit}</th><th>${w.strength}</th><th class="text">${w.reasons}</th></tr></thead>
              <tbody>
                ${(this.allFlags ? d.flags.rows : d.flags.rows.slice(0, 15)).map(
                  (f) => html`<tr tabindex="0" class="link" data-flag=${`${f.product_model}|${f.fault_code}`} @click=${() => this.open(`${w.flags} · ${f.product_model} · ${f.fault_code}`, { metric: 'fault_pareto', product_model: f.product_model, fault_code: f.fault_code })}>
                    <td>${f.product_model}</td>
                    <td class="text">${f.fault_code}</td>
                    <td>${f.count}</td>
                    <td>${f.limit ?? '—'}</td>
                    <td>${f.strength === null ? '—' : f.strength.toFixed(2)}</td>
                    <td class="text">
                      ${f.too_often ? html`<span class="tag often">${w.tooOften}</span>` : nothing}${f.short_history ? html`<span class="tag short">${w.shortHistory}</span>` : nothing}${f.major_impact ? html`<span class="tag impact">${w.majorImpact}</span>` : nothing}
                      ${f.reasons.map((r) => html`<div>${r[lang]}</div>`)}
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>
            ${d.flags.rows.length > 15
              ? html`<button id="all-flags" @click=${() => (this.allFlags = !this.allFlags)}>${this.allFlags ? (lang === 'zh' ? '只看前 15 条' : 'Show the first 15') : lang === 'zh' ? `显示全部 ${d.flags.rows.length} 条` : `Show all ${d.flags.rows.length}`}</button>`
              : nothing}`}
      </section>
      <div class="grid">
        <section class="panel" id="pareto">
          <h2 title=${metricCatalog.fault_pareto.formula[lang]}>${w.pareto}</h2>
          <metric-chart
            .option=${faultParetoOption(d.pareto.rows, ctx, { title: metricCatalog.fault_pareto.label[lang] })}
            @chart-click=${(e: CustomEvent) => {
              const fault = (e.detail as { data?: { keys?: { fault_code?: string } } }).data?.keys?.fault_code;
              if (fault !== undefined) this.open(`${metricCatalog.fault_pareto.label[lang]} · ${fault}`, { metric: 'fault_pareto', fault_code: fault });
            }}
          ></metric-chart>
        </section>
        <section class="panel" id="heatmap">
          <h2 title=${metricCatalog.repeat_rate.formula[lang]}>${w.heatmap}</h2>
          <metric-chart
            .option=${repeatHeatmapOption(d.heat.rows, ctx, { title: metricCatalog.repeat_rate.label[lang] })}
            @chart-click=${(e: CustomEvent) => {
              const k = (e.detail as { data?: { keys?: { product_model?: string; fault_code?: string } } }).data?.keys;
              if (k) this.open(`${metricCatalog.repeat_rate.label[lang]} · ${k.product_model} · ${k.fault_code}`, { metric: 'repeat_rate', part: 'numerator', product_model: k.product_model, fault_code: k.fault_code });
            }}
          ></metric-chart>
        </section>
      </div>
      <section class="panel" id="by-model">
        <h2>${w.byModel}</h2>
        <table>
          <thead><tr><th>${w.model}</th><th>${w.repeats}</th><th>${w.tickets}</th><th>${metricCatalog.repeat_rate.label[lang]}</th><th>${metricCatalog.first_time_fix_rate.label[lang]}</th></tr></thead>
          <tbody>
            ${[...d.repeatByModel.rows].sort((a, b) => (b.value ?? 0) - (a.value ?? 0)).map(
              (r) => html`<tr tabindex="0" class="link" data-model=${String(r.product_model)} @click=${() => this.open(`${metricCatalog.repeat_rate.label[lang]} · ${r.product_model}`, { metric: 'repeat_rate', part: 'numerator', product_model: String(r.product_model ?? '') })}>
                <td>${r.product_model ?? '—'}</td><td>${r.numerator}</td><td>${r.denominator}</td><td>${pct(r.value)}</td><td>${pct(ftf.get(r.product_model)?.value)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <div class="grid">
        <section class="panel" id="chronic">
          <h2 title=${metricCatalog.chronic_units.formula[lang]}>${w.chronic} · <span id="chronic-count">${formatShownOf(d.chronic.rows.length, d.chronic.total, lang)}</span></h2>
          <table>
            <thead><tr><th>${w.serial}</th><th class="text">${w.model}</th><th>${w.most}</th><th>${w.tickets}</th><th>${w.repeats}</th><th class="text">${w.faults}</th></tr></thead>
            <tbody>
              ${d.chronic.rows.map(
                (u) => html`<tr tabindex="0" class="link" data-serial=${u.serial_no} @click=${() => (this.unit = u.serial_no)}>
                  <td>${u.serial_no}</td><td class="text">${u.product_model ?? '—'}</td><td>${u.most_in_window}</td><td>${u.tickets}</td><td>${u.repeats}</td><td class="text">${u.fault_codes.join(', ')}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </section>
        <section class="panel" id="unit">
          ${this.unit
            ? html`<unit-timeline .serial=${this.unit} .lang=${lang} @close=${() => (this.unit = undefined)}></unit-timeline>`
            : html`<p class="note">${lang === 'zh' ? '点击一台顽固故障机查看其履历' : 'Click a chronic unit to see its history'}</p>`}
        </section>
      </div>
      <section class="panel" id="solutions">
        <h2 title=${metricCatalog.fault_solutions.formula[lang]}>${w.solutions}</h2>
        <table>
          <thead><tr><th>${w.fault}</th><th class="text">${w.solution}</th><th>${w.uses}</th><th>${w.share}</th><th>${w.known}</th><th>${w.held}</th></tr></thead>
          <tbody>
            ${d.solutions.rows.map(
              (s) => html`<tr tabindex="0" class="link" data-solution=${`${s.fault_code}|${s.solution}`} @click=${() => this.open(`${s.fault_code} · ${s.solution}`, { fault_code: s.fault_code, to: parseQuarterKey(this.quarter).to }, true)}>
                <td>${s.fault_code}</td>
                <td class="text ${s.best ? 'best' : ''}">${s.solution_text ?? s.solution}${s.best ? ` ✓ ${w.best}` : ''}</td>
                <td>${s.uses}</td><td>${pct(s.share)}</td><td>${s.known}</td><td>${pct(s.held_rate)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <div class="grid">
        <section class="panel" id="ages">
          <h2 title=${metricCatalog.failures_by_age.formula[lang]}>${w.ages} · ${this.ageModel ?? w.allModels}
            ${this.ageModel ? html`<button id="all-models" @click=${() => (this.ageModel = undefined)}>${w.allModels}</button>` : nothing}</h2>
          <metric-chart
            .option=${barByDimensionOption(
              monthsTotals(this.ageModel ? d.ages.rows.filter((r) => r.product_model === this.ageModel) : d.ages.rows),
              { title: w.repairTickets, categoryTitle: w.months, category: 'months_in_service', series: 'warranty', format: 'count', stack: true },
              ctx,
            )}
            @chart-click=${(e: CustomEvent) => {
              const k = (e.detail as { data?: { keys?: { months_in_service?: string; warranty?: string } } }).data?.keys;
              if (k?.months_in_service !== undefined) {
                const heading = `${w.ages} · ${this.ageModel ? `${this.ageModel} · ` : ''}${k.months_in_service} ${w.monthsShort} · ${dimensionLabel('warranty', k.warranty, lang)}`;
                this.open(heading, { metric: 'failures_by_age', months_in_service: k.months_in_service, warranty: k.warranty, product_model: this.ageModel, to: parseQuarterKey(this.quarter).to }, true);
              }
            }}
          ></metric-chart>
          <table>
            <thead><tr><th>${w.model}</th><th>${w.units}</th><th>${w.median}</th><th>${w.shape}</th><th>${w.scale}</th></tr></thead>
            <tbody>
              ${d.ages.models.map(
                (m) => html`<tr tabindex="0" class="link ${m.product_model === this.ageModel ? 'chosen' : ''}" data-fit=${String(m.product_model)} @click=${() => (this.ageModel = m.product_model ?? undefined)}><td>${m.product_model ?? '—'}</td><td>${m.units}</td><td>${m.median_days ?? '—'}</td>
                  <td>${m.fit ? m.fit.shape.toFixed(2) : '—'}</td><td>${m.fit ? Math.round(m.fit.scale) : '—'}</td></tr>`,
              )}
            </tbody>
          </table>
          <p class="note">${w.fit}</p>
        </section>
        <section class="panel" id="parts">
          <h2 title=${metricCatalog.parts_usage.formula[lang]}>${w.parts} · ${formatShownOf(Math.min(d.parts.rows.length, 15), d.parts.rows.length, lang)}</h2>
          <p>${w.perRepair}: <strong id="parts-per-repair">${d.parts.overall.parts_per_repair_ticket === null ? '—' : d.parts.overall.parts_per_repair_ticket.toFixed(2)}</strong>
            · ${w.cost} ${formatValue(d.parts.overall.cost, 'currency', lang)} · ${w.warrantyShare} ${pct(d.parts.overall.warranty_share)}
            · <span title=${metricCatalog.parts_return_on_time.formula[lang]}>${w.returns}: <strong id="returns-on-time">${pct(d.returns.rows[0]?.value)}</strong>${d.returns.as_of ? html` <span class="note" title=${t(lang, 'asOfHint')}>(${t(lang, 'asOf')} ${d.returns.as_of})</span>` : nothing}</span></p>
          <table>
            <thead><tr><th>${w.part}</th><th class="text">${w.partName}</th><th>${w.quantity}</th><th>${w.cost}</th><th>${w.warrantyShare}</th></tr></thead>
            <tbody>
              ${d.parts.rows.slice(0, 15).map(
                (p) => html`<tr tabindex="0" class="link" data-part=${String(p.part_no)} @click=${() => this.open(`${w.part} · ${p.part_no} ${p.part_name ?? ''}`, { metric: 'opened', part_no: String(p.part_no) })}><td>${p.part_no}</td><td class="text">${p.part_name ?? ''}</td><td>${formatValue(p.quantity as number, 'count', lang)}</td><td>${formatValue(p.cost as number, 'currency', lang)}</td><td>${pct(p.warranty_share as number | null)}</td></tr>`,
              )}
            </tbody>
          </table>
          <h2 style="margin-top:16px">${w.overdue} · ${formatShownOf(Math.min(d.overdue.rows.length, 15), d.overdue.total, lang)}
            <a href="/api/parts/overdue?format=csv&lang=${lang}${this.region ? `&region=${encodeURIComponent(this.region)}` : ''}" download>${w.csv}</a></h2>
          <table>
            <thead><tr><th>${w.part}</th><th class="text">${w.ticketsOf}</th><th class="text">${w.due}</th><th>${w.daysOverdue}</th></tr></thead>
            <tbody>
              ${d.overdue.rows.slice(0, 15).map(
                (o) => html`<tr><td>${o.part_no} ${o.part_name ?? ''}</td><td class="text">${o.ticket_id ?? '—'}</td><td class="text">${o.due_day}</td><td>${o.days_overdue}</td></tr>`,
              )}
            </tbody>
          </table>
        </section>
      </div>
    `;
  }
}

/** Tickets by month in service and warranty, summed over the models shown. */
function monthsTotals(rows: FailuresByAge['rows']) {
  const sums = new Map<string, { months_in_service: string; warranty: string; value: number }>();
  for (const r of rows) {
    const k = `${r.months_in_service}|${r.warranty}`;
    const s = sums.get(k) ?? { months_in_service: String(r.months_in_service), warranty: r.warranty, value: 0 };
    s.value += r.tickets;
    sums.set(k, s);
  }
  return [...sums.values()].sort((a, b) => Number(a.months_in_service) - Number(b.months_in_service));
}

declare global {
  interface HTMLElementTagNameMap {
    'quality-page': QualityPage;
  }
}
