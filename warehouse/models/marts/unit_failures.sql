-- unit_failures: one row per failure of an installed unit, a counted repair ticket (service type repair or empty)
-- whose unit has an installed_at not after the ticket's day, with the ticket's dimensions, and whether it is the
-- unit's first failure (its earliest: opened_at, then ticket_id). Stored for the metric failures_by_age, which reads
-- it: the first failure is a window over every unit's tickets that no period or filter prunes, so as a view each
-- read sorted all of them (7 s a read at 1,000,000 tickets on a busy machine).
with tickets as (
    select * from marts.tickets
    where is_counted and coalesce(service_type, 'repair') = 'repair'
        and installed_at is not null and installed_at <= opened_date
),

final as (
    select
        ticket_id,
        opened_date,
        opened_at,
        region,
        product_line,
        product_model,
        severity,
        channel,
        service_type,
        technician_id,
        fault_code,
        is_in_warranty,
        serial_no,
        installed_at,
        serial_no is not null
            and row_number() over (partition by serial_no order by opened_at, ticket_id) = 1 as is_first_failure
    from tickets
)

select * from final
