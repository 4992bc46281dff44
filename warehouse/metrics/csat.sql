-- csat (客户满意率): share of rated counted tickets scoring 4 or 5. A ticket's rating is its own satisfaction,
-- or else its latest callback's. Grain: one row per ticket; a period sums them. Row key ticket_id: the tickets
-- behind a part (numerator: rated 4–5, denominator: rated) are the rows where that part is > 0.
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
        (rating >= 4)::integer as numerator,
        1 as denominator,
        ticket_id
    from rated
)

select * from final
