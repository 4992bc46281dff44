-- satisfaction_score (满意度均分): mean rating (1–5) over rated counted tickets (own rating, else the latest
-- callback's). numerator = sum of ratings, denominator = rated tickets. Grain: one row per rated ticket.
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
        rating as numerator,
        1 as denominator
    from rated
)

select * from final
