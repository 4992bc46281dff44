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
with units as (
    select * from marts.unit_lifetimes
),

-- entry_days is marts.unit_lifetimes': days from the installation day to the data's first day (the first ticket
-- opened), 0 for a unit installed since.
spans as (
    select
        u.*,
        floor((date_diff('day', u.installed_at, u.censored_on) + 1) / 30.4375)::integer as months_completed
    from units u
),

-- The first month whose first day (ceil((m − 1) × 30.4375)) is on or after the entry day.
unit_months as (
    select
        serial_no,
        product_model,
        product_line,
        region,
        production_batch,
        production_month,
        unnest(generate_series(
            case when entry_days = 0 then 1 else floor((entry_days - 1) / 30.4375)::integer + 2 end,
            months_completed
        )) as months_in_service
    from spans
    where months_completed >= 1
),

claims as (
    select
        t.ticket_id,
        t.serial_no,
        floor(date_diff('day', u.installed_at, t.opened_date) / 30.4375)::integer + 1 as months_in_service
    from marts.tickets t
    join units u on u.serial_no = t.serial_no
    where t.is_counted and coalesce(t.service_type, 'repair') = 'repair' and t.opened_date >= u.installed_at
),

numerators as (
    select
        m.production_month as day,
        m.region,
        m.product_line,
        m.product_model,
        m.production_batch,
        m.production_month,
        m.months_in_service,
        c.ticket_id,
        1 as numerator,
        0 as denominator
    from claims c
    join unit_months m on m.serial_no = c.serial_no and m.months_in_service = c.months_in_service
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
        count(*)::integer as denominator
    from unit_months
    group by all
),

final as (
    select * from numerators
    union all
    select * from denominators
)

select * from final
order by product_model, production_month, months_in_service
