-- early_warnings (早期预警): the series the early warning monitors. One row per grain (week, month), period,
-- product model and fault code: the counted tickets of that fault (tickets) and the exposure they are counted
-- against (exposure_basis):
-- - 'units', when the installed base is loaded for the model (it has units in service): the model's exposure,
--   marts.model_exposure (its unit-days in the period × the counted tickets per unit-day in service of the other
--   models with units on its line, the line's season kept), so a model whose installed base grows is expected to
--   have more of every fault and its own faults' rise or fall does not move its exposure; when it is never with
--   another model with units on its line, its unit-weeks or unit-months, one scale for the whole series. The
--   series has the periods with exposure (the model's tickets in a period without units in service, or, for a
--   model with partners, without theirs, are not counted);
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

-- The model's exposure from its units in service, every region (marts.model_exposure). A model ever with another
-- model with units on its line in the grain is read by the others' rate alone (its periods alone are left out), one
-- scale for the whole series; else by its unit-weeks or unit-months.
unit_exposure as (
    select grain, period_start, product_model, sum(exposure) as exposure, bool_and(alone) as alone
    from marts.model_exposure
    where grain in ('week', 'month')
    group by grain, period_start, product_model
),

exposure as (
    select grain, period_start, product_model, 'units' as exposure_basis, exposure
    from (select *, bool_and(alone) over (partition by grain, product_model) as never_partnered from unit_exposure)
    where exposure > 0 and (never_partnered or not alone)
    union all
    select grain, period_start, product_model, 'tickets', model_tickets::double
    from model_tickets
    where product_model not in (select product_model from marts.model_exposure)
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
