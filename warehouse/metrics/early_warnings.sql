-- early_warnings (早期预警): the series the early warning monitors. One row per grain (week, month), period,
-- product model and fault code: the counted tickets of that fault (tickets) and the exposure they are counted
-- against, every counted ticket of the model in the period (exposure). Every (model, fault) pair seen in the
-- data has a row for every period in which its model has tickets, zeros included, so the CUSUM
-- (warehouse/queries/early-warnings.ts) sees the weeks in which the fault did not occur.
-- A week starts on Monday; periods follow the configured time zone (opened_date is local).
with tickets as (
    select opened_date, product_model, fault_code
    from marts.tickets
    where is_counted and product_model is not null
),

grains as (
    select 'week' as grain union all select 'month'
),

periods as (
    select g.grain,
           case g.grain when 'week' then date_trunc('week', t.opened_date) else date_trunc('month', t.opened_date) end::date as period_start,
           t.product_model,
           t.fault_code
    from tickets t cross join grains g
),

exposure as (
    select grain, period_start, product_model, count(*)::integer as exposure
    from periods
    group by all
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
           e.exposure
    from exposure e
    join pairs p using (product_model)
    left join counts c using (grain, period_start, product_model, fault_code)
)

select * from final
