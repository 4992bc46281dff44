-- backlog (积压工单): counted tickets opened and not yet resolved. Kept as flows: opened (by opened
-- day) and resolved (by resolved day); the backlog at the end of a day D is Σ(opened − resolved) over days
-- ≤ D (metric-series.ts sums it). Grain: one row per opening and per resolution of a counted ticket.
with tickets as (
    select * from marts.tickets where is_counted
),

flows as (
    select opened_date as day, region, product_line, product_model, severity, channel, service_type, technician_id,
           1 as opened, 0 as resolved
    from tickets
    union all
    select resolved_at::date, region, product_line, product_model, severity, channel, service_type, technician_id, 0, 1
    from tickets
    where resolved_at is not null
),

final as (
    select
        day,
        region,
        product_line,
        product_model,
        severity,
        channel,
        service_type,
        technician_id,
        opened,
        resolved
    from flows
)

select * from final
