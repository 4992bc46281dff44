-- complaints (投诉量): complaints received in the period (by received_at), with category and whether verified
-- (查实) as dimensions. Grain: one row per complaint.
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
        category,
        case when is_verified then 'yes' else 'no' end as verified,
        1 as numerator,
        null::integer as denominator
    from complaints
)

select * from final
