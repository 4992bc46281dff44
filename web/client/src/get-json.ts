/** GET a JSON answer; a non-2xx answer throws its `error` message (the API's words, shown to the user). */
export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const r = await fetch(url, { signal });
  if (!r.ok) throw new Error(((await r.json().catch(() => ({}))) as { error?: string }).error ?? r.statusText);
  return r.json();
}
