// <ticket-drawer>: the tickets behind a figure (GET /api/tickets with the figure's query), paged, with a
// CSV download. Opened by a click on a chart element.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { Lang } from '../../../format/format-value.ts';
import { getJson } from '../get-json.ts';

interface TicketPage {
  total: number;
  rows: Record<string, unknown>[];
}

const columns = ['ticket_id', 'opened_at', 'status', 'region', 'product_model', 'severity', 'technician_id', 'fault_code', 'resolved_at', 'rating'];

@customElement('ticket-drawer')
export class TicketDrawer extends LitElement {
  static styles = css`
    :host { position: fixed; inset: 0 0 0 auto; width: min(960px, 100vw); background: white; box-shadow: -8px 0 24px rgb(0 0 0 / 12%); padding: 16px 20px; overflow: auto; z-index: 10; }
    header { display: flex; justify-content: space-between; align-items: center; gap: 12px; }
    h2 { font-size: 16px; margin: 0; }
    button { font: inherit; padding: 4px 10px; border: 1px solid var(--line, #e4e7ec); border-radius: 6px; background: white; cursor: pointer; }
    table { border-collapse: collapse; width: 100%; font-size: 13px; margin-top: 12px; }
    th, td { padding: 4px 6px; border-bottom: 1px solid var(--line, #e4e7ec); text-align: left; white-space: nowrap; }
    .error { color: #b42318; }
  `;

  @property() heading = '';
  @property() query = '';
  @property() lang: Lang = 'zh';
  @state() private offset = 0;

  // A Task, so a slow page never lands after a later one and a refused query shows its message.
  private readonly tickets = new Task(this, {
    task: ([query, offset], { signal }) => getJson<TicketPage>(`/api/tickets?${query}&limit=50&offset=${offset}&sort=opened_at&order=desc`, signal),
    args: () => [this.query, this.offset] as const,
  });

  willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('query')) this.offset = 0;
  }

  render() {
    const zh = this.lang === 'zh';
    const p = this.tickets.value;
    return html`
      <header>
        <h2>${this.heading}${p ? ` · ${p.total.toLocaleString()} ${zh ? '张工单' : 'tickets'}` : ''}</h2>
        <span>
          <a href="/api/tickets?${this.query}&format=csv&limit=100000" download>${zh ? '下载 CSV' : 'Download CSV'}</a>
          <button id="close" @click=${() => this.dispatchEvent(new CustomEvent('close'))}>${zh ? '关闭' : 'Close'}</button>
        </span>
      </header>
      ${this.tickets.error ? html`<p class="error">${(this.tickets.error as Error).message}</p>` : nothing}
      ${p
        ? html`<table>
              <thead><tr>${columns.map((c) => html`<th>${c}</th>`)}</tr></thead>
              <tbody>${p.rows.map((r) => html`<tr>${columns.map((c) => html`<td>${String(r[c] ?? '')}</td>`)}</tr>`)}</tbody>
            </table>
            <p>
              <button ?disabled=${this.offset === 0} @click=${() => (this.offset = Math.max(0, this.offset - 50))}>‹</button>
              ${this.offset + 1}–${Math.min(this.offset + 50, p.total)}
              <button ?disabled=${this.offset + 50 >= p.total} @click=${() => (this.offset += 50)}>›</button>
            </p>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ticket-drawer': TicketDrawer;
  }
}
