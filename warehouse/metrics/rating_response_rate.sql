-- rating_response_rate (评价率): rated resolved counted tickets / resolved counted tickets.
-- Grain: opened day and dimensions.
with resolved as (
    select * from marts.tickets where is_counted and is_resolved
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
        count(*) filter (where rating is not null) as numerator,
        count(*) as denominator
    from resolved
    group by all
)

select * from final
