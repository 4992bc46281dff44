-- unit_lifetimes: one row per unit of the installed base (staging.stg_units) whose installation day is known: how
-- long it lasted until its first failure, or how long it has been seen working (a suspension, right-censored),
-- for the reliability fits with suspensions (issue 21).
-- A failure is a counted repair ticket (service type repair or empty) on the unit's serial number, as in the
-- metric failures_by_age (warehouse/metrics/failures_by_age.sql); the unit's first failure is its earliest
-- (opened_at, then ticket_id).
-- failed: the first failure was opened on or before the censoring day; time_days: days from the start of the
-- installation day (in the configured time zone) to the first failure's opened_at when failed, else whole days
-- from the installation day to the censoring day, least(scrapped_at, as_of). as_of is the last day of the data:
-- the latest ticket opened, unit installed or unit scrapped. A failure after the unit was scrapped does not count
-- (the unit is censored at scrapped_at). Product model, line and region are the unit's own, else those of its
-- first ticket. censored_on: the last day the unit is in service, least(scrapped_at, as_of) — a failure does not
-- end it (the unit is repaired); the metric claims_per_thousand and the mart units_in_service count it at risk up to
-- and including this day.
-- entry_days (left truncation, delayed entry): days from the installation day to the start of observation, the
-- data's first day (the first ticket opened, as in the metric claims_per_thousand), greatest(0, first day −
-- installation day): a unit installed before the tickets begin was seen only from then, its failures before that
-- never recorded, so the fits count it at risk only from this age (ln S(a) taken off its likelihood). A unit is
-- left out when it was not observed after its entry: its censoring day not after the first day (scrapped before the
-- tickets begin), or its first failure before it (not possible, as the first day is the first ticket's; a failure
-- on the first day itself is at or after the entry and counts).
-- Excluded (inconsistent records, not lifetimes): a unit whose first failure was opened before its installation
-- day, and a unit whose censoring day is before its installation day (installed after the data end, scrapped
-- before installed).
with units as (
    select * from staging.stg_units where installed_at is not null
),

tickets as (
    select * from marts.tickets where serial_no is not null
),

first_ticket as (
    select serial_no, product_model, product_line, region
    from tickets
    qualify row_number() over (partition by serial_no order by opened_at, ticket_id) = 1
),

first_failure as (
    select serial_no, ticket_id, opened_at, opened_date
    from tickets
    where is_counted and coalesce(service_type, 'repair') = 'repair'
    qualify row_number() over (partition by serial_no order by opened_at, ticket_id) = 1
),

bounds as (
    select
        greatest(
            (select max(opened_date) from marts.tickets),
            (select max(installed_at) from staging.stg_units),
            (select max(scrapped_at) from staging.stg_units)
        ) as as_of,
        (select min(opened_date) from marts.tickets) as first_day
),

joined as (
    select
        u.serial_no,
        coalesce(u.product_model, t.product_model) as product_model,
        coalesce(u.product_line, t.product_line) as product_line,
        coalesce(u.region, t.region) as region,
        u.production_batch,
        date_trunc('month', u.production_date)::date as production_month,
        u.installed_at,
        least(coalesce(u.scrapped_at, b.as_of), b.as_of) as censored_on,
        f.opened_at as failed_at,
        f.opened_date as failed_on,
        greatest(coalesce(date_diff('day', u.installed_at, b.first_day), 0), 0)::double as entry_days,
        b.as_of
    from units u
    cross join bounds b
    left join first_ticket t on t.serial_no = u.serial_no
    left join first_failure f on f.serial_no = u.serial_no
),

lifetimes as (
    select
        *,
        coalesce(failed_on <= censored_on, false) as failed
    from joined
    where (failed_on is null or failed_on >= installed_at) and censored_on >= installed_at
),

final as (
    select
        serial_no,
        product_model,
        product_line,
        region,
        production_batch,
        production_month,
        installed_at,
        failed,
        case when failed
            then (epoch(failed_at) - epoch(installed_at::timestamptz)) / 86400.0
            else date_diff('day', installed_at, censored_on)::double
        end as time_days,
        entry_days,
        censored_on,
        as_of
    from lifetimes
)

select * from final
where case when failed then time_days >= entry_days else time_days > entry_days end
