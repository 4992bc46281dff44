-- complaint_resolution_time (投诉处理时长): resolved_at − received_at of a complaint, in hours; only resolved
-- complaints. Grain: one row per complaint.
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
        resolve_hours as hours,
        null::double as business_hours
    from complaints
)

select * from final
