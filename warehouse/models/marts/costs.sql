-- costs: one row per cost line: parts issued (quantity × unit cost), repair labour and travel. Attributed to
-- the ticket (its opened day and dimensions) when known, else to the line's own day. warranty says who pays:
-- parts by their charge type, labour and travel by whether the ticket was in warranty.
with tickets as (
    select * from marts.tickets
),

parts as (
    select
        p.ticket_id,
        p.issued_at::date as line_day,
        'parts' as cost_type,
        coalesce(p.charge_type, case when t.is_in_warranty then 'warranty' else 'paid' end) as warranty,
        p.quantity * coalesce(p.unit_cost, 0) as amount
    from staging.stg_parts p
    left join tickets t using (ticket_id)
),

repairs as (
    -- Two lines per repair from a constant pair, not a lateral VALUES of the repair's columns (Trino cannot plan
    -- that correlated subquery; both engines run this).
    select
        r.ticket_id,
        r.started_at::date as line_day,
        u.cost_type,
        case when t.is_in_warranty then 'warranty' else 'paid' end as warranty,
        case u.cost_type when 'labour' then coalesce(r.labor_cost, 0) else coalesce(r.travel_cost, 0) end as amount
    from staging.stg_repairs r
    left join tickets t using (ticket_id)
    cross join (values ('labour'), ('travel')) u(cost_type)
),

lines as (
    select * from parts
    union all
    select * from repairs
),

final as (
    select
        coalesce(t.opened_date, l.line_day) as day,
        t.region,
        t.product_line,
        t.product_model,
        t.severity,
        t.channel,
        t.service_type,
        t.technician_id,
        l.ticket_id,
        l.cost_type,
        l.warranty,
        l.amount
    from lines l
    left join tickets t using (ticket_id)
    where l.amount <> 0
)

select * from final
