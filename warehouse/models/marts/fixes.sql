-- fixes: one row per resolved counted ticket: how many repair visits it took (repairs rows; none counts as one),
-- the repeat that came back on it (the first strict repeat: same unit and fault within the repeat window), and
-- whether it was fixed first time (one visit, and no strict repeat). The one place these are decided: the
-- first-time fix rate, the fault -> solution table, the drill-down and a technician's evidence all read it.
with tickets as (
    select ticket_id from marts.tickets where is_counted and is_resolved
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
        coalesce(v.visits, 1)::integer as visits,
        c.came_back_as,
        coalesce(v.visits, 1) <= 1 and c.came_back_as is null as is_first_time_fix
    from tickets t
    left join visits v using (ticket_id)
    left join came_back c using (ticket_id)
)

select * from final
