// <ingest-page>: upload a file, pick or edit a mapping with a preview of the first rows as mapped, load it,
// see the load report and its rejected rows (downloadable as CSV), and the load history.
import { LitElement, css, html, nothing } from 'lit';
import { t } from '../../../i18n/messages.ts';
import { dimensionLabel } from '../../../i18n/dimension-labels.ts';
import { customElement, property, state } from 'lit/decorators.js';
import type { Lang } from '../../../format/format-value.ts';
import type { Preview as PreviewData } from '../../../../ingest/preview-file.ts';
import type { IngestRunRow, RejectRow } from '../../../../warehouse/queries/ingest-runs.ts';
import { errorOf, getJson } from '../get-json.ts';

const kinds = ['tickets', 'repairs', 'complaints', 'parts', 'technicians', 'callbacks'];

// Types only (erased from the bundle): the page reads what the API returns.
type Preview = Omit<PreviewData, 'rows'> & { rows: (Omit<PreviewData['rows'][number], 'values'> & { values: Record<string, unknown> })[] };
type Reject = Omit<RejectRow, 'load_id' | 'file'>;
type Run = Omit<IngestRunRow, 'started_at'> & { started_at: string };

const words = {
  zh: { title: '导入数据', kind: '记录类型', file: '文件', sheet: '工作表（可选）', mapping: '映射（JSON，可选）', example: '从示例开始', preview: '预览', load: '导入', report: '导入结果', rejects: '被拒绝的行', download: '下载 CSV', history: '导入记录', row: '行', field: '字段', value: '值', reason: '原因', mapped: '列映射', extras: '保留的其他列', missing: '缺少必需列', status: '状态', read: '读取', loaded: '导入', updated: '更新', superseded: '被覆盖', rejected: '拒绝', warnings: '警告', none: '无' },
  en: { title: 'Load data', kind: 'Record kind', file: 'File', sheet: 'Sheet (optional)', mapping: 'Mapping (JSON, optional)', example: 'Start from an example', preview: 'Preview', load: 'Load', report: 'Load report', rejects: 'Rejected rows', download: 'Download CSV', history: 'Load history', row: 'Row', field: 'Field', value: 'Value', reason: 'Reason', mapped: 'Column mapping', extras: 'Other columns kept', missing: 'Missing required columns', status: 'Status', read: 'Read', loaded: 'Loaded', updated: 'Updated', superseded: 'Superseded', rejected: 'Rejected', warnings: 'Warnings', none: 'none' },
} as const;

@customElement('ingest-page')
export class IngestPage extends LitElement {
  static styles = css`
    :host { display: block; }
    .panel { background: white; border: 1px solid var(--line, #e4e7ec); border-radius: 10px; padding: 16px; margin-top: 16px; }
    h2 { font-size: 16px; margin: 0 0 8px; }
    form { display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); align-items: end; }
    label { display: grid; gap: 4px; font-size: 13px; color: var(--muted, #667085); }
    textarea { grid-column: 1 / -1; min-height: 120px; font-family: ui-monospace, monospace; font-size: 13px; }
    input, select, textarea, button { font: inherit; padding: 6px 8px; border: 1px solid var(--line, #e4e7ec); border-radius: 6px; background: white; }
    button { cursor: pointer; }
    button.primary { background: var(--accent, #2f6fde); color: white; border-color: transparent; }
    table { border-collapse: collapse; width: 100%; font-size: 13px; }
    th, td { padding: 4px 6px; border-bottom: 1px solid var(--line, #e4e7ec); text-align: left; vertical-align: top; }
    td.num, th.num { text-align: right; }
    .error { color: #b42318; }
    .warning { color: #b54708; }
    .scroll { overflow-x: auto; }
  `;

  @property() lang: Lang = 'zh';
  @state() private kind = 'tickets';
  @state() private mappingText = '';
  @state() private examples: { name: string; mapping: unknown }[] = [];
  @state() private preview?: Preview;
  @state() private report?: Record<string, unknown>;
  @state() private rejects: Reject[] = [];
  @state() private runs: Run[] = [];
  @state() private error = '';

  connectedCallback(): void {
    super.connectedCallback();
    void this.loadHistory();
    void getJson<{ mappings: { name: string; mapping: unknown }[] }>('/api/ingest/mappings')
      .then((r) => (this.examples = r.mappings))
      .catch((e: Error) => (this.error = e.message));
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
      this.error = this.lang === 'zh' ? '请选择文件' : 'Choose a file';
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
    const r = await fetch(`/api/ingest/${this.kind}${action === 'preview' ? '/preview' : ''}`, { method: 'POST', body: data });
    if (!r.ok) {
      this.error = await errorOf(r);
      return;
    }
    const body = await r.json();
    if (action === 'preview') {
      this.preview = body;
      return;
    }
    this.report = body;
    this.rejects = body.rowsRejected || body.rowsWarned ? (await getJson<{ rejects: Reject[] }>(`/api/ingest/runs/${body.loadId}/rejects`)).rejects : [];
    await this.loadHistory();
  }

  private async showRejects(loadId: number) {
    this.report = this.runs.find((r) => r.load_id === loadId) as unknown as Record<string, unknown>;
    try {
      this.rejects = (await getJson<{ rejects: Reject[] }>(`/api/ingest/runs/${loadId}/rejects`)).rejects;
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  render() {
    const w = words[this.lang];
    return html`
      <section class="panel">
        <h2>${w.title}</h2>
        <form @submit=${(e: Event) => e.preventDefault()}>
          <label>${w.kind}<select name="kind" @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value)}>${kinds.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${dimensionLabel('record_kind', k, this.lang)}</option>`)}</select></label>
          <label>${w.file}<input name="file" type="file" accept=".csv,.tsv,.txt,.xlsx,.json,.ndjson,.jsonl,.parquet" /></label>
          <label>${w.sheet}<input name="sheet" type="text" /></label>
          <label
            >${w.example}
            <select name="example" @change=${(e: Event) => this.pickExample((e.target as HTMLSelectElement).value)}>
              <option value="">—</option>
              ${this.examples.map((x) => html`<option value=${x.name} translate="no">${x.name}</option>`)}
            </select>
          </label>
          <textarea name="mapping" placeholder=${w.mapping} .value=${this.mappingText} @input=${(e: Event) => (this.mappingText = (e.target as HTMLTextAreaElement).value)}></textarea>
          <button id="preview" @click=${() => this.send('preview')}>${w.preview}</button>
          <button id="load" class="primary" @click=${() => this.send('load')}>${w.load}</button>
        </form>
        ${this.error ? html`<p class="error" id="error">${this.error}</p>` : nothing}
      </section>
      ${this.preview ? this.renderPreview(this.preview) : nothing} ${this.report ? this.renderReport() : nothing}
      <section class="panel" id="history">
        <h2>${w.history}</h2>
        <div class="scroll">
          <table>
            <thead>
              <tr><th>#</th><th>${w.kind}</th><th>${w.file}</th><th>${w.status}</th><th class="num">${w.read}</th><th class="num">${w.loaded}</th><th class="num">${w.rejected}</th><th class="num">${w.warnings}</th><th>${t(this.lang, 'actions')}</th></tr>
            </thead>
            <tbody>
              ${this.runs.map(
                (r) => html`<tr>
                  <td>${r.load_id}</td><td>${dimensionLabel('record_kind', r.kind, this.lang)}</td><td translate="no">${r.file}</td><td>${dimensionLabel('load_status', r.status, this.lang)}${r.message ? html`<div class="note">${r.message}</div>` : nothing}</td>
                  <td class="num">${r.rows_read}</td><td class="num">${r.rows_loaded}</td><td class="num">${r.rows_rejected}</td><td class="num">${r.rows_warned}</td>
                  <td>${r.rows_rejected || r.rows_warned ? html`<button @click=${() => this.showRejects(r.load_id)}>${w.rejects}</button>` : nothing}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </section>
    `;
  }

  private pickExample(name: string) {
    const ex = this.examples.find((x) => x.name === name);
    if (ex) this.mappingText = JSON.stringify(ex.mapping, null, 2);
  }

  private renderPreview(p: Preview) {
    const w = words[this.lang];
    const columns = Object.keys(p.mapped);
    return html`<section class="panel" id="preview-result">
      <h2>${w.preview}: ${p.file}</h2>
      ${p.missingRequired.length ? html`<p class="error">${w.missing}: ${p.missingRequired.join(', ')}</p>` : nothing}
      <p>${w.mapped}: ${columns.map((c) => `${p.mapped[c]} → ${c}`).join(' · ')}</p>
      <p>${w.extras}: ${p.extras.length ? p.extras.join(', ') : w.none}</p>
      <div class="scroll">
        <table>
          <thead><tr><th>${w.row}</th>${columns.map((c) => html`<th>${c}</th>`)}<th>${w.reason}</th></tr></thead>
          <tbody>
            ${p.rows.map(
              (r) => html`<tr>
                <td>${r.row}</td>
                ${columns.map((c) => html`<td class=${r.problems.some((x) => x.field === c && x.level === 'error') ? 'error' : ''}>${r.values[c] ?? ''}</td>`)}
                <td>${r.problems.map((x) => html`<div class=${x.level}>${x.field}: ${this.lang === 'zh' ? x.reason_zh : x.reason_en}</div>`)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private renderReport() {
    const w = words[this.lang];
    const r = this.report as Record<string, unknown>;
    const id = r.loadId ?? r.load_id;
    const n = (a: string, b: string) => (r[a] ?? r[b] ?? 0) as number;
    return html`<section class="panel" id="report">
      <h2>${w.report}: ${r.file} (#${id})</h2>
      <p>
        ${w.status}: <strong>${r.status}</strong> · ${w.read} ${n('rowsRead', 'rows_read')} · ${w.loaded} ${n('rowsLoaded', 'rows_loaded')} · ${w.updated}
        ${n('rowsUpdated', 'rows_updated')} · ${w.superseded} ${n('rowsSuperseded', 'rows_superseded')} · ${w.rejected} ${n('rowsRejected', 'rows_rejected')} ·
        ${w.warnings} ${n('rowsWarned', 'rows_warned')}
      </p>
      ${this.rejects.length
        ? html`<h2>${w.rejects}</h2>
            <p><a href="/api/ingest/runs/${id}/rejects?format=csv" download>${w.download}</a></p>
            <div class="scroll">
              <table id="rejects">
                <thead><tr><th>${w.row}</th><th>${w.field}</th><th>${w.value}</th><th>${w.reason}</th></tr></thead>
                <tbody>
                  ${this.rejects.map((x) => html`<tr class=${x.level}><td>${x.row_number}</td><td>${x.field}</td><td>${x.value ?? ''}</td><td>${this.lang === 'zh' ? x.reason_zh : x.reason_en}</td></tr>`)}
                </tbody>
              </table>
            </div>`
        : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ingest-page': IngestPage;
  }
}
