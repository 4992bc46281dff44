-- reliability_fits (可靠性拟合): one row per unit of the installed base, from marts.unit_lifetimes: whether its
-- first counted failure has come (failed) and the days in service to it, or to the last data day or its scrapping
-- when it has not (a suspension, right-censored). day = the installation day, so a period picks units by when
-- they were installed. A failure within the installation day's first half day counts as half a day (the fit needs
-- t > 0). entry_days: the age at which the unit's observation began (left truncation: installed before the data's
-- first day, its earlier failures were never recorded; 0 otherwise), so the fit counts it at risk only from then.
-- queries/reliability-fits.ts fits a Weibull with suspensions per model and per production batch.
with units as (
    select * from marts.unit_lifetimes
),

final as (
    select
        installed_at as day,
        region,
        product_line,
        product_model,
        production_batch,
        serial_no,
        failed,
        greatest(time_days, 0.5) as time_days,
        entry_days,
        as_of
    from units
)

select * from final
