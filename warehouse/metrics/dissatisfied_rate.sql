-- dissatisfied_rate (不满意率): share of rated counted tickets scoring 1 or 2. Grain: one row per ticket; a period sums them.
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
        (rating <= 2)::integer as numerator,
        1 as denominator
    from rated
)

select * from final
