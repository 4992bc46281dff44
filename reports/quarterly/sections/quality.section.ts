// The quality engineer's quarter: the fault Pareto (the dashboard's chart), the quarter's flags with their
// reasons, repeat repairs by model and the chronic units, parts and overdue defective-part returns. Technicians
// are named only where the variant may name them.
import type { Content } from 'pdfmake/interfaces.js';
import { metricCatalog } from '../../../contract/metrics/catalog.ts';
import { faultParetoOption } from '../../../presentation/charts/fault-pareto.option.ts';
import { formatDecimal, formatValue } from '../../../presentation/format/format-value.ts';
import { chartContent, pdfChartContext } from '../../render/chart-content.ts';
import { dataTable } from '../../render/data-table.ts';
import { reportLimits, type ReportData } from '../read-report-data.ts';
import { namesTechnicians, type ReportContext } from '../../../presentation/reports/report-context.ts';
import { reportWords } from '../../../presentation/i18n/report-words.ts';
import { flagReasons } from '../../../presentation/i18n/quality-flag-words.ts';
import { t } from '../../../presentation/i18n/messages.ts';
import { earlyWarningLabel, earlyWarningWords } from '../../../presentation/i18n/early-warning-words.ts';
import { proofReason } from '../../../presentation/i18n/proof-of-fix-words.ts';
import type { CorrectiveAction } from '../../../warehouse/queries/corrective-actions.ts';

const pct = (ctx: ReportContext, v: number | null | undefined) => formatValue(v ?? null, 'percent', ctx.lang);

/**
 * How many faults the Pareto shows, in its chart and its table alike: the report's limit, or more when the vital
 * few run longer — every fault up to and including the one whose cumulative share crosses 80 % is shown.
 */
export function paretoShown(rows: ReportData['pareto']['rows']): number {
  const vital = rows.findLastIndex((r) => r.vital) + 1;
  return Math.min(rows.length, Math.max(reportLimits.paretoRows, vital));
}

export function faultParetoSection(ctx: ReportContext, pareto: ReportData['pareto']): Content {
  const w = reportWords(ctx.lang);
  const shown = paretoShown(pareto.rows);
  const rows = pareto.rows
    .slice(0, shown)
    .map((r) => [
      String(r.fault_code ?? t(ctx.lang, 'unspecified')),
      r.numerator ?? 0,
      pct(ctx, r.value),
      pct(ctx, r.cumulative_share),
      r.vital ? w.vitalFew : '',
    ]);
  return [
    { text: w.pareto, style: 'h1', tocItem: true, pageBreak: 'before' },
    { text: `${metricCatalog.fault_pareto.formula[ctx.lang]}${w.shownOf(shown, pareto.rows.length)}`, style: 'note' },
    chartContent(
      faultParetoOption(pareto.rows, pdfChartContext(ctx.lang), { title: metricCatalog.fault_pareto.label[ctx.lang], top: shown }),
    ),
    dataTable([w.fault, w.count, w.share, w.cumulative, ''], rows),
  ];
}

export function qualityFlagsSection(ctx: ReportContext, flags: ReportData['flags']): Content {
  const w = reportWords(ctx.lang);
  const rows = flags.map((f) => [
    String(f.product_model ?? '—'),
    String(f.fault_code ?? '—'),
    f.count,
    f.limit === null ? '—' : formatDecimal(f.limit, ctx.lang, 1),
    flagReasons(f, ctx.lang).join('\n'),
  ]);
  return [
    { text: w.flags, style: 'h1', tocItem: true, pageBreak: 'before' },
    { text: metricCatalog.quality_flags.formula[ctx.lang], style: 'note' },
    flags.length
      ? dataTable([w.model, w.fault, w.count, w.limit, w.reasons], rows, {
          widths: ['auto', 'auto', 'auto', 'auto', '*'],
          align: ['left', 'left', 'right', 'right', 'left'],
        })
      : { text: w.noFlags },
  ];
}

export function repeatRepairsSection(ctx: ReportContext, d: Pick<ReportData, 'repeatByModel' | 'chronic'>): Content {
  const w = reportWords(ctx.lang);
  const byModel = [...d.repeatByModel.rows]
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0))
    .map((r) => [String(r.product_model ?? '—'), r.numerator ?? 0, r.denominator ?? 0, pct(ctx, r.value)]);
  const names = namesTechnicians(ctx);
  const chronicHeader = [
    w.serial,
    w.model,
    w.region,
    w.tickets,
    w.repeatCount,
    w.first,
    w.last,
    w.faults,
    ...(names ? [w.technicians] : []),
  ];
  const chronicRows = d.chronic.rows.map((u) => [
    u.serial_no,
    u.product_model ?? '—',
    u.region ?? '—',
    u.tickets,
    u.repeats,
    u.first_opened_at.slice(0, 10),
    u.last_opened_at.slice(0, 10),
    u.fault_codes.join(', '),
    ...(names ? [u.technician_ids.join(', ')] : []),
  ]);
  return [
    { text: w.repeats, style: 'h1', tocItem: true, pageBreak: 'before' },
    { text: ctx.catalog.repeat_rate.formula[ctx.lang], style: 'note' },
    { text: w.repeatByModel, bold: true, margin: [0, 4, 0, 0] },
    dataTable([w.model, w.repeatCount, w.tickets, w.repeatRate], byModel),
    {
      text: `${w.chronic}${d.chronic.truncated ? w.shownOf(d.chronic.rows.length, d.chronic.total) : ''}`,
      bold: true,
      margin: [0, 4, 0, 0],
    },
    { text: ctx.catalog.chronic_units.formula[ctx.lang], style: 'note' },
    chronicRows.length
      ? dataTable(chronicHeader, chronicRows, {
          widths: chronicHeader.map((_, i) => (i === 7 ? '*' : 'auto')),
          align: chronicHeader.map((_, i) => (i === 3 || i === 4 ? 'right' : 'left')),
        })
      : { text: w.noChronic },
  ];
}

export function partsSection(ctx: ReportContext, d: Pick<ReportData, 'parts' | 'returns' | 'overdue'>): Content {
  const w = reportWords(ctx.lang);
  const parts = [...d.parts.rows].sort((a, b) => Number(b.cost ?? 0) - Number(a.cost ?? 0));
  const partRows = parts
    .slice(0, reportLimits.parts)
    .map((p) => [
      String(p.part_no ?? '—'),
      String(p.part_name ?? ''),
      Number(p.quantity ?? 0),
      formatValue(Number(p.cost ?? 0), 'currency', ctx.lang),
      pct(ctx, p.warranty_share as number | null),
    ]);
  const names = namesTechnicians(ctx);
  const overdueHeader = [w.partLine, w.part, w.ticket, w.issued, w.dueDay, w.daysOverdue, ...(names ? [w.technician] : [])];
  const overdueRows = d.overdue.rows.map((o) => [
    o.part_line_id,
    o.part_no,
    o.ticket_id ?? '—',
    o.issued_at.slice(0, 10),
    o.due_day,
    o.days_overdue,
    ...(names ? [o.technician_id ?? '—'] : []),
  ]);
  return [
    { text: w.parts, style: 'h1', tocItem: true, pageBreak: 'before' },
    { text: `${metricCatalog.parts_usage.formula[ctx.lang]}${w.shownOf(partRows.length, parts.length)}`, style: 'note' },
    dataTable([w.part, w.name, w.quantity, metricCatalog.cost.label[ctx.lang], w.warrantyShare], partRows, {
      widths: ['auto', '*', 'auto', 'auto', 'auto'],
      align: ['left', 'left', 'right', 'right', 'right'],
    }),
    {
      text: `${w.returnsOnTime}: ${pct(ctx, d.returns.rows[0]?.value)} (${d.returns.rows[0]?.numerator ?? 0}/${d.returns.rows[0]?.denominator ?? 0})${d.returns.as_of ? ` · ${t(ctx.lang, 'asOf')} ${d.returns.as_of}` : ''}`,
      bold: true,
      margin: [0, 4, 0, 0],
    },
    { text: ctx.catalog.parts_return_on_time.formula[ctx.lang], style: 'note' },
    {
      text: `${w.overdue}${d.overdue.truncated ? w.shownOf(d.overdue.rows.length, d.overdue.total) : ''}`,
      bold: true,
      margin: [0, 4, 0, 0],
    },
    d.overdue.rows.length
      ? dataTable(overdueHeader, overdueRows, { align: overdueHeader.map((_, i) => (i === 5 ? 'right' : 'left')) })
      : { text: w.noOverdue },
  ];
}

/**
 * The quarter's corrective actions and their outcome (quality edition): those opened from this quarter's flags,
 * taking effect in it, or still open; and whether the same problem was flagged again this quarter after the fix.
 */
export function correctiveActionsSection(ctx: ReportContext, actions: readonly CorrectiveAction[], flags: ReportData['flags']): Content {
  const w = earlyWarningWords[ctx.lang];
  const q = ctx.quarter;
  const concerned = actions.filter(
    (a) =>
      a.source_ref === q.key ||
      (a.effective_date !== null && a.effective_date >= q.from && a.effective_date <= q.to) ||
      a.status !== 'closed',
  );
  const flaggedAgain = (a: CorrectiveAction) =>
    a.effective_date !== null &&
    a.effective_date <= q.from &&
    flags.some((f) => f.too_often && f.product_model === a.product_model && f.fault_code === a.fault_code);
  const rows = concerned.map((a) => [
    a.action_id,
    a.product_model,
    a.fault_code,
    a.problem_statement,
    a.effective_date ?? '—',
    earlyWarningLabel('action_status', a.status, ctx.lang),
    `${earlyWarningLabel('outcome', a.proof.outcome, ctx.lang)}\n${proofReason(a.proof, ctx.lang)}`,
    flaggedAgain(a) ? w.yes : w.no,
  ]);
  return [
    { text: w.quarterActions, style: 'h1', tocItem: true, pageBreak: 'before' },
    { text: `${w.quarterActionsNote}. ${metricCatalog.corrective_actions.formula[ctx.lang]}`, style: 'note' },
    rows.length
      ? dataTable(['#', w.model, w.fault, w.problem, w.effective, w.status, w.outcome, w.again], rows, {
          widths: ['auto', 'auto', 'auto', '*', 'auto', 'auto', '*', 'auto'],
          align: ['right', 'left', 'left', 'left', 'left', 'left', 'left', 'left'],
        })
      : { text: w.noQuarterActions },
  ];
}
