-- parts_return_on_time (旧件返还及时率): defective parts returned by their due day ÷ warranty part lines that are
-- due (the due day has passed, or the part is back). See marts.part_returns for the working-day due date.
-- Grain: one row per due line, on the day the part was issued.
with lines as (
    select * from marts.part_returns where is_due
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
        fault_code,
        part_no,
        returned_on_time::integer as numerator,
        1 as denominator
    from lines
)

select * from final
