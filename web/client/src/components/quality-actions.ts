// <quality-actions>: the Quality page's early warnings (open alerts with what rose, from what to what, since
// when; state changes and snoozing) and corrective actions (open, overdue, effective, came back, with the
// proof of fix). Quality engineers and admins change them; other roles read.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { metricCatalog } from '../../../../contract/metrics/catalog.ts';
import type { AlertListRow, AlertState } from '../../../../warehouse/queries/early-warnings.ts';
import type { CorrectiveAction } from '../../../../warehouse/queries/corrective-actions.ts';
import { errorOf, getJson } from '../get-json.ts';
import { pageStyles } from '../page-styles.ts';
import { earlyWarningLabel, earlyWarningWords, warningMessage } from '../../../../presentation/i18n/early-warning-words.ts';
import type { Lang } from '../../../../presentation/format/format-value.ts';
import { proofReason } from '../../../../presentation/i18n/proof-of-fix-words.ts';
import { FaultNamesController } from '../fault-names.ts';

const moves: Record<AlertState, AlertState[]> = {
  new: ['acknowledged', 'in_action', 'closed'],
  acknowledged: ['in_action', 'closed'],
  in_action: ['verified', 'closed'],
  verified: [],
  closed: [],
};

async function send(method: 'POST' | 'PATCH', url: string, body: object): Promise<void> {
  const r = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(await errorOf(r));
}

@customElement('quality-actions')
export class QualityActions extends LitElement {
  static styles = [
    pageStyles,
    css`
      .tag { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px; background: #f2f4f7; }
      .tag.new, .tag.came_back, .tag.overdue { background: #fef3f2; color: #b42318; }
      .tag.effective { background: #ecfdf3; color: #067647; }
      .summary { display: flex; gap: 16px; margin-bottom: 8px; font-size: 13px; }
      form { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; margin-top: 4px; }
    `,
  ];

  @property() lang: Lang = 'zh';
  @state() private showEnded = false;
  @state() private problemFor?: number;
  @state() private message?: string;
  private readonly faults = new FaultNamesController(this);

  private readonly data = new Task(this, {
    task: async ([showEnded], { signal }) => {
      const [alerts, actions, me] = await Promise.all([
        getJson<{ rows: AlertListRow[] }>(`/api/early-warnings${showEnded ? '' : '?state=new,acknowledged,in_action'}`, signal),
        getJson<{ rows: CorrectiveAction[] }>('/api/corrective-actions', signal),
        getJson<{ user: { role: string } | null }>('/api/me', signal),
      ]);
      // Without sign-in (a server run without accounts) everything is open.
      return { alerts: alerts.rows, actions: actions.rows, canWrite: !me.user || me.user.role === 'admin' || me.user.role === 'quality' };
    },
    args: () => [this.showEnded] as const,
  });

  private async act(fn: () => Promise<void>) {
    try {
      await fn();
      this.message = undefined;
      this.problemFor = undefined;
      this.data.run();
    } catch (e) {
      this.message = (e as Error).message;
    }
  }

  render() {
    const w = earlyWarningWords[this.lang];
    return this.data.render({
      pending: () => html`<p class="note">${this.lang === 'zh' ? '加载中…' : 'Loading…'}</p>`,
      error: (e) => html`<p class="error">${(e as Error).message}</p>`,
      complete: (d) => html`
        ${this.message ? html`<p class="error" id="action-error">${this.message}</p>` : nothing}
        <section class="panel" id="early-warnings">
          <h2 title=${metricCatalog.early_warnings.formula[this.lang]}>${w.warnings}</h2>
          ${d.canWrite ? nothing : html`<p class="note">${w.readOnly}</p>`}
          <label class="note"><input type="checkbox" id="show-ended" .checked=${this.showEnded} @change=${(e: Event) => (this.showEnded = (e.target as HTMLInputElement).checked)} /> ${w.showEnded}</label>
          ${
            d.alerts.length === 0
              ? html`<p class="note">${w.noWarnings}</p>`
              : html`<table>
            <thead><tr><th class="text">${w.grain}</th><th class="text">${w.state}</th><th class="text">${w.what}</th><th>${w.lastSignal}</th><th>${w.signals}</th>${d.canWrite ? html`<th class="text">${w.change}</th>` : nothing}</tr></thead>
            <tbody>${d.alerts.map((a) => this.renderAlert(a, d.canWrite))}</tbody>
          </table>`
          }
        </section>
        ${this.renderActions(d.actions)}
      `,
    });
  }

  private renderAlert(a: AlertListRow, canWrite: boolean) {
    const w = earlyWarningWords[this.lang];
    const lang = this.lang;
    return html`<tr data-alert=${a.alert_id}>
      <td class="text">${w[a.grain]}</td>
      <td class="text"><span class="tag ${a.state}">${earlyWarningLabel('alert_state', a.state, lang)}</span>${a.snoozed ? html`<div class="note">${w.snoozedUntil} ${a.snooze_until}</div>` : nothing}</td>
      <td class="text">${warningMessage(a, lang)}</td>
      <td>${a.last_signal_period}</td>
      <td>${a.signals}</td>
      ${
        canWrite
          ? html`<td class="text">
            <form @submit=${(e: Event) => {
              e.preventDefault();
              const f = new FormData(e.target as HTMLFormElement);
              const snooze = String(f.get('snooze') ?? '');
              void this.act(() =>
                send('POST', `/api/early-warnings/${a.alert_id}/state`, {
                  state: f.get('state'),
                  ...(f.get('note') ? { note: f.get('note') } : {}),
                  ...(snooze ? { snooze_until: snooze } : {}),
                }),
              );
            }}>
              <select name="state" aria-label=${w.state}>
                <option value=${a.state}>${earlyWarningLabel('alert_state', a.state, lang)}</option>
                ${moves[a.state].map((s) => html`<option value=${s}>${earlyWarningLabel('alert_state', s, lang)}</option>`)}
              </select>
              <input type="date" name="snooze" aria-label=${w.snoozedUntil} title=${w.snoozedUntil} />
              <input name="note" placeholder=${w.note} aria-label=${w.note} />
              <button type="submit">${w.apply}</button>
            </form>
            ${
              a.state === 'verified' || a.state === 'closed'
                ? nothing
                : this.problemFor === a.alert_id
                  ? html`<form class="open-action" @submit=${(e: Event) => {
                      e.preventDefault();
                      const problem = String(new FormData(e.target as HTMLFormElement).get('problem') ?? '');
                      void this.act(() =>
                        send('POST', '/api/corrective-actions', { source: 'alert', alert_id: a.alert_id, problem_statement: problem }),
                      );
                    }}>
                    <input name="problem" required aria-label=${w.problem} .value=${warningMessage(a, lang)} size="40" />
                    <button type="submit">${w.create}</button>
                  </form>`
                  : html`<button class="open-action" @click=${() => (this.problemFor = a.alert_id)}>${w.openAction}</button>`
            }
          </td>`
          : nothing
      }
    </tr>`;
  }

  private renderActions(actions: CorrectiveAction[]) {
    const w = earlyWarningWords[this.lang];
    const lang = this.lang;
    const count = (p: (a: CorrectiveAction) => boolean) => actions.filter(p).length;
    return html`<section class="panel" id="corrective-actions">
      <h2 title=${metricCatalog.corrective_actions.formula[lang]}>${w.actions}</h2>
      <div class="summary">
        <span>${w.open}: <b id="count-open">${count((a) => a.status !== 'closed')}</b></span>
        <span>${w.overdueCount}: <b id="count-overdue">${count((a) => a.overdue)}</b></span>
        <span>${w.effectiveCount}: <b id="count-effective">${count((a) => a.proof.outcome === 'effective')}</b></span>
        <span>${w.cameBack}: <b id="count-came-back">${count((a) => a.proof.outcome === 'came_back')}</b></span>
      </div>
      ${
        actions.length === 0
          ? html`<p class="note">${w.noActions}</p>`
          : html`<table>
        <thead><tr><th>#</th><th class="text">${w.model}</th><th class="text">${w.fault}</th><th class="text">${w.problem}</th><th class="text">${w.owner}</th><th>${w.due}</th><th>${w.effective}</th><th class="text">${w.status}</th><th class="text">${w.outcome}</th></tr></thead>
        <tbody>${actions.map(
          (a) => html`<tr data-action=${a.action_id}>
          <td>${a.action_id}</td>
          <td class="text">${a.product_model}</td>
          <td class="text">${this.faults.label(a.fault_code, lang)}</td>
          <td class="text">${a.problem_statement}</td>
          <td class="text">${a.owner ?? '—'}</td>
          <td>${a.due_date ?? '—'}${a.overdue ? html` <span class="tag overdue">${w.overdue}</span>` : nothing}</td>
          <td>${a.effective_date ?? '—'}</td>
          <td class="text">${earlyWarningLabel('action_status', a.status, lang)}</td>
          <td class="text"><span class="tag ${a.proof.outcome}">${earlyWarningLabel('outcome', a.proof.outcome, lang)}</span><div class="note">${proofReason(a.proof, lang)}</div></td>
        </tr>`,
        )}</tbody>
      </table>`
      }
    </section>`;
  }
}
