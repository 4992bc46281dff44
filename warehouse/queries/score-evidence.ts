// The evidence behind a technician's score for a period: every fact that lost points — rated tickets not
// scoring 4–5, SLA targets missed, repairs that were not fixed first time (and why: the repeat that came back,
// or the number of visits), verified complaints. Each names its ticket so HR can open it.
import { sql } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { parsePeriod } from './technician-scores.ts';
import { minuteText } from './minute-text.ts';

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
        select ticket_id, ${minuteText('opened_at')} as opened_at, rating from (${lost('satisfaction')}) order by opened_at, ticket_id`.execute(db.kysely),
      sql<ScoreEvidence['timeliness'][number]>`
        select ticket_id, ${minuteText('opened_at')} as opened_at, sla_target, severity from (${lost('timeliness')}) order by opened_at, ticket_id, sla_target`.execute(db.kysely),
      sql<ScoreEvidence['first_time_fix'][number]>`
        with l as (${lost('first_time_fix')})
        select l.ticket_id, ${minuteText('opened_at')} as opened_at, f.came_back_as as repeat_ticket_id, f.visits
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
