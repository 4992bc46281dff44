-- cost (服务成本): parts, labour and travel cost in CNY (dimension cost_type), in vs out of warranty
-- (dimension warranty: warranty = the company pays, paid = the customer pays). numerator = amount;
-- denominator = cost lines. Grain: one row per cost line, on the ticket's opened day. Row key: the line's
-- ticket_id, which is not unique: a ticket has one line per part issued and a labour and a travel line per repair
-- visit. The tickets behind a bar are the distinct tickets of its lines (denominator > 0), so a drill-down lists
-- fewer tickets than Σdenominator counts lines whenever a ticket has several lines of the bar. A line whose
-- ticket is not in marts.tickets has no dimensions (region … are null) and no ticket to list.
with costs as (
    select * from marts.costs
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
        cost_type,
        warranty,
        amount as numerator,
        1 as denominator,
        ticket_id
    from costs
)

select * from final
