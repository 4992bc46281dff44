-- complaint_resolution_time (投诉处理时长): resolved_at − received_at of a complaint, in hours; only resolved
-- complaints. Grain: one row per complaint. Row key complaint_id; denominator is 1 on every row: the complaints
-- behind the figure (its n) are the rows with denominator > 0.
with complaints as (
    select * from marts.complaints where resolve_hours is not null
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
        complaint_id,
        1 as denominator,
        resolve_hours as hours,
        null::double as business_hours
    from complaints
)

select * from final
