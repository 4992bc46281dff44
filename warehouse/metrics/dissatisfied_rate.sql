-- dissatisfied_rate (不满意率): share of rated counted tickets scoring 1 or 2. Grain: one row per ticket; a period sums them.
-- Row key ticket_id: the tickets behind a part (numerator: rated 1–2, denominator: rated) are the rows where it is > 0.
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
        1 as denominator,
        ticket_id
    from rated
)

select * from final
