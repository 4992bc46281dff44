// <cadence-page>: the service cadence and installation quality (issue 19) for managers and quality engineers:
// callback and inspection compliance and the mean installation score, by team; the dues not done, most late
// first; the installation projects, lowest score first, with their components and grade. The rules and
// formulas are the catalog's (the tiles' hints and the definitions page). A compliance figure (by team, by quarter)
// opens the dues behind it in the drill drawer (GET /api/cadence/dues), each on time, done late or not done.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { InstallationScore, OverdueDue } from '../../../../warehouse/queries/cadence.ts';
import { formatPeriod, formatShownOf, formatValue, type Lang } from '../../../../presentation/format/format-value.ts';
import { t } from '../../../../presentation/i18n/messages.ts';
import { dimensionLabel } from '../../../../presentation/i18n/dimension-labels.ts';
import { getJson } from '../get-json.ts';
import { catalog } from '../session.ts';
import { pageStyles } from '../page-styles.ts';
import { parsePeriod } from '../../../../contract/period/period.ts';
import './kpi-tile.ts';
import './drill-drawer.ts';

type CadenceMetric = 'inspection_compliance' | 'callback_compliance' | 'installation_score';
const metrics: CadenceMetric[] = ['inspection_compliance', 'callback_compliance', 'installation_score'];
interface SeriesRow {
  period?: string;
  team?: string | null;
  numerator: number;
  denominator: number;
  value: number | null;
}
interface Page<T> {
  rows: T[];
  total: number;
  truncated: boolean;
}
const shown = 20;

@customElement('cadence-page')
export class CadencePage extends LitElement {
  static styles = [
    pageStyles,
    css`
      button.figure { font: inherit; background: none; border: 0; padding: 0; color: #1d4ed8; text-decoration: underline; cursor: pointer; }
      .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(200px, 100%), 1fr)); gap: 12px; margin-top: 16px; }
    `,
  ];

  @property() lang: Lang = 'zh';
  @state() private overall: Partial<Record<CadenceMetric, SeriesRow>> = {};
  @state() private byTeam: Partial<Record<CadenceMetric, SeriesRow[]>> = {};
  @state() private byQuarter: Partial<Record<CadenceMetric, SeriesRow[]>> = {};
  @state() private overdue?: Page<OverdueDue>;
  @state() private installations?: Page<InstallationScore>;
  @state() private error = '';
  /** The dues behind the figure opened: the drawer's heading and query. */
  @state() private drill?: { heading: string; query: string };

  connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      const [overall, byTeam, byQuarter, overdue, installations] = await Promise.all([
        Promise.all(metrics.map((m) => getJson<{ rows: SeriesRow[] }>(`/api/metrics/${m}?grain=all`))),
        Promise.all(metrics.map((m) => getJson<{ rows: SeriesRow[] }>(`/api/metrics/${m}?grain=all&by=team`))),
        Promise.all(metrics.map((m) => getJson<{ rows: SeriesRow[] }>(`/api/metrics/${m}?grain=quarter`))),
        getJson<Page<OverdueDue>>(`/api/cadence/overdue?limit=${shown}`),
        getJson<Page<InstallationScore>>(`/api/installations/scores?limit=${shown}`),
      ]);
      this.overall = Object.fromEntries(metrics.map((m, i) => [m, overall[i].rows[0]]));
      this.byTeam = Object.fromEntries(metrics.map((m, i) => [m, byTeam[i].rows]));
      this.byQuarter = Object.fromEntries(metrics.map((m, i) => [m, byQuarter[i].rows]));
      this.overdue = overdue;
      this.installations = installations;
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  render() {
    const lang = this.lang;
    // The catalog with its formulas stating the configured cadence.
    const metricCatalog = catalog();
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    const teams = [...new Set(metrics.flatMap((m) => (this.byTeam[m] ?? []).map((r) => r.team ?? '')))].sort();
    const quarters = [...new Set(metrics.flatMap((m) => (this.byQuarter[m] ?? []).map((r) => r.period ?? '')))].sort().reverse();
    // A figure with how many were due; a compliance figure opens the dues behind it (filters: team, or a quarter).
    const figure = (r: SeriesRow | undefined, m: CadenceMetric, where: { team?: string; quarter?: string }) => {
      if (!r) return '—';
      const value = formatValue(r.value, metricCatalog[m].format, lang);
      const due = html` <span class="note">(${formatValue(r.denominator, 'count', lang)})</span>`;
      if (m === 'installation_score' || where.team === '') return html`${value}${due}`;
      const query = new URLSearchParams({ metric: m });
      if (where.team) query.set('team', where.team);
      if (where.quarter) {
        const p = parsePeriod(where.quarter);
        query.set('from', p.from);
        query.set('to', p.to);
      }
      const heading = [metricCatalog[m].label[lang], where.team, where.quarter && formatPeriod(where.quarter, lang)]
        .filter(Boolean)
        .join(' · ');
      return html`<button class="figure" data-metric=${m} title=${t(lang, 'cadenceOpenDues')} @click=${() => (this.drill = { heading, query: query.toString() })}>${value}</button>${due}`;
    };
    const cell = (m: CadenceMetric, team: string) =>
      figure(
        this.byTeam[m]?.find((x) => (x.team ?? '') === team),
        m,
        { team },
      );
    return html`
      <div class="tiles">
        ${metrics.map(
          (m) =>
            html`<kpi-tile id=${`tile-${m}`} .label=${metricCatalog[m].label[lang]} .hint=${metricCatalog[m].formula[lang]} .value=${this.overall[m]?.value ?? null} .format=${metricCatalog[m].format} .lang=${lang}></kpi-tile>`,
        )}
      </div>
      <section class="panel" aria-labelledby="by-team">
        <h2 id="by-team">${t(lang, 'cadenceByTeam')}</h2>
        <table>
          <thead><tr><th scope="col">${t(lang, 'cadenceTeam')}</th>${metrics.map((m) => html`<th scope="col">${metricCatalog[m].label[lang]}</th>`)}</tr></thead>
          <tbody>
            ${teams.map((team) => html`<tr><th scope="row" class="text">${team || t(lang, 'cadenceNone')}</th>${metrics.map((m) => html`<td>${cell(m, team)}</td>`)}</tr>`)}
          </tbody>
        </table>
        <p class="note">${t(lang, 'cadenceDueNote')}</p>
      </section>
      <section class="panel" aria-labelledby="by-quarter">
        <h2 id="by-quarter">${t(lang, 'cadenceByQuarter')}</h2>
        <table>
          <thead><tr><th scope="col">${t(lang, 'cadencePeriod')}</th>${metrics.map((m) => html`<th scope="col">${metricCatalog[m].label[lang]}</th>`)}</tr></thead>
          <tbody>
            ${quarters.map(
              (p) =>
                html`<tr><th scope="row" class="text">${formatPeriod(p, lang)}</th>${metrics.map(
                  (m) =>
                    html`<td>${figure(
                      this.byQuarter[m]?.find((x) => x.period === p),
                      m,
                      { quarter: p },
                    )}</td>`,
                )}</tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section class="panel" aria-labelledby="overdue">
        <h2 id="overdue">${t(lang, 'cadenceOverdue')}</h2>
        ${
          this.overdue
            ? html`<table>
                <thead>
                  <tr>
                    <th scope="col">${t(lang, 'cadenceUnit')}</th><th scope="col" class="text">${t(lang, 'cadenceKind')}</th><th scope="col" class="text">${t(lang, 'cadenceTeam')}</th>
                    <th scope="col" class="text">${t(lang, 'cadenceInstalledOn')}</th><th scope="col" class="text">${t(lang, 'cadenceDueOn')}</th><th scope="col">${t(lang, 'cadenceDaysLate')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.overdue.rows.map(
                    (r) => html`<tr>
                      <td>${r.serial_no}</td><td class="text">${dimensionLabel('cadence_kind', r.cadence_kind, lang)}</td><td class="text">${r.team ?? '—'}</td>
                      <td class="text">${r.installed_on}</td><td class="text">${r.due_on}</td><td>${formatValue(r.days_late, 'count', lang)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
              <p class="note">${formatShownOf(this.overdue.rows.length, this.overdue.total, lang)}${this.overdue.rows[0] ? html` · ${t(lang, 'asOf')} ${this.overdue.rows[0].as_of}` : nothing}</p>`
            : nothing
        }
      </section>
      <section class="panel" aria-labelledby="installations">
        <h2 id="installations">${t(lang, 'cadenceInstallations')}</h2>
        ${
          this.installations
            ? html`<table>
                <thead>
                  <tr>
                    <th scope="col">${t(lang, 'cadenceProject')}</th><th scope="col" class="text">${t(lang, 'cadenceTeam')}</th>
                    <th scope="col">${t(lang, 'cadenceHardware')}</th><th scope="col">${t(lang, 'cadenceSoftware')}</th><th scope="col">${t(lang, 'cadenceDocuments')}</th>
                    <th scope="col">${t(lang, 'cadenceSatisfaction')}</th><th scope="col">${t(lang, 'cadenceScore')}</th><th scope="col" class="text">${t(lang, 'cadenceGrade')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.installations.rows.map(
                    (r) => html`<tr>
                      <td>${r.installation_id}</td><td class="text">${r.team ?? '—'}</td>
                      <td>${formatValue(r.hardware_points, 'score', lang)}</td><td>${formatValue(r.software_points, 'score', lang)}</td><td>${formatValue(r.documents_points, 'score', lang)}</td>
                      <td>${formatValue(r.satisfaction_points, 'score', lang)}</td><td>${formatValue(r.score, 'score', lang)}</td><td class="text">${r.grade}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
              <p class="note">${formatShownOf(this.installations.rows.length, this.installations.total, lang)}</p>`
            : nothing
        }
      </section>
      ${
        this.drill
          ? html`<drill-drawer .heading=${this.drill.heading} .query=${this.drill.query} source="cadence" path="/api/cadence/dues" .lang=${lang}
              @close=${() => (this.drill = undefined)}></drill-drawer>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cadence-page': CadencePage;
  }
}
