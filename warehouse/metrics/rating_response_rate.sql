-- rating_response_rate (评价率): rated resolved counted tickets / resolved counted tickets.
-- Grain: one row per ticket; a period sums them. Row key ticket_id: the tickets behind a part (numerator: rated,
-- denominator: resolved) are the rows where that part is > 0.
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
        (rating is not null)::integer as numerator,
        1 as denominator,
        ticket_id
    from resolved
)

select * from final
