-- arrival_time (到场时长): arrived_at − opened_at, in hours, elapsed and in service hours; only counted tickets that have
-- both ends. Grain: one row per ticket (medians and percentiles are computed over the tickets of a period,
-- never averaged from smaller periods). Row key ticket_id; denominator is 1 on every row: the tickets behind
-- the figure (its n, elapsed clock) are the rows with denominator > 0.
with tickets as (
    select * from marts.tickets where is_counted and arrival_hours is not null
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
        arrival_hours as hours,
        arrival_business_hours as business_hours
    from tickets
)

select * from final
