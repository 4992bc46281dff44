-- csat (客户满意率): share of rated counted tickets scoring 4 or 5. A ticket's rating is its own satisfaction,
-- or else its latest callback's. Grain: one row per opened day and dimensions.
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
        count(*) filter (where rating >= 4) as numerator,
        count(*) as denominator
    from rated
    group by all
)

select * from final
