-- resolution_rate (解决率): resolved counted tickets / counted tickets, by the day of opened_at.
-- Grain: one row per counted ticket (cancelled tickets are not counted); any period is sum(numerator) /
-- sum(denominator) over its tickets, never an average of smaller periods' ratios. Row key ticket_id: the tickets
-- behind a part (numerator: resolved, denominator: counted) are the rows where that part is > 0.
with counted as (
    select * from marts.tickets where is_counted
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
        is_resolved::integer as numerator,
        1 as denominator,
        ticket_id
    from counted
)

select * from final
