// <admin-page>: accounts (create, delete), API tokens for machine ingest (create, the token shown once; revoke),
// and the audit log. Admin role only; the API refuses everyone else.
import { LitElement, css, html, nothing } from 'lit';
import { t } from '../../../../presentation/i18n/messages.ts';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { type Lang, formatTime } from '../../../../presentation/format/format-value.ts';
import { dimensionLabel } from '../../../../presentation/i18n/dimension-labels.ts';
import { auditDetailText } from '../../../../presentation/i18n/audit-details.ts';
import { timeZone } from '../session.ts';
import type { Role } from '../../../server/auth/accounts.ts';
import { errorOf, getJson } from '../get-json.ts';
import { pageStyles } from '../page-styles.ts';

interface UserRow {
  user_id: number;
  username: string;
  role: Role;
  regions: string[] | null;
  technician_id: string | null;
  created_at: string;
}
interface TokenRow {
  token_id: number;
  name: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
}
interface AuditRow {
  happened_at: string;
  username: string | null;
  action: string;
  detail: string | null;
  address: string | null;
}

const words = {
  zh: {
    users: '用户',
    username: '用户名',
    role: '角色',
    regions: '限定大区（逗号分隔）',
    technician: '工程师编号',
    password: '初始密码（至少 10 位）',
    create: '创建',
    remove: '删除',
    created: '创建时间',
    tokens: '数据接入令牌',
    name: '名称',
    by: '创建人',
    revoked: '已吊销',
    revoke: '吊销',
    newToken: '新令牌（只显示这一次）',
    audit: '审计日志',
    when: '时间',
    action: '操作',
    detail: '详情',
    address: '地址',
  },
  en: {
    users: 'Users',
    username: 'User name',
    role: 'Role',
    regions: 'Regions only (comma-separated)',
    technician: 'Technician id',
    password: 'First password (10+ characters)',
    create: 'Create',
    remove: 'Delete',
    created: 'Created',
    tokens: 'API tokens for ingest',
    name: 'Name',
    by: 'By',
    revoked: 'revoked',
    revoke: 'Revoke',
    newToken: 'New token (shown only now)',
    audit: 'Audit log',
    when: 'When',
    action: 'Action',
    detail: 'Detail',
    address: 'Address',
  },
} as const;

@customElement('admin-page')
export class AdminPage extends LitElement {
  static styles = [
    pageStyles,
    css`form { display: flex; gap: 8px; flex-wrap: wrap; align-items: end; margin: 8px 0; } code { background: #f4f7fb; padding: 2px 6px; }`,
  ];

  @property() lang: Lang = 'zh';
  @state() private version = 0;
  @state() private message = '';
  @state() private newToken = '';

  private readonly data = new Task(this, {
    task: async (_args, { signal }) => {
      const [users, tokens, audit] = await Promise.all([
        getJson<{ users: UserRow[] }>('/api/users', signal),
        getJson<{ tokens: TokenRow[] }>('/api/tokens', signal),
        getJson<{ entries: AuditRow[] }>('/api/audit?limit=200', signal),
      ]);
      return { users: users.users, tokens: tokens.tokens, audit: audit.entries };
    },
    args: () => [this.version] as const,
  });

  private async send(method: 'POST' | 'DELETE', url: string, body?: object): Promise<Record<string, unknown> | undefined> {
    const r = await fetch(url, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const answer = r.ok ? ((await r.json().catch(() => ({}))) as Record<string, unknown>) : {};
    this.message = r.ok ? '' : await errorOf(r);
    this.version++;
    return r.ok ? answer : undefined;
  }

  private createUser(e: SubmitEvent) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const regions = String(f.get('regions') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const technician = String(f.get('technician_id') ?? '').trim();
    void this.send('POST', '/api/users', {
      username: f.get('username'),
      password: f.get('password'),
      role: f.get('role'),
      ...(regions.length ? { regions } : {}),
      ...(technician ? { technician_id: technician } : {}),
    });
  }

  private async createToken(e: SubmitEvent) {
    e.preventDefault();
    const made = await this.send('POST', '/api/tokens', { name: new FormData(e.target as HTMLFormElement).get('name') });
    this.newToken = made ? String(made.token) : '';
  }

  render() {
    const w = words[this.lang];
    return html`
      ${this.message ? html`<p class="error" id="admin-error">${this.message}</p>` : nothing}
      ${this.data.render({
        pending: () => html`<p class="note">…</p>`,
        error: (e) => html`<p class="error">${(e as Error).message}</p>`,
        complete: (d) => html`
          <section class="panel" id="users">
            <h2>${w.users}</h2>
            <form @submit=${this.createUser}>
              <input name="username" placeholder=${w.username} required />
              <select name="role" aria-label=${w.role}>${(['manager', 'quality', 'hr', 'technician', 'admin'] as const).map((r) => html`<option value=${r}>${t(this.lang, `role_${r}`)}</option>`)}</select>
              <input name="regions" placeholder=${w.regions} />
              <input name="technician_id" placeholder=${w.technician} />
              <input name="password" type="password" placeholder=${w.password} autocomplete="new-password" required />
              <button type="submit">${w.create}</button>
            </form>
            <table>
              <thead><tr><th class="text">${w.username}</th><th class="text">${w.role}</th><th class="text">${w.regions}</th><th class="text">${w.technician}</th><th class="text">${w.created}</th><th>${t(this.lang, 'actions')}</th></tr></thead>
              <tbody>${d.users.map((u) => html`<tr data-user=${u.username}><td class="text" translate="no">${u.username}</td><td class="text">${t(this.lang, `role_${u.role}`)}</td><td class="text">${u.regions?.join(', ') ?? ''}</td><td class="text">${u.technician_id ?? ''}</td><td class="text">${formatTime(u.created_at, timeZone())}</td><td><button @click=${() => this.send('DELETE', `/api/users/${u.user_id}`)}>${w.remove}</button></td></tr>`)}</tbody>
            </table>
          </section>
          <section class="panel" id="tokens">
            <h2>${w.tokens}</h2>
            <form @submit=${this.createToken}><input name="name" placeholder=${w.name} required /><button type="submit">${w.create}</button></form>
            ${this.newToken ? html`<p>${w.newToken}: <code id="new-token">${this.newToken}</code></p>` : nothing}
            <table>
              <thead><tr><th class="text">${w.name}</th><th class="text">${w.by}</th><th class="text">${w.created}</th><th>${t(this.lang, 'actions')}</th></tr></thead>
              <tbody>${d.tokens.map((t) => html`<tr><td class="text" translate="no">${t.name}</td><td class="text" translate="no">${t.created_by}</td><td class="text">${formatTime(t.created_at, timeZone())}</td><td>${t.revoked_at ? w.revoked : html`<button @click=${() => this.send('DELETE', `/api/tokens/${t.token_id}`)}>${w.revoke}</button>`}</td></tr>`)}</tbody>
            </table>
          </section>
          <section class="panel" id="audit">
            <h2>${w.audit}</h2>
            <table>
              <thead><tr><th class="text">${w.when}</th><th class="text">${w.username}</th><th class="text">${w.action}</th><th class="text">${w.detail}</th><th class="text">${w.address}</th></tr></thead>
              <tbody>${d.audit.map((a) => html`<tr><td class="text">${formatTime(a.happened_at, timeZone())}</td><td class="text" translate="no">${a.username ?? ''}</td><td class="text">${dimensionLabel('audit_action', a.action, this.lang)}</td><td class="text">${auditDetailText(this.lang, a.action, a.detail)}</td><td class="text">${a.address ?? ''}</td></tr>`)}</tbody>
            </table>
          </section>`,
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-page': AdminPage;
  }
}
