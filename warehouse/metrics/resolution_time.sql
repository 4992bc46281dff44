-- resolution_time (解决时长): resolved_at − opened_at − paused_minutes, in hours, elapsed and in service hours; only counted tickets that have
-- both ends. Grain: one row per ticket (medians and percentiles are computed over the tickets of a period,
-- never averaged from smaller periods). Row key ticket_id; denominator is 1 on every row: the tickets behind
-- the figure (its n, elapsed clock) are the rows with denominator > 0.
with tickets as (
    select * from marts.tickets where is_counted and resolution_hours is not null
),

final as (
    select
        opened_date as day,
        region,
        product_line,
        product_model,
        severity,
        channel,
        service_type,
        technician_id,
        ticket_id,
        1 as denominator,
        resolution_hours as hours,
        resolution_business_hours as business_hours,
        -- Paused longer than the time measured: the duration was floored at 0 (marts.tickets).
        resolution_floored as floored,
        resolution_business_floored as business_floored
    from tickets
)

select * from final
