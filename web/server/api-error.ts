// An API error answer with a stable code: `{ error, code, params }`. `error` is the English text (for programs
// and logs); the dashboard shows the code's words in its own language (presentation/i18n/messages.ts apiErrorMessages).
import { apiErrorMessages, type ApiErrorCode, type ApiErrorParams } from '../../presentation/i18n/messages.ts';

export interface ApiErrorAnswer {
  error: string;
  code: ApiErrorCode;
  params: ApiErrorParams;
}

export const apiError = (code: ApiErrorCode, params: ApiErrorParams = {}): ApiErrorAnswer => ({ error: apiErrorMessages.en[code](params), code, params });

/** An error thrown by a handler or hook whose answer carries a code (the error handler sends apiError()). */
export class CodedError extends Error {
  constructor(
    readonly statusCode: number,
    readonly apiCode: ApiErrorCode,
    readonly params: ApiErrorParams = {},
  ) {
    super(apiErrorMessages.en[apiCode](params));
  }
}
