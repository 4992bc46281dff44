-- fault_pareto (故障帕累托): counted tickets per fault code (or fault category) in the period, largest first,
-- with share and cumulative share; the "vital few" are the faults up to and including the one whose
-- cumulative share crosses paretoVitalShare (default 80 %; metric-series.ts ranks them). Grain: one row per counted ticket.
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
        fault_category
    from tickets
)

select * from final
