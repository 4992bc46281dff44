-- complaint_escalated_rate (投诉上报率): escalated complaints / complaints. Grain: one row per complaint; a period sums them.
-- Row key complaint_id: the complaints behind a part (numerator: escalated, denominator: all) are the rows where it is > 0.
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
        (is_escalated)::integer as numerator,
        1 as denominator,
        complaint_id
    from complaints
)

select * from final
