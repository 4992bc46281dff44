-- satisfaction_distribution (满意度分布): rated counted tickets by score 1–5 (dimension score).
-- Grain: one row per opened day, dimensions and score.
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
        count(*) as numerator,
        null::bigint as denominator
    from rated
    group by all
)

select * from final
