// <quality-page>: the quality engineer's quarter. It opens with what needs attention: the quality flags (too
// often / major impact, ranked by strength, new or recurring, with reasons) and the early warnings and corrective
// actions; the rest sits in tabs, each named with its row count: the fault Pareto and the repeat-rate heatmap
// (model × fault), repeat and first-time fix by model, chronic units with each unit's history, the fault ->
// solution table, failures by time in service with Weibull fits, parts (usage, returns on time) and overdue
// lines, and the installed base's claims per 1,000 units by months in service (<mis-table>). The four heaviest
// tabs (chronic units, solutions, ages, overdue lines) read their rows only when shown; solutions and ages are
// counted from then on. Long tables page, sort and search (<data-table>); faults show their names beside their
// codes. Every row, bar and cell opens the tickets behind it. Quarter, region and tab are in the URL
// (?quarter=2025Q3&region=…&tab=chronic).
import { LitElement, css, html, nothing } from 'lit';
import type { EChartsOption } from 'echarts';
import { customElement, property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { metricCatalog } from '../../../../contract/metrics/catalog.ts';
import type { MetricSeries } from '../../../../warehouse/queries/metric-series.ts';
import type { QualityFlag } from '../../../../warehouse/queries/quality-flags.ts';
import type { ChronicUnit } from '../../../../warehouse/queries/chronic-units.ts';
import type { FaultSolution } from '../../../../warehouse/queries/fault-solutions.ts';
import type { FailuresByAge } from '../../../../warehouse/queries/failures-by-age.ts';
import type { PartsUsage } from '../../../../warehouse/queries/parts-usage.ts';
import type { OverduePart } from '../../../../warehouse/queries/overdue-parts.ts';
import { parseQuarterKey } from '../../../../contract/period/quarters.ts';
import { QuarterStateController, quarterChoices } from '../quarter-state.ts';
import { getJson } from '../get-json.ts';
import { regionOptions, textSettings } from '../session.ts';
import { pageStyles } from '../page-styles.ts';
import { barByDimensionOption } from '../../../../presentation/charts/bar-by-dimension.option.ts';
import { faultParetoOption } from '../../../../presentation/charts/fault-pareto.option.ts';
import { flagReasons } from '../../../../presentation/i18n/quality-flag-words.ts';
import { repeatHeatmapOption } from '../../../../presentation/charts/repeat-heatmap.option.ts';
import { dimensionLabel } from '../../../../presentation/i18n/dimension-labels.ts';
import { qualityWords, t, tWith } from '../../../../presentation/i18n/messages.ts';
import { formatDecimal, formatPeriod, formatValue, type Lang } from '../../../../presentation/format/format-value.ts';
import type { TablePage } from '../../../../warehouse/queries/table-page.ts';
import { FaultNamesController } from '../fault-names.ts';
import type { TableColumn } from './data-table.ts';
import './data-table.ts';
import './metric-chart.ts';
import './drill-drawer.ts';
import './unit-timeline.ts';
import './quality-actions.ts';
import './reliability-panel.ts';
import './mis-table.ts';

/** The page's words, from the message catalog (settings as configured, read when the page draws). */
const words = {
  get zh() {
    return qualityWords('zh', textSettings());
  },
  get en() {
    return qualityWords('en', textSettings());
  },
};

/** A flag as answered; strength-ranked, and whether the previous quarter flagged the pair too (when the server says). */
type Flag = QualityFlag & { recurring?: boolean };

const tabs = ['faults', 'by-model', 'chronic', 'solutions', 'ages', 'parts', 'overdue', 'warranty'] as const;
type Tab = (typeof tabs)[number];
const tabWords = {
  faults: 'faultsTab',
  'by-model': 'byModelTab',
  chronic: 'chronicTab',
  solutions: 'solutionsTab',
  ages: 'agesTab',
  parts: 'partsTab',
  overdue: 'overdueTab',
  warranty: 'warrantyTab',
} as const;

@customElement('quality-page')
export class QualityPage extends LitElement {
  static styles = [
    pageStyles,
    css`
    .panel button { margin-top: 8px; }
    .tag { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px; margin-right: 4px; white-space: nowrap; }
    .tag.often { background: #fef3f2; color: #b42318; }
    .tag.impact { background: #fffaeb; color: #b54708; }
    .tag.short { background: #f2f4f7; color: #475467; }
    .tag.new { background: #eef4ff; color: #1d4ed8; }
    .tag.recurring { background: #fef3f2; color: #912018; font-weight: 600; }
    .best { color: #067647; font-weight: 600; }
    tr.chosen td { background: #eef4ff; }
    metric-chart { --chart-height: 340px; }
    #attention { border-color: #f2b8b5; }
    [role='tablist'] { display: flex; gap: 4px; flex-wrap: wrap; margin-top: 20px; border-bottom: 1px solid var(--line, #e4e7ec); }
    [role='tab'] { border: 1px solid transparent; border-bottom: 0; border-radius: 8px 8px 0 0; padding: 6px 12px; background: none; white-space: nowrap; margin: 0; }
    [role='tab'][aria-selected='true'] { background: white; border-color: var(--line, #e4e7ec); color: var(--accent, #2f6fde); font-weight: 600; margin-bottom: -1px; }
    [role='tab']:focus-visible { outline: 2px solid var(--accent, #2f6fde); outline-offset: -2px; }
    .count { color: var(--muted, #667085); font-weight: normal; }
    .explain { margin: 4px 0 8px; }
  `,
  ];

  @property() lang: Lang = 'zh';
  private readonly view = new QuarterStateController(this, ['tab']);
  private readonly faults = new FaultNamesController(this);
  @state() private drill?: { heading: string; query: string };
  @state() private unit?: string;
  /** The model whose failures by age the chart shows (a click on its fit row); all models when unset. */
  @state() private ageModel?: string;

  private get quarter() {
    return this.view.state.quarter;
  }

  private get region() {
    return this.view.state.region;
  }

  private get tab(): Tab {
    return (tabs as readonly string[]).includes(this.view.state.tab) ? (this.view.state.tab as Tab) : 'faults';
  }

  private fault(code: unknown): string {
    return this.faults.label(code, this.lang);
  }

  private readonly data = new Task(this, {
    task: async ([quarter, region], { signal }) => {
      const q = parseQuarterKey(quarter);
      const range = `from=${q.from}&to=${q.to}${region ? `&region=${encodeURIComponent(region)}` : ''}`;
      const regionOnly = region ? `&region=${encodeURIComponent(region)}` : '';
      const [flags, pareto, heat, repeatByModel, ftfByModel, chronicCount, parts, returns, overdueCount, regions] = await Promise.all([
        getJson<{ rows: Flag[] }>(`/api/metrics/quality_flags?quarter=${q.key.replace('-', '')}${regionOnly}`, signal),
        getJson<MetricSeries>(`/api/metrics/fault_pareto?grain=all&by=fault_code&${range}`, signal),
        getJson<MetricSeries>(`/api/metrics/repeat_rate?grain=all&by=product_model,fault_code&${range}`, signal),
        getJson<MetricSeries>(`/api/metrics/repeat_rate?grain=all&by=product_model&${range}`, signal),
        getJson<MetricSeries>(`/api/metrics/first_time_fix_rate?grain=all&by=product_model&${range}`, signal),
        // The long tables' counts only (chronic units: limit 0; overdue lines: one row and how many in all): their rows
        // are read when their tab is shown.
        getJson<TablePage<ChronicUnit>>(`/api/metrics/chronic_units?limit=0&${range}`, signal),
        getJson<PartsUsage>(`/api/metrics/parts_usage?${range}`, signal),
        getJson<MetricSeries>(`/api/metrics/parts_return_on_time?grain=all&${range}`, signal),
        getJson<TablePage<OverduePart>>(`/api/parts/overdue?limit=1${regionOnly}`, signal),
        getJson<MetricSeries>(`/api/metrics/opened?grain=all&by=region`, signal),
      ]);
      return { q, flags, pareto, heat, repeatByModel, ftfByModel, chronicCount, parts, returns, overdueCount, regions };
    },
    args: () => [this.quarter, this.region] as const,
  });

  /** Rows counted by a tab read only when shown, by quarter, region and tab: its count once it has been shown. */
  private readonly shownCounts = new Map<string, number>();

  /**
   * The rows of the tabs read only when shown: the page's heaviest reads (thousands of chronic units and overdue
   * lines, every fault's solutions and every model's fit up to the quarter's end), which a load that never opens
   * their tab does not need.
   */
  private readonly tabRows = new Task(this, {
    task: async ([quarter, region, tab], { signal }): Promise<TabRows> => {
      const q = parseQuarterKey(quarter);
      const regionOnly = region ? `&region=${encodeURIComponent(region)}` : '';
      const rows = await readTabRows(tab, `from=${q.from}&to=${q.to}${regionOnly}`, q.to, regionOnly, signal);
      const count = rows.solutions?.rows.length ?? rows.ages?.models.length;
      if (count !== undefined) this.shownCounts.set(`${quarter}|${region}|${tab}`, count);
      return rows;
    },
    args: () => [this.quarter, this.region, this.tab] as const,
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
            ${regionOptions(
              w.all,
              (this.data.value?.regions.rows ?? []).filter((r) => r.region).map((r) => String(r.region)),
            ).map((o) => html`<option value=${o.value} ?selected=${o.value === this.region}>${o.label}</option>`)}
          </select>
        </label>
      </nav>
      ${this.data.render({
        pending: () => html`<p class="note">${t(this.lang, 'loading')}</p>`,
        error: (e) => html`<p class="error">${(e as Error).message}</p>`,
        complete: (d) => this.renderData(d),
      })}
      ${
        this.drill
          ? html`<drill-drawer .heading=${this.drill.heading} .query=${this.drill.query} .lang=${this.lang} @close=${() => (this.drill = undefined)}></drill-drawer>`
          : nothing
      }
    `;
  }

  private renderData(d: NonNullable<QualityPage['data']['value']>) {
    const lang = this.lang;
    // The warranty tab reads its own table (<mis-table>): no count beside its name.
    // Solutions and ages are counted once their tab has been shown for this quarter and region.
    const shown = (k: Tab) => this.shownCounts.get(`${this.quarter}|${this.region}|${k}`);
    const counts: Record<Tab, number | undefined> = {
      faults: d.pareto.rows.length,
      'by-model': d.repeatByModel.rows.length,
      chronic: d.chronicCount.total,
      solutions: shown('solutions'),
      ages: shown('ages'),
      parts: d.parts.rows.length,
      overdue: d.overdueCount.total,
      warranty: undefined,
    };
    const tab = this.tab;
    return html`
      ${this.renderAttention(d)}
      <quality-actions .lang=${lang}></quality-actions>
      <div role="tablist" aria-label=${t(lang, 'qualityTabs')} @keydown=${(e: KeyboardEvent) => this.tabKey(e)}>
        ${tabs.map(
          (
            k,
          ) => html`<button role="tab" id=${`tab-${k}`} aria-controls=${`panel-${k}`} aria-selected=${String(k === tab)} tabindex=${k === tab ? '0' : '-1'} @click=${() => this.view.set({ tab: k })}>
            ${t(lang, tabWords[k])} ${counts[k] === undefined ? nothing : html`<span class="count">${formatValue(counts[k], 'count', lang)}</span>`}
          </button>`,
        )}
      </div>
      <div role="tabpanel" id=${`panel-${tab}`} aria-labelledby=${`tab-${tab}`}>${this.renderShownTab(tab, d)}</div>
    `;
  }

  /** Arrow keys, Home and End move between the tabs (and show the one reached). */
  private tabKey(e: KeyboardEvent) {
    const i = tabs.indexOf(this.tab);
    const to = { ArrowRight: (i + 1) % tabs.length, ArrowLeft: (i - 1 + tabs.length) % tabs.length, Home: 0, End: tabs.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    this.view.set({ tab: tabs[to] });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tabs[to]}`)?.focus());
  }

  /** The quarter's flags, strongest first: what needs attention before anything else. */
  private renderAttention(d: NonNullable<QualityPage['data']['value']>) {
    const lang = this.lang;
    const w = words[lang];
    const flagged = d.flags.rows;
    const recurring = flagged.filter((f) => f.recurring === true).length;
    const known = flagged.some((f) => f.recurring !== undefined);
    const columns: TableColumn<Flag>[] = [
      { key: 'model', label: w.model, value: (f) => f.product_model },
      { key: 'fault', label: w.fault, text: true, value: (f) => this.fault(f.fault_code) },
      { key: 'count', label: w.count, value: (f) => f.count },
      {
        key: 'limit',
        label: w.limit,
        title: tWith(lang, 'explainLimit', textSettings()),
        value: (f) => f.limit,
        cell: (f) => (f.limit === null ? '—' : formatValue(f.limit, 'count', lang)),
      },
      {
        key: 'strength',
        label: w.strength,
        title: t(lang, 'explainStrength'),
        value: (f) => f.strength,
        cell: (f) => formatDecimal(f.strength, lang),
      },
      {
        key: 'reasons',
        label: w.reasons,
        text: true,
        value: (f) =>
          [f.recurring === undefined ? '' : t(lang, f.recurring ? 'recurringFlag' : 'newFlag'), ...flagReasons(f, lang)].join(' '),
        cell: (
          f,
        ) => html`${f.recurring === undefined ? nothing : f.recurring ? html`<span class="tag recurring" title=${t(lang, 'recurringHint')}>${t(lang, 'recurringFlag')}</span>` : html`<span class="tag new" title=${t(lang, 'newHint')}>${t(lang, 'newFlag')}</span>`}${f.too_often ? html`<span class="tag often">${w.tooOften}</span>` : nothing}${f.short_history ? html`<span class="tag short">${w.shortHistory}</span>` : nothing}${f.major_impact ? html`<span class="tag impact">${w.majorImpact}</span>` : nothing}
          ${flagReasons(f, lang).map((r) => html`<div>${r}</div>`)}`,
      },
    ];
    return html`<section class="panel" id="attention" aria-labelledby="attention-heading">
      <h2 id="attention-heading">${t(lang, 'needsAttention')} · ${formatPeriod(d.q.key, lang)}</h2>
      <div id="flags">
        <h3 title=${metricCatalog.quality_flags.formula[lang]}>${w.flags} · <span id="flag-count">${formatValue(flagged.length, 'count', lang)}</span>${
          known
            ? html` · <span class="tag recurring">${t(lang, 'recurringFlag')} ${formatValue(recurring, 'count', lang)}</span><span class="tag new">${t(lang, 'newFlag')} ${formatValue(flagged.length - recurring, 'count', lang)}</span>`
            : nothing
        }</h3>
        <p class="note explain">${t(lang, 'explainStrength')} ${tWith(lang, 'explainLimit', textSettings())}</p>
        ${
          flagged.length === 0
            ? html`<p class="note">${w.noFlags}</p>`
            : html`<data-table .rows=${flagged} .columns=${columns} .lang=${lang} label=${w.flags} row-attr="data-flag" .rowKey=${(f: Flag) => `${f.product_model}|${f.fault_code}`}
              .open=${(f: Flag) => this.open(`${w.flags} · ${f.product_model} · ${this.fault(f.fault_code)}`, { metric: 'fault_pareto', product_model: f.product_model, fault_code: f.fault_code })}></data-table>`
        }
      </div>
    </section>`;
  }

  /** The shown tab; one read when shown says it is loading until its rows are in. */
  private renderShownTab(tab: Tab, d: NonNullable<QualityPage['data']['value']>) {
    if (this.tabRows.status === TaskStatus.ERROR) return html`<p class="error">${(this.tabRows.error as Error).message}</p>`;
    const rows = this.tabRows.status === TaskStatus.COMPLETE ? (this.tabRows.value ?? {}) : {};
    return this.renderTab(tab, d, rows) ?? html`<p class="note">${t(this.lang, 'loading')}</p>`;
  }

  /** The tab's panel; undefined while the rows it is read with are not in yet. */
  private renderTab(tab: Tab, d: NonNullable<QualityPage['data']['value']>, r: TabRows) {
    const lang = this.lang;
    const w = words[lang];
    const pct = (v: number | null | undefined) => formatValue(v ?? null, 'percent', lang);
    const ctx = { lang };
    switch (tab) {
      case 'faults':
        return html`<div class="grid">
          <section class="panel" id="pareto">
            <h2 title=${metricCatalog.fault_pareto.formula[lang]}>${w.pareto}</h2>
            <metric-chart
              .option=${this.withFaultNames(faultParetoOption(d.pareto.rows, ctx, { title: metricCatalog.fault_pareto.label[lang] }))}
              @chart-click=${(e: CustomEvent) => {
                const fault = (e.detail as { data?: { keys?: { fault_code?: string } } }).data?.keys?.fault_code;
                if (fault !== undefined)
                  this.open(`${metricCatalog.fault_pareto.label[lang]} · ${this.fault(fault)}`, {
                    metric: 'fault_pareto',
                    fault_code: fault,
                  });
              }}
            ></metric-chart>
          </section>
          <section class="panel" id="heatmap">
            <h2 title=${metricCatalog.repeat_rate.formula[lang]}>${w.heatmap}</h2>
            <metric-chart
              .option=${this.withFaultNames(repeatHeatmapOption(d.heat.rows, ctx, { title: metricCatalog.repeat_rate.label[lang] }))}
              @chart-click=${(e: CustomEvent) => {
                const k = (e.detail as { data?: { keys?: { product_model?: string; fault_code?: string } } }).data?.keys;
                if (k)
                  this.open(`${metricCatalog.repeat_rate.label[lang]} · ${k.product_model} · ${this.fault(k.fault_code)}`, {
                    metric: 'repeat_rate',
                    part: 'numerator',
                    product_model: k.product_model,
                    fault_code: k.fault_code,
                  });
              }}
            ></metric-chart>
          </section>
        </div>`;
      case 'by-model': {
        const ftf = new Map(d.ftfByModel.rows.map((r) => [r.product_model, r]));
        type ModelRow = MetricSeries['rows'][number];
        const columns: TableColumn<ModelRow>[] = [
          {
            key: 'model',
            label: w.model,
            value: (r) => (r.product_model === null || r.product_model === undefined ? null : String(r.product_model)),
          },
          { key: 'repeats', label: w.repeats, value: (r) => r.numerator },
          { key: 'tickets', label: w.tickets, value: (r) => r.denominator },
          {
            key: 'repeat',
            label: metricCatalog.repeat_rate.label[lang],
            title: metricCatalog.repeat_rate.formula[lang],
            value: (r) => r.value,
            cell: (r) => pct(r.value),
          },
          {
            key: 'ftf',
            label: metricCatalog.first_time_fix_rate.label[lang],
            title: metricCatalog.first_time_fix_rate.formula[lang],
            value: (r) => ftf.get(r.product_model)?.value ?? null,
            cell: (r) => pct(ftf.get(r.product_model)?.value),
          },
        ];
        return html`<section class="panel" id="by-model">
          <h2>${w.byModel}</h2>
          <data-table .rows=${d.repeatByModel.rows} .columns=${columns} .lang=${lang} label=${w.byModel} sort-key="repeat" sort-dir="desc" row-attr="data-model" .rowKey=${(r: ModelRow) => String(r.product_model)}
            .open=${(r: ModelRow) => this.open(`${metricCatalog.repeat_rate.label[lang]} · ${r.product_model}`, { metric: 'repeat_rate', part: 'numerator', product_model: String(r.product_model ?? '') })}></data-table>
        </section>`;
      }
      case 'chronic': {
        const chronic = r.chronic;
        if (!chronic) return undefined;
        const columns: TableColumn<ChronicUnit>[] = [
          { key: 'serial', label: w.serial, value: (u) => u.serial_no },
          { key: 'model', label: w.model, value: (u) => u.product_model },
          { key: 'most', label: w.most, value: (u) => u.most_in_window },
          { key: 'tickets', label: w.tickets, value: (u) => u.tickets },
          { key: 'repeats', label: w.repeats, value: (u) => u.repeats },
          { key: 'faults', label: w.faults, text: true, value: (u) => u.fault_codes.map((c) => this.fault(c)).join('、') },
        ];
        return html`<div class="grid">
          <section class="panel" id="chronic">
            <h2 title=${metricCatalog.chronic_units.formula[lang]}>${w.chronic} · <span id="chronic-count">${formatValue(chronic.total, 'count', lang)}</span></h2>
            <data-table .rows=${chronic.rows} .total=${chronic.total} .columns=${columns} .lang=${lang} label=${w.chronic} row-attr="data-serial" .rowKey=${(u: ChronicUnit) => u.serial_no}
              .open=${(u: ChronicUnit) => (this.unit = u.serial_no)}></data-table>
          </section>
          <section class="panel" id="unit">
            ${
              this.unit
                ? html`<unit-timeline .serial=${this.unit} .lang=${lang} @close=${() => (this.unit = undefined)}></unit-timeline>`
                : html`<p class="note">${w.clickUnit}</p>`
            }
          </section>
        </div>`;
      }
      case 'solutions': {
        const solutions = r.solutions;
        if (!solutions) return undefined;
        const columns: TableColumn<FaultSolution>[] = [
          { key: 'fault', label: w.fault, text: true, value: (s) => this.fault(s.fault_code) },
          {
            key: 'solution',
            label: w.solution,
            text: true,
            value: (s) => s.solution_text ?? s.solution,
            cell: (s) => html`<span class=${s.best ? 'best' : ''}>${s.solution_text ?? s.solution}${s.best ? ` ✓ ${w.best}` : ''}</span>`,
          },
          { key: 'uses', label: w.uses, value: (s) => s.uses },
          { key: 'share', label: w.share, value: (s) => s.share, cell: (s) => pct(s.share) },
          { key: 'known', label: w.known, value: (s) => s.known },
          { key: 'held', label: w.held, value: (s) => s.held_rate, cell: (s) => pct(s.held_rate) },
        ];
        return html`<section class="panel" id="solutions">
          <h2 title=${metricCatalog.fault_solutions.formula[lang]}>${w.solutions}</h2>
          <data-table .rows=${solutions.rows} .columns=${columns} .lang=${lang} label=${w.solutions} row-attr="data-solution" .rowKey=${(s: FaultSolution) => `${s.fault_code}|${s.solution}`}
            .open=${(s: FaultSolution) => this.open(`${this.fault(s.fault_code)} · ${s.solution_text ?? s.solution}`, { fault_code: s.fault_code, to: parseQuarterKey(this.quarter).to }, true)}></data-table>
        </section>`;
      }
      case 'ages': {
        const ages = r.ages;
        if (!ages) return undefined;
        type Fit = FailuresByAge['models'][number];
        const columns: TableColumn<Fit>[] = [
          { key: 'model', label: w.model, value: (m) => m.product_model },
          { key: 'units', label: w.units, value: (m) => m.units },
          { key: 'median', label: w.median, value: (m) => m.median_days },
          {
            key: 'shape',
            label: w.shape,
            title: t(lang, 'explainWeibull'),
            value: (m) => m.fit?.shape ?? null,
            cell: (m) => formatDecimal(m.fit?.shape, lang),
          },
          {
            key: 'scale',
            label: w.scale,
            title: t(lang, 'explainWeibull'),
            value: (m) => m.fit?.scale ?? null,
            cell: (m) => (m.fit ? formatValue(Math.round(m.fit.scale), 'count', lang) : '—'),
          },
        ];
        return html`<section class="panel" id="ages">
          <h2 title=${metricCatalog.failures_by_age.formula[lang]}>${w.ages} · ${this.ageModel ?? w.allModels}
            ${this.ageModel ? html`<button id="all-models" @click=${() => (this.ageModel = undefined)}>${w.allModels}</button>` : nothing}</h2>
          <metric-chart
            .option=${barByDimensionOption(
              monthsTotals(this.ageModel ? ages.rows.filter((row) => row.product_model === this.ageModel) : ages.rows),
              {
                title: w.repairTickets,
                categoryTitle: w.months,
                category: 'months_in_service',
                series: 'warranty',
                format: 'count',
                stack: true,
              },
              ctx,
            )}
            @chart-click=${(e: CustomEvent) => {
              const k = (e.detail as { data?: { keys?: { months_in_service?: string; warranty?: string } } }).data?.keys;
              if (k?.months_in_service !== undefined) {
                const heading = `${w.ages} · ${this.ageModel ? `${this.ageModel} · ` : ''}${k.months_in_service} ${w.monthsShort} · ${dimensionLabel('warranty', k.warranty, lang)}`;
                this.open(
                  heading,
                  {
                    metric: 'failures_by_age',
                    months_in_service: k.months_in_service,
                    warranty: k.warranty,
                    product_model: this.ageModel,
                    to: parseQuarterKey(this.quarter).to,
                  },
                  true,
                );
              }
            }}
          ></metric-chart>
          <h3>${w.fit}</h3>
          <p class="note explain">${t(lang, 'explainWeibull')}</p>
          <data-table .rows=${ages.models} .columns=${columns} .lang=${lang} label=${w.fit} row-attr="data-fit" .rowKey=${(m: Fit) => String(m.product_model)}
            .rowClass=${(m: Fit) => (m.product_model === this.ageModel ? 'chosen' : '')} .open=${(m: Fit) => (this.ageModel = m.product_model ?? undefined)}></data-table>
        </section>`;
      }
      case 'parts': {
        type PartRow = PartsUsage['rows'][number];
        const columns: TableColumn<PartRow>[] = [
          { key: 'part', label: w.part, value: (p) => (p.part_no === null || p.part_no === undefined ? null : String(p.part_no)) },
          {
            key: 'name',
            label: w.partName,
            text: true,
            value: (p) => (p.part_name === null || p.part_name === undefined ? null : String(p.part_name)),
          },
          { key: 'quantity', label: w.quantity, value: (p) => p.quantity as number },
          { key: 'cost', label: w.cost, value: (p) => p.cost as number, cell: (p) => formatValue(p.cost as number, 'currency', lang) },
          {
            key: 'warranty',
            label: w.warrantyShare,
            value: (p) => p.warranty_share as number | null,
            cell: (p) => pct(p.warranty_share as number | null),
          },
        ];
        return html`<section class="panel" id="parts">
          <h2 title=${metricCatalog.parts_usage.formula[lang]}>${w.parts}</h2>
          <p>${w.perRepair}: <strong id="parts-per-repair">${formatDecimal(d.parts.overall.parts_per_repair_ticket, lang)}</strong>
            · ${w.cost} ${formatValue(d.parts.overall.cost, 'currency', lang)} · ${w.warrantyShare} ${pct(d.parts.overall.warranty_share)}
            · <span title=${metricCatalog.parts_return_on_time.formula[lang]}>${w.returns}: <strong id="returns-on-time">${pct(d.returns.rows[0]?.value)}</strong>${d.returns.as_of ? html` <span class="note" title=${t(lang, 'asOfHint')}>(${t(lang, 'asOf')} ${d.returns.as_of})</span>` : nothing}</span></p>
          <data-table .rows=${d.parts.rows} .columns=${columns} .lang=${lang} label=${w.parts} row-attr="data-part" .rowKey=${(p: PartRow) => String(p.part_no)}
            .open=${(p: PartRow) => this.open(`${w.part} · ${p.part_no} ${p.part_name ?? ''}`, { metric: 'opened', part_no: String(p.part_no) })}></data-table>
        </section>`;
      }
      case 'overdue': {
        const overdue = r.overdue;
        if (!overdue) return undefined;
        const columns: TableColumn<OverduePart>[] = [
          { key: 'part', label: w.part, text: true, value: (o) => `${o.part_no} ${o.part_name ?? ''}`.trim() },
          { key: 'ticket', label: w.ticketsOf, value: (o) => o.ticket_id },
          { key: 'due', label: w.due, value: (o) => o.due_day },
          { key: 'days', label: w.daysOverdue, value: (o) => o.days_overdue },
        ];
        return html`<section class="panel" id="overdue">
          <h2>${w.overdue} · ${formatValue(overdue.total, 'count', lang)}
            <a href="/api/parts/overdue?format=csv&lang=${lang}${this.region ? `&region=${encodeURIComponent(this.region)}` : ''}" download>${w.csv}</a></h2>
          <data-table .rows=${overdue.rows} .total=${overdue.total} .columns=${columns} .lang=${lang} label=${w.overdue} sort-key="days" sort-dir="desc"></data-table>
        </section>`;
      }
      case 'warranty':
        return html`<mis-table .lang=${lang} .region=${this.region ?? ''}></mis-table>
          <reliability-panel .lang=${lang} .region=${this.region ?? ''}></reliability-panel>`;
    }
  }

  /** A chart's fault axis with each fault's name beside its code (the bars keep the codes they open). */
  private withFaultNames(option: EChartsOption): EChartsOption {
    const axis = option.xAxis as { data?: unknown[] } | undefined;
    if (!axis?.data) return option;
    return { ...option, xAxis: { ...axis, data: axis.data.map((c) => this.fault(c)) } } as EChartsOption;
  }
}

/** The rows of the tabs read only when shown (QualityPage.tabRows). */
interface TabRows {
  chronic?: TablePage<ChronicUnit>;
  solutions?: { rows: FaultSolution[] };
  ages?: FailuresByAge;
  overdue?: TablePage<OverduePart>;
}

/** A tab's own reads: `range` the quarter (and region), `to` its last day; none for the tabs read with the page. */
async function readTabRows(tab: Tab, range: string, to: string, regionOnly: string, signal: AbortSignal): Promise<TabRows> {
  switch (tab) {
    // The tables page, sort and search in the browser: ask for every row (the answers say how many there are).
    case 'chronic':
      return { chronic: await getJson<TablePage<ChronicUnit>>(`/api/metrics/chronic_units?limit=10000&${range}`, signal) };
    // Solutions and ages: everything up to the quarter's end, the fuller the history the better.
    case 'solutions':
      return { solutions: await getJson<{ rows: FaultSolution[] }>(`/api/metrics/fault_solutions?to=${to}${regionOnly}`, signal) };
    case 'ages':
      return { ages: await getJson<FailuresByAge>(`/api/metrics/failures_by_age?to=${to}${regionOnly}`, signal) };
    case 'overdue':
      return { overdue: await getJson<TablePage<OverduePart>>(`/api/parts/overdue?limit=10000${regionOnly}`, signal) };
    default:
      return {};
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
