// <reports-page>: the archive of quarterly PDF reports (scheduled, made up at start-up, or asked for here),
// newest first, each to download; and a form to produce one: quarter, edition, language, region.
import { LitElement, css, html, nothing } from 'lit';
import { t } from '../../../../presentation/i18n/messages.ts';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { ArchivedReport } from '../../../../reports/archive/report-archive.ts';
import { formatPeriod, type Lang } from '../../../../presentation/format/format-value.ts';
import { reportWords } from '../../../../presentation/i18n/report-words.ts';
import { reportVariants } from '../../../../presentation/reports/report-context.ts';
import { errorOf, getJson } from '../get-json.ts';
import { ownRegions, sessionUser } from '../session.ts';
import { reportVariantsOf } from '../../../../contract/roles/role-groups.ts';

/** The editions the signed-in role may ask for (every one without sign-in). */
const mayAskFor = (v: string): boolean => {
  const u = sessionUser();
  return !u || reportVariantsOf[u.role].includes(v);
};
import { pageStyles } from '../page-styles.ts';
import { quarterChoices, QuarterStateController } from '../quarter-state.ts';

const words = {
  zh: {
    produce: '生成报告',
    quarter: '季度',
    variant: '版本',
    lang: '语言',
    region: '大区（空为全部）',
    regionOne: '大区',
    make: '生成',
    making: '生成中…',
    archive: '报告存档',
    made: '生成时间',
    trigger: '来源',
    status: '状态',
    pages: '页数',
    size: '大小',
    download: '下载',
    none: '还没有报告',
    langs: { zh: '中文', en: 'English' },
    triggers: { manual: '手动', schedule: '定时', startup: '启动补做' },
    statuses: { ok: '完成', failed: '失败' },
    all: '全部',
  },
  en: {
    produce: 'Produce a report',
    quarter: 'Quarter',
    variant: 'Edition',
    lang: 'Language',
    region: 'Region (empty: all)',
    regionOne: 'Region',
    make: 'Produce',
    making: 'Producing…',
    archive: 'Report archive',
    made: 'Made',
    trigger: 'By',
    status: 'Status',
    pages: 'Pages',
    size: 'Size',
    download: 'Download',
    none: 'No report yet',
    langs: { zh: '中文', en: 'English' },
    triggers: { manual: 'by hand', schedule: 'schedule', startup: 'made up at start' },
    statuses: { ok: 'done', failed: 'failed' },
    all: 'All',
  },
} as const;

@customElement('reports-page')
export class ReportsPage extends LitElement {
  static styles = [
    pageStyles,
    css`
      form { display: flex; gap: 12px; align-items: end; flex-wrap: wrap; }
      label { display: flex; flex-direction: column; gap: 4px; font-size: 13px; color: var(--muted, #667085); }
      tr.failed td { color: #b42318; }
    `,
  ];

  @property() lang: Lang = 'zh';
  /** The quarter offered in the form is the URL's (the last full quarter by default). */
  private readonly view = new QuarterStateController(this);
  @state() private producing = false;
  @state() private message = '';
  @state() private version = 0;

  private readonly reports = new Task(this, {
    task: async (_args, { signal }) => (await getJson<{ reports: ArchivedReport[] }>('/api/reports', signal)).reports,
    args: () => [this.version, this.lang] as const,
  });

  private async produce(e: SubmitEvent) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    this.producing = true;
    this.message = '';
    try {
      const r = await fetch('/api/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          quarter: String(form.get('quarter')).replace('-', ''),
          variant: form.get('variant'),
          lang: form.get('lang'),
          region: String(form.get('region') ?? '').trim() || undefined,
        }),
      });
      if (!r.ok) this.message = await errorOf(r);
    } finally {
      this.producing = false;
      this.version++;
    }
  }

  render() {
    const w = words[this.lang];
    return html`
      <section class="panel">
        <h2>${w.produce}</h2>
        <form id="produce" @submit=${this.produce}>
          <label>${w.quarter}
            <select name="quarter">${quarterChoices(this.view.state.quarter).map((k) => html`<option value=${k} ?selected=${k === this.view.state.quarter}>${formatPeriod(k, this.lang)}</option>`)}</select>
          </label>
          <label>${w.variant}
            <select name="variant">${reportVariants.filter(mayAskFor).map((v) => html`<option value=${v}>${reportWords(this.lang).variant[v]}</option>`)}</select>
          </label>
          <label>${w.lang}
            <select name="lang">${(['zh', 'en'] as const).map((l) => html`<option value=${l} ?selected=${l === this.lang}>${w.langs[l]}</option>`)}</select>
          </label>
          ${
            ownRegions()
              ? html`<label>${w.regionOne}<select name="region">${ownRegions()!.map((r) => html`<option value=${r}>${r}</option>`)}</select></label>`
              : html`<label>${w.region}<input name="region" maxlength="100" /></label>`
          }
          <button type="submit" ?disabled=${this.producing}>${this.producing ? w.making : w.make}</button>
        </form>
        ${this.message ? html`<p class="error" id="report-error">${this.message}</p>` : nothing}
      </section>
      <section class="panel" id="archive">
        <h2>${w.archive}</h2>
        ${this.reports.render({
          pending: () => html`<p class="note">…</p>`,
          error: (e) => html`<p class="error">${(e as Error).message}</p>`,
          complete: (rows) =>
            rows.length === 0
              ? html`<p class="note">${w.none}</p>`
              : html`<table>
                  <thead><tr><th class="text">${w.quarter}</th><th class="text">${w.variant}</th><th class="text">${w.lang}</th><th class="text">${w.region}</th><th class="text">${w.made}</th><th class="text">${w.trigger}</th><th class="text">${w.status}</th><th>${w.pages}</th><th>${w.size}</th><th>${t(this.lang, 'actions')}</th></tr></thead>
                  <tbody>
                    ${rows.map(
                      (r) => html`<tr class=${r.status} data-report=${r.report_id}>
                        <td class="text">${formatPeriod(r.quarter, this.lang)}</td><td class="text">${reportWords(this.lang).variant[r.variant]}</td><td class="text">${w.langs[r.lang]}</td>
                        <td class="text">${r.region ?? w.all}</td><td class="text">${r.created_at}</td><td class="text">${w.triggers[r.trigger]}</td>
                        <td class="text" title=${r.error ?? ''}>${w.statuses[r.status]}${r.error ? `: ${r.error}` : ''}</td>
                        <td>${r.pages ?? '—'}</td><td>${r.bytes ? `${Math.round(r.bytes / 1024)} KiB` : '—'}</td>
                        <td>${r.status === 'ok' ? html`<a href="/api/reports/${r.report_id}.pdf" download>${w.download}</a>` : nothing}</td>
                      </tr>`,
                    )}
                  </tbody>
                </table>`,
        })}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'reports-page': ReportsPage;
  }
}
