-- chronic_units (顽固故障机): one row per counted ticket on a unit (serial_no), with how many counted tickets the
-- unit had in the chronic_window_days (default 365) up to and including this one. A unit is chronic in a
-- period when one of its tickets opened in the period is at least its chronic_tickets-th (default 3rd)
-- within the window (both ends included; counted in marts.unit_windows); queries/chronic-units.ts lists them.
with settings as (
    select chronic_tickets from main.settings
),

tickets as (
    select * from marts.unit_windows
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
)

select * from final
