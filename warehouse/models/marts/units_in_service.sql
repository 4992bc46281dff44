-- units_in_service: the installed base's exposure, the units at risk per calendar period (issue 21): one row per
-- grain (week from Monday, month, quarter), period, product model, line and region that has any unit in service.
-- A unit is in service from its installation day to its censoring day (marts.unit_lifetimes: the units with a
-- consistent lifetime, censored_on = least(scrapped_at, the data's last day); a failure does not end it, the unit is
-- repaired), both days included, as in the metric claims_per_thousand; only the days inside the data count (from
-- the first ticket's day, the start of observation as in unit_lifetimes' entry_days, to as_of), so a period the data
-- cover only in part has only those days.
-- units: the units in service on any day of the period inside the data (installed on or before its end, not
-- scrapped before its start); unit_days: their days in service inside the period and the data, Σ over the units —
-- the exposure the quality flags (quarters) and the early warnings (weeks, months) count faults against.
-- Built from daily counts (+1 on a unit's first day in service, −1 on the day after its last), not unit × period
-- pairs, so its cost grows with days × (model, line, region), not with the units.
with bounds as (
    select
        (select min(opened_date) from marts.tickets) as first_day,
        (select max(as_of) from marts.unit_lifetimes) as as_of
),

spans as (
    select u.product_model, u.product_line, u.region, greatest(u.installed_at, b.first_day) as from_day, u.censored_on as to_day
    from marts.unit_lifetimes u
    cross join bounds b
    where u.censored_on >= greatest(u.installed_at, b.first_day)
),

changes as (
    select product_model, product_line, region, day, sum(starts)::bigint as starts, sum(change)::bigint as change
    from (
        select product_model, product_line, region, from_day as day, 1 as starts, 1 as change from spans
        union all
        select product_model, product_line, region, (to_day + interval 1 day)::date as day, 0 as starts, -1 as change from spans
    )
    group by all
),

groups as (
    select distinct product_model, product_line, region from spans
),

days as (
    select generate_series::date as day
    from bounds, generate_series(bounds.first_day::timestamp, bounds.as_of::timestamp, interval 1 day)
),

daily as (
    select g.product_model, g.product_line, g.region, d.day,
           coalesce(c.starts, 0) as starts,
           sum(coalesce(c.change, 0)) over (
               partition by g.product_model, g.product_line, g.region order by d.day rows unbounded preceding
           ) as in_service
    from groups g
    cross join days d
    left join changes c
      on c.day = d.day and c.product_model is not distinct from g.product_model
         and c.product_line is not distinct from g.product_line and c.region is not distinct from g.region
),

grains as (
    select 'week' as grain union all select 'month' union all select 'quarter'
),

periods as (
    select g.grain,
           case g.grain
               when 'week' then date_trunc('week', d.day)
               when 'month' then date_trunc('month', d.day)
               else date_trunc('quarter', d.day)
           end::date as period_start,
           d.*
    from daily d
    cross join grains g
),

-- The units in service on the period's first day inside the data, and those that began service on a later day of it.
final as (
    select grain, period_start, product_model, product_line, region,
           (arg_min(in_service, day) + sum(starts) - arg_min(starts, day))::integer as units,
           sum(in_service)::bigint as unit_days
    from periods
    group by all
    having sum(in_service) > 0
)

select * from final
