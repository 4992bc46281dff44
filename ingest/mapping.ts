// A user's mapping file: header renames, value maps, the date format, tokens meaning empty, the time zone of
// times without an offset. Validated with messages that name the mapping file and the entry.
import fs from 'node:fs';
import path from 'node:path';
import { IngestFileError } from './ingest-error.ts';
import { recordKind } from '../contract/sources/record-kinds.ts';

export interface Mapping {
  kind?: string;
  columns?: Record<string, string>;
  /** Columns built from several headers joined with "-" (a key the file lacks), or copied from one. */
  combine?: Record<string, string[]>;
  /** Columns with one value on every row (e.g. every failure record is a closed ticket). */
  constants?: Record<string, string | number | boolean>;
  values?: Record<string, Record<string, string | number | boolean>>;
  dateFormat?: string;
  nullTokens?: string[];
  timeZone?: string;
}

const known = new Set(['kind', 'columns', 'combine', 'constants', 'values', 'dateFormat', 'nullTokens', 'timeZone', 'description']);

export function readMappingFile(file: string): Mapping {
  const name = path.basename(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new IngestFileError(name, 'mapping file not found', '映射文件不存在');
  }
  try {
    return JSON.parse(text) as Mapping;
  } catch (e) {
    throw new IngestFileError(name, `mapping file is not valid JSON: ${(e as Error).message}`, '映射文件不是有效的 JSON');
  }
}

/** Checks a mapping against a kind; returns it typed, or throws naming the entry that is wrong. */
export function validateMapping(m: unknown, kindName: string, source = 'mapping'): Mapping {
  const fail = (en: string, zh: string): never => {
    throw new IngestFileError(source, en, zh);
  };
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return fail('mapping must be a JSON object', '映射必须是 JSON 对象');
  const mapping = m as Record<string, unknown>;
  for (const k of Object.keys(mapping))
    if (!known.has(k)) fail(`unknown mapping entry "${k}"; known: ${[...known].join(', ')}`, `未知的映射项“${k}”`);
  const kind = recordKind(kindName);
  const columns = new Set(kind.columns.map((c) => c.name));
  if (mapping.kind !== undefined && mapping.kind !== kindName)
    fail(`mapping is for "${mapping.kind}", not "${kindName}"`, `映射适用于 ${mapping.kind}，而不是 ${kindName}`);
  const isStringRecord = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (mapping.columns !== undefined) {
    if (!isStringRecord(mapping.columns)) fail('"columns" must map header -> column name', '“columns”应为 表头 -> 列名');
    for (const [header, target] of Object.entries(mapping.columns as object)) {
      if (typeof target !== 'string' || !columns.has(target)) {
        fail(
          `"columns": header "${header}" maps to "${target}", which is not a ${kindName} column; columns: ${[...columns].join(', ')}`,
          `“columns”：表头“${header}”映射到的“${target}”不是 ${kindName} 的列`,
        );
      }
    }
  }
  const given = new Set(Object.values((mapping.columns as Record<string, string>) ?? {}));
  const checkTarget = (entry: string, column: string) => {
    if (!columns.has(column))
      fail(
        `"${entry}": "${column}" is not a ${kindName} column; columns: ${[...columns].join(', ')}`,
        `“${entry}”：“${column}”不是 ${kindName} 的列`,
      );
    if (given.has(column))
      fail(`"${entry}": "${column}" is given twice (also in "columns" or "combine")`, `“${entry}”：列“${column}”被重复指定`);
    given.add(column);
  };
  if (mapping.combine !== undefined) {
    if (!isStringRecord(mapping.combine)) fail('"combine" must map column -> [headers]', '“combine”应为 列名 -> [表头…]');
    for (const [column, headers] of Object.entries(mapping.combine as object)) {
      checkTarget('combine', column);
      if (!Array.isArray(headers) || headers.length === 0 || headers.some((h) => typeof h !== 'string')) {
        fail(`"combine.${column}" must be a list of headers`, `“combine.${column}”应为表头列表`);
      }
    }
  }
  if (mapping.constants !== undefined) {
    if (!isStringRecord(mapping.constants)) fail('"constants" must map column -> value', '“constants”应为 列名 -> 取值');
    for (const [column, value] of Object.entries(mapping.constants as object)) {
      checkTarget('constants', column);
      if (!['string', 'number', 'boolean'].includes(typeof value))
        fail(`"constants.${column}" must be a text, number or boolean`, `“constants.${column}”的取值无效`);
    }
  }
  if (mapping.values !== undefined) {
    if (!isStringRecord(mapping.values)) fail('"values" must map column -> {value in file: canonical value}', '“values”格式错误');
    for (const [column, map] of Object.entries(mapping.values as object)) {
      if (!columns.has(column)) fail(`"values": "${column}" is not a ${kindName} column`, `“values”：“${column}”不是 ${kindName} 的列`);
      if (!isStringRecord(map)) fail(`"values.${column}" must map values in the file to canonical values`, `“values.${column}”格式错误`);
      for (const [from, to] of Object.entries(map as object)) {
        if (!['string', 'number', 'boolean'].includes(typeof to))
          fail(`"values.${column}.${from}" must be a text, number or boolean`, `“values.${column}.${from}”的取值无效`);
      }
    }
  }
  if (mapping.dateFormat !== undefined && (typeof mapping.dateFormat !== 'string' || !mapping.dateFormat.includes('%'))) {
    fail('"dateFormat" must be a strptime format such as "%d/%m/%Y %H:%M"', '“dateFormat”应为 strptime 格式，如 "%d/%m/%Y %H:%M"');
  }
  if (mapping.nullTokens !== undefined && (!Array.isArray(mapping.nullTokens) || mapping.nullTokens.some((t) => typeof t !== 'string'))) {
    fail('"nullTokens" must be a list of texts', '“nullTokens”应为文本列表');
  }
  if (mapping.timeZone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: String(mapping.timeZone) });
    } catch {
      fail(`"timeZone" "${mapping.timeZone}" is not an IANA time zone such as Asia/Shanghai`, '“timeZone”不是有效的时区');
    }
  }
  return mapping as Mapping;
}
