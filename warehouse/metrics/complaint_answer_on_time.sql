-- complaint_answer_on_time (投诉及时答复率): complaints answered within the promised time (default 24 h) /
-- complaints whose answer is due (answered, or past the promised time). Grain: received day and dimensions.
with complaints as (
    select * from marts.complaints where answer_applies
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
        count(*) filter (where answered_on_time) as numerator,
        count(*) as denominator
    from complaints
    group by all
)

select * from final
