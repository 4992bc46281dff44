-- unit_windows: one row per counted ticket with a serial number, with how many counted tickets its unit had in
-- the chronic_window_days (default 365) up to and including this one (both ends included), and the ticket's
-- dimensions. Stored, because the self-join behind it is the costly part of chronic_units (1.5 s a read at
-- 200,000 tickets as a view); the dimensions are kept so chronic_units reads this alone (joined to the tickets
-- at each read, a unit's whole history was a join of every counted ticket: 5 s at 1,000,000 on a busy machine).
with settings as (
    select chronic_window_days from main.settings
),

tickets as (
    select ticket_id, serial_no, opened_at, opened_date, region, product_line, product_model, severity, channel,
           service_type, technician_id, fault_code
    from marts.tickets where is_counted and serial_no is not null
),

windows as (
    select
        t.ticket_id,
        count(*) as tickets_in_window
    from tickets t
    join tickets e
        on e.serial_no = t.serial_no
        and e.opened_at <= t.opened_at
        and e.opened_at >= t.opened_at - to_days((select chronic_window_days from settings))
    group by t.ticket_id
),

final as (
    select t.*, w.tickets_in_window
    from tickets t
    join windows w using (ticket_id)
)

select * from final
