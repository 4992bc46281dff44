-- complaints (投诉量): complaints received in the period (by received_at), with category and whether verified
-- (查实) as dimensions. Grain: one row per complaint. Row key complaint_id: the complaints behind the figure are
-- the rows with numerator > 0 (every row).
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
        null::integer as denominator,
        complaint_id
    from complaints
)

select * from final
