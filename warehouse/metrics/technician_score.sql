-- parameters: period_key
-- technician_score (工程师考核得分): each technician's assessment score for a quarter ('2025-Q3') or a month
-- ('2025-07'), one row per technician with a fact in it (metrics.technician_score_facts), the weights, deduction,
-- grade bands and minimum tickets from the configuration (main.settings.technician_score). A table macro:
-- `from metrics.technician_score('2025-Q3')`; it scores that period and the one before (previous_total, _rank).
-- For satisfaction, timeliness and first-time fix: the count n, the facts met k, the rate k ÷ n with its 95 %
-- Wilson interval, the rate expected for the technician's case mix (the period's average rate of all technicians
-- on facts of the same severity, product line and service type, summed over the technician's own facts, ÷ n)
-- and observed ÷ expected. Points: weight × rate; with no fact for a component the company's rate for it in the
-- period stands in (neutral, `fallback`). Discipline: weight − deduction × verified complaints, not below 0.
-- Fewer counted tickets than minTickets: insufficient data, neither graded nor ranked. Ranks (1 = best; equal
-- totals share a rank, the next skips) over the scored technicians of the company, of its region, of its team.
-- queries/technician-scores.ts reads and shapes it.
with settings as (
    select (technician_score->>'$.weights.satisfaction')::double as w_satisfaction,
           (technician_score->>'$.weights.timeliness')::double as w_timeliness,
           (technician_score->>'$.weights.first_time_fix')::double as w_first_time_fix,
           (technician_score->>'$.weights.discipline')::double as w_discipline,
           (technician_score->>'$.complaintDeduction')::double as complaint_deduction,
           (technician_score->>'$.minTickets')::double as min_tickets,
           technician_score->>'$.fallbackGrade' as fallback_grade,
           installation_weight
    from main.settings
),

grades as (
    select g.grade, g.min
    from (select unnest(from_json(technician_score->'$.grades', '[{"grade": "VARCHAR", "min": "DOUBLE"}]')) as g from main.settings)
),

-- The period asked for, numbered (year × 4 + quarter − 1, or year × 12 + month − 1) so the one before is seq − 1.
-- The facts' bounds below are written with period_key alone, a constant once the macro is expanded, so the scan is
-- pruned by them (bounds from a joined CTE reached no scan: every read went through all time).
bounds as (
    select case when contains(period_key, 'Q') then left(period_key, 4)::integer * 4 + right(period_key, 1)::integer - 1
                else left(period_key, 4)::integer * 12 + right(period_key, 2)::integer - 1 end as seq
),

-- Each fact of the two periods in its period.
facts as (
    select case when contains(period_key, 'Q') then year(f.day) * 4 + quarter(f.day) - 1 else year(f.day) * 12 + month(f.day) - 1 end as seq,
           f.component, f.technician_id, f.region, f.severity, f.product_line, f.service_type, f.numerator
    from metrics.technician_score_facts f
    where f.day >= (case when contains(period_key, 'Q') then make_date(left(period_key, 4)::integer, (right(period_key, 1)::integer - 1) * 3 + 1, 1)
                         else (period_key || '-01')::date end
                    - to_months(case when contains(period_key, 'Q') then 3 else 1 end))::date
      and f.day < (case when contains(period_key, 'Q') then make_date(left(period_key, 4)::integer, (right(period_key, 1)::integer - 1) * 3 + 1, 1)
                        else (period_key || '-01')::date end
                   + to_months(case when contains(period_key, 'Q') then 3 else 1 end))::date
),

-- The installer's part (installationScore.scorecardWeight w > 0): each project accepted in a period counts for
-- every technician of its crew (the acceptance's technician_ids, else the ticket's); with projects, the other
-- points are scaled to 100 − w and w × the mean project score ÷ 100 is added. With w = 0 the projects and their
-- mean are still reported (the scorecards show them), and the total is the four components alone.
installs as (
    select seq, technician_id, count(*)::integer as installation_projects, avg(score) as installation_mean_score
    from (
        select case when contains(period_key, 'Q') then year(i.day) * 4 + quarter(i.day) - 1 else year(i.day) * 12 + month(i.day) - 1 end as seq,
               trim(x.technician_id) as technician_id, i.score
        from (
            select * from marts.installation_scores i
            where (case when contains(period_key, 'Q') then year(i.day) * 4 + quarter(i.day) - 1 else year(i.day) * 12 + month(i.day) - 1 end)
                  between (select seq from bounds) - 1 and (select seq from bounds)
        ) i
        cross join lateral (select unnest(string_split(coalesce(i.technician_ids, i.technician_id), ';')) as technician_id) x
    )
    where technician_id <> ''
    group by all
),

-- The rated facts per technician and case-mix cell (severity, product line, service type) of a period: the
-- cell's rate over every technician is then Σk ÷ Σn of its rows, and a technician's expected count Σ n × that
-- rate (the same as summing the cell's average over each of the technician's facts, from far fewer rows).
cells as (
    select seq, technician_id, component, severity, product_line, service_type, count(*) as n, sum(numerator) as k
    from facts
    where component in ('satisfaction', 'timeliness', 'first_time_fix')
    group by all
),

rated as (
    select *, sum(k) over cell / sum(n) over cell as cell_rate
    from cells
    window cell as (partition by seq, component, severity, product_line, service_type)
),

rates as (
    select seq, technician_id, component, sum(n)::integer as n, sum(k)::double as k, sum(n * cell_rate) as expected_k
    from rated
    group by all
),

company as (
    select seq, component, sum(k) / sum(n) as rate from rates group by all
),

technicians as (
    select seq, technician_id,
           count(*) filter (where component = 'ticket')::integer as tickets,
           coalesce(sum(numerator) filter (where component = 'complaint'), 0)::double as verified_complaints,
           -- The region most of a technician's tickets (else complaints) are in stands in when the register has none.
           coalesce(mode(region) filter (where component = 'ticket'), mode(region) filter (where component = 'complaint')) as fact_region
    from facts
    group by all
),

-- One component of one technician: its own rate, or the company's rate (fallback) when it has no fact.
components as (
    select t.seq, t.technician_id, c.component,
           coalesce(r.n, 0) as n, coalesce(r.k, 0) as k,
           r.k / r.n as rate,
           r.expected_k / r.n as expected_rate,
           (r.k / r.n) / nullif(r.expected_k / r.n, 0) as observed_expected,
           r.n is null as fallback,
           case c.component when 'satisfaction' then s.w_satisfaction when 'timeliness' then s.w_timeliness else s.w_first_time_fix end
             * coalesce(r.k / r.n, co.rate, 0) as points
    from technicians t
    cross join (select unnest(['satisfaction', 'timeliness', 'first_time_fix']) as component) c
    cross join settings s
    left join rates r on r.seq = t.seq and r.technician_id = t.technician_id and r.component = c.component
    left join company co on co.seq = t.seq and co.component = c.component
),

-- The 95 % Wilson interval (z = 1.959963984540054), clipped to [0, 1]. n is an integer: 4 × n × n is taken in
-- doubles, as in integers it overflows from 23,171 tickets (a company's quarter at 5 M tickets).
wilson as (
    select *,
           (rate + z * z / (2 * n)) / (1 + z * z / n) as centre,
           z * sqrt(rate * (1 - rate) / n + z * z / (4 * n::double * n)) / (1 + z * z / n) as half
    from components cross join (select 1.959963984540054::double as z)
),

pivoted as (
    select seq, technician_id,
           any_value(n) filter (where component = 'satisfaction') as satisfaction_n,
           any_value(k) filter (where component = 'satisfaction') as satisfaction_k,
           any_value(rate) filter (where component = 'satisfaction') as satisfaction_rate,
           any_value(greatest(0, centre - half)) filter (where component = 'satisfaction') as satisfaction_wilson_low,
           any_value(least(1, centre + half)) filter (where component = 'satisfaction') as satisfaction_wilson_high,
           any_value(expected_rate) filter (where component = 'satisfaction') as satisfaction_expected_rate,
           any_value(observed_expected) filter (where component = 'satisfaction') as satisfaction_observed_expected,
           any_value(points) filter (where component = 'satisfaction') as satisfaction_points,
           any_value(fallback) filter (where component = 'satisfaction') as satisfaction_fallback,
           any_value(n) filter (where component = 'timeliness') as timeliness_n,
           any_value(k) filter (where component = 'timeliness') as timeliness_k,
           any_value(rate) filter (where component = 'timeliness') as timeliness_rate,
           any_value(greatest(0, centre - half)) filter (where component = 'timeliness') as timeliness_wilson_low,
           any_value(least(1, centre + half)) filter (where component = 'timeliness') as timeliness_wilson_high,
           any_value(expected_rate) filter (where component = 'timeliness') as timeliness_expected_rate,
           any_value(observed_expected) filter (where component = 'timeliness') as timeliness_observed_expected,
           any_value(points) filter (where component = 'timeliness') as timeliness_points,
           any_value(fallback) filter (where component = 'timeliness') as timeliness_fallback,
           any_value(n) filter (where component = 'first_time_fix') as first_time_fix_n,
           any_value(k) filter (where component = 'first_time_fix') as first_time_fix_k,
           any_value(rate) filter (where component = 'first_time_fix') as first_time_fix_rate,
           any_value(greatest(0, centre - half)) filter (where component = 'first_time_fix') as first_time_fix_wilson_low,
           any_value(least(1, centre + half)) filter (where component = 'first_time_fix') as first_time_fix_wilson_high,
           any_value(expected_rate) filter (where component = 'first_time_fix') as first_time_fix_expected_rate,
           any_value(observed_expected) filter (where component = 'first_time_fix') as first_time_fix_observed_expected,
           any_value(points) filter (where component = 'first_time_fix') as first_time_fix_points,
           any_value(fallback) filter (where component = 'first_time_fix') as first_time_fix_fallback
    from wilson
    group by all
),

scored as (
    select t.seq, t.technician_id, reg.name, coalesce(reg.region, t.fact_region) as region, reg.team,
           t.tickets, p.* exclude (seq, technician_id),
           t.verified_complaints,
           greatest(0, s.w_discipline - s.complaint_deduction * t.verified_complaints) as discipline_points,
           -- The projects are reported whatever the weight (at weight 0 they are shown, and count for nothing).
           ins.installation_projects,
           ins.installation_mean_score,
           s.installation_weight,
           s.installation_weight * ins.installation_mean_score / 100 as installation_points,
           (p.satisfaction_points + p.timeliness_points + p.first_time_fix_points
             + greatest(0, s.w_discipline - s.complaint_deduction * t.verified_complaints))
             * case when s.installation_weight > 0 and ins.installation_projects > 0 then (100 - s.installation_weight) / 100 else 1 end
             + case when s.installation_weight > 0 and ins.installation_projects > 0 then s.installation_weight * ins.installation_mean_score / 100 else 0 end as total,
           t.tickets >= s.min_tickets as sufficient,
           s.fallback_grade
    from technicians t
    join pivoted p using (seq, technician_id)
    cross join settings s
    left join staging.stg_technicians reg on reg.technician_id = t.technician_id
    left join installs ins on ins.seq = t.seq and ins.technician_id = t.technician_id
),

graded as (
    select sc.*,
           -- A hair of tolerance so 90 computed as 89.99999999 is still an A; ties within it share a rank.
           case when sufficient then coalesce((select g.grade from grades g where sc.total + 1e-9 >= g.min order by g.min desc limit 1), fallback_grade) end as grade,
           round(total, 9) as rank_total
    from scored sc
),

ranked as (
    select *,
           case when sufficient then rank() over (partition by seq, sufficient order by rank_total desc) end as rank,
           case when sufficient then rank() over (partition by seq, sufficient, coalesce(region, '') order by rank_total desc) end as rank_in_region,
           case when sufficient and team is not null then rank() over (partition by seq, sufficient, team is not null, team order by rank_total desc) end as rank_in_team
    from graded
),

final as (
    select case when contains(period_key, 'Q') then (seq // 4)::varchar || '-Q' || (seq % 4 + 1)::varchar
                else strftime(make_date(seq // 12, seq % 12 + 1, 1), '%Y-%m') end as period,
           * exclude (seq, rank_total, sufficient, fallback_grade)
    from (
        select *,
               case when sufficient then 'scored' else 'insufficient_data' end as status,
               case when lag(seq) over w = seq - 1 then lag(total) over w end as previous_total,
               case when lag(seq) over w = seq - 1 then lag(rank) over w end as previous_rank
        from ranked
        window w as (partition by technician_id order by seq)
    )
    where seq = (select seq from bounds)
)

select * from final
