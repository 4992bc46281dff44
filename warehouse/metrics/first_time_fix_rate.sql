-- first_time_fix_rate (一次修复率): among resolved counted tickets of service type repair (or empty), the share
-- fixed with at most one repair visit (repairs rows of the ticket; none counts as one) and not followed by a
-- repeat (strict mode) within the repeat window, as marts.fixes decides. Grain: one row per such ticket.
-- Row key ticket_id: the tickets behind a part (numerator: fixed first time, denominator: resolved repairs,
-- missed: not fixed first time, = denominator − numerator) are the rows where that part is > 0.
with tickets as (
    select * from marts.tickets
    where is_counted and is_resolved and coalesce(service_type, 'repair') = 'repair'
),

final as (
    select
        t.opened_date as day,
        t.region,
        t.product_line,
        t.product_model,
        t.severity,
        t.channel,
        t.service_type,
        t.technician_id,
        t.fault_code,
        f.is_first_time_fix::integer as numerator,
        1 as denominator,
        (not f.is_first_time_fix)::integer as missed,
        t.ticket_id
    from tickets t
    join marts.fixes f using (ticket_id)
)

select * from final
