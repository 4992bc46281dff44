-- parameters: quarter_key, regions
-- quality_flags (质量问题标记): the (product_model, fault_code) pairs of a quarter that occur too often or have
-- a major impact (seed 000, art. 11), one row per flagged pair, counted on the tickets of `regions` (a list;
-- null = every region). A table macro: `from metrics.quality_flags('2025-Q3', null)` (quarter_key, regions); it judges that quarter and
-- the one before (for `recurring`) from the five before them; presentation/i18n/quality-flag-words.ts words the reasons from its columns. Every threshold is a setting (main.settings, config flag*):
-- - too often: count >= flag_min_count and above the upper flag_confidence (99 %) Poisson limit of the mean
--   of the previous four quarters, each scaled by the exposure in that quarter against this one:
--   'units' when the installed base is loaded for the model (it has units in service this quarter, in `regions`):
--   the model's exposure, marts.model_exposure (its unit-days × the tickets per unit-day of the other models with
--   units on its line, the line's season kept; its unit-quarters when there are none, and an earlier quarter of
--   the other kind is left out), so a model whose installed base grows is expected to have more;
--   'tickets' otherwise: the product line's ticket volume (exposure_basis); quarters without exposure are left
--   out; at least
--   flag_min_history_quarters of them are needed, and a flag from fewer than four is short_history;
-- - major impact, any of:
--   severity: at least flag_min_severity1 severity-1 tickets AND more than the upper flag_confidence Poisson
--     limit of the pair's tickets × the quarter's overall severity-1 share (one severity-1 ticket, or a
--     busy pair's ordinary share of them, is not enough);
--   complaints: at least flag_min_verified_complaints verified complaints (in the complained ticket's quarter,
--     or the complaint's with flag_complaints_by = 'complaint');
--   repeats: a strict repeat rate at least flag_repeat_ratio × the quarter's overall rate, with at least
--     flag_min_repeats repeats, AND more repeats than the upper flag_confidence Poisson limit of the pair's
--     tickets with a serial number × the quarter's overall repeat rate (two repeats of a rare fault are chance).
-- strength, one scale for every reason: observed ÷ the line it crossed — count ÷ its Poisson limit, severity-1
-- tickets ÷ their Poisson limit, repeats ÷ their Poisson limit (a limit below 1 counts as 1), verified
-- complaints ÷ flag_min_verified_complaints; a flag's strength is the largest of its reasons' (≥ 1,
-- barely above 1 at the line). recurring: the same (model, fault) was flagged in the quarter before.
-- The Poisson limit is the smallest k with P(X <= k) >= confidence, its CDF summed in log space in SQL (terms).
with settings as (
    select flag_min_count, flag_confidence, flag_min_history_quarters, flag_complaints_by, flag_min_severity1,
           flag_min_verified_complaints, flag_repeat_ratio, flag_min_repeats
    from main.settings
),

-- A quarter as one number, year × 4 + quarter − 1, so the quarters before are simple subtractions.
target as (
    select left(quarter_key, 4)::integer * 4 + right(quarter_key, 1)::integer - 1 as qi
),

-- The counted tickets of the regions in the six quarters read (the judged quarter and the five before), per pair.
ticket_pairs as (
    select qi, product_line, product_model, fault_code,
           sum(tickets)::integer as tickets, sum(severity1)::integer as severity1,
           sum(repeats)::integer as repeats, sum(with_serial)::integer as with_serial
    from marts.pair_quarters
    where (regions is null or list_contains(regions, region))
      and qi between (select qi from target) - 5 and (select qi from target)
    group by all
),

-- A complaint counts in its ticket's quarter or its own (its ticket may have been opened before the six quarters).
complaint_pairs as (
    select * from (
        select case when s.flag_complaints_by = 'complaint' then year(c.received_date) * 4 + quarter(c.received_date) - 1
                    else year(c.ticket_opened_date) * 4 + quarter(c.ticket_opened_date) - 1 end as qi,
               c.product_line, c.product_model, c.fault_code,
               count(*)::integer as verified_complaints
        from marts.complaints c
        cross join settings s
        where c.is_verified and c.ticket_is_counted and (regions is null or list_contains(regions, c.region))
        group by all
    )
    where qi between (select qi from target) - 5 and (select qi from target)
),

pairs as (
    select coalesce(tp.qi, cp.qi) as qi,
           coalesce(tp.product_line, cp.product_line) as product_line,
           coalesce(tp.product_model, cp.product_model) as product_model,
           coalesce(tp.fault_code, cp.fault_code) as fault_code,
           coalesce(tp.tickets, 0) as tickets, coalesce(tp.severity1, 0) as severity1,
           coalesce(cp.verified_complaints, 0) as verified_complaints,
           coalesce(tp.repeats, 0) as repeats, coalesce(tp.with_serial, 0) as with_serial
    from ticket_pairs tp
    full join complaint_pairs cp
      on tp.qi = cp.qi and tp.product_line is not distinct from cp.product_line
         and tp.product_model is not distinct from cp.product_model and tp.fault_code is not distinct from cp.fault_code
),

line_volumes as (
    select qi, product_line, sum(tickets) as volume from pairs group by all
),

pair_counts as (
    select qi, product_model, fault_code, sum(tickets) as tickets from pairs group by all
),

quarter_totals as (
    select qi, sum(tickets) as tickets, sum(severity1) as severity1, sum(repeats) as repeats, sum(with_serial) as with_serial
    from pairs group by all
),

-- Each model's exposure from its units in service in the regions (marts.model_exposure: its unit-days × the tickets
-- per unit-day of the other models with units on its line), per quarter; `alone`: no other model has units on the
-- line, the exposure is then its unit-quarters (not on the same scale).
unit_exposure as (
    select year(period_start) * 4 + quarter(period_start) - 1 as qi, product_model, sum(exposure) as exposure, bool_and(alone) as alone
    from marts.model_exposure
    where grain = 'quarter' and (regions is null or list_contains(regions, region))
    group by all
),

-- The exposures a baseline is scaled by: a model's units (scope: the model), or its product line's ticket volume
-- (scope: the line).
exposures as (
    select qi, 'units' as basis, product_model as scope, exposure, alone from unit_exposure
    union all
    select qi, 'tickets', product_line, volume, false from line_volumes
),

-- The pairs judged (this quarter and the one before, for `recurring`) with their basis: the model's units when it
-- has exposure from them in the quarter, else the line's ticket volume.
judged_pairs as (
    select p.*,
           case when u.exposure > 0 then 'units' else 'tickets' end as exposure_basis,
           case when u.exposure > 0 then p.product_model else p.product_line end as scope
    from pairs p
    left join unit_exposure u on u.qi = p.qi and u.product_model = p.product_model
    where p.qi >= (select qi from target) - 1
),

-- Each pair's counts in the (up to four) quarters before with exposure of its basis, each scaled by the exposure
-- then against now; a quarter of the other kind of unit exposure (alone or not) is left out.
history as (
    select p.qi, p.product_line, p.product_model, p.fault_code,
           count(*)::integer as history_quarters,
           avg(coalesce(k.tickets, 0) * now_e.exposure / e.exposure) as baseline
    from judged_pairs p
    join exposures now_e on now_e.basis = p.exposure_basis and now_e.scope is not distinct from p.scope and now_e.qi = p.qi
    join exposures e on e.basis = p.exposure_basis and e.scope is not distinct from p.scope and e.qi between p.qi - 4 and p.qi - 1
         and e.exposure > 0 and e.alone = now_e.alone
    left join pair_counts k on k.qi = e.qi and k.product_model is not distinct from p.product_model and k.fault_code is not distinct from p.fault_code
    group by all
),

measured as (
    select p.*,
           coalesce(h.history_quarters, 0) as history_quarters,
           h.baseline,
           h.history_quarters >= s.flag_min_history_quarters as enough_history,
           p.tickets * q.severity1 / nullif(q.tickets, 0) as severity1_expected,
           q.severity1 / nullif(q.tickets, 0) as overall_severity1_share,
           p.repeats / nullif(p.with_serial, 0) as repeat_rate,
           q.repeats / nullif(q.with_serial, 0) as overall_repeat_rate
    from judged_pairs p
    join quarter_totals q using (qi)
    cross join settings s
    left join history h on h.qi = p.qi and h.product_line is not distinct from p.product_line
         and h.product_model is not distinct from p.product_model and h.fault_code is not distinct from p.fault_code
),

-- The Poisson means whose upper limits are needed: each pair's baseline (when it may be flagged too often) and
-- its expected severity-1 tickets (when it has enough of them to be a major impact).
means as (
    select qi, product_line, product_model, fault_code, 'count' as of, baseline as mean
    from measured cross join settings s
    where enough_history and tickets >= s.flag_min_count
    union all
    select qi, product_line, product_model, fault_code, 'severity1', severity1_expected
    from measured cross join settings s
    where severity1 >= s.flag_min_severity1
    union all
    select qi, product_line, product_model, fault_code, 'repeats', with_serial * overall_repeat_rate
    from measured cross join settings s
    where overall_repeat_rate > 0 and repeats >= s.flag_min_repeats and repeat_rate >= s.flag_repeat_ratio * overall_repeat_rate
),

-- The terms from 10 standard deviations (+ 20) below the mean, where the mass below is under e^-50 (Chernoff:
-- P(X <= mean - t) <= exp(-t² / 2 mean)), up to where the CDF has passed the confidence c for certain (Bernstein:
-- P(X >= mean + t) <= exp(-t² / 2 (mean + t/3)), which is 1 - c at t = L/3 + sqrt(L²/9 + 2 L mean), L = ln(1/(1 - c))):
-- at 99 % a mean of 10,000 needs 1,327 terms (11,020 summed from 0 to 10 sd above), a mean of 5 needs 16 (48).
tail as (
    select ln(1 / (1 - flag_confidence)) as l from settings
),

terms as (
    select m.*,
           unnest(range(greatest(floor(m.mean - 10 * sqrt(m.mean) - 20), 0)::bigint,
                        ceil(m.mean + t.l / 3 + sqrt(t.l * t.l / 9 + 2 * t.l * m.mean))::bigint + 2)) as k
    from means m cross join tail t where m.mean > 0
),

cdf as (
    select *, sum(exp(-mean + k * ln(mean) - lgamma(k + 1))) over (partition by qi, product_line, product_model, fault_code, of order by k) as p
    from terms
),

limits as (
    select m.qi, m.product_line, m.product_model, m.fault_code, m.of,
           case when m.mean <= 0 then 0 else min(c.k) filter (where c.p >= s.flag_confidence) end::integer as upper_limit
    from means m
    cross join settings s
    left join cdf c on c.qi = m.qi and c.product_line is not distinct from m.product_line and c.product_model is not distinct from m.product_model
         and c.fault_code is not distinct from m.fault_code and c.of = m.of
    group by m.qi, m.product_line, m.product_model, m.fault_code, m.of, m.mean, s.flag_confidence
),

judged as (
    select m.*,
           lc.upper_limit as "limit",
           ls.upper_limit as severity1_limit,
           coalesce(m.tickets > lc.upper_limit, false) as too_often,
           coalesce(m.severity1 > ls.upper_limit, false) as severity1_high,
           m.verified_complaints >= s.flag_min_verified_complaints as complaints_high,
           lr.upper_limit as repeats_limit,
           coalesce(m.repeats > lr.upper_limit, false) as repeat_high,
           s.flag_min_verified_complaints as min_verified_complaints,
           s.flag_confidence as confidence
    from measured m
    cross join settings s
    left join limits lc on lc.of = 'count' and lc.qi = m.qi and lc.product_line is not distinct from m.product_line
         and lc.product_model is not distinct from m.product_model and lc.fault_code is not distinct from m.fault_code
    left join limits ls on ls.of = 'severity1' and ls.qi = m.qi and ls.product_line is not distinct from m.product_line
         and ls.product_model is not distinct from m.product_model and ls.fault_code is not distinct from m.fault_code
    left join limits lr on lr.of = 'repeats' and lr.qi = m.qi and lr.product_line is not distinct from m.product_line
         and lr.product_model is not distinct from m.product_model and lr.fault_code is not distinct from m.fault_code
),

flagged as (
    select *,
           too_often and history_quarters < 4 as short_history,
           severity1_high or complaints_high or repeat_high as major_impact,
           greatest(
               case when too_often then tickets / greatest("limit", 1) end,
               case when severity1_high then severity1 / greatest(severity1_limit, 1) end,
               case when complaints_high then verified_complaints / min_verified_complaints end,
               case when repeat_high then repeats / greatest(repeats_limit, 1) end
           )::double as strength
    from judged
    where too_often or severity1_high or complaints_high or repeat_high
),

final as (
    select (f.qi // 4)::varchar || '-Q' || (f.qi % 4 + 1)::varchar as quarter,
           f.product_line, f.product_model, f.fault_code,
           f.tickets as count, f.exposure_basis, f.baseline, f."limit", f.history_quarters, f.short_history, f.too_often,
           f.severity1, f.overall_severity1_share, f.severity1_expected, f.severity1_limit, f.severity1_high,
           f.verified_complaints, f.complaints_high,
           f.repeats, f.with_serial, f.repeat_rate, f.overall_repeat_rate, f.repeats_limit, f.repeat_high,
           f.confidence,
           f.major_impact, f.strength,
           exists (
               select 1 from flagged b
               where b.qi = f.qi - 1 and b.product_model is not distinct from f.product_model and b.fault_code is not distinct from f.fault_code
           ) as recurring
    from flagged f
    where f.qi = (select qi from target)
)

select * from final
