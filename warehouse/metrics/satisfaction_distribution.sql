-- satisfaction_distribution (满意度分布): rated counted tickets by score 1–5 (dimension score).
-- Grain: one row per rated ticket.
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
        rating::varchar as score,
        1 as numerator,
        null::integer as denominator
    from rated
)

select * from final
