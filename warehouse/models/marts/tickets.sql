-- tickets: one row per ticket with its per-ticket facts: period attribution, resolution, durations in elapsed
-- and business hours, SLA targets and whether each applies and was met, and the satisfaction that counts.
-- A ticket belongs to the day/month/quarter of opened_at in the configured time zone (the session TimeZone).
with tickets as (
    select * from staging.stg_tickets
),

calendar as (
    select * from marts.service_calendar
),

-- The latest callback's rating stands in when the ticket itself has none (metrics.md, Attribution).
latest_callback as (
    select ticket_id, satisfaction
    from staging.stg_callbacks
    where ticket_id is not null and satisfaction is not null
    qualify row_number() over (partition by ticket_id order by called_at desc, callback_id desc) = 1
),

-- Service seconds from the calendar's start to an instant: seconds of earlier days plus the part of the
-- instant's own day that fell inside service hours.
clocks as (
    select
        t.ticket_id,
        o.service_seconds_before + least(greatest(epoch(t.opened_at) - epoch(o.service_from), 0), o.service_seconds) as opened_clock,
        r.service_seconds_before + least(greatest(epoch(t.first_response_at) - epoch(r.service_from), 0), r.service_seconds) as response_clock,
        a.service_seconds_before + least(greatest(epoch(t.arrived_at) - epoch(a.service_from), 0), a.service_seconds) as arrival_clock,
        s.service_seconds_before + least(greatest(epoch(t.resolved_at) - epoch(s.service_from), 0), s.service_seconds) as resolution_clock
    from tickets t
    left join calendar o on o.day = t.opened_at::date
    left join calendar r on r.day = t.first_response_at::date
    left join calendar a on a.day = t.arrived_at::date
    left join calendar s on s.day = t.resolved_at::date
),

now_clock as (
    select service_seconds_before + least(greatest(epoch(now()) - epoch(service_from), 0), service_seconds) as clock
    from calendar
    where day = current_date
),

facts as (
    select
        t.*,
        cast(t.opened_at as date) as opened_date,
        t.resolved_at is not null as is_resolved,
        coalesce(t.satisfaction, cb.satisfaction) as rating,
        t.warranty_until is not null and t.opened_at::date <= t.warranty_until as is_in_warranty,
        date_diff('second', t.opened_at, t.first_response_at) / 3600.0 as response_hours,
        date_diff('second', t.opened_at, t.arrived_at) / 3600.0 as arrival_hours,
        -- greatest() skips nulls, so an unresolved ticket must stay null explicitly.
        case when t.resolved_at is not null
            then greatest(date_diff('second', t.opened_at, t.resolved_at) / 3600.0 - t.paused_minutes / 60.0, 0)
        end as resolution_hours,
        (c.response_clock - c.opened_clock) / 3600.0 as response_business_hours,
        (c.arrival_clock - c.opened_clock) / 3600.0 as arrival_business_hours,
        case when t.resolved_at is not null
            then greatest((c.resolution_clock - c.opened_clock) / 3600.0 - t.paused_minutes / 60.0, 0)
        end as resolution_business_hours,
        -- Paused longer than the time it measures (the pause is in elapsed minutes, the business clock only runs
        -- in service hours): floored at 0 above, and said so (resolution_time answers how many).
        t.resolved_at is not null and date_diff('second', t.opened_at, t.resolved_at) / 3600.0 < t.paused_minutes / 60.0 as resolution_floored,
        t.resolved_at is not null and (c.resolution_clock - c.opened_clock) / 3600.0 < t.paused_minutes / 60.0 as resolution_business_floored,
        -- Business hours a still-open target has run so far.
        ((select clock from now_clock) - c.opened_clock) / 3600.0 as open_business_hours,
        coalesce(t.severity, 3) as sla_level,
        -- Service on site: a visit was dispatched, or the service type is done at the customer's (the setting
        -- onSiteServiceTypes). A ticket without a service type and never dispatched may be served remotely: not
        -- known to need a visit.
        t.dispatched_at is not null
            or coalesce(list_contains((select on_site_service_types from main.settings), t.service_type), false) as needs_visit
    from tickets t
    left join latest_callback cb using (ticket_id)
    left join clocks c using (ticket_id)
),

final as (
    select
        f.*,
        g.response_hours as response_target_hours,
        g.arrival_hours as arrival_target_hours,
        g.resolution_hours as resolution_target_hours,
        -- A target applies when its end time exists, or when the ticket is still waiting past the target
        -- (a breach, not missing data). Cancelled tickets are not counted anywhere.
        f.is_counted and (f.first_response_at is not null or (f.resolved_at is null and f.open_business_hours > g.response_hours)) as response_sla_applies,
        f.is_counted and coalesce(f.response_business_hours <= g.response_hours, false) as response_sla_met,
        -- Arrival applies to tickets with an arrival, or with service on site (dispatched, or of an on-site
        -- service type, dispatched or not) still open past the target: never sending anyone is a breach too.
        f.is_counted and (f.arrived_at is not null or (f.needs_visit and f.resolved_at is null and f.open_business_hours > g.arrival_hours)) as arrival_sla_applies,
        f.is_counted and coalesce(f.arrival_business_hours <= g.arrival_hours, false) as arrival_sla_met,
        f.is_counted and (f.resolved_at is not null or f.open_business_hours - f.paused_minutes / 60.0 > g.resolution_hours) as resolution_sla_applies,
        f.is_counted and coalesce(f.resolution_business_hours <= g.resolution_hours, false) as resolution_sla_met
    from facts f
    left join main.sla_targets g on g.severity = f.sla_level
)

-- Stored in the order tickets were opened: every metric view attributes a ticket to its opened day, so a period's
-- read skips the row groups outside it (DuckDB's min/max per row group); the joins above leave no order of their own.
select * from final
order by opened_at, ticket_id
