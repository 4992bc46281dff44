-- tickets: one row per ticket with its per-ticket facts (period attribution, resolution, durations in hours).
-- A ticket belongs to the day/month/quarter of opened_at in the configured time zone (the session TimeZone).
with tickets as (
    select * from staging.stg_tickets
),

final as (
    select
        *,
        cast(opened_at as date) as opened_date,
        resolved_at is not null as is_resolved,
        date_diff('second', opened_at, first_response_at) / 3600.0 as response_hours,
        date_diff('second', opened_at, arrived_at) / 3600.0 as arrival_hours,
        -- greatest() skips nulls, so an unresolved ticket must stay null explicitly.
        case when resolved_at is not null
            then greatest(date_diff('second', opened_at, resolved_at) / 3600.0 - paused_minutes / 60.0, 0)
        end as resolution_hours
    from tickets
)

select * from final
