// A question the warehouse cannot answer as asked: a dimension a metric does not have, a bad period, a
// missing parameter. The message names what was wrong; the API answers it as 400 (statusCode), the CLI prints it.
export class FilterError extends Error {
  readonly statusCode = 400;
}
