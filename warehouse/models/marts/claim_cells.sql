-- claim_cells: the rows of the claims_per_thousand metric (千台索赔率, the "Nevada" / MIS table: claims per 1,000 units
-- by months in service, per production month or batch), stored at each refresh: a read expanded every unit into its
-- months in service (up to ~120 rows a unit) and joined the tickets to them, 1.2–1.5 s for one model at 5 M tickets.
-- Stored by model and production month, so a model's read skips the others' row groups.
-- Units are those of marts.unit_lifetimes (installed, consistent records); a month in service is 30.4375 days
-- (365.25 ÷ 12) from the installation day, as in failures_by_age: MIS 1 = days 0–30, MIS 2 = days 31–60, …;
-- MIS m = floor(days ÷ 30.4375) + 1.
-- Units at risk in MIS m (the denominator): units that had completed m months in service by their censoring day
-- (marts.unit_lifetimes.censored_on: scrapped_at, else the data's as_of) — a unit counts only for the months it has been in service — and whose
-- month m began on or after the data's first day (the first ticket opened): months in service before the tickets
-- begin are not observed, so a unit installed before then enters at its first whole month inside the data.
-- Claims (the numerator): counted repair tickets (service type repair or empty, as in failures_by_age), every one,
-- not only a unit's first, opened in a month in service in which the unit is at risk (a claim in the month still
-- under way, or after the unit was scrapped, is not counted).
-- Grain: one numerator row per claim (row key ticket_id: the tickets behind a cell are its rows with
-- numerator > 0), and one denominator row per (model, line, region, batch, production month, month in service)
-- holding its units at risk. `day` is the production month (its first day), so a period selects production months.
-- Each unit's months at risk: from the first month whose first day (ceil((m − 1) × 30.4375)) is on or after its
-- entry day (entry_days is marts.unit_lifetimes': days from the installation day to the data's first day, the first
-- ticket opened; 0 for a unit installed since) to the last month it completed by its censoring day.
with spans as (
    select
        u.*,
        case when entry_days = 0 then 1 else floor((entry_days - 1) / 30.4375)::integer + 2 end as first_month,
        floor((date_diff('day', installed_at, censored_on) + 1) / 30.4375)::integer as months_completed
    from marts.unit_lifetimes u
),

at_risk as (
    select * from spans where months_completed >= first_month
),

claims as (
    select
        t.ticket_id,
        s.*,
        floor(date_diff('day', s.installed_at, t.opened_date) / 30.4375)::integer + 1 as months_in_service
    from marts.tickets t
    join at_risk s on s.serial_no = t.serial_no
    where t.is_counted and coalesce(t.service_type, 'repair') = 'repair' and t.opened_date >= s.installed_at
),

numerators as (
    select
        production_month as day,
        region,
        product_line,
        product_model,
        production_batch,
        production_month,
        months_in_service,
        ticket_id,
        1 as numerator,
        0 as denominator
    from claims
    where months_in_service between first_month and months_completed
),

-- Units at risk per cell without a row per unit and month (~120 a unit, 20 GiB to aggregate at 5 M tickets): per
-- cohort (region, line, model, batch, production month) +1 at each unit's first month and −1 after its last, summed
-- up the months of a grid from the cohort's first month to its last.
changes as (
    select region, product_line, product_model, production_batch, production_month, months_in_service,
           sum(change) as change
    from (
        select a.*, first_month as months_in_service, 1 as change from at_risk a
        union all
        select a.*, months_completed + 1 as months_in_service, -1 as change from at_risk a
    )
    group by all
),

cohorts as (
    select region, product_line, product_model, production_batch, production_month,
           min(first_month) as first_month, max(months_completed) as last_month
    from at_risk
    group by all
),

grid as (
    select region, product_line, product_model, production_batch, production_month,
           unnest(generate_series(first_month, last_month)) as months_in_service
    from cohorts
),

running as (
    select
        *,
        sum(change) over (
            partition by region, product_line, product_model, production_batch, production_month
            order by months_in_service
        ) as units_at_risk
    from (
        select region, product_line, product_model, production_batch, production_month, months_in_service,
               0 as change, true as cell
        from grid
        union all
        select region, product_line, product_model, production_batch, production_month, months_in_service,
               change, false as cell
        from changes
    )
),

denominators as (
    select
        production_month as day,
        region,
        product_line,
        product_model,
        production_batch,
        production_month,
        months_in_service,
        null::varchar as ticket_id,
        0 as numerator,
        units_at_risk::integer as denominator
    from running
    where cell and units_at_risk > 0
),

final as (
    select * from numerators
    union all
    select * from denominators
)

select * from final
order by product_model, production_month, months_in_service
