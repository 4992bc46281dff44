// <registers-page>: the ticket registers of seed 001 as saved views of the ticket list: my tickets (the
// signed-in account's technician id; an account without one names a technician), to follow up (open past their
// resolution deadline), paused, closed.
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Lang } from '../../../../presentation/format/format-value.ts';
import { sessionUser } from '../session.ts';
import './drill-drawer.ts';

type Register = 'mine' | 'follow_up' | 'paused' | 'closed';

export const registerQuery = (r: Register, technician: string): string =>
  ({
    mine: `technician_id=${encodeURIComponent(technician)}`,
    follow_up: 'metric=sla_compliance&sla_target=resolution&part=missed&status=open,in_progress,paused',
    paused: 'status=paused',
    closed: 'status=closed',
  })[r];

const names: Record<Register, { zh: string; en: string }> = {
  mine: { zh: '我的工单', en: 'My tickets' },
  follow_up: { zh: '待跟进工单', en: 'To follow up' },
  paused: { zh: '暂停工单', en: 'Paused' },
  closed: { zh: '已关闭工单', en: 'Closed' },
};

@customElement('registers-page')
export class RegistersPage extends LitElement {
  static styles = css`
    :host { display: block; margin-top: 16px; }
    nav { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
    button, input { font: inherit; padding: 6px 12px; border: 1px solid var(--line, #e4e7ec); border-radius: 6px; background: white; cursor: pointer; }
    button[aria-pressed='true'] { background: var(--accent, #2f6fde); color: white; border-color: transparent; }
    drill-drawer { position: static; width: auto; box-shadow: none; border: 1px solid var(--line, #e4e7ec); border-radius: 10px; margin-top: 12px; }
  `;

  @property() lang: Lang = 'zh';
  @state() private register: Register = 'follow_up';
  @state() private technician = '';

  /** My tickets are the signed-in technician's; an account without a technician id names one. */
  private get mine(): string {
    return sessionUser()?.technician_id ?? this.technician;
  }

  render() {
    const lang = this.lang;
    return html`
      <nav>
        ${(Object.keys(names) as Register[]).map(
          (r) =>
            html`<button id=${`register-${r}`} aria-pressed=${String(this.register === r)} @click=${() => (this.register = r)}>${names[r][lang]}</button>`,
        )}
        ${
          this.register === 'mine' && !sessionUser()?.technician_id
            ? html`<input name="technician" aria-label=${lang === 'zh' ? '工程师编号' : 'Technician id'} placeholder=${lang === 'zh' ? '工程师编号' : 'Technician id'} .value=${this.technician} @change=${(e: Event) => (this.technician = (e.target as HTMLInputElement).value.trim())} />`
            : ''
        }
      </nav>
      ${this.register === 'mine' && !this.mine ? '' : html`<drill-drawer .heading=${this.register === 'mine' ? `${names.mine[lang]} · ${this.mine}` : names[this.register][lang]} .query=${registerQuery(this.register, this.mine)} .lang=${lang}></drill-drawer>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'registers-page': RegistersPage;
  }
}
