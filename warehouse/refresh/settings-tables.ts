// The configuration the SQL models read, written as small tables at the start of each refresh (under their
// building names, published with the models: run-refresh.ts). Values are bound parameters, so a configuration
// can never inject SQL.
import type { SqlRunner } from '../db/open-warehouse.ts';
import type { AnalysisSettings } from '../config/config.ts';

/** The tables writeSettingsTables writes, in schema main. */
export const settingsTables = [
  'cadence_settings',
  'inspection_steps',
  'installation_grades',
  'sla_targets',
  'calendar_exceptions',
  'settings',
];

export async function writeSettingsTables(conn: SqlRunner, s: AnalysisSettings): Promise<void> {
  // The service cadence (issue 19): one row per inspection step, from_month = the previous step's until_month.
  await conn.run('create or replace table main.cadence_settings (first_callback_days integer, callback_every_months integer)');
  await conn.run('insert into main.cadence_settings values ($1, $2)', [s.cadence.firstCallbackDays, s.cadence.callbackEveryMonths]);
  await conn.run(
    'create or replace table main.inspection_steps (step integer, from_month integer, until_month integer, every_months integer)',
  );
  let from = 0;
  for (const [i, step] of s.cadence.inspections.entries()) {
    await conn.run('insert into main.inspection_steps values ($1, $2, $3, $4)', [i + 1, from, step.untilMonth ?? null, step.everyMonths]);
    from = step.untilMonth ?? from;
  }
  await conn.run('create or replace table main.installation_grades (grade varchar, min_points double)');
  for (const g of s.installationScore.grades) await conn.run('insert into main.installation_grades values ($1, $2)', [g.grade, g.min]);
  await conn.run('insert into main.installation_grades values ($1, $2)', [s.installationScore.fallbackGrade, null]);
  await conn.run(
    'create or replace table main.sla_targets (severity integer, response_hours double, arrival_hours double, resolution_hours double)',
  );
  for (const [level, t] of Object.entries(s.sla)) {
    await conn.run('insert into main.sla_targets values ($1, $2, $3, $4)', [Number(level), t.response, t.arrival, t.resolution]);
  }
  await conn.run(
    `create or replace table main.calendar_exceptions as
     select unnest(string_split($holidays, ','))::date as day, 'holiday' as kind where $holidays <> ''
     union all
     select unnest(string_split($makeup, ','))::date, 'makeup' where $makeup <> ''`,
    { holidays: s.holidays.join(','), makeup: s.makeUpWorkdays.join(',') },
  );
  await conn.run(
    `create or replace table main.settings as
     select $tz as time_zone, $start::time as service_start, $end::time as service_end, $days as service_days,
            $repeat::integer as repeat_window_days, $answer::double as complaint_answer_hours,
            $partsDays::integer as parts_return_working_days, $chronicTickets::integer as chronic_tickets,
            $chronicDays::integer as chronic_window_days,
            $score::json as technician_score, $flagHistory::integer as flag_min_history_quarters,
            $flagComplaints as flag_complaints_by, $flagMinCount::integer as flag_min_count,
            $flagConfidence::double as flag_confidence, $flagMinSeverity1::integer as flag_min_severity1,
            $flagMinComplaints::integer as flag_min_verified_complaints, $flagRepeatRatio::double as flag_repeat_ratio,
            $flagMinRepeats::integer as flag_min_repeats, $paretoVital::double as pareto_vital_share,
            $installWeight::double as installation_weight,
            string_split($onSite, ',') as on_site_service_types`,
    {
      tz: s.timeZone,
      start: s.serviceHours.start,
      end: s.serviceHours.end,
      days: s.serviceHours.days,
      repeat: s.repeatWindowDays,
      answer: s.complaintAnswerHours,
      partsDays: s.partsReturnWorkingDays,
      chronicTickets: s.chronicTickets,
      chronicDays: s.chronicWindowDays,
      score: JSON.stringify(s.technicianScore),
      flagHistory: s.flagMinHistoryQuarters,
      flagComplaints: s.flagComplaintsBy,
      flagMinCount: s.flagMinCount,
      flagConfidence: s.flagConfidence,
      flagMinSeverity1: s.flagMinSeverity1,
      flagMinComplaints: s.flagMinVerifiedComplaints,
      flagRepeatRatio: s.flagRepeatRatio,
      flagMinRepeats: s.flagMinRepeats,
      installWeight: s.installationScore.scorecardWeight,
      paretoVital: s.paretoVitalShare,
      onSite: s.onSiteServiceTypes.join(','),
    },
  );
}
