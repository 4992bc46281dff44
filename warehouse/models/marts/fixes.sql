-- fixes: one row per resolved counted ticket: how many repair visits it took (repairs rows; none counts as one),
-- the repeat that came back on it (the first strict repeat: same unit and fault within the repeat window), and
-- whether it was fixed first time (one visit, and no strict repeat), and when its repeat window runs out
-- (resolved_at + repeat_window_days; a fix not come back is known to have held after it). The one place these are
-- decided: the first-time fix rate, the fault -> solution table, the drill-down and a technician's evidence all
-- read it. The window's end is stored: adding days to an instant in the configured zone is slow (2–3 s for
-- 1,000,000 rows on a busy machine, against 0.05 s to compare instants), and fault_solutions did it per read.
-- Each fix keeps its ticket's day, dimensions, fault and solution, and the fixes are stored in the order their
-- tickets were opened, so the views read them alone and a period reads its own row groups (joining them back to
-- the tickets at each read cost 0.7 CPU-s at 5 M tickets).
with settings as (
    select repeat_window_days from main.settings
),

tickets as (
    select ticket_id, resolved_at, opened_at, opened_date, region, product_line, product_model, severity, channel,
           service_type, technician_id, fault_code, fault_category, resolution_code, resolution
    from marts.tickets where is_counted and is_resolved
),

visits as (
    select ticket_id, count(*) as visits from staging.stg_repairs group by ticket_id
),

came_back as (
    select previous_ticket_id as ticket_id, min(ticket_id) as came_back_as
    from marts.repeat_pairs
    where repeat_mode = 'strict'
    group by previous_ticket_id
),

final as (
    select
        t.ticket_id,
        t.opened_at,
        t.opened_date,
        t.region,
        t.product_line,
        t.product_model,
        t.severity,
        t.channel,
        t.service_type,
        t.technician_id,
        t.fault_code,
        t.fault_category,
        t.resolution_code,
        t.resolution,
        coalesce(v.visits, 1)::integer as visits,
        c.came_back_as,
        coalesce(v.visits, 1) <= 1 and c.came_back_as is null as is_first_time_fix,
        t.resolved_at + to_days((select repeat_window_days from settings)) as repeat_window_ends_at
    from tickets t
    left join visits v using (ticket_id)
    left join came_back c using (ticket_id)
)

select * from final
order by opened_at, ticket_id
