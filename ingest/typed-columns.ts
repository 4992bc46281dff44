// SQL that turns one text cell into its canonical type, and the checks that reject or warn about a row.
// Everything here is built from our column specs; the file's values stay in the table and are never SQL text.
import type { ColumnSpec, RecordKind, RowRule } from '../contract/sources/record-kind.ts';
import { quoteIdent, quoteLiteral } from '../warehouse/db/sql-text.ts';

const timestampFormats = ['%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y/%m/%d', '%Y年%m月%d日 %H:%M:%S', '%Y年%m月%d日 %H:%M', '%Y年%m月%d日'];
const dateFormats = ['%Y/%m/%d', '%Y年%m月%d日', '%Y.%m.%d'];
const trueWords = ['yes', 'y', 'true', '1', '是', '有'];
const falseWords = ['no', 'n', 'false', '0', '否', '无'];
const list = (xs: string[]) => `[${xs.map(quoteLiteral).join(', ')}]`;

/**
 * How cells are read for one load. The user's own values (null tokens, value maps, date format, time zone) are
 * never SQL text: they are bound parameters ($tz, $date_format, and the names given here).
 */
export interface CellContext {
  /** Parameter names of the null tokens. */
  nullTokens: string[];
  /** Per column: the parameter names of each value-map entry, [from, to]. */
  valueMaps: Map<string, [string, string][]>;
  dateFormat: boolean;
  /** How many runs of the time zone's offsets the load binds (zonedTime); none: ICU converts every time. */
  zoneRuns?: number;
}

export const plainCells: CellContext = { nullTokens: [], valueMaps: new Map(), dateFormat: false };

// Spaces at either end of a cell (ordinary, no-break, full-width 全角) are removed. trim() is the slow part of
// reading a file, so it runs only on cells that start or end with one of them; and when the reader found no
// such cell in the whole file (csv-record-length.ts), no cell is looked at: the six tests a cell cost more than
// DuckDB's reading of it.
const spaces = [' ', '\u00a0', '\u3000'].map(quoteLiteral);

/** A cell of the file's column `header`, trimmed; blank = null. `padded` false: no cell of the file is. */
export function trimmedCell(header: string, padded = true): string {
  const cell = quoteIdent(header);
  if (!padded) return `nullif(${cell}, '')`;
  const test = spaces.flatMap((s) => [`starts_with(${cell}, ${s})`, `ends_with(${cell}, ${s})`]).join(' or ');
  return `nullif(case when ${test} then trim(${cell}) else ${cell} end, '')`;
}

/**
 * The text of `column` from a trimmed cell (an identifier): a null token is null; then the column's value map.
 * Plain CASE expressions over bound parameters: a lookup table would be a join, and a join does not keep the
 * file's row order, which numbers the rows.
 */
export function cellText(cell: string, column: string, ctx: CellContext = plainCells): string {
  const text =
    ctx.nullTokens.length > 0
      ? `(case when ${cell} in (${ctx.nullTokens.map((p) => `$${p}`).join(', ')}) then null else ${cell} end)`
      : cell;
  const map = ctx.valueMaps.get(column) ?? [];
  if (map.length === 0) return text;
  return `(case ${text} ${map.map(([from, to]) => `when $${from} then $${to}`).join(' ')} else ${text} end)`;
}

// Times with an explicit offset (2024-03-05T14:00:00+08:00, …Z) keep it; the others are wall-clock in $tz.
const offsetPattern = quoteLiteral('\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?\\s*(Z|z|[+-]\\d{2}(:?\\d{2})?)$');
// Only a text with a '+', a '-' after a ':', or a final Z can match it: the regular expression, slow beside a
// cast, runs on those alone.
const mayHaveOffset = (t: string) => `(contains(${t}, '+') or ${t} like '%:%-%' or suffix(${t}, 'Z') or suffix(${t}, 'z'))`;
const excelSerial = (t: string) =>
  `(case when regexp_full_match(${t}, '\\d{5}(\\.\\d+)?') then timestamp '1899-12-30' + to_microseconds(round(${t}::double * 86400000000)::bigint) end)`;

const dayMicros = 86_400_000_000n;

/** Local days on which $tz keeps one offset: wall-clock times in [from, to) are `offset` ahead of UTC (microseconds). */
export interface ZoneRun {
  from: bigint;
  to: bigint;
  offset: bigint;
}

/**
 * The runs of days from 1970 to 2100 on which $tz keeps one offset, by ICU's own timezone() at each local day's
 * first and last microsecond (a day where they differ holds a change and belongs to no run). Converting every
 * time with timezone() was a third of typing a file; a time inside a run is its day's offset away instead.
 */
export const zoneRunsSql = `with days as (
    select day_us, offset_us, day_us // ${dayMicros} - row_number() over (partition by offset_us order by day_us) as run
    from (select epoch_us(day) as day_us, epoch_us(day) - epoch_us(timezone($tz, day)) as offset_us,
            epoch_us(day) + ${dayMicros - 1n} - epoch_us(timezone($tz, day + to_microseconds(${dayMicros - 1n}))) as last_offset_us
          from range(timestamp '1970-01-01', timestamp '2100-01-01', interval 1 day) as days(day))
    where offset_us = last_offset_us)
  select min(day_us) as "from", max(day_us) + ${dayMicros} as "to", offset_us as "offset" from days group by offset_us, run`;

/** The runs a load binds (zone_from_i, zone_to_i, zone_offset_i): those nearest `now` first, at most `most`. */
export function nearestZoneRuns(runs: ZoneRun[], now: bigint, most = 24): ZoneRun[] {
  const distance = (r: ZoneRun) => (now < r.from ? r.from - now : now >= r.to ? now - r.to : 0n);
  return [...runs].sort((a, b) => (distance(a) < distance(b) ? -1 : distance(a) > distance(b) ? 1 : 0)).slice(0, most);
}

/** The column of a timestamp column's wall-clock time (local epoch microseconds), made by stageFile. */
export const localTimeColumn = (name: string): string => quoteIdent(`_local_${name}`);

/** The wall-clock time that text expression t gives, as local epoch microseconds (null when it does not parse). */
export function localTime(t: string, ctx: CellContext = plainCells): string {
  const userFormat = ctx.dateFormat ? `try_strptime(${t}, $date_format), ` : '';
  return `epoch_us(coalesce(${userFormat}try_cast(${t} as timestamp), try_strptime(${t}, ${list(timestampFormats)}), ${excelSerial(t)}))`;
}

/** The instant of wall-clock time `local` (localTime) in $tz: its run's offset away, or else ICU's answer. */
function zonedTime(local: string, runs: number): string {
  const whens = Array.from(
    { length: runs },
    (_, i) =>
      `when ${local} >= $zone_from_${i}::bigint and ${local} < $zone_to_${i}::bigint then make_timestamptz(${local} - $zone_offset_${i}::bigint)`,
  );
  const icu = `timezone($tz, make_timestamp(${local}))`;
  return runs > 0 ? `(case ${whens.join(' ')} else ${icu} end)` : icu;
}

/**
 * SQL expression of the typed value of column c read from text expression t (null when it does not parse). A
 * timestamp reads its wall-clock time from the column localTimeColumn(c.name) beside t.
 */
export function typedExpression(c: ColumnSpec, t: string, ctx: CellContext = plainCells): string {
  const userFormat = ctx.dateFormat ? `try_strptime(${t}, $date_format), ` : '';
  switch (c.type) {
    case 'text':
      return t;
    case 'enum': {
      const whens = Object.entries(c.values ?? {})
        .flatMap(([value, label]) => [value, label].map((w) => `when ${quoteLiteral(w.toLowerCase())} then ${quoteLiteral(value)}`))
        .join(' ');
      return `(case lower(${t}) ${whens} end)`;
    }
    case 'timestamp':
      return `(case when ${mayHaveOffset(t)} and regexp_matches(${t}, ${offsetPattern}) then try_cast(${t} as timestamptz)
        else ${zonedTime(localTimeColumn(c.name), ctx.zoneRuns ?? 0)} end)`;
    case 'date':
      return `coalesce(${userFormat.replace(', ', '::date, ')}try_cast(${t} as date), try_cast(${t} as timestamp)::date, try_strptime(${t}, ${list(dateFormats)})::date, ${excelSerial(t)}::date)`;
    case 'integer':
      return `(case when try_cast(${t} as double) = floor(try_cast(${t} as double)) then try_cast(${t} as double)::integer end)`;
    case 'decimal':
      return `try_cast(${t} as double)`;
    case 'boolean':
      return `(case when lower(${t}) in (${trueWords.map(quoteLiteral).join(', ')}) then true when lower(${t}) in (${falseWords.map(quoteLiteral).join(', ')}) then false end)`;
  }
}

export interface Check {
  field: string;
  level: 'error' | 'warning';
  /** SQL condition over the typed table `_typed` (typed columns by canonical name, texts as `_text_<name>`). */
  failsWhen: string;
  reasonEn: string;
  reasonZh: string;
}

const expectedWords: Record<ColumnSpec['type'], [string, string]> = {
  text: ['text', '文本'],
  enum: ['one of the listed values', '列出的取值之一'],
  timestamp: ['a date and time such as 2024-03-05 14:00', '日期时间，如 2024-03-05 14:00'],
  date: ['a date such as 2024-03-05', '日期，如 2024-03-05'],
  integer: ['a whole number', '整数'],
  decimal: ['a number', '数字'],
  boolean: ['yes or no (是/否)', '是或否'],
};

export const textColumn = (name: string): string => quoteIdent(`_text_${name}`);

/** Every check of a kind, for the columns present in the file. */
export function checksFor(kind: RecordKind, present: Set<string>): Check[] {
  const checks: Check[] = [];
  for (const c of kind.columns) {
    const v = quoteIdent(c.name);
    if (c.required) {
      checks.push({
        field: c.name,
        level: 'error',
        failsWhen: `${textColumn(c.name)} is null`,
        reasonEn: `${c.name} is required but empty`,
        reasonZh: `${c.aliases[0] ?? c.name}（${c.name}）为必填项，但为空`,
      });
    }
    if (!present.has(c.name)) continue;
    if (c.type !== 'text') {
      const [en, zh] = expectedWords[c.type];
      const allowed = c.values
        ? `: ${Object.entries(c.values)
            .map(([a, b]) => `${a}/${b}`)
            .join(', ')}`
        : '';
      checks.push({
        field: c.name,
        level: 'error',
        failsWhen: `${textColumn(c.name)} is not null and ${v} is null`,
        reasonEn: `${c.name} is not ${en}${allowed}`,
        reasonZh: `${c.aliases[0] ?? c.name}（${c.name}）应为${zh}${allowed ? `：${Object.values(c.values!).join('、')}` : ''}`,
      });
    }
    if (c.min !== undefined || c.max !== undefined) {
      const conds = [
        c.min !== undefined ? `${v} ${c.exclusiveMin ? '<=' : '<'} ${c.min}` : null,
        c.max !== undefined ? `${v} > ${c.max}` : null,
      ].filter(Boolean);
      const range = c.min !== undefined && c.max !== undefined ? `${c.min}–${c.max}` : c.exclusiveMin ? `> ${c.min}` : `≥ ${c.min}`;
      checks.push({
        field: c.name,
        level: 'error',
        failsWhen: `${v} is not null and (${conds.join(' or ')})`,
        reasonEn: `${c.name} is outside ${range}`,
        reasonZh: `${c.aliases[0] ?? c.name}（${c.name}）超出范围 ${range}`,
      });
    }
  }
  for (const r of kind.rules) if (ruleApplies(r, present)) checks.push(ruleCheck(r));
  return checks;
}

const ruleCheck = (r: RowRule): Check => ({
  field: r.field,
  level: r.level,
  failsWhen: r.failsWhen,
  reasonEn: r.reason.en,
  reasonZh: r.reason.zh,
});

// A rule speaks only about columns the file has; the others are null and the rule reads them as such.
const ruleApplies = (r: RowRule, present: Set<string>): boolean => present.has(r.field);
