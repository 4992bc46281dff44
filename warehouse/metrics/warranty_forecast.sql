-- warranty_forecast (保修索赔预测): one row per unit of the installed base, from marts.unit_lifetimes (first counted
-- failure or censoring), with its warranty length in days: the unit's own warranty end (staging.stg_units) −
-- installation day, else the median over its model's tickets of warranty end − installation day. day = the
-- installation day; entry_days, the age at which its observation began (left truncation, as in reliability_fits).
-- queries/warranty-forecast.ts fits each model and forecasts the next 12 months' first
-- failures in warranty of the units still working, and compares the forecast made a year earlier with what came.
with units as (
    select * from marts.unit_lifetimes
),

unit_warranty as (
    select serial_no, date_diff('day', installed_at, warranty_end) as warranty_days
    from staging.stg_units
    where installed_at is not null and warranty_end is not null and warranty_end >= installed_at
),

model_warranty as (
    select product_model, median(date_diff('day', installed_at, warranty_until)) as warranty_days
    from marts.tickets
    where installed_at is not null and warranty_until is not null and warranty_until >= installed_at
    group by product_model
),

final as (
    select
        u.installed_at as day,
        u.region,
        u.product_line,
        u.product_model,
        u.production_batch,
        u.serial_no,
        u.installed_at,
        u.failed,
        u.time_days,
        u.entry_days,
        u.as_of,
        coalesce(w.warranty_days, m.warranty_days)::double as warranty_days
    from units u
    left join unit_warranty w on w.serial_no = u.serial_no
    left join model_warranty m on m.product_model = u.product_model
)

select * from final
