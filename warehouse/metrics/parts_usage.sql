-- parts_usage (配件使用): one row per part line, on its ticket's opened day (the issue day when the line has
-- no known ticket), with the ticket's dimensions, quantity, cost (quantity × unit cost) and who pays
-- (the line's charge type, else whether the ticket was in warranty). queries/parts-usage.ts sums it by part,
-- model or fault and divides by the repair tickets of the same filter for "parts per repair ticket" (the quantity
-- on counted tickets, is_on_counted_ticket, of service type repair or empty).
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
        coalesce(p.charge_type, case when t.is_in_warranty then 'warranty' else 'paid' end) as warranty,
        p.ticket_id,
        t.ticket_id is not null as is_on_counted_ticket,
        p.quantity,
        p.quantity * coalesce(p.unit_cost, 0) as cost
    from staging.stg_parts p
    left join tickets t using (ticket_id)
    where t.ticket_id is null or t.is_counted
)

select * from final
