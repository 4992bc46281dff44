-- service_calendar: one row per local day, from the day before the first ticket to a year past today.
-- Says whether service hours apply that day and whether it is a working day (holidays off, make-up days on),
-- the day's service window as instants in the configured zone, and the service seconds of all earlier days,
-- so business time between two instants is two lookups: clock(t2) - clock(t1).
with settings as (
    select * from main.settings
),

bounds as (
    select
        coalesce(min(opened_at)::date, current_date) - 1 as first_day,
        greatest(coalesce(max(coalesce(closed_at, resolved_at, opened_at))::date, current_date), current_date) + 366 as last_day
    from staging.stg_tickets
),

days as (
    select generate_series::date as day
    from bounds, generate_series(bounds.first_day::timestamp, bounds.last_day::timestamp, interval 1 day)
),

flags as (
    select
        days.day,
        coalesce(h.kind = 'holiday', false) as is_holiday,
        coalesce(m.kind = 'makeup', false) as is_makeup_day
    from days
    left join main.calendar_exceptions h on h.day = days.day and h.kind = 'holiday'
    left join main.calendar_exceptions m on m.day = days.day and m.kind = 'makeup'
),

typed as (
    select
        flags.day,
        flags.is_holiday,
        flags.is_makeup_day,
        not flags.is_holiday and (flags.is_makeup_day or isodow(flags.day) <= 5) as is_working_day,
        settings.service_days,
        timezone(settings.time_zone, flags.day + settings.service_start) as service_from,
        timezone(settings.time_zone, flags.day + settings.service_end) as service_to
    from flags, settings
),

final as (
    select
        day,
        is_holiday,
        is_makeup_day,
        is_working_day,
        service_days = 'every_day' or is_working_day as is_service_day,
        service_from,
        service_to,
        case when service_days = 'every_day' or is_working_day then epoch(service_to) - epoch(service_from) else 0 end as service_seconds,
        coalesce(sum(case when service_days = 'every_day' or is_working_day then epoch(service_to) - epoch(service_from) else 0 end)
            over (order by day rows between unbounded preceding and 1 preceding), 0) as service_seconds_before,
        count(*) filter (where is_working_day) over (order by day rows between unbounded preceding and current row) as working_day_number
    from typed
)

select * from final
