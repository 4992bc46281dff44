-- model_exposure: a product model's exposure from the installed base (issue 21), the one definition the quality
-- flags (quarters, metrics/quality_flags.sql), the early warnings (weeks, months, metrics/early_warnings.sql) and,
-- through the early warnings, the corrective actions' proof of fix count faults against. One row per grain (week
-- from Monday, month, quarter), period, product line, product model and region with units in service
-- (marts.units_in_service):
-- - unit_days: the model's unit-days in service in the region;
-- - model_unit_days, model_tickets: the model's, on the line, in every region (its counted tickets);
-- - line_unit_days, line_tickets: the same summed over the line's models with units in the period;
-- - alone: no other model has units on the line in the period;
-- - exposure: the region's unit-days × the counted tickets per unit-day in service of the other models with units
--   on the line (line_tickets − model_tickets over line_unit_days − model_unit_days), so a model whose installed
--   base grows is expected to have more, its own tickets do not move its exposure, and the line's season (an air
--   conditioner's summer) scales it as the line's ticket volume did; when the model is alone on its line, its
--   unit-weeks, unit-months or unit-quarters (unit-days ÷ 7, 30.4375, 91.3125: the month in service of
--   claims_per_thousand, a quarter three of them). The two kinds are not on one scale: a reader compares a period
--   only with periods of the same kind (`alone`).
-- Summed over regions it is the exposure of those regions' units; the line's rate is always the whole line's
-- (every region), so a region with few units does not get a season of its own from a handful of tickets.
with unit_days as (
    select grain, period_start, product_line, product_model, region, sum(unit_days)::double as unit_days
    from marts.units_in_service
    where product_model is not null
    group by grain, period_start, product_line, product_model, region
),

grains as (
    select 'week' as grain union all select 'month' union all select 'quarter'
),

tickets as (
    select g.grain,
           case g.grain
               when 'week' then date_trunc('week', t.opened_date)
               when 'month' then date_trunc('month', t.opened_date)
               else date_trunc('quarter', t.opened_date)
           end::date as period_start,
           t.product_line, t.product_model, count(*)::double as tickets
    from marts.tickets t
    cross join grains g
    where t.is_counted and t.product_model is not null
    group by 1, 2, 3, 4
),

models as (
    select grain, period_start, product_line, product_model, sum(unit_days) as model_unit_days
    from unit_days
    group by grain, period_start, product_line, product_model
),

lines as (
    select m.grain, m.period_start, m.product_line, m.product_model, m.model_unit_days,
           coalesce(t.tickets, 0) as model_tickets,
           sum(m.model_unit_days) over (partition by m.grain, m.period_start, m.product_line) as line_unit_days,
           sum(coalesce(t.tickets, 0)) over (partition by m.grain, m.period_start, m.product_line) as line_tickets
    from models m
    left join tickets t
      on t.grain = m.grain and t.period_start = m.period_start and t.product_line is not distinct from m.product_line
         and t.product_model = m.product_model
),

final as (
    select u.grain, u.period_start, u.product_line, u.product_model, u.region, u.unit_days,
           l.model_unit_days, l.model_tickets::bigint as model_tickets, l.line_unit_days, l.line_tickets::bigint as line_tickets,
           l.line_unit_days = l.model_unit_days as alone,
           case
               when l.line_unit_days > l.model_unit_days
                   then u.unit_days * (l.line_tickets - l.model_tickets) / (l.line_unit_days - l.model_unit_days)
               else u.unit_days / case u.grain when 'week' then 7.0 when 'month' then 30.4375 else 91.3125 end
           end as exposure
    from unit_days u
    join lines l
      on l.grain = u.grain and l.period_start = u.period_start and l.product_line is not distinct from u.product_line
         and l.product_model = u.product_model
)

select * from final
