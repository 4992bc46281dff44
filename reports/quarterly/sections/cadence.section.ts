// Management and quality editions: the service cadence and installation quality of the quarter (issue 19) —
// callback and inspection compliance and the mean installation score by team (the cadence page's table), and
// the dues not done by the quarter's end, most late first. Teams only: no technician is named.
import type { Content } from 'pdfmake/interfaces.js';
import { formatValue } from '../../../presentation/format/format-value.ts';
import { t } from '../../../presentation/i18n/messages.ts';
import { dimensionLabel } from '../../../presentation/i18n/dimension-labels.ts';
import { dataTable } from '../../render/data-table.ts';
import type { ReportData } from '../read-report-data.ts';
import type { ReportContext } from '../../../presentation/reports/report-context.ts';
import { reportWords } from '../../../presentation/i18n/report-words.ts';

type Cadence = NonNullable<ReportData['cadence']>;
const columns = ['inspection_compliance', 'callback_compliance', 'installation_score'] as const;

export function cadenceSection(ctx: ReportContext, c: Cadence): Content {
  const lang = ctx.lang;
  const w = reportWords(lang);
  const teams = [...new Set(columns.flatMap((m) => c.byTeam[m].rows.map((r) => String(r.team ?? ''))))].sort();
  const cell = (m: (typeof columns)[number], team: string) => {
    const r = c.byTeam[m].rows.find((x) => String(x.team ?? '') === team);
    return r ? `${formatValue(r.value, ctx.catalog[m].format, lang)} (${formatValue(r.denominator, 'count', lang)})` : '—';
  };
  const overdue = c.overdue.rows.map((r) => [
    r.serial_no,
    dimensionLabel('cadence_kind', r.cadence_kind, lang),
    r.team ?? '—',
    r.due_on,
    formatValue(r.days_late, 'count', lang),
  ]);
  return [
    { text: t(lang, 'cadence'), style: 'h1', tocItem: true, pageBreak: 'before' },
    ...columns.map((m) => ({
      text: `${ctx.catalog[m].label[lang]}${lang === 'zh' ? '：' : ': '}${ctx.catalog[m].formula[lang]}`,
      style: 'note',
    })),
    { text: t(lang, 'cadenceByTeam'), bold: true, margin: [0, 4, 0, 0] },
    teams.length
      ? dataTable(
          [t(lang, 'cadenceTeam'), ...columns.map((m) => ctx.catalog[m].label[lang])],
          teams.map((team) => [team || t(lang, 'cadenceNone'), ...columns.map((m) => cell(m, team))]),
        )
      : { text: t(lang, 'cadenceNone') },
    { text: t(lang, 'cadenceDueNote'), style: 'note' },
    {
      text: `${t(lang, 'cadenceOverdue')}${c.overdue.truncated ? w.shownOf(c.overdue.rows.length, c.overdue.total) : ''}${c.overdue.rows[0] ? ` · ${t(lang, 'asOf')} ${c.overdue.rows[0].as_of}` : ''}`,
      bold: true,
      margin: [0, 4, 0, 0],
    },
    overdue.length
      ? dataTable(
          [t(lang, 'cadenceUnit'), t(lang, 'cadenceKind'), t(lang, 'cadenceTeam'), t(lang, 'cadenceDueOn'), t(lang, 'cadenceDaysLate')],
          overdue,
          { align: ['left', 'left', 'left', 'left', 'right'] },
        )
      : { text: t(lang, 'cadenceNone') },
  ];
}
