-- complaints: one row per complaint, with the complained-about ticket's dimensions (the complaint's own
-- technician when named, else the ticket's), the local day received, and answer/resolution times in hours; the
-- ticket's fault, day opened and whether it is counted, so a per-fault count of complaints needs no join.
with complaints as (
    select * from staging.stg_complaints
),

tickets as (
    select * from staging.stg_tickets
),

settings as (
    select * from main.settings
),

final as (
    select
        c.complaint_id,
        c.ticket_id,
        c.received_at,
        c.received_at::date as received_date,
        c.category,
        coalesce(c.verified, false) as is_verified,
        coalesce(c.escalated, false) as is_escalated,
        c.responded_at,
        c.resolved_at,
        t.region,
        t.product_line,
        t.product_model,
        t.fault_code,
        cast(t.opened_at as date) as ticket_opened_date,
        t.is_counted as ticket_is_counted,
        t.severity,
        t.channel,
        t.service_type,
        coalesce(c.technician_id, t.technician_id) as technician_id,
        date_diff('second', c.received_at, c.responded_at) / 3600.0 as answer_hours,
        date_diff('second', c.received_at, c.resolved_at) / 3600.0 as resolve_hours,
        -- Answered on time applies once answered, or once the promised time has passed unanswered.
        c.responded_at is not null or now() > c.received_at + to_seconds((s.complaint_answer_hours * 3600)::bigint) as answer_applies,
        coalesce(date_diff('second', c.received_at, c.responded_at) <= s.complaint_answer_hours * 3600, false) as answered_on_time
    from complaints c
    left join tickets t using (ticket_id)
    cross join settings s
)

select * from final
