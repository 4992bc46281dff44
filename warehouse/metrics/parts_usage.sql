-- parts_usage (配件使用): one row per part line, on its ticket's opened day (the issue day when the line has
-- no known ticket), with the ticket's dimensions, quantity, cost (quantity × unit cost) and who pays
-- (the line's charge type, else whether the ticket was in warranty). Lines of cancelled tickets are left out.
-- queries/parts-usage.ts sums it by part, model or fault and divides by the repair tickets of the same filter for
-- "parts per repair ticket" (the quantity on counted tickets, is_on_counted_ticket, of service type repair or
-- empty). The lines with their tickets' days and dimensions are marts.part_lines.
with lines as (
    select * from marts.part_lines
    where not is_on_known_ticket or is_counted
),

final as (
    select
        day,
        region,
        product_line,
        product_model,
        severity,
        channel,
        service_type,
        technician_id,
        fault_code,
        part_no,
        part_name,
        coalesce(charge_type, case when is_in_warranty then 'warranty' else 'paid' end) as warranty,
        ticket_id,
        is_on_known_ticket as is_on_counted_ticket,
        quantity,
        quantity * coalesce(unit_cost, 0) as cost
    from lines
)

select * from final
