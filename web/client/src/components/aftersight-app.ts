// <aftersight-app>: the overview page: header with the language switch, the filters (kept in the URL), the
// resolution-rate trend with its table, and the ticket volume.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { t } from '../../../i18n/messages.ts';
import { pagePaths, type PagePath } from '../../../page-paths.ts';
import { readFilters, writeFilters, type Filters } from '../url-state.ts';
import './filter-bar.ts';
import './definitions-page.ts';
import './ingest-page.ts';
import './overview-page.ts';
import './quality-page.ts';
import './scorecards-page.ts';
import './registers-page.ts';
import './reports-page.ts';
import './subscriptions-page.ts';
import './login-page.ts';
import './admin-page.ts';

@customElement('aftersight-app')
export class AftersightApp extends LitElement {
  static styles = css`
    :host { display: block; max-width: 1280px; margin: 0 auto; padding: 16px 24px 48px; }
    header { display: flex; justify-content: space-between; align-items: center; gap: 16px; margin-bottom: 12px; flex-wrap: wrap; }
    nav { display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
    nav a { color: var(--accent, #2f6fde); text-decoration: none; }
    nav a[aria-current='page'] { color: var(--ink, #1d2433); font-weight: 600; }
    .alert { background: #fef3f2; color: #b42318; border: 1px solid #fecdca; border-radius: 8px; padding: 8px 12px; }
    h1 { font-size: 22px; margin: 0; }
    .who { color: var(--muted, #667085); font-size: 13px; }
    button { font: inherit; padding: 6px 12px; border: 1px solid var(--line, #e4e7ec); border-radius: 6px; background: white; cursor: pointer; }
  `;

  @state() private filters: Filters = readFilters();
  /** The last refresh's error, shown until a refresh succeeds: the figures are then older than the data. */
  @state() private refreshFailed = '';

  private readonly onPopState = () => {
    this.filters = readFilters();
  };

  /** The signed-in user: undefined until known, null when nobody is (the sign-in form is shown). */
  @state() private user?: { username: string; role: string } | null;

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPopState);
    void fetch('/api/me').then(async (r) => {
      // Without sign-in (a server run without accounts) /api/me answers with no user: everything is open.
      this.user = r.status === 401 ? null : ((await r.json()).user ?? { username: '', role: '' });
    });
    void fetch('/api/health').then(async (r) => {
      const h = await r.json();
      this.refreshFailed = h.lastRefresh?.status === 'failed' ? h.lastRefresh.error ?? '' : '';
    });
  }

  disconnectedCallback(): void {
    window.removeEventListener('popstate', this.onPopState);
    super.disconnectedCallback();
  }

  private setFilters(f: Filters) {
    this.filters = f;
    if (location.pathname === '/') writeFilters(f);
    else {
      // Other pages keep their own URL parameters; only the language changes here.
      const p = new URLSearchParams(location.search);
      if (f.lang === 'zh') p.delete('lang');
      else p.set('lang', f.lang);
      history.pushState(null, '', `${location.pathname}${p.size ? `?${p}` : ''}`);
    }
    document.documentElement.lang = f.lang === 'zh' ? 'zh-CN' : 'en';
  }

  private async signOut() {
    await fetch('/api/logout', { method: 'POST' });
    location.reload();
  }

  render() {
    const lang = this.filters.lang;
    if (this.user === undefined) return nothing;
    if (this.user === null) {
      return html`<header><h1>${t(lang, 'appName')}</h1></header><login-page .lang=${lang}></login-page>`;
    }
    const path = (location.pathname in pagePaths ? location.pathname : '/') as PagePath;
    const keep = lang === 'en' ? '?lang=en' : '';
    return html`
      ${this.refreshFailed ? html`<p class="alert" id="refresh-failed">${t(lang, 'refreshFailed')}: ${this.refreshFailed}</p>` : nothing}
      <header>
        <h1>${t(lang, 'appName')} · ${t(lang, pagePaths[path])}</h1>
        <nav>
          ${(Object.keys(pagePaths) as PagePath[])
            // Administration only for admins (the API refuses the others anyway).
            .filter((p) => p !== '/admin' || this.user?.role === 'admin')
            .map((p) => html`<a href="${p}${keep}" aria-current=${p === path ? 'page' : 'false'}>${t(lang, pagePaths[p])}</a>`)}
          ${this.user.username ? html`<span class="who">${this.user.username} · ${this.user.role}</span><button id="logout" @click=${() => this.signOut()}>${lang === 'zh' ? '退出' : 'Sign out'}</button>` : nothing}
          <button id="lang" @click=${() => this.setFilters({ ...this.filters, lang: lang === 'zh' ? 'en' : 'zh' })}>${t(lang, 'language')}</button>
        </nav>
      </header>
      ${path === '/ingest'
        ? html`<ingest-page .lang=${lang}></ingest-page>`
        : path === '/quality'
          ? html`<quality-page .lang=${lang}></quality-page>`
        : path === '/scorecards'
          ? html`<scorecards-page .lang=${lang}></scorecards-page>`
        : path === '/registers'
          ? html`<registers-page .lang=${lang}></registers-page>`
        : path === '/reports'
          ? html`<reports-page .lang=${lang}></reports-page>`
        : path === '/subscriptions'
          ? html`<subscriptions-page .lang=${lang}></subscriptions-page>`
        : path === '/admin'
          ? html`<admin-page .lang=${lang}></admin-page>`
          : path === '/definitions'
            ? html`<definitions-page .lang=${lang}></definitions-page>`
            : html`<filter-bar .filters=${this.filters} @filters-changed=${(e: CustomEvent<Filters>) => this.setFilters(e.detail)}></filter-bar>
                <overview-page .filters=${this.filters}></overview-page>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aftersight-app': AftersightApp;
  }
}
