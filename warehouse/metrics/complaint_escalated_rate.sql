-- complaint_escalated_rate (投诉上报率): escalated complaints / complaints. Grain: received day and dimensions.
with complaints as (
    select * from marts.complaints
),

final as (
    select
        received_date as day,
        region,
        product_line,
        product_model,
        severity,
        channel,
        service_type,
        technician_id,
        count(*) filter (where is_escalated) as numerator,
        count(*) as denominator
    from complaints
    group by all
)

select * from final
