// An API error answer with a stable code: `{ error, code, params }`. `error` is the English text (for programs
// and logs); the dashboard shows the code's words in its own language (presentation/i18n/messages.ts apiErrorMessages).
import { apiErrorMessages, codeOfStatus, type ApiErrorCode, type ApiErrorParams } from '../../presentation/i18n/messages.ts';

export interface ApiErrorAnswer {
  error: string;
  code: ApiErrorCode;
  params: ApiErrorParams;
}

/** The answer of a code; `text` is the English text when it says more than the code's words (a filter's detail). */
export const apiError = (code: ApiErrorCode, params: ApiErrorParams = {}, text?: string): ApiErrorAnswer => ({
  error: text ?? apiErrorMessages.en[code](params),
  code,
  params,
});

/** An error thrown by a handler or hook whose answer carries a code (the error handler sends apiError()). */
export class CodedError extends Error {
  constructor(
    readonly statusCode: number,
    readonly apiCode: ApiErrorCode,
    readonly params: ApiErrorParams = {},
    text?: string,
  ) {
    super(text ?? apiErrorMessages.en[apiCode](params));
  }
}

const isCode = (c: unknown): c is ApiErrorCode => typeof c === 'string' && Object.hasOwn(apiErrorMessages.en, c);

/** Fastify's validation error: the parameter or field it names (`limit`, `body.username`, …). */
function validationName(err: { validation?: unknown; validationContext?: string }): string {
  const [v] = (err.validation ?? []) as { instancePath?: string; params?: Record<string, unknown> }[];
  const path = (v?.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  const name = path || String(v?.params?.missingProperty ?? v?.params?.additionalProperty ?? '');
  return name || String(err.validationContext ?? 'request');
}

/**
 * The coded answer of any error a handler or hook throws: a CodedError's own; Fastify's validation as
 * `invalid_parameter`; an error naming its own `apiCode` (FilterError, StateError); else the status's code. The
 * English text is kept (it says what exactly was wrong); a 5xx never shows its message.
 */
export function answerOf(
  err: Error & { statusCode?: number; validation?: unknown; validationContext?: string; apiCode?: unknown; params?: unknown },
  status: number,
): ApiErrorAnswer {
  if (err instanceof CodedError) return apiError(err.apiCode, err.params, err.message);
  if (status >= 500) return apiError(codeOfStatus(status));
  if (err.validation) return apiError('invalid_parameter', { name: validationName(err) }, err.message);
  if (isCode(err.apiCode)) return apiError(err.apiCode, (err.params ?? {}) as ApiErrorParams, err.message);
  return apiError(codeOfStatus(status), {}, err.message);
}

/**
 * preSerialization hook: an error answer a route sends itself without a code (`{ error }`) gets its status's code,
 * so every error answer of the API carries one.
 */
export async function codeEveryError(_req: unknown, reply: { statusCode: number }, payload: unknown): Promise<unknown> {
  if (reply.statusCode < 400 || !payload || typeof payload !== 'object' || !('error' in payload) || 'code' in payload) return payload;
  return { ...payload, code: codeOfStatus(reply.statusCode), params: {} };
}
