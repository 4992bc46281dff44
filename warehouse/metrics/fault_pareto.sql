-- fault_pareto (故障帕累托): counted tickets per fault code (or fault category) in the period, largest first,
-- with share and cumulative share; the "vital few" are the faults up to and including the one whose
-- cumulative share crosses paretoVitalShare (default 80 %; metric-series.ts ranks them). Grain: one row per counted ticket.
-- Row key ticket_id; denominator is 1 on every row: the tickets behind the period's total are the rows with
-- denominator > 0, and behind one fault's bar the same rows filtered by that fault_code (or fault_category).
with tickets as (
    select * from marts.tickets where is_counted
),

final as (
    select
        opened_date as day,
        region,
        product_line,
        product_model,
        severity,
        channel,
        service_type,
        technician_id,
        fault_code,
        fault_category,
        ticket_id,
        1 as denominator
    from tickets
)

select * from final
