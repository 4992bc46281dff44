// <unit-timeline>: one unit's history (GET /api/units/:serial_no): each ticket in time order with what it
// repeats and after how many days, its visits, parts and complaints.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { Lang } from '../../../../presentation/format/format-value.ts';
import type { UnitTimeline } from '../../../../warehouse/queries/unit-timeline.ts';
import { getJson } from '../get-json.ts';
import { unitTimelineOption } from '../../../../presentation/charts/unit-timeline.option.ts';
import { FaultNamesController } from '../fault-names.ts';
import './metric-chart.ts';

@customElement('unit-timeline')
export class UnitTimelineView extends LitElement {
  static styles = css`
    :host { display: block; }
    header { display: flex; justify-content: space-between; align-items: baseline; }
    h3 { font-size: 15px; margin: 0; }
    ol { list-style: none; padding: 0; margin: 8px 0 0; border-left: 2px solid var(--line, #e4e7ec); }
    li { position: relative; padding: 6px 0 10px 16px; }
    li::before { content: ''; position: absolute; left: -6px; top: 10px; width: 10px; height: 10px; border-radius: 50%; background: var(--accent, #2f6fde); }
    /* The chart's colours: red a same-fault repeat, orange a repeat with another fault. */
    li.strict::before { background: #d64545; }
    li.loose::before { background: #f29d38; }
    li.loose .repeat-of { color: #b54708; }
    .when { color: var(--muted, #667085); font-size: 13px; }
    .repeat-of { color: #b42318; font-size: 13px; }
    .detail { font-size: 13px; color: var(--ink, #1d2433); }
    li.shown { outline: 2px solid var(--accent, #2f6fde); outline-offset: 2px; }
    metric-chart { --chart-height: 220px; }
    button { font: inherit; padding: 2px 8px; border: 1px solid var(--line, #e4e7ec); border-radius: 6px; background: white; cursor: pointer; }
  `;

  @property() serial = '';
  @property() lang: Lang = 'zh';
  private readonly faults = new FaultNamesController(this);

  private readonly unit = new Task(this, {
    task: ([serial], { signal }) => getJson<UnitTimeline>(`/api/units/${encodeURIComponent(serial)}`, signal),
    args: () => [this.serial] as const,
  });

  /** A point clicked on the chart: its entry in the list, brought into view and marked. */
  private showTicket(ticketId: string | undefined) {
    if (!ticketId) return;
    for (const li of this.renderRoot.querySelectorAll('li[data-ticket]'))
      li.classList.toggle('shown', li.getAttribute('data-ticket') === ticketId);
    this.renderRoot.querySelector(`li[data-ticket="${CSS.escape(ticketId)}"]`)?.scrollIntoView({ block: 'nearest' });
  }

  render() {
    const zh = this.lang === 'zh';
    return this.unit.render({
      pending: () => html`<p class="when">${zh ? '加载中…' : 'Loading…'}</p>`,
      error: (e) => html`<p class="repeat-of">${(e as Error).message}</p>`,
      complete: (u) => html`
        <header>
          <h3>${zh ? '机身履历' : 'Unit history'} · ${u.serial_no} · ${u.product_model ?? ''}</h3>
          <button id="close-unit" @click=${() => this.dispatchEvent(new CustomEvent('close'))}>${zh ? '关闭' : 'Close'}</button>
        </header>
        <p class="when">${zh ? '安装' : 'Installed'} ${u.installed_at ?? '—'} · ${zh ? '保修至' : 'Warranty until'} ${u.warranty_until ?? '—'}</p>
        <metric-chart
          .option=${unitTimelineOption(u, { lang: this.lang }, { title: zh ? '工单时间线（红：同故障返修；橙：不同故障返修）' : 'Tickets over time (red: same-fault repeat; orange: other fault)' })}
          @chart-click=${(e: CustomEvent) => this.showTicket((e.detail as { data?: { keys?: { ticket_id?: string } } }).data?.keys?.ticket_id)}
        ></metric-chart>
        <ol>
          ${u.tickets.map(
            (t) => html`<li class="${t.repeat_mode ? `repeat ${t.repeat_mode}` : ''}" data-ticket=${t.ticket_id}>
              <div><strong>${t.ticket_id}</strong> · ${t.fault_code ? this.faults.label(t.fault_code, this.lang) : (t.fault_category ?? '—')} · ${t.technician_id ?? '—'} · ${t.status ?? ''}</div>
              <div class="when">${t.opened_at} → ${t.resolved_at ?? (zh ? '未解决' : 'open')}</div>
              ${
                t.repeat_mode
                  ? html`<div class="repeat-of">${zh ? `返修（${t.repeat_mode === 'strict' ? '同故障' : '不同故障'}）：距 ${t.repeats_ticket_id} 修复 ${t.days_since_previous_fix} 天` : `Repeat (${t.repeat_mode}) of ${t.repeats_ticket_id}, ${t.days_since_previous_fix} days after its fix`}</div>`
                  : nothing
              }
              ${t.resolution ? html`<div class="detail">${zh ? '解决' : 'Fix'}: ${t.resolution}</div>` : nothing}
              ${t.visits.length ? html`<div class="detail">${zh ? '上门' : 'Visits'}: ${t.visits.map((v) => `${v.started_at} ${v.outcome ?? ''}`).join('; ')}</div>` : nothing}
              ${t.parts.length ? html`<div class="detail">${zh ? '配件' : 'Parts'}: ${t.parts.map((p) => `${p.part_name ?? p.part_no} ×${p.quantity}`).join('; ')}</div>` : nothing}
              ${t.complaints.length ? html`<div class="repeat-of">${zh ? '投诉' : 'Complaints'}: ${t.complaints.map((c) => `${c.received_at} ${c.category ?? ''}${c.is_verified ? (zh ? '（查实）' : ' (verified)') : ''}`).join('; ')}</div>` : nothing}
            </li>`,
          )}
        </ol>
      `,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'unit-timeline': UnitTimelineView;
  }
}
