-- resolution_rate (解决率): resolved counted tickets / counted tickets, by the day of opened_at.
-- Grain: one row per opened day and combination of dimensions. Cancelled tickets are not counted.
-- Any period is sum(numerator) / sum(denominator) over its days, never an average of daily ratios.
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
        count(*) filter (where is_resolved) as numerator,
        count(*) as denominator
    from counted
    group by all
)

select * from final
