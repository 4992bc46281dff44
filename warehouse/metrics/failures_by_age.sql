-- failures_by_age (按在用时长的故障): one row per counted repair ticket (service type repair or empty) whose unit
-- has an installed_at, with its time in service: opened day − installed day, in days and in whole months of
-- 30.4375 days; whether it was in warranty; and whether it is the unit's first failure (the Weibull fit in
-- queries/failures-by-age.ts uses each unit's first failure; which tickets are failures, and which is a unit's
-- first, marts.unit_failures decides). Row key ticket_id; denominator is 1 on every row:
-- the tickets behind a bar (months in service, warranty) are its rows with denominator > 0.
with tickets as (
    select * from marts.unit_failures
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
        case when is_in_warranty then 'warranty' else 'paid' end as warranty,
        ticket_id,
        1 as denominator,
        serial_no,
        date_diff('day', installed_at, opened_date) as age_days,
        floor(date_diff('day', installed_at, opened_date) / 30.4375)::integer as months_in_service,
        is_first_failure
    from tickets
)

select * from final
