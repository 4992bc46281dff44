// Quoting for identifiers and constants that come from our own code (column specs, model names). User values
// are never put into SQL text: they are bound as parameters.
export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;
export const quoteLiteral = (value: string): string => `'${value.replaceAll("'", "''")}'`;
