// HR edition only: the quarter's technician ranking (the Scorecards page's figures), scored technicians by rank,
// then those with insufficient data, unranked. The installer's part (issue 19) — its points, the mean project score
// and the projects — when its weight is above 0 or a technician has installation projects in the quarter.
import type { Content } from 'pdfmake/interfaces.js';
import { defaultTextSettings, withSettings } from '../../../contract/metrics/catalog.ts';
import { formatDecimal, formatValue } from '../../../presentation/format/format-value.ts';
import type { TechnicianScore } from '../../../warehouse/queries/technician-scores.ts';
import { dataTable } from '../../render/data-table.ts';
import type { ReportContext } from '../../../presentation/reports/report-context.ts';
import { reportWords } from '../../../presentation/i18n/report-words.ts';
import { t } from '../../../presentation/i18n/messages.ts';

/** asOf: when the timeliness component judged "still open past target" (the last refresh); installationWeight: the
 *  installer's part's weight (settings installationScore.scorecardWeight). */
export function technicianRankingSection(
  ctx: ReportContext,
  scores: readonly TechnicianScore[],
  asOf?: string | null,
  installationWeight = 0,
): Content {
  const w = reportWords(ctx.lang);
  const lang = ctx.lang;
  const installer = installationWeight > 0 || scores.some((s) => s.installation);
  const installerCells = (s: TechnicianScore) =>
    installer
      ? [
          s.installation ? formatValue(s.installation.points, 'score', lang) : '—',
          s.installation ? formatValue(s.installation.mean_score, 'score', lang) : '—',
          s.installation ? formatValue(s.installation.projects, 'count', lang) : '—',
        ]
      : [];
  const scored = scores.filter((s) => s.status === 'scored').sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  const insufficient = scores.filter((s) => s.status !== 'scored');
  const row = (s: TechnicianScore) => {
    const delta =
      s.previous_total === null
        ? '—'
        : `${s.total - s.previous_total >= 0 ? '+' : ''}${formatDecimal(s.total - s.previous_total, ctx.lang, 1)}`;
    return [
      s.rank ?? '—',
      `${s.technician_id} ${s.name ?? ''}`.trim(),
      s.region ?? '—',
      s.team ?? '—',
      s.tickets,
      formatDecimal(s.total, ctx.lang),
      s.grade ?? '—',
      delta,
      ...installerCells(s),
    ];
  };
  const installerHeads = installer ? [t(lang, 'installerPart'), t(lang, 'installerMean'), t(lang, 'installerProjects')] : [];
  return [
    { text: w.ranking, style: 'h1', tocItem: true, pageBreak: 'before' },
    { text: `${ctx.catalog.technician_score.formula[ctx.lang]}${asOf ? ` · ${t(ctx.lang, 'asOf')} ${asOf}` : ''}`, style: 'note' },
    dataTable(
      [w.rank, w.technician, w.region, w.team, w.tickets, w.total, w.grade, w.change, ...installerHeads],
      [...scored, ...insufficient].map(row),
      {
        widths: ['auto', '*', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto', ...installerHeads.map(() => 'auto')],
        align: ['right', 'left', 'left', 'left', 'right', 'right', 'left', 'right', ...installerHeads.map(() => 'right' as const)],
      },
    ),
    installer
      ? {
          text: withSettings(
            t(lang, installationWeight > 0 ? 'installerWeighted' : 'installerUnweighted'),
            { ...defaultTextSettings, installationWeight },
            lang,
          ),
          style: 'note',
        }
      : '',
    insufficient.length
      ? {
          text: `${withSettings(w.insufficient, ctx.textSettings ?? defaultTextSettings, ctx.lang)}: ${insufficient.map((s) => s.technician_id).join(', ')}`,
          style: 'note',
        }
      : '',
  ];
}
