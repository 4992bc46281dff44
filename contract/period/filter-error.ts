// A question the warehouse cannot answer as asked: a dimension a metric does not have, a bad period, a
// missing parameter. The message names what was wrong; the API answers it as 400 (statusCode) with a stable
// code and its parameters (the dashboard words them, web/i18n/messages.ts), the CLI prints the message.
export class FilterError extends Error {
  readonly statusCode = 400;
  /** The API error code: `invalid_filter` unless a more precise one is given (not_a_quarter, …). */
  readonly apiCode: string;
  readonly params: Record<string, string | number | readonly string[]>;
  constructor(message: string, apiCode = 'invalid_filter', params?: Record<string, string | number | readonly string[]>) {
    super(message);
    this.apiCode = apiCode;
    // The parameter a message starts with ("sla_target: …"), when it names one.
    const name = /^([a-z_]+):/.exec(message)?.[1];
    this.params = params ?? (name ? { name } : {});
  }
}
