-- early_warnings (早期预警): the series the early warning monitors. One row per grain (week, month), period,
-- product model and fault code: the counted tickets of that fault (tickets) and the exposure they are counted
-- against (exposure_basis):
-- - 'units', when the installed base is loaded for the model (it has units in service, marts.units_in_service):
--   the model's units in service, its unit-days in the period × the counted tickets per unit-day in service of
--   the other models with units on its line, so a model whose installed base grows is expected to have more of
--   every fault, its own faults' rise or fall does not move its exposure, and the line's season (an air
--   conditioner's summer) scales it as the model's tickets did; when it is never with another model with units on
--   its line, its unit-weeks (unit-days ÷ 7) or unit-months (÷ 30.4375, the month in service of
--   claims_per_thousand), one scale for the whole series. The series has the periods with exposure (the model's
--   tickets in a period without units in service, or, for a model with partners, without theirs, are not counted);
-- - 'tickets', otherwise: every counted ticket of the model in the period.
-- model_tickets: every counted ticket of the model in the period, whatever the basis (the proof of fix's exposure).
-- Every (model, fault) pair seen in the data has a row for every period with exposure, zeros included, so the
-- CUSUM (warehouse/queries/early-warnings.ts) sees the weeks in which the fault did not occur.
-- A week starts on Monday; periods follow the configured time zone (opened_date is local).
with tickets as (
    select opened_date, product_line, product_model, fault_code
    from marts.tickets
    where is_counted and product_model is not null
),

grains as (
    select 'week' as grain union all select 'month'
),

periods as (
    select g.grain,
           case g.grain when 'week' then date_trunc('week', t.opened_date) else date_trunc('month', t.opened_date) end::date as period_start,
           t.product_line,
           t.product_model,
           t.fault_code
    from tickets t cross join grains g
),

model_tickets as (
    select grain, period_start, product_model, count(*)::integer as model_tickets
    from periods
    group by all
),

unit_days as (
    select grain, period_start, product_line, product_model, sum(unit_days)::double as unit_days
    from marts.units_in_service
    where grain in ('week', 'month') and product_model is not null
    group by all
),

line_model_tickets as (
    select grain, period_start, product_line, product_model, count(*) as tickets
    from periods
    group by all
),

-- Each model with units: its tickets, and its line's tickets and unit-days over the line's models with units.
unit_models as (
    select u.grain, u.period_start, u.product_line, u.product_model, u.unit_days, coalesce(t.tickets, 0) as tickets,
           sum(u.unit_days) over (partition by u.grain, u.period_start, u.product_line) as line_unit_days,
           sum(coalesce(t.tickets, 0)) over (partition by u.grain, u.period_start, u.product_line) as line_tickets
    from unit_days u
    left join line_model_tickets t
      on t.grain = u.grain and t.period_start = u.period_start and t.product_line is not distinct from u.product_line
         and t.product_model = u.product_model
),

-- Unit-days × the other models' tickets per unit-day (the line's season); unit-weeks / unit-months (÷ 7, ÷ 30.4375)
-- when the model is the only one with units on its line.
unit_periods as (
    select grain, period_start, product_model,
           sum(unit_days * (line_tickets - tickets) / nullif(line_unit_days - unit_days, 0)) as seasonal,
           sum(unit_days) as unit_days,
           bool_or(line_unit_days > unit_days) as with_others
    from unit_models
    group by grain, period_start, product_model
),

unit_exposure as (
    select grain, period_start, product_model, seasonal,
           unit_days / case grain when 'week' then 7.0 else 30.4375 end as unit_periods,
           bool_or(with_others) over (partition by grain, product_model) as partnered
    from unit_periods
),

exposure as (
    select grain, period_start, product_model, 'units' as exposure_basis, case when partnered then seasonal else unit_periods end as exposure
    from unit_exposure
    where case when partnered then seasonal else unit_periods end > 0
    union all
    select grain, period_start, product_model, 'tickets', model_tickets::double
    from model_tickets
    where product_model not in (select product_model from unit_days)
),

counts as (
    select grain, period_start, product_model, fault_code, count(*)::integer as tickets
    from periods
    where fault_code is not null
    group by all
),

pairs as (
    select distinct product_model, fault_code from tickets where fault_code is not null
),

final as (
    select e.grain, e.period_start, e.product_model, p.fault_code,
           coalesce(c.tickets, 0) as tickets,
           e.exposure,
           e.exposure_basis,
           coalesce(m.model_tickets, 0) as model_tickets
    from exposure e
    join pairs p using (product_model)
    left join counts c using (grain, period_start, product_model, fault_code)
    left join model_tickets m using (grain, period_start, product_model)
)

select * from final
