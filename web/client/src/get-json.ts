import type { Lang } from '../../../presentation/format/format-value.ts';
import { apiErrorText, type ApiErrorParams } from '../../../presentation/i18n/messages.ts';

/** The language the page is shown in (the shell keeps `<html lang>` in step with the switch). */
export const pageLang = (): Lang => (document.documentElement.lang.startsWith('en') ? 'en' : 'zh');

/** A non-2xx answer's message in the page's language: the words of its code, else the server's text. */
export async function errorOf(r: Response): Promise<string> {
  const answer = (await r.json().catch(() => ({}))) as { error?: string; code?: string; params?: ApiErrorParams };
  return apiErrorText(pageLang(), answer, r.status);
}

/** GET a JSON answer; a non-2xx answer throws its message (errorOf). */
export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const r = await fetch(url, { signal });
  if (!r.ok) throw new Error(await errorOf(r));
  return r.json();
}
