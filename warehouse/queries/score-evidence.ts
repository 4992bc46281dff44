// The evidence behind a technician's score for a period: every fact that lost points — rated tickets not
// scoring 4–5, SLA targets missed, repairs that were not fixed first time (and why: the repeat that came back,
// or the number of visits), verified complaints. Each names its ticket so HR can open it.
import { sql } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { parsePeriod } from './technician-scores.ts';
import { minuteText } from './minute-text.ts';
import { readRowPage, type RowPage } from './row-page.ts';

export interface ScoreEvidence {
  technician_id: string;
  period: string;
  satisfaction: { ticket_id: string; opened_at: string; rating: number }[];
  timeliness: { ticket_id: string; opened_at: string; sla_target: string; severity: number | null }[];
  first_time_fix: { ticket_id: string; opened_at: string; repeat_ticket_id: string | null; visits: number }[];
  complaints: { complaint_id: string; ticket_id: string | null; received_at: string; category: string | null }[];
}

export function readScoreEvidence(db: Warehouse, technicianId: string, periodText: string): Promise<ScoreEvidence> {
  return db.cache.get(`score-evidence:${technicianId}:${periodText}`, async () => {
    const p = parsePeriod(periodText);
    const lost = (component: string) => sql`
      select f.ticket_id, f.sla_target, t.opened_at, t.rating, t.severity from metrics.technician_score_facts f
      join marts.tickets t using (ticket_id)
      where f.component = ${component} and f.numerator = 0 and f.technician_id = ${technicianId}
        and f.day between ${p.from}::date and ${p.to}::date`;
    const [satisfaction, timeliness, ftf, complaints] = await Promise.all([
      sql<ScoreEvidence['satisfaction'][number]>`
        select ticket_id, ${minuteText('opened_at')} as opened_at, rating from (${lost('satisfaction')}) order by opened_at, ticket_id`.execute(
        db.kysely,
      ),
      sql<ScoreEvidence['timeliness'][number]>`
        select ticket_id, ${minuteText('opened_at')} as opened_at, sla_target, severity from (${lost('timeliness')}) order by opened_at, ticket_id, sla_target`.execute(
        db.kysely,
      ),
      sql<ScoreEvidence['first_time_fix'][number]>`
        with l as (${lost('first_time_fix')})
        select l.ticket_id, ${minuteText('l.opened_at')} as opened_at, f.came_back_as as repeat_ticket_id, f.visits
        from l join marts.fixes f using (ticket_id)
        order by opened_at, ticket_id`.execute(db.kysely),
      sql<ScoreEvidence['complaints'][number]>`
        select c.complaint_id, c.ticket_id, ${minuteText('c.received_at')} as received_at, c.category
        from metrics.technician_score_facts f join marts.complaints c using (complaint_id)
        where f.component = 'complaint' and f.technician_id = ${technicianId} and f.day between ${p.from}::date and ${p.to}::date
        order by received_at, complaint_id`.execute(db.kysely),
    ]);
    return Object.freeze({
      technician_id: technicianId,
      period: p.key,
      satisfaction: satisfaction.rows,
      timeliness: timeliness.rows,
      first_time_fix: ftf.rows,
      complaints: complaints.rows,
    });
  });
}

/** The parts of a score that lose points, as the evidence names them. */
export const evidenceComponents = ['satisfaction', 'timeliness', 'first_time_fix', 'complaints'] as const;
export type EvidenceComponent = (typeof evidenceComponents)[number];

/**
 * The tickets behind one part's lost points: the low-rated tickets, the tickets that missed a target, the
 * repairs not fixed first time with the tickets they came back as, the complained-of tickets.
 */
export function evidenceTicketIds(e: ScoreEvidence, component: EvidenceComponent): string[] {
  const ids =
    component === 'first_time_fix'
      ? e.first_time_fix.flatMap((f) => (f.repeat_ticket_id ? [f.ticket_id, f.repeat_ticket_id] : [f.ticket_id]))
      : component === 'complaints'
        ? e.complaints.map((c) => c.ticket_id).filter((id): id is string => id !== null)
        : e[component].map((t) => t.ticket_id);
  return [...new Set(ids)];
}

/** One page of the tickets behind a technician's lost points of one part, as the ticket list shows tickets. */
export async function readEvidenceTickets(
  db: Warehouse,
  technicianId: string,
  periodText: string,
  component: EvidenceComponent,
  page: { columns: readonly string[]; sort: string; order?: 'asc' | 'desc'; limit: number; offset: number },
): Promise<RowPage> {
  const ids = evidenceTicketIds(await readScoreEvidence(db, technicianId, periodText), component);
  if (!ids.length) return Object.freeze({ total: 0, rows: [] });
  return readRowPage(db, {
    table: 'marts.tickets',
    columns: page.columns,
    where: [sql`ticket_id in (${sql.join(ids)})`],
    sort: page.sort,
    order: page.order,
    key: 'ticket_id',
    limit: page.limit,
    offset: page.offset,
  });
}
