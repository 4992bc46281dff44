-- part_lines: one row per part line (staging.stg_parts) with its ticket's opened day and dimensions (the issue day
-- when the line has no known ticket) and what says who pays (the line's charge type, the ticket's warranty), for the
-- parts_usage metric. Stored in day order so that a period reads its own row groups: the view joined every part
-- line to every ticket at each read (1.1 CPU-s per query at 5 M tickets, whatever the period).
with tickets as (
    select * from marts.tickets
),

final as (
    select
        coalesce(t.opened_date, p.issued_at::date) as day,
        t.region,
        t.product_line,
        t.product_model,
        t.severity,
        t.channel,
        t.service_type,
        t.technician_id,
        t.fault_code,
        p.part_no,
        p.part_name,
        p.charge_type,
        t.is_in_warranty,
        p.ticket_id,
        t.ticket_id is not null as is_on_known_ticket,
        coalesce(t.is_counted, false) as is_counted,
        p.quantity,
        p.unit_cost
    from staging.stg_parts p
    left join tickets t using (ticket_id)
)

select * from final
order by day
