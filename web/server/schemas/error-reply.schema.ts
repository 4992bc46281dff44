// Every error answer of the API is { error: "…" } (some add fields, e.g. an upload's file and reason). A route
// declares the errors of its own handler; those any route can give (refused access, bad input, too many
// requests, an internal error) are added to each route from its declared access by addErrorReplies.
import type { RouteOptions } from 'fastify';
import { Type, type TSchema } from 'typebox';

export const ErrorReply = Type.Object({
  error: Type.String({ description: 'what went wrong, in words (English)' }),
  code: Type.Optional(Type.String({ description: 'a stable code the dashboard words in its language (sign_in_first, role_refused, …)' })),
  params: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: "the code's parameters (minutes, role, regions, …)" })),
});

const meaning: Record<number, string> = {
  400: 'Bad input: the message names the parameter, field, file or row',
  401: 'Not signed in (no session), or an unknown or revoked API token',
  403: 'This role, account or token may not do this, or the request came from a page of another origin',
  404: 'Not found',
  409: 'Already exists',
  413: 'The upload is larger than the limit',
  429: 'Too many requests from this address: try again later',
  500: 'An internal error (the details are in the server log)',
};

/** An error answer for each status: { 404: ErrorReply, … }, each described by what the status means here. */
export const errorReplies = (...statuses: number[]): Record<number, TSchema> =>
  Object.fromEntries(statuses.map((s) => [s, errorReplyFor(s)]));

/** An error answer's schema (ErrorReply, or one with more fields), described by what its status means. */
export const errorReplyFor = (status: number, schema: TSchema = ErrorReply): TSchema =>
  ({ ...schema, description: meaning[status] ?? 'Error' }) as TSchema;

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * onRoute hook: the error answers an API route can give besides its handler's own: 400 when it takes input,
 * 401 unless public, 403 for a role (or another origin's page on a state-changing route), 429 when rate limited,
 * 500 always. A status the route declares itself is kept.
 */
export function addErrorReplies(route: RouteOptions): void {
  if (!route.url.startsWith('/api/') || route.schema?.hide) return;
  const access = route.config?.access;
  const methods = [route.method].flat();
  const statuses = [500];
  const s = route.schema ?? {};
  if (s.params || s.querystring || s.body || s.headers) statuses.push(400);
  if (access !== 'public') statuses.push(401);
  if (Array.isArray(access) || methods.some((m) => stateChanging.has(m))) statuses.push(403);
  if (route.config?.rateLimit) statuses.push(429);
  const declared = (s.response ?? {}) as Record<string, unknown>;
  route.schema = { ...s, response: { ...errorReplies(...statuses.filter((st) => !(st in declared))), ...declared } };
}
