// <scorecards-page>: HR's technician assessment for a quarter: the distribution of grades, the ranking (within
// the company, the region and the team, with movement against the previous quarter), each rate with its count,
// 95 % interval and observed ÷ expected for the case mix; "insufficient data" technicians listed unranked.
// A row opens the technician's page: total over the last four quarters, components and the evidence behind
// every point lost, each part's tickets a click away (the drill drawer over the evidence tickets). O/E and the
// intervals are explained where shown. Quarter and region are in the URL; CSV and XLSX exports for HR systems.
// The installer's part (issue 19: its points, mean project score and projects) has a column when its configured
// weight is above 0 or a technician has installation projects in the quarter; it opens the projects behind it.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { metricCatalog, withSettings } from '../../../../contract/metrics/catalog.ts';
import type { RateScore, TechnicianScore } from '../../../../warehouse/queries/technician-scores.ts';
import type { EvidenceComponent, ScoreEvidence } from '../../../../warehouse/queries/score-evidence.ts';
import { quarterKeysBefore } from '../../../../contract/period/quarters.ts';
import { QuarterStateController, quarterChoices } from '../quarter-state.ts';
import { getJson } from '../get-json.ts';
import { regionOptions, roleIn, textSettings } from '../session.ts';
import { roleGroups } from '../../../../contract/roles/role-groups.ts';
import { pageStyles } from '../page-styles.ts';
import { barByDimensionOption } from '../../../../presentation/charts/bar-by-dimension.option.ts';
import { formatDecimal, formatPeriod, formatValue, type Lang } from '../../../../presentation/format/format-value.ts';
import { t } from '../../../../presentation/i18n/messages.ts';
import { dimensionLabel } from '../../../../presentation/i18n/dimension-labels.ts';
import './metric-chart.ts';
import './drill-drawer.ts';

const words = {
  zh: {
    quarter: '季度',
    region: '大区',
    all: '全部',
    grades: '等级分布',
    ranking: '考核排名',
    rank: '排名',
    rankInRegion: '大区内排名',
    rankInTeam: '班组内排名',
    technician: '工程师',
    team: '班组',
    tickets: '工单',
    total: '总分',
    grade: '等级',
    change: '较上季',
    satisfaction: '满意度',
    timeliness: '时效',
    ftf: '一次修复',
    discipline: '服务纪律',
    complaints: '查实投诉',
    insufficient: '数据不足（计数工单少于 {minTickets} 张，不排名）',
    expected: '期望',
    trend: '近四个季度总分',
    evidence: '失分依据',
    lowRating: '评分低于 4 分',
    slaMissed: '时效未达标',
    notFirstTime: '未一次修复',
    cameBack: '返修工单',
    visits: '次上门',
    verified: '查实投诉',
    close: '关闭',
    csv: '导出 CSV',
    xlsx: '导出 Excel',
    none: '无',
  },
  en: {
    quarter: 'Quarter',
    region: 'Region',
    all: 'All',
    grades: 'Grades',
    ranking: 'Ranking',
    rank: 'Rank',
    rankInRegion: 'Rank in region',
    rankInTeam: 'Rank in team',
    technician: 'Technician',
    team: 'Team',
    tickets: 'Tickets',
    total: 'Total',
    grade: 'Grade',
    change: 'vs last quarter',
    satisfaction: 'Satisfaction',
    timeliness: 'Timeliness',
    ftf: 'First-time fix',
    discipline: 'Discipline',
    complaints: 'Verified complaints',
    insufficient: 'Insufficient data (fewer than {minTickets} counted tickets, not ranked)',
    expected: 'expected',
    trend: 'Total over the last four quarters',
    evidence: 'Points lost',
    lowRating: 'Rated below 4',
    slaMissed: 'SLA targets missed',
    notFirstTime: 'Not fixed first time',
    cameBack: 'came back as',
    visits: 'visits',
    verified: 'Verified complaints',
    close: 'Close',
    csv: 'Export CSV',
    xlsx: 'Export Excel',
    none: 'None',
  },
} as const;

@customElement('scorecards-page')
export class ScorecardsPage extends LitElement {
  static styles = [
    pageStyles,
    css`
    .ci { color: var(--muted, #667085); font-size: 12px; }
    th, td { white-space: nowrap; }
    tr.insufficient td { color: var(--muted, #667085); }
    .up { color: #067647; }
    .down { color: #b42318; }
    ul { margin: 4px 0; padding-left: 18px; font-size: 13px; }
    metric-chart { --chart-height: 260px; }
  `,
  ];

  @property() lang: Lang = 'zh';
  /** Quarter, region, team and the technician whose page is open: all in the URL, so each can be bookmarked. */
  private readonly view = new QuarterStateController(this, ['team', 'technician']);
  /** The part of the open technician's score whose lost points' tickets the drawer lists. */
  @state() private evidenceOpen?: { component: EvidenceComponent; heading: string };
  /** The technician whose installation projects the drawer lists (the installer's part). */
  @state() private installationsOpen?: { technician: string; heading: string };

  private get quarter() {
    return this.view.state.quarter;
  }

  private get region() {
    return this.view.state.region;
  }

  private get team() {
    return this.view.state.team;
  }

  private get technician() {
    return this.view.state.technician;
  }

  // One answer for the quarter; the region is filtered here (ranks are the company's either way).
  private readonly scores = new Task(this, {
    task: async ([quarter], { signal }) =>
      getJson<{ rows: TechnicianScore[]; as_of?: string | null }>(
        `/api/metrics/technician_score?period=${quarter.replace('-', '')}`,
        signal,
      ),
    args: () => [this.quarter] as const,
  });

  private readonly person = new Task(this, {
    task: async ([technician, quarter], { signal }) => {
      if (!technician) return undefined;
      const quarters = [...quarterKeysBefore(quarter, 3).reverse(), quarter];
      const [trend, evidence] = await Promise.all([
        Promise.all(
          quarters.map((q) =>
            getJson<{ rows: TechnicianScore[] }>(
              `/api/metrics/technician_score?period=${q.replace('-', '')}&technician_id=${encodeURIComponent(technician)}`,
              signal,
            ),
          ),
        ),
        getJson<ScoreEvidence>(`/api/technicians/${encodeURIComponent(technician)}/evidence?period=${quarter.replace('-', '')}`, signal),
      ]);
      return { quarters, trend: trend.map((t) => t.rows[0] ?? null), evidence };
    },
    args: () => [this.technician, this.quarter] as const,
  });

  render() {
    const w = words[this.lang];
    const quarters = quarterChoices(this.quarter);
    const exportQuery = new URLSearchParams({ period: this.quarter.replace('-', ''), lang: this.lang });
    if (this.region) exportQuery.set('region', this.region);
    if (this.team) exportQuery.set('team', this.team);
    const all = this.scores.value?.rows ?? [];
    const choices = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))].sort();
    const inRegion = this.region ? all.filter((s) => s.region === this.region) : all;
    return html`
      <nav>
        <label>${w.quarter}
          <select id="quarter" @change=${(e: Event) => this.view.set({ quarter: (e.target as HTMLSelectElement).value })}>
            ${quarters.map((k) => html`<option value=${k} ?selected=${k === this.quarter}>${formatPeriod(k, this.lang)}</option>`)}
          </select>
        </label>
        <label>${w.region}
          <select id="region" @change=${(e: Event) => this.view.set({ region: (e.target as HTMLSelectElement).value, team: '', technician: '' })}>
            ${regionOptions(w.all, choices(all.map((s) => s.region))).map((o) => html`<option value=${o.value} ?selected=${o.value === this.region}>${o.label}</option>`)}
          </select>
        </label>
        <label>${w.team}
          <select id="team" @change=${(e: Event) => this.view.set({ team: (e.target as HTMLSelectElement).value, technician: '' })}>
            <option value="" ?selected=${!this.team}>${w.all}</option>
            ${choices(inRegion.map((s) => s.team)).map((t) => html`<option value=${t} ?selected=${t === this.team}>${t}</option>`)}
          </select>
        </label>
        ${
          roleIn(roleGroups.hr)
            ? html`<a id="export-csv" href="/api/technician-scores/export?${exportQuery}&format=csv" download>${w.csv}</a>
              <a id="export-xlsx" href="/api/technician-scores/export?${exportQuery}&format=xlsx" download>${w.xlsx}</a>`
            : nothing
        }
      </nav>
      ${this.scores.render({
        pending: () => html`<p class="note">${this.lang === 'zh' ? '加载中…' : 'Loading…'}</p>`,
        error: (e) => html`<p class="error">${(e as Error).message}</p>`,
        complete: (answer) =>
          this.renderScores(
            answer.rows.filter((s) => (!this.region || s.region === this.region) && (!this.team || s.team === this.team)),
            answer.as_of ?? null,
          ),
      })}
      ${
        this.evidenceOpen && this.technician
          ? html`<drill-drawer .heading=${this.evidenceOpen.heading} .lang=${this.lang} .path=${`/api/technicians/${encodeURIComponent(this.technician)}/evidence/tickets`}
            .query=${new URLSearchParams({ period: this.quarter.replace('-', ''), component: this.evidenceOpen.component }).toString()} @close=${() => (this.evidenceOpen = undefined)}></drill-drawer>`
          : nothing
      }
      ${
        this.installationsOpen
          ? html`<drill-drawer source="installations" .heading=${this.installationsOpen.heading} .lang=${this.lang}
              .path=${`/api/technicians/${encodeURIComponent(this.installationsOpen.technician)}/evidence/installations`}
              .query=${new URLSearchParams({ period: this.quarter.replace('-', '') }).toString()} @close=${() => (this.installationsOpen = undefined)}></drill-drawer>`
          : nothing
      }
    `;
  }

  private renderScores(rows: TechnicianScore[], asOf: string | null) {
    const lang = this.lang;
    const w = words[lang];
    const scored = rows.filter((s) => s.status === 'scored');
    const insufficient = rows.filter((s) => s.status !== 'scored');
    const grades = [...new Set(scored.map((s) => s.grade!))].sort();
    const gradeRows = grades.map((g) => ({ grade: g, value: scored.filter((s) => s.grade === g).length }));
    const weight = textSettings().installationWeight;
    const installer = weight > 0 || rows.some((s) => s.installation);
    return html`
      <div class="grid">
        <section class="panel" id="grades">
          <h2 title=${metricCatalog.technician_score.formula[lang]}>${w.grades} · ${formatPeriod(this.quarter, lang)}</h2>
          <metric-chart .drill=${false} .option=${barByDimensionOption(gradeRows, { title: w.grades, category: 'grade', format: 'count' }, { lang })}></metric-chart>
        </section>
        <section class="panel" id="person">
          ${this.technician ? this.renderPerson() : html`<p class="note">${lang === 'zh' ? '点击一位工程师查看其得分依据与趋势' : 'Click a technician for the evidence and the trend'}</p>`}
        </section>
      </div>
      <section class="panel" id="ranking">
        <h2 title=${metricCatalog.technician_score.formula[lang]}>${w.ranking}${asOf ? html` · <span class="as-of" title=${t(lang, 'asOfHint')}>${t(lang, 'asOf')} ${asOf}</span>` : nothing}</h2>
        <table>
          <thead>
            <tr>
              <th>${this.team ? w.rankInTeam : this.region ? w.rankInRegion : w.rank}</th><th class="text">${w.technician}</th><th class="text">${w.region}</th><th class="text">${w.team}</th><th>${w.tickets}</th>
              <th>${w.total}</th><th>${w.grade}</th><th>${w.change}</th><th>${w.satisfaction}</th><th>${w.timeliness}</th><th>${w.ftf}</th><th>${w.discipline}</th>
              ${installer ? html`<th>${t(lang, 'installerPart')}</th>` : nothing}
            </tr>
          </thead>
          <tbody>
            ${[...scored, ...insufficient].map((s) => this.renderRow(s, installer))}
          </tbody>
        </table>
        ${installer ? html`<p class="note" id="installer-note">${withSettings(t(lang, weight > 0 ? 'installerWeighted' : 'installerUnweighted'), textSettings(), lang)}</p>` : nothing}
        ${insufficient.length ? html`<p class="note">${withSettings(w.insufficient, textSettings())}: ${insufficient.map((s) => s.technician_id).join(', ')}</p>` : nothing}
        <p class="note" id="explain">${t(lang, 'explainInterval')} ${t(lang, 'explainOE')}</p>
      </section>
    `;
  }

  private renderRow(s: TechnicianScore, installer: boolean) {
    const lang = this.lang;
    const w = words[lang];
    const delta = s.previous_total === null ? null : s.total - s.previous_total;
    // Filtered to a team or a region, the rank shown is the one within it.
    const rank = this.team ? s.rank_in_team : this.region ? s.rank_in_region : s.rank;
    return html`<tr tabindex="0" class="link ${s.status === 'scored' ? '' : 'insufficient'}" data-technician=${s.technician_id} @click=${() => this.view.set({ technician: s.technician_id })}>
      <td>${rank ?? '—'}</td>
      <td class="text">${s.technician_id} ${s.name ?? ''}</td>
      <td class="text">${s.region ?? '—'}</td>
      <td class="text">${s.team ?? '—'}</td>
      <td>${s.tickets}</td>
      <td><strong>${formatDecimal(s.total, this.lang)}</strong></td>
      <td>${s.grade ?? (lang === 'zh' ? '数据不足' : 'n/a')}</td>
      <td class=${delta === null ? '' : delta >= 0 ? 'up' : 'down'}>${delta === null ? '—' : `${delta >= 0 ? '+' : ''}${formatDecimal(delta, this.lang, 1)}`}</td>
      ${this.rateCell(s.satisfaction)}${this.rateCell(s.timeliness)}${this.rateCell(s.first_time_fix)}
      <td>${s.discipline.points}<div class="ci">${w.complaints} ${s.discipline.verified_complaints}</div></td>
      ${installer ? this.installerCell(s) : nothing}
    </tr>`;
  }

  /** The installer's part: its points, the mean project score and a button opening the projects behind it. */
  private installerCell(s: TechnicianScore) {
    const lang = this.lang;
    const i = s.installation;
    if (!i) return html`<td>—</td>`;
    const heading = `${s.technician_id} · ${formatPeriod(this.quarter, lang)} · ${t(lang, 'installerPart')}`;
    return html`<td class="installer">${formatValue(i.points, 'score', lang)}
      <div class="ci">${t(lang, 'installerMean')} ${formatValue(i.mean_score, 'score', lang)}</div>
      <div class="ci"><button class="installer-open" title=${t(lang, 'installerOpen')}
        @click=${(e: Event) => {
          e.stopPropagation();
          this.installationsOpen = { technician: s.technician_id, heading };
        }}>${t(lang, 'installerProjects')} ${formatValue(i.projects, 'count', lang)}</button></div>
    </td>`;
  }

  /** Points, then the rate with its count, 95 % interval and observed ÷ expected for the case mix. */
  private rateCell(r: RateScore) {
    const pct = (v: number | null | undefined) => formatValue(v ?? null, 'percent', this.lang);
    if (r.fallback) return html`<td>${formatDecimal(r.points, this.lang, 1)}<div class="ci">${words[this.lang].none}</div></td>`;
    return html`<td>${formatDecimal(r.points, this.lang, 1)}
      <div class="ci" title=${t(this.lang, 'explainInterval')}>${pct(r.rate)} (${r.k}/${r.n}) [${pct(r.wilson?.[0])}–${pct(r.wilson?.[1])}]</div>
      <div class="ci" title=${t(this.lang, 'explainOE')}>O/E ${r.observed_expected === null ? '—' : formatDecimal(r.observed_expected, this.lang)}</div>
    </td>`;
  }

  /** A part of the evidence, named with its count; a button that opens its tickets when it has any. */
  private evidenceButton(component: EvidenceComponent, name: string, tickets: number) {
    if (!tickets) return name;
    return html`<button class="evidence-open" data-component=${component} title=${t(this.lang, 'openTickets')}
      @click=${() => (this.evidenceOpen = { component, heading: `${this.technician} · ${formatPeriod(this.quarter, this.lang)} · ${name}` })}>${name}</button>`;
  }

  private renderPerson() {
    const lang = this.lang;
    const w = words[lang];
    return this.person.render({
      pending: () => html`<p class="note">${lang === 'zh' ? '加载中…' : 'Loading…'}</p>`,
      error: (e) => html`<p class="error">${(e as Error).message}</p>`,
      complete: (p) => {
        if (!p) return nothing;
        const e = p.evidence;
        const trend = p.quarters.map((q, i) => ({ quarter: q, value: p.trend[i]?.total ?? null }));
        return html`
          <h2>${this.technician} · ${p.trend[p.trend.length - 1]?.name ?? ''} <button id="close-person" @click=${() => this.view.set({ technician: '' })}>${w.close}</button></h2>
          <metric-chart .drill=${false} .option=${barByDimensionOption(
            trend.map((t) => ({ ...t, quarter: formatPeriod(t.quarter, lang) })),
            { title: w.trend, category: 'quarter', format: 'score' },
            { lang },
          )}></metric-chart>
          <h3>${w.evidence}</h3>
          <div id="evidence">
            <div>${this.evidenceButton('satisfaction', `${w.lowRating} (${e.satisfaction.length})`, e.satisfaction.length)}: ${e.satisfaction.map((t) => `${t.ticket_id}(${t.rating})`).join(', ') || w.none}</div>
            <div>${this.evidenceButton('timeliness', `${w.slaMissed} (${e.timeliness.length})`, e.timeliness.length)}: ${e.timeliness.map((t) => `${t.ticket_id}·${dimensionLabel('sla_target', t.sla_target, lang)}`).join(', ') || w.none}</div>
            <div>${this.evidenceButton('first_time_fix', `${w.notFirstTime} (${e.first_time_fix.length})`, e.first_time_fix.length)}:
              ${e.first_time_fix.map((t) => (t.repeat_ticket_id ? `${t.ticket_id} → ${t.repeat_ticket_id}` : `${t.ticket_id} (${t.visits} ${w.visits})`)).join(', ') || w.none}</div>
            <div>${this.evidenceButton('complaints', `${w.verified} (${e.complaints.length})`, e.complaints.filter((c) => c.ticket_id).length)}: ${e.complaints.map((c) => `${c.complaint_id}·${c.ticket_id ?? ''}`).join(', ') || w.none}</div>
          </div>
        `;
      },
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scorecards-page': ScorecardsPage;
  }
}
