-- chronic_units (顽固故障机): one row per counted ticket on a unit (serial_no), with how many counted tickets the
-- unit had in the chronic_window_days (default 365) up to and including this one. A unit is chronic in a
-- period when one of its tickets opened in the period is at least its chronic_tickets-th (default 3rd)
-- within the window (both ends included); queries/chronic-units.ts lists those units.
with settings as (
    select chronic_window_days, chronic_tickets from main.settings
),

tickets as (
    select * from marts.tickets where is_counted and serial_no is not null
),

windowed as (
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
        serial_no,
        ticket_id,
        opened_at,
        tickets_in_window,
        tickets_in_window >= (select chronic_tickets from settings) as is_chronic
    from tickets
    join windowed using (ticket_id)
)

select * from final
