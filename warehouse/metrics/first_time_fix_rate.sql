-- first_time_fix_rate (一次修复率): among resolved counted tickets of service type repair (or empty), the share
-- fixed with at most one repair visit (repairs rows of the ticket; none counts as one) and not followed by a
-- repeat (strict mode) within the repeat window, as marts.fixes decides. Grain: one row per such ticket.
-- Row key ticket_id: the tickets behind a part (numerator: fixed first time, denominator: resolved repairs,
-- missed: not fixed first time, = denominator − numerator) are the rows where that part is > 0.
with fixes as (
    select * from marts.fixes
    where coalesce(service_type, 'repair') = 'repair'
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
        fault_code,
        is_first_time_fix::integer as numerator,
        1 as denominator,
        (not is_first_time_fix)::integer as missed,
        ticket_id
    from fixes
)

select * from final
