-- cadence_compliance: the dues of the service cadence as compliance rows, both kinds in one (cadence_kind:
-- 'callback' or 'inspection'); the metric views callback_compliance and inspection_compliance are this view for
-- one kind. Not a metric of its own. Grain: one row per due (marts.cadence_due: the due days, windows and as_of),
-- on its due day. Row key due_id: the dues behind a part (numerator: done on time, denominator: due, missed: due
-- and not done on time, = denominator − numerator) are the rows where that part is > 0; the drill-down lists them
-- (queries/cadence.ts) with the unit, its installation day, the due day, the visit that met it and due_status:
-- on_time, late (done after the due day, up to the next one) or overdue (not done: late up to as_of).
with dues as (
    select * from marts.cadence_due
),

final as (
    select
        cadence_kind,
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
        case when on_time then 'on_time' when is_overdue then 'overdue' else 'late' end as due_status,
        serial_no,
        customer_id,
        installed_on,
        due_on,
        coalesce(done_on, done_late_on) as visited_on,
        due_id
    from dues
)

select * from final
