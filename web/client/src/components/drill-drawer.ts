// <drill-drawer>: the tickets (GET /api/tickets) or complaints (GET /api/complaints) behind a figure, with the
// figure's query, paged, with a CSV download. Opened by a click on a chart element. Also the dues behind a
// compliance figure (source cadence, path /api/cadence/dues) and an installer's projects (source installations).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { formatRangeOf, formatValue, type Lang } from '../../../../presentation/format/format-value.ts';
import { t } from '../../../../presentation/i18n/messages.ts';
import { getJson } from '../get-json.ts';
import { timeZone } from '../session.ts';
import { cellText, columnLabel } from '../../../../presentation/i18n/column-labels.ts';
import { FaultNamesController } from '../fault-names.ts';

interface RowPage {
  total: number;
  rows: Record<string, unknown>[];
}

export type DrillSource = 'tickets' | 'complaints' | 'cadence' | 'installations';

/** Per list: the columns shown, the newest-first sort, and what a row is called. */
const lists = {
  tickets: {
    columns: [
      'ticket_id',
      'opened_at',
      'status',
      'region',
      'product_model',
      'severity',
      'technician_id',
      'fault_code',
      'resolved_at',
      'rating',
    ],
    sort: 'opened_at',
    unit: { zh: '张工单', en: 'tickets' },
  },
  complaints: {
    columns: [
      'complaint_id',
      'received_at',
      'category',
      'is_verified',
      'is_escalated',
      'responded_at',
      'resolved_at',
      'ticket_id',
      'technician_id',
      'region',
    ],
    sort: 'received_at',
    unit: { zh: '条投诉', en: 'complaints' },
  },
  cadence: {
    columns: ['cadence_kind', 'serial_no', 'team', 'technician_id', 'installed_on', 'due_on', 'due_status', 'visited_on', 'days_late'],
    sort: 'due_on',
    unit: { zh: '次应做', en: 'dues' },
  },
  installations: {
    columns: [
      'installation_id',
      'accepted_at',
      'site',
      'team',
      'technician_ids',
      'hardware_points',
      'software_points',
      'documents_points',
      'satisfaction_points',
      'score',
      'grade',
    ],
    sort: 'accepted_at',
    unit: { zh: '个安装项目', en: 'installation projects' },
  },
} as const;

@customElement('drill-drawer')
export class DrillDrawer extends LitElement {
  static styles = css`
    :host { display: block; position: fixed; inset: 0 0 0 auto; width: min(960px, 100vw); background: white; box-shadow: -8px 0 24px rgb(0 0 0 / 12%); padding: 16px 20px; overflow: auto; z-index: 10; }
    header { display: flex; justify-content: space-between; align-items: center; gap: 12px; }
    h2 { font-size: 16px; margin: 0; }
    button { font: inherit; padding: 4px 10px; border: 1px solid var(--line, #e4e7ec); border-radius: 6px; background: white; cursor: pointer; }
    table { border-collapse: collapse; width: 100%; font-size: 13px; margin-top: 12px; }
    th, td { padding: 4px 6px; border-bottom: 1px solid var(--line, #e4e7ec); text-align: left; white-space: nowrap; }
    .error { color: #b42318; }
  `;

  @property() heading = '';
  @property() query = '';
  @property() source: DrillSource = 'tickets';
  @property() lang: Lang = 'zh';
  /** Where the rows come from when not the list itself (e.g. a technician's evidence tickets, which HR may read). */
  @property() path = '';
  @state() private offset = 0;
  private readonly faults = new FaultNamesController(this);

  // A Task, so a slow page never lands after a later one and a refused query shows its message.
  private readonly rows = new Task(this, {
    task: ([source, path, query, offset], { signal }) =>
      getJson<RowPage>(`${path || `/api/${source}`}?${query}&limit=50&offset=${offset}&sort=${lists[source].sort}&order=desc`, signal),
    args: () => [this.source, this.path, this.query, this.offset] as const,
  });

  willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('query') || changed.has('source') || changed.has('path')) this.offset = 0;
  }

  render() {
    const zh = this.lang === 'zh';
    const p = this.rows.value;
    const list = lists[this.source];
    return html`
      <header>
        <h2>${this.heading}${p ? ` · ${formatValue(p.total, 'count', this.lang)} ${list.unit[this.lang]}` : ''}</h2>
        <span>
          <a href="${this.path || `/api/${this.source}`}?${this.query}&format=csv&lang=${this.lang}&limit=100000" download>${zh ? '下载 CSV' : 'Download CSV'}</a>
          <button id="close" @click=${() => this.dispatchEvent(new CustomEvent('close'))}>${zh ? '关闭' : 'Close'}</button>
        </span>
      </header>
      ${this.rows.error ? html`<p class="error">${(this.rows.error as Error).message}</p>` : nothing}
      ${
        p
          ? html`<table>
              <thead><tr>${list.columns.map((c) => html`<th>${columnLabel(this.source, c, this.lang)}</th>`)}</tr></thead>
              <tbody>${p.rows.map((r) => html`<tr>${list.columns.map((c) => html`<td>${cellText(this.source, c, r[c], this.lang, timeZone(), this.faults.names?.[this.lang])}</td>`)}</tr>`)}</tbody>
            </table>
            <p>
              <button class="previous" aria-label=${t(this.lang, 'previousPage')} ?disabled=${this.offset === 0} @click=${() => (this.offset = Math.max(0, this.offset - 50))}>‹</button>
              <span role="status">${formatRangeOf(this.offset, Math.min(50, p.total - this.offset), p.total, this.lang)}</span>
              <button class="next" aria-label=${t(this.lang, 'nextPage')} ?disabled=${this.offset + 50 >= p.total} @click=${() => (this.offset += 50)}>›</button>
            </p>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'drill-drawer': DrillDrawer;
  }
}
