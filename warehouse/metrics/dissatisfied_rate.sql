-- dissatisfied_rate (不满意率): share of rated counted tickets scoring 1 or 2. Grain: opened day and dimensions.
with rated as (
    select * from marts.tickets where is_counted and rating is not null
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
        count(*) filter (where rating <= 2) as numerator,
        count(*) as denominator
    from rated
    group by all
)

select * from final
