-- inspection_compliance: due inspections of installed units done on time ÷ due inspections (the cadence of seed 002; see
-- marts.cadence_due for the due days, windows and as_of). Grain: one row per due inspection, on its due day.
-- Row key due_id: the dues behind a part (numerator: done on time, denominator: due, missed: due and not done on
-- time, = denominator − numerator) are the rows where that part is > 0.
with dues as (
    select * from marts.cadence_due where cadence_kind = 'inspection'
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
        team,
        on_time::integer as numerator,
        1 as denominator,
        (not on_time)::integer as missed,
        days_late,
        due_id
    from dues
)

select * from final
