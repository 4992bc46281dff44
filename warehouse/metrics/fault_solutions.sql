-- fault_solutions (故障—解决方案知识库, seed 001): one row per resolved counted ticket with a fault, the solution
-- used (resolution_code, else the resolution text) and whether it held: the unit did not come back with the
-- same fault (a strict repeat) within the repeat window. A fix whose window has not yet run out and that has
-- not come back is "pending": not counted as held or failed. queries/fault-solutions.ts ranks the solutions
-- of each fault by how often they held.
with tickets as (
    select * from marts.tickets
    where is_counted and is_resolved and coalesce(fault_code, fault_category) is not null
        and coalesce(resolution_code, resolution) is not null
),

final as (
    select
        t.opened_date as day,
        t.region,
        t.product_line,
        t.product_model,
        t.severity,
        t.channel,
        t.service_type,
        t.technician_id,
        coalesce(t.fault_code, t.fault_category) as fault_code,
        coalesce(t.resolution_code, t.resolution) as solution,
        t.resolution as solution_text,
        t.ticket_id,
        f.came_back_as is not null as came_back,
        f.came_back_as is null and f.repeat_window_ends_at < now() as held,
        f.came_back_as is not null or f.repeat_window_ends_at < now() as is_known
    from tickets t
    join marts.fixes f using (ticket_id)
)

select * from final
