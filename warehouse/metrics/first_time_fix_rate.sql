-- first_time_fix_rate (一次修复率): among resolved counted tickets of service type repair (or empty), the share
-- fixed with at most one repair visit (repairs rows of the ticket; none counts as one) and not followed by a
-- repeat (strict mode) within the repeat window. Grain: one row per such ticket; a period sums them.
with tickets as (
    select * from marts.tickets
    where is_counted and is_resolved and coalesce(service_type, 'repair') = 'repair'
),

visits as (
    select ticket_id, count(*) as visits from staging.stg_repairs group by ticket_id
),

came_back as (
    select distinct previous_ticket_id as ticket_id from marts.repeat_pairs where repeat_mode = 'strict'
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
        t.fault_code,
        (coalesce(v.visits, 1) <= 1 and c.ticket_id is null)::integer as numerator,
        1 as denominator,
        t.ticket_id
    from tickets t
    left join visits v using (ticket_id)
    left join came_back c using (ticket_id)
)

select * from final
