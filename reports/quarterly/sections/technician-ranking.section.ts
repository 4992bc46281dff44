// HR edition only: the quarter's technician ranking (the Scorecards page's figures), scored technicians by rank,
// then those with insufficient data, unranked.
import type { Content } from 'pdfmake/interfaces.js';
import { defaultTextSettings, withSettings } from '../../../contract/metrics/catalog.ts';
import type { TechnicianScore } from '../../../warehouse/queries/technician-scores.ts';
import { dataTable } from '../../render/data-table.ts';
import type { ReportContext } from '../../../presentation/reports/report-context.ts';
import { reportWords } from '../../../presentation/i18n/report-words.ts';
import { t } from '../../../presentation/i18n/messages.ts';

/** asOf: when the timeliness component judged "still open past target" (the last refresh). */
export function technicianRankingSection(ctx: ReportContext, scores: readonly TechnicianScore[], asOf?: string | null): Content {
  const w = reportWords(ctx.lang);
  const scored = scores.filter((s) => s.status === 'scored').sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  const insufficient = scores.filter((s) => s.status !== 'scored');
  const row = (s: TechnicianScore) => {
    const delta =
      s.previous_total === null ? '—' : `${s.total - s.previous_total >= 0 ? '+' : ''}${(s.total - s.previous_total).toFixed(1)}`;
    return [
      s.rank ?? '—',
      `${s.technician_id} ${s.name ?? ''}`.trim(),
      s.region ?? '—',
      s.team ?? '—',
      s.tickets,
      s.total.toFixed(2),
      s.grade ?? '—',
      delta,
    ];
  };
  return [
    { text: w.ranking, style: 'h1', tocItem: true, pageBreak: 'before' },
    { text: `${ctx.catalog.technician_score.formula[ctx.lang]}${asOf ? ` · ${t(ctx.lang, 'asOf')} ${asOf}` : ''}`, style: 'note' },
    dataTable([w.rank, w.technician, w.region, w.team, w.tickets, w.total, w.grade, w.change], [...scored, ...insufficient].map(row), {
      widths: ['auto', '*', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto'],
      align: ['right', 'left', 'left', 'left', 'right', 'right', 'left', 'right'],
    }),
    insufficient.length
      ? {
          text: `${withSettings(w.insufficient, ctx.textSettings ?? defaultTextSettings, ctx.lang)}: ${insufficient.map((s) => s.technician_id).join(', ')}`,
          style: 'note',
        }
      : '',
  ];
}
