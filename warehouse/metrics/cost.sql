-- cost (服务成本): parts, labour and travel cost in CNY (dimension cost_type), in vs out of warranty
-- (dimension warranty: warranty = the company pays, paid = the customer pays). numerator = amount;
-- denominator = cost lines. Grain: one row per day (the ticket's opened day) and dimensions.
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
        sum(amount) as numerator,
        count(*) as denominator
    from costs
    group by all
)

select * from final
