-- cost (服务成本): parts, labour and travel cost in CNY (dimension cost_type), in vs out of warranty
-- (dimension warranty: warranty = the company pays, paid = the customer pays). numerator = amount;
-- denominator = cost lines. Grain: one row per cost line, on the ticket's opened day.
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
        1 as denominator
    from costs
)

select * from final
