-- satisfaction_score (满意度均分): mean rating (1–5) over rated counted tickets (own rating, else the latest
-- callback's). numerator = sum of ratings, denominator = rated tickets. Grain: one row per rated ticket.
-- Row key ticket_id: the tickets behind the denominator are the rows with denominator > 0 (every row); the
-- numerator is a sum of ratings, not a count of tickets, and has no drill-down of its own.
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
        1 as denominator,
        ticket_id
    from rated
)

select * from final
