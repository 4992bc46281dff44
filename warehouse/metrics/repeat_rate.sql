-- repeat_rate (返修率): repeat tickets / counted tickets with a serial number, by the period the repeat was
-- opened in. Mode strict (same fault, the default) or loose (any fault) is the dimension repeat_mode. Repeats
-- are charged to the technician of the earlier ticket: on a numerator row technician_id is that technician,
-- on a denominator row the ticket's own, so by technician it reads "repeats of X's fixes per ticket of X".
-- Grain: one row per counted ticket with a serial number and mode (denominator), and one per repeat pair
-- (numerator). Row key ticket_id: on a denominator row the ticket itself; on a numerator row the repeat ticket
-- (the later one, whose opened day and dimensions the row carries, but for technician_id, the earlier ticket's).
-- A repeat ticket has one pair per mode (its latest earlier ticket), so within a mode the tickets behind a part
-- are the rows where that part is > 0, one per ticket; filtered by technician they are the repeats charged to
-- that technician's fixes (not the repeats that technician attended).
with tickets as (
    select * from marts.tickets where is_counted and serial_no is not null
),

modes as (
    select unnest(['strict', 'loose']) as repeat_mode
),

denominators as (
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
        m.repeat_mode,
        0 as numerator,
        1 as denominator,
        t.ticket_id
    from tickets t
    cross join modes m
),

numerators as (
    select
        opened_date as day,
        region,
        product_line,
        product_model,
        severity,
        channel,
        service_type,
        previous_technician_id as technician_id,
        fault_code,
        repeat_mode,
        1 as numerator,
        0 as denominator,
        ticket_id
    from marts.repeat_pairs
),

final as (
    select * from denominators
    union all
    select * from numerators
)

select * from final
