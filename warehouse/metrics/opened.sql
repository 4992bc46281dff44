-- opened (新增工单): counted tickets opened in the period (volume), by the day of opened_at.
-- Grain: one row per opened day and combination of dimensions. Cancelled tickets are not counted.
-- numerator = opened tickets; denominator = 1 per row's period is meaningless, so value = numerator.
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
        count(*) as numerator,
        null::bigint as denominator
    from counted
    group by all
)

select * from final
