-- unit_windows: one row per counted ticket with a serial number, with how many counted tickets its unit had in
-- the chronic_window_days (default 365) up to and including this one (both ends included). Stored, because
-- the self-join behind it is the costly part of chronic_units (1.5 s a read at 200,000 tickets as a view).
with settings as (
    select chronic_window_days from main.settings
),

tickets as (
    select ticket_id, serial_no, opened_at from marts.tickets where is_counted and serial_no is not null
),

final as (
    select
        t.ticket_id,
        t.serial_no,
        count(*) as tickets_in_window
    from tickets t
    join tickets e
        on e.serial_no = t.serial_no
        and e.opened_at <= t.opened_at
        and e.opened_at >= t.opened_at - to_days((select chronic_window_days from settings))
    group by t.ticket_id, t.serial_no
)

select * from final
