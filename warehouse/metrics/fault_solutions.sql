-- fault_solutions (故障—解决方案知识库, seed 001): one row per resolved counted ticket with a fault, the solution
-- used (resolution_code, else the resolution text) and whether it held: the unit did not come back with the
-- same fault (a strict repeat) within the repeat window. A fix whose window has not yet run out and that has
-- not come back is "pending": not counted as held or failed. queries/fault-solutions.ts ranks the solutions
-- of each fault by how often they held.
with fixes as (
    select * from marts.fixes
    where coalesce(fault_code, fault_category) is not null and coalesce(resolution_code, resolution) is not null
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
        coalesce(fault_code, fault_category) as fault_code,
        coalesce(resolution_code, resolution) as solution,
        resolution as solution_text,
        ticket_id,
        came_back_as is not null as came_back,
        came_back_as is null and repeat_window_ends_at < now() as held,
        came_back_as is not null or repeat_window_ends_at < now() as is_known
    from fixes
)

select * from final
