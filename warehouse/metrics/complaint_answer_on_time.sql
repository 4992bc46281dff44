-- complaint_answer_on_time (投诉及时答复率): complaints answered within the promised time (default 24 h) /
-- complaints whose answer is due (answered, or past the promised time). Grain: one row per complaint; a period sums them.
-- Row key complaint_id: the complaints behind a part (numerator: on time, denominator: due, missed: due and
-- not on time, = denominator − numerator) are the rows where that part is > 0.
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
        (answered_on_time)::integer as numerator,
        1 as denominator,
        (not answered_on_time)::integer as missed,
        complaint_id
    from complaints
)

select * from final
