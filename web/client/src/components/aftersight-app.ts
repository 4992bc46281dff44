// <aftersight-app>: the shell: who is signed in, the menu of the pages their role may open, the language
// switch, and the page of the path. A role opening `/` or a page it may not use lands on its own home
// (page-paths.ts); a technician's scorecards page shows their own scorecard.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { t } from '../../../../presentation/i18n/messages.ts';
import { landingPath, mayOpen, pagePaths, pages, type PagePath } from '../../../../presentation/page-paths.ts';
import { regionAllowed, setSessionUser, setTimeZone, type SessionUser, setTextSettings } from '../session.ts';
import { readFilters, writeFilters, type Filters } from '../url-state.ts';
import './filter-bar.ts';
import './definitions-page.ts';
import './ingest-page.ts';
import './overview-page.ts';
import './quality-page.ts';
import './scorecards-page.ts';
import './registers-page.ts';
import './cadence-page.ts';
import './reports-page.ts';
import './subscriptions-page.ts';
import './login-page.ts';
import './admin-page.ts';

/** The `lang` of the page for a language of the dashboard (above the class: the element upgrades as it is defined). */
const htmlLang = (lang: Filters['lang']): string => (lang === 'zh' ? 'zh-CN' : 'en');

@customElement('aftersight-app')
export class AftersightApp extends LitElement {
  static styles = css`
    :host { display: block; max-width: 1280px; margin: 0 auto; padding: 16px 24px 48px; }
    header { display: flex; justify-content: space-between; align-items: center; gap: 16px; margin-bottom: 12px; flex-wrap: wrap; }
    nav { display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
    nav a { color: var(--link, #1f5bc4); text-decoration: none; }
    nav a[aria-current='page'] { color: var(--ink, #1d2433); font-weight: 600; }
    #new-alerts { background: #d92d20; color: white; border-radius: 8px; padding: 0 6px; font-size: 12px; font-weight: 600; }
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

  /** Enter or Space on a clickable table row (`tr.link`, focusable) opens what a click opens, on every page. */
  private readonly onKeyDown = (e: KeyboardEvent) => {
    const row = e.composedPath()[0];
    if ((e.key === 'Enter' || e.key === ' ') && row instanceof HTMLTableRowElement && row.classList.contains('link')) {
      e.preventDefault();
      row.click();
    }
  };

  /** The signed-in user: undefined until known, null when nobody is (the sign-in form is shown), 'open' without sign-in. */
  @state() private user?: SessionUser | null | 'open';
  /** New early warnings (not snoozed), shown beside the Quality link for the roles that read them. */
  @state() private newAlerts = 0;

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPopState);
    document.addEventListener('keydown', this.onKeyDown);
    document.documentElement.lang = htmlLang(this.filters.lang);
    void fetch('/api/me').then(async (r) => {
      if (r.status === 401) {
        this.user = null;
        return;
      }
      // Without sign-in (a server run without accounts) /api/me answers with no user: everything is open.
      const user = ((await r.json()) as { user: SessionUser | null }).user ?? undefined;
      setSessionUser(user);
      this.land(user);
      this.user = user ?? 'open';
      // The count beside Quality, for the roles that open it (everyone without sign-in).
      if (mayOpen('/quality', user?.role)) {
        const a = await fetch('/api/early-warnings?state=new&hide_snoozed=yes');
        if (a.ok) this.newAlerts = (await a.json()).counts.new;
      }
    });
    void fetch('/api/health').then(async (r) => {
      const h = await r.json();
      setTimeZone(h.timeZone);
      setTextSettings(h.textSettings);
      this.refreshFailed = h.lastRefresh?.status === 'failed' ? (h.lastRefresh.error ?? '') : '';
    });
  }

  /** Before any page is drawn: the role's page for this path, a technician's own scorecard, no region it may not see. */
  private land(user: SessionUser | undefined) {
    const from = location.pathname;
    const to = landingPath(from, user?.role);
    const p = new URLSearchParams(location.search);
    // Moved to another page: only the language goes along (the overview keeps `/`'s filters).
    const keep =
      to === from || (from === '/' && to === '/overview') ? p : new URLSearchParams(p.get('lang') ? { lang: p.get('lang')! } : {});
    if (user?.role === 'technician' && to === '/scorecards' && user.technician_id) keep.set('technician', user.technician_id);
    if (!regionAllowed(keep.get('region') ?? '')) keep.delete('region');
    const url = `${to}${keep.size ? `?${keep}` : ''}`;
    if (url !== `${from}${location.search}`) history.replaceState(null, '', url);
    this.filters = readFilters();
  }

  disconnectedCallback(): void {
    window.removeEventListener('popstate', this.onPopState);
    document.removeEventListener('keydown', this.onKeyDown);
    super.disconnectedCallback();
  }

  private setFilters(f: Filters) {
    this.filters = f;
    if (location.pathname === '/overview') writeFilters(f);
    else {
      // Other pages keep their own URL parameters; only the language changes here.
      const p = new URLSearchParams(location.search);
      if (f.lang === 'zh') p.delete('lang');
      else p.set('lang', f.lang);
      history.pushState(null, '', `${location.pathname}${p.size ? `?${p}` : ''}`);
    }
    document.documentElement.lang = htmlLang(f.lang);
  }

  private switchLanguage() {
    this.setFilters({ ...this.filters, lang: this.filters.lang === 'zh' ? 'en' : 'zh' });
  }

  private async signOut() {
    await fetch('/api/logout', { method: 'POST' });
    location.reload();
  }

  render() {
    const lang = this.filters.lang;
    if (this.user === undefined) return nothing;
    const languageButton = html`<button id="lang" lang=${lang === 'zh' ? 'en' : 'zh-CN'} @click=${() => this.switchLanguage()}>${t(lang, 'language')}</button>`;
    if (this.user === null) {
      return html`<header><h1>${t(lang, 'appName')}</h1><nav aria-label=${t(lang, 'mainMenu')}>${languageButton}</nav></header>
        <main><login-page .lang=${lang}></login-page></main>`;
    }
    const user = this.user === 'open' ? undefined : this.user;
    const path = location.pathname as PagePath;
    const keep = lang === 'en' ? '?lang=en' : '';
    return html`
      ${this.refreshFailed ? html`<p class="alert" id="refresh-failed">${t(lang, 'refreshFailed')}: ${this.refreshFailed}</p>` : nothing}
      <header>
        <h1>${t(lang, 'appName')} · ${t(lang, pages[path].name)}</h1>
        <nav aria-label=${t(lang, 'mainMenu')}>
          ${pagePaths
            .filter((p) => mayOpen(p, user?.role))
            .map(
              (p) =>
                html`<a href="${p}${keep}" aria-current=${p === path ? 'page' : 'false'}>${t(lang, pages[p].name)}${p === '/quality' && this.newAlerts ? html` <span id="new-alerts" title=${t(lang, 'newAlerts')}>${this.newAlerts}</span>` : nothing}</a>`,
            )}
          ${user ? html`<span class="who"><span translate="no">${user.username}</span> · ${t(lang, `role_${user.role}`)}</span><button id="logout" @click=${() => this.signOut()}>${t(lang, 'signOut')}</button>` : nothing}
          ${languageButton}
        </nav>
      </header>
      <main>${this.renderPage(path, lang)}</main>
    `;
  }

  private renderPage(path: PagePath, lang: Filters['lang']) {
    switch (path) {
      case '/ingest':
        return html`<ingest-page .lang=${lang}></ingest-page>`;
      case '/quality':
        return html`<quality-page .lang=${lang}></quality-page>`;
      case '/scorecards':
        return html`<scorecards-page .lang=${lang}></scorecards-page>`;
      case '/registers':
        return html`<registers-page .lang=${lang}></registers-page>`;
      case '/cadence':
        return html`<cadence-page .lang=${lang}></cadence-page>`;
      case '/reports':
        return html`<reports-page .lang=${lang}></reports-page>`;
      case '/subscriptions':
        return html`<subscriptions-page .lang=${lang}></subscriptions-page>`;
      case '/admin':
        return html`<admin-page .lang=${lang}></admin-page>`;
      case '/definitions':
        return html`<definitions-page .lang=${lang}></definitions-page>`;
      case '/overview':
        return html`<filter-bar .filters=${this.filters} @filters-changed=${(e: CustomEvent<Filters>) => this.setFilters(e.detail)}></filter-bar>
          <overview-page .filters=${this.filters}></overview-page>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aftersight-app': AftersightApp;
  }
}
