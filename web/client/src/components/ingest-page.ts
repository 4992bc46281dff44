// <ingest-page>: upload a file, pick or edit a mapping with a preview of the first rows as mapped, load it while
// the upload's bytes and the load's phase show as progress bars, see the load report with its errors (rows
// rejected) apart from its warnings (rows loaded with a note), a page at a time (downloadable whole as CSV), and
// the load history.
import { LitElement, css, html, nothing } from 'lit';
import { ingestRunText, t, type MessageKey } from '../../../../presentation/i18n/messages.ts';
import { dimensionLabel } from '../../../../presentation/i18n/dimension-labels.ts';
import { customElement, property, state } from 'lit/decorators.js';
import { formatBytes, formatRangeOf, formatValue, type Lang } from '../../../../presentation/format/format-value.ts';
import { cellText, columnLabel } from '../../../../presentation/i18n/column-labels.ts';
import { timeZone } from '../session.ts';
import { recordKindNames } from '../../../../contract/sources/record-kinds.ts';
import type { Preview as PreviewData } from '../../../../ingest/preview-file.ts';
import type { IngestRunRow, RejectLevel, RejectRow } from '../../../../warehouse/queries/ingest-runs.ts';
import { errorOf, getJson } from '../get-json.ts';

// Types only (erased from the bundle): the page reads what the API returns.
type Preview = Omit<PreviewData, 'rows'> & { rows: (Omit<PreviewData['rows'][number], 'values'> & { values: Record<string, unknown> })[] };
type Run = Omit<IngestRunRow, 'started_at'> & { started_at: string };
type LevelCount = { problems: number; rows: number };
interface RejectPage {
  rejects: RejectRow[];
  total: number;
  offset: number;
  limit: number;
  counts: Record<RejectLevel, LevelCount>;
}
/** The load report (POST answer) or a history row, in one shape. */
interface Report {
  loadId: number;
  kind: string;
  file: string;
  status: string;
  read: number;
  loaded: number;
  updated: number;
  superseded: number;
  rejected: number;
  warned: number;
}
interface LoadState {
  phase: string;
  fraction: number;
}

const pageSize = 50;
/** How often the page asks how far a running load is. */
const pollMs = 400;

/** A random key for one upload, to follow its load by (crypto.getRandomValues works on plain http too). */
const progressKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * POSTs a form with XMLHttpRequest (fetch reports no upload progress), telling `onSent` the bytes sent so far;
 * the answer comes back as a fetch Response, so errors read as everywhere else (errorOf).
 */
function postForm(url: string, data: FormData, onSent: (sent: number, total: number) => void): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.upload.addEventListener('progress', (e) => e.lengthComputable && onSent(e.loaded, e.total));
    xhr.upload.addEventListener('load', (e) => onSent(e.total || e.loaded, e.total || e.loaded));
    xhr.addEventListener('load', () =>
      resolve(
        new Response(xhr.status === 204 ? null : xhr.responseText, {
          status: xhr.status,
          statusText: xhr.statusText,
          headers: { 'content-type': xhr.getResponseHeader('content-type') ?? 'application/json' },
        }),
      ),
    );
    xhr.addEventListener('error', () => reject(new Error(xhr.statusText || 'network error')));
    xhr.addEventListener('abort', () => reject(new Error('aborted')));
    xhr.send(data);
  });
}

const reportOf = (r: Record<string, unknown>): Report => {
  const n = (a: string, b: string) => Number(r[a] ?? r[b] ?? 0);
  return {
    loadId: Number(r.loadId ?? r.load_id),
    kind: String(r.kind),
    file: String(r.file),
    status: String(r.status),
    read: n('rowsRead', 'rows_read'),
    loaded: n('rowsLoaded', 'rows_loaded'),
    updated: n('rowsUpdated', 'rows_updated'),
    superseded: n('rowsSuperseded', 'rows_superseded'),
    rejected: n('rowsRejected', 'rows_rejected'),
    warned: n('rowsWarned', 'rows_warned'),
  };
};

@customElement('ingest-page')
export class IngestPage extends LitElement {
  static styles = css`
    :host { display: block; }
    .panel { background: white; border: 1px solid var(--line, #e4e7ec); border-radius: 10px; padding: 16px; margin-top: 16px; }
    h2 { font-size: 16px; margin: 0 0 8px; overflow-wrap: anywhere; }
    form { display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(min(220px, 100%), 1fr)); align-items: end; }
    label { display: grid; gap: 4px; font-size: 13px; color: var(--muted, #667085); }
    textarea { grid-column: 1 / -1; min-height: 120px; font-family: ui-monospace, monospace; font-size: 13px; }
    input, select, textarea, button { font: inherit; padding: 6px 8px; border: 1px solid var(--line, #e4e7ec); border-radius: 6px; background: white; min-width: 0; max-width: 100%; }
    button { cursor: pointer; }
    button:disabled { cursor: default; opacity: 0.6; }
    button.primary { background: var(--accent, #2f6fde); color: white; border-color: transparent; }
    table { border-collapse: collapse; width: 100%; font-size: 13px; }
    th, td { padding: 4px 6px; border-bottom: 1px solid var(--line, #e4e7ec); text-align: left; vertical-align: top; }
    td.num, th.num { text-align: right; }
    .error { color: #b42318; }
    .warning { color: #b54708; }
    .note { color: var(--muted, #667085); font-size: 13px; }
    .scroll { overflow-x: auto; max-width: 100%; }
    /* On a phone the wide tables keep readable columns and scroll inside their box. */
    #rejects, #history table { min-width: 640px; }
    #progress { display: grid; gap: 8px; margin-top: 12px; }
    #progress .bar { display: grid; gap: 2px; font-size: 13px; }
    progress { width: 100%; height: 14px; }
    .counts { display: flex; flex-wrap: wrap; gap: 8px 16px; }
    .tools { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: end; margin: 8px 0; }
    .tools label { display: flex; align-items: center; gap: 6px; }
    .pager { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-top: 8px; font-size: 13px; }
  `;

  @property() lang: Lang = 'zh';
  @state() private kind = 'tickets';
  @state() private mappingText = '';
  @state() private examples: { name: string; mapping: unknown }[] = [];
  @state() private preview?: Preview;
  @state() private report?: Report;
  @state() private problems?: RejectPage;
  @state() private level: RejectLevel | '' = '';
  @state() private offset = 0;
  @state() private runs: Run[] = [];
  @state() private error = '';
  @state() private busy = false;
  /** Bytes of the upload sent so far, of all. */
  @state() private upload?: { sent: number; total: number };
  /** The load on the server; phase '' while its request has not reached it. */
  @state() private load?: LoadState;
  private problemsAsked = 0;

  connectedCallback(): void {
    super.connectedCallback();
    void this.loadHistory();
    void getJson<{ mappings: { name: string; mapping: unknown }[] }>('/api/ingest/mappings')
      .then((r) => (this.examples = r.mappings))
      .catch((e: Error) => (this.error = e.message));
  }

  private w(key: MessageKey): string {
    return t(this.lang, key);
  }

  private async loadHistory() {
    try {
      this.runs = (await getJson<{ runs: Run[] }>('/api/ingest/runs?limit=50')).runs;
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  private form(): FormData | undefined {
    const file = this.renderRoot.querySelector<HTMLInputElement>('input[name="file"]')!.files?.[0];
    if (!file) {
      this.error = this.w('ingest_chooseFile');
      return undefined;
    }
    const data = new FormData();
    if (this.mappingText.trim()) data.append('mapping', this.mappingText);
    const sheet = this.renderRoot.querySelector<HTMLInputElement>('input[name="sheet"]')!.value;
    if (sheet) data.append('sheet', sheet);
    data.append('file', file);
    return data;
  }

  private async send(action: 'preview' | 'load') {
    this.error = '';
    const data = this.form();
    if (!data) return;
    this.busy = true;
    this.upload = { sent: 0, total: (data.get('file') as File).size };
    this.load = action === 'load' ? { phase: '', fraction: 0 } : undefined;
    const key = progressKey();
    let answered = false;
    const onSent = (sent: number, total: number) => {
      this.upload = { sent, total };
      // The whole body is sent: the server is loading it; follow it until the answer comes.
      if (action === 'load' && sent >= total && !following) following = this.follow(key, () => answered);
    };
    let following: Promise<void> | undefined;
    try {
      const url = `/api/ingest/${this.kind}${action === 'preview' ? '/preview' : `?progress=${key}`}`;
      const r = await postForm(url, data, onSent);
      answered = true;
      await following;
      if (!r.ok) {
        this.error = await errorOf(r);
        if (this.load) {
          this.load = { phase: 'failed', fraction: this.load.fraction };
          // A refused load is logged too: the history shows it with its reason.
          await this.loadHistory();
        }
        return;
      }
      const body = await r.json();
      if (action === 'preview') {
        this.preview = body;
        return;
      }
      this.load = { phase: 'done', fraction: 1 };
      await this.showReport(reportOf(body));
      await this.loadHistory();
    } catch (e) {
      answered = true;
      this.error = (e as Error).message;
      if (this.load) this.load = { phase: 'failed', fraction: this.load.fraction };
    } finally {
      this.busy = false;
    }
  }

  /** Asks how far the load is until its request is answered (an unknown key: not yet arrived, keep asking). */
  private async follow(key: string, answered: () => boolean) {
    while (!answered()) {
      try {
        const r = await fetch(`/api/ingest/progress/${key}`);
        if (r.ok && !answered()) this.load = await r.json();
      } catch {
        // The answer to the upload says what went wrong, if anything did.
      }
      if (!answered()) await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  private async showReport(report: Report) {
    this.report = report;
    this.level = '';
    this.offset = 0;
    this.problems = undefined;
    await this.loadProblems();
  }

  private async loadProblems() {
    const report = this.report;
    if (!report) return;
    const asked = ++this.problemsAsked;
    const level = this.level ? `&level=${this.level}` : '';
    try {
      const page = await getJson<RejectPage>(`/api/ingest/runs/${report.loadId}/rejects?limit=${pageSize}&offset=${this.offset}${level}`);
      if (asked === this.problemsAsked) this.problems = page;
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  private showLevel(level: RejectLevel | '') {
    this.level = level;
    this.offset = 0;
    void this.loadProblems();
  }

  private turnPage(by: number) {
    this.offset = Math.max(0, this.offset + by * pageSize);
    void this.loadProblems();
  }

  private count(n: number) {
    return formatValue(n, 'count', this.lang);
  }

  render() {
    const lang = this.lang;
    return html`
      <section class="panel">
        <h2>${t(lang, 'loadData')}</h2>
        <form @submit=${(e: Event) => e.preventDefault()}>
          <label
            >${this.w('ingest_kind')}<select name="kind" @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value)}>
              ${recordKindNames.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${dimensionLabel('record_kind', k, lang)}</option>`)}
            </select></label
          >
          <label>${this.w('ingest_file')}<input name="file" type="file" accept=".csv,.tsv,.txt,.xlsx,.json,.ndjson,.jsonl,.parquet" /></label>
          <label>${this.w('ingest_sheet')}<input name="sheet" type="text" /></label>
          <label
            >${this.w('ingest_example')}
            <select name="example" @change=${(e: Event) => this.pickExample((e.target as HTMLSelectElement).value)}>
              <option value="">—</option>
              ${this.examples.map((x) => html`<option value=${x.name} translate="no">${x.name}</option>`)}
            </select>
          </label>
          <textarea name="mapping" aria-label=${this.w('ingest_mapping')} placeholder=${this.w('ingest_mapping')} .value=${this.mappingText} @input=${(e: Event) => (this.mappingText = (e.target as HTMLTextAreaElement).value)}></textarea>
          <button id="preview" ?disabled=${this.busy} @click=${() => this.send('preview')}>${this.w('ingest_preview')}</button>
          <button id="load" class="primary" ?disabled=${this.busy} @click=${() => this.send('load')}>${this.w('ingest_load')}</button>
        </form>
        ${this.renderProgress()} ${this.error ? html`<p class="error" id="error">${this.error}</p>` : nothing}
      </section>
      ${this.preview ? this.renderPreview(this.preview) : nothing} ${this.report ? this.renderReport(this.report) : nothing}
      <section class="panel" id="history">
        <h2>${this.w('ingest_history')}</h2>
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th>#</th><th>${this.w('ingest_kind')}</th><th>${this.w('ingest_file')}</th><th>${this.w('ingest_status')}</th><th class="num">${this.w('ingest_read')}</th>
                <th class="num">${this.w('ingest_loaded')}</th><th class="num">${this.w('ingest_rejected')}</th><th class="num">${this.w('ingest_warnings')}</th><th>${t(lang, 'actions')}</th>
              </tr>
            </thead>
            <tbody>
              ${this.runs.map(
                (r) => html`<tr>
                  <td>${r.load_id}</td><td>${dimensionLabel('record_kind', r.kind, lang)}</td><td translate="no">${r.file}</td><td>${dimensionLabel('ingest_status', r.status, lang)}${ingestRunText(lang, r) ? html`<div class="note">${ingestRunText(lang, r)}</div>` : nothing}</td>
                  <td class="num">${this.count(r.rows_read)}</td><td class="num">${this.count(r.rows_loaded)}</td><td class="num">${this.count(r.rows_rejected)}</td><td class="num">${this.count(r.rows_warned)}</td>
                  <td>${r.rows_rejected || r.rows_warned ? html`<button @click=${() => this.showReport(reportOf(r as unknown as Record<string, unknown>))}>${this.w('ingest_problems')}</button>` : nothing}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </section>
    `;
  }

  /** The upload's bytes, then (a load) the load's phase: native progress bars, each named by its label. */
  private renderProgress() {
    const up = this.upload;
    if (!up) return nothing;
    const lang = this.lang;
    const load = this.load;
    const loadText =
      load &&
      (load.phase
        ? `${dimensionLabel('ingest_phase', load.phase, lang)} · ${formatValue(load.fraction, 'percent', lang)}`
        : dimensionLabel('ingest_phase', 'receive', lang));
    return html`<div id="progress">
      <div class="bar">
        <label for="upload-progress">${this.w('ingest_uploadProgress')}</label>
        <progress id="upload-progress" max=${Math.max(up.total, 1)} .value=${up.sent}></progress>
        <span id="upload-bytes" aria-live="polite">${this.w('ingest_sent')} ${formatBytes(up.sent, lang)} / ${formatBytes(up.total, lang)}</span>
      </div>
      ${
        load
          ? html`<div class="bar" data-phase=${load.phase || 'receive'} id="load-state">
            <label for="load-progress">${this.w('ingest_loadProgress')}</label>
            ${load.phase ? html`<progress id="load-progress" max="1" .value=${load.fraction}></progress>` : html`<progress id="load-progress"></progress>`}
            <span id="load-phase" aria-live="polite" class=${load.phase === 'failed' ? 'error' : ''}>${loadText}</span>
          </div>`
          : nothing
      }
    </div>`;
  }

  private pickExample(name: string) {
    const ex = this.examples.find((x) => x.name === name);
    if (ex) this.mappingText = JSON.stringify(ex.mapping, null, 2);
  }

  private renderPreview(p: Preview) {
    const columns = Object.keys(p.mapped);
    return html`<section class="panel" id="preview-result">
      <h2>${this.w('ingest_preview')}: ${p.file}</h2>
      ${p.missingRequired.length ? html`<p class="error">${this.w('ingest_missing')}: ${p.missingRequired.map((c) => columnLabel(this.kind, c, this.lang)).join(this.lang === 'zh' ? '、' : ', ')}</p>` : nothing}
      <p>${this.w('ingest_mapped')}: ${columns.map((c) => `${p.mapped[c]} → ${columnLabel(this.kind, c, this.lang)}`).join(' · ')}</p>
      <p>${this.w('ingest_extras')}: ${p.extras.length ? p.extras.join(', ') : this.w('ingest_none')}</p>
      <div class="scroll">
        <table>
          <thead><tr><th>${this.w('ingest_row')}</th>${columns.map((c) => html`<th>${columnLabel(this.kind, c, this.lang)}</th>`)}<th>${this.w('ingest_reason')}</th></tr></thead>
          <tbody>
            ${p.rows.map(
              (r) => html`<tr>
                <td>${r.row}</td>
                ${columns.map((c) => html`<td class=${r.problems.some((x) => x.field === c && x.level === 'error') ? 'error' : ''}>${cellText(this.kind, c, r.values[c], this.lang, timeZone())}</td>`)}
                <td>${r.problems.map((x) => html`<div class=${x.level}>${columnLabel(this.kind, x.field, this.lang)}: ${this.lang === 'zh' ? x.reason_zh : x.reason_en}</div>`)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private renderReport(r: Report) {
    const lang = this.lang;
    const p = this.problems;
    const c = (n: number) => this.count(n);
    return html`<section class="panel" id="report">
      <h2>${this.w('ingest_report')}: ${r.file} (#${r.loadId})</h2>
      <p>
        ${this.w('ingest_status')}: <strong>${dimensionLabel('ingest_status', r.status, lang)}</strong> · ${this.w('ingest_read')} ${c(r.read)} · ${this.w('ingest_loaded')} ${c(r.loaded)} ·
        ${this.w('ingest_updated')} ${c(r.updated)} · ${this.w('ingest_superseded')} ${c(r.superseded)} · ${this.w('ingest_rejected')} ${c(r.rejected)} · ${this.w('ingest_warnings')}
        ${c(r.warned)}
      </p>
      <p class="counts" id="problem-counts">
        <span class="error">${this.w('ingest_errorRows')}: <strong id="error-rows">${c(r.rejected)}</strong></span>
        <span class="warning">${this.w('ingest_warningRows')}: <strong id="warning-rows">${c(r.warned)}</strong></span>
      </p>
      ${p && p.counts.error.problems + p.counts.warning.problems > 0 ? this.renderProblems(r, p) : p ? html`<p class="note">${this.w('ingest_noProblems')}</p>` : nothing}
    </section>`;
  }

  private renderProblems(r: Report, p: RejectPage) {
    const lang = this.lang;
    const all = p.counts.error.problems + p.counts.warning.problems;
    const option = (value: RejectLevel | '', key: MessageKey, n: number) =>
      html`<option value=${value} ?selected=${this.level === value}>${this.w(key)} · ${this.count(n)}</option>`;
    return html`<h2>${this.w('ingest_problems')}</h2>
      <p class="note">${this.w('ingest_problemsHint')}</p>
      <div class="tools">
        <label
          >${this.w('ingest_show')}
          <select id="level-filter" @change=${(e: Event) => this.showLevel((e.target as HTMLSelectElement).value as RejectLevel | '')}>
            ${option('', 'ingest_all', all)} ${option('error', 'ingest_errors', p.counts.error.problems)} ${option('warning', 'ingest_warnings', p.counts.warning.problems)}
          </select>
        </label>
        <a href="/api/ingest/runs/${r.loadId}/rejects?format=csv&lang=${lang}" download>${this.w('ingest_download')}</a>
      </div>
      <div class="scroll">
        <table id="rejects">
          <thead>
            <tr><th>${this.w('ingest_level')}</th><th>${this.w('ingest_file')}</th><th class="num">${this.w('ingest_row')}</th><th>${this.w('ingest_field')}</th><th>${this.w('ingest_reason')}</th><th>${t(lang, 'value')}</th></tr>
          </thead>
          <tbody>
            ${p.rejects.map(
              (x) => html`<tr class=${x.level}>
                <td>${dimensionLabel('problem_level', x.level, lang)}</td><td>${x.file}</td><td class="num">${this.count(x.row_number)}</td><td>${columnLabel(r.kind, x.field, lang)}</td>
                <td>${lang === 'zh' ? x.reason_zh : x.reason_en}</td><td>${x.value ?? ''}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <nav class="pager" aria-label=${this.w('ingest_problems')}>
        <button id="previous-page" ?disabled=${p.offset === 0} @click=${() => this.turnPage(-1)}>‹ ${this.w('ingest_previousPage')}</button>
        <span id="rejects-range" aria-live="polite">${formatRangeOf(p.offset, p.rejects.length, p.total, lang)}</span>
        <button id="next-page" ?disabled=${p.offset + p.rejects.length >= p.total} @click=${() => this.turnPage(1)}>${this.w('ingest_nextPage')} ›</button>
      </nav>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ingest-page': IngestPage;
  }
}
