// <login-page>: sign in (user name and password); a wrong one, or too many failed tries from here, says so. On success the
// page reloads as the signed-in user.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Lang } from '../../../../presentation/format/format-value.ts';
import { pageStyles } from '../page-styles.ts';
import { errorOf } from '../get-json.ts';
import { t } from '../../../../presentation/i18n/messages.ts';

@customElement('login-page')
export class LoginPage extends LitElement {
  static styles = [
    pageStyles,
    css`
      form { display: flex; flex-direction: column; gap: 12px; max-width: 320px; }
      label { display: flex; flex-direction: column; gap: 4px; font-size: 13px; color: var(--muted, #667085); }
    `,
  ];

  @property() lang: Lang = 'zh';
  @state() private error = '';

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const r = await fetch('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
    });
    if (r.ok) location.reload();
    else this.error = await errorOf(r);
  }

  render() {
    const lang = this.lang;
    return html`<section class="panel">
      <h2>${t(lang, 'signIn')}</h2>
      <form id="login" @submit=${this.submit}>
        <label>${t(lang, 'userName')}<input name="username" autocomplete="username" required /></label>
        <label>${t(lang, 'password')}<input name="password" type="password" autocomplete="current-password" required /></label>
        <button type="submit">${t(lang, 'signIn')}</button>
        ${this.error ? html`<p class="error" id="login-error" role="alert">${this.error}</p>` : nothing}
      </form>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'login-page': LoginPage;
  }
}
