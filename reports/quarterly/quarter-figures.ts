// A closed quarter's report figures are frozen the first time a report of it is produced: "still open past
// target" and late loads would otherwise move a closed quarter's SLA, complaints and parts figures at every
// refresh, and two copies of the same quarter's report would disagree. `live` reads the current figures (and
// freezes nothing); `refreeze` replaces the frozen copy with the current figures.
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { readReportData, reportLimits, type ReportData } from './read-report-data.ts';
import { readClaimsPerThousand, readTopUnitModels } from '../../warehouse/queries/claims-per-thousand.ts';
import { listActions } from '../../warehouse/queries/corrective-actions.ts';
import { readReliabilityFits } from '../../warehouse/queries/reliability-fits.ts';
import { readWarrantyForecast } from '../../warehouse/queries/warranty-forecast.ts';
import type { ReportContext } from '../../presentation/reports/report-context.ts';
import { findFrozenFigures, saveFrozenFigures } from '../../warehouse/queries/quarter-figures.ts';

export type FiguresMode = 'frozen' | 'live' | 'refreeze';

export interface ReportFigures {
  data: ReportData;
  /** When the figures were frozen; null for live figures (an open quarter, or asked for). */
  frozenAt: Date | null;
}

/** The quarter has ended when its last day is before today in the warehouse's time zone. */
export const quarterClosed = (ctx: Pick<ReportContext, 'quarter' | 'timeZone'>, now = new Date()): boolean =>
  ctx.quarter.to < new Intl.DateTimeFormat('sv-SE', { timeZone: ctx.timeZone }).format(now);

export async function readReportFigures(db: Warehouse, ctx: ReportContext, mode: FiguresMode = 'frozen'): Promise<ReportFigures> {
  const figures = await readFigures(db, ctx, mode);
  // The quality edition's corrective actions, MIS tables, reliability fits and warranty forecast are read as they
  // stand now, whether the figures are frozen or not.
  if (ctx.variant !== 'quality') return figures;
  const filters = ctx.region ? { region: [ctx.region] } : {};
  const [actions, warranty, fits, forecast] = await Promise.all([
    listActions(db),
    readWarranty(db, ctx),
    readReliabilityFits(db, { filters }),
    readWarrantyForecast(db, { filters }),
  ]);
  return { ...figures, data: { ...figures.data, actions, warranty, reliability: { fits, forecast } } };
}

/** The MIS tables of the models with the most units (none when no installed base is loaded). */
async function readWarranty(db: Warehouse, ctx: ReportContext): Promise<ReportData['warranty']> {
  const regions = ctx.region ? [ctx.region] : undefined;
  const models = await readTopUnitModels(db, { regions, limit: reportLimits.misModels });
  if (models.length === 0) return undefined;
  return Promise.all(
    models.map(async (product_model) => ({
      product_model,
      table: await readClaimsPerThousand(db, {
        filters: { product_model: [product_model], ...(regions ? { region: regions } : {}) },
        by: 'production_month',
        months: reportLimits.misMonths,
      }),
    })),
  );
}

async function readFigures(db: Warehouse, ctx: ReportContext, mode: FiguresMode): Promise<ReportFigures> {
  const live = async () => ({ data: await readReportData(db, ctx), frozenAt: null });
  if (mode === 'live' || !quarterClosed(ctx)) return live();
  const region = ctx.region ?? '';
  if (mode === 'frozen') {
    const row = await findFrozenFigures(db, ctx.quarter.key, region);
    if (row) return { data: forVariant(JSON.parse(row.figures) as ReportData, ctx), frozenAt: row.frozen_at };
  }
  // Frozen with the HR ranking, whichever edition asked first, so every edition reads the same copy.
  const data = await readReportData(db, { ...ctx, variant: 'hr' });
  // Frozen as of the report's own time (now, unless the caller says otherwise).
  await saveFrozenFigures(db, { quarter: ctx.quarter.key, region, figures: JSON.stringify(data), frozenAt: ctx.asOf });
  return { data: forVariant(data, ctx), frozenAt: ctx.asOf };
}

const forVariant = (data: ReportData, ctx: ReportContext): ReportData => (ctx.variant === 'hr' ? data : { ...data, scores: undefined });
