-- cadence_due: one row per callback or inspection an installed unit owed by the service cadence of seed 002
-- (settings `cadence`, written to main.cadence_settings and main.inspection_steps): the first callback within
-- first_callback_days (30) of installation, then one every callback_every_months (3) months after it; inspections
-- every 1 month up to month 12 of the unit's age, every 2 up to month 24, every 3 after that. A due day is
-- installed_on + N months (the month's last day when it is shorter: 01-31 + 1 month = 02-28/29).
-- Each due has a window from the day after the previous due (the installation day for the first) to its due
-- day; it is done on time when a visit of its kind to the unit falls in the window (inspections: the unit's serial
-- number, or its customer when the inspection names no unit; callbacks: the unit's customer). Otherwise it is late
-- by the first visit after the due day up to the next due day (a visit after that belongs to later dues), and
-- overdue when there is none: late by as_of − due day. A late visit that falls in the next due's window also
-- counts for that due (the windows alone judge on time). It counts as due when its
-- due day is on or before as_of, the last day of the data (the latest ticket, inspection or callback), and not
-- before the first day of the data: what fell due before the records began cannot be judged.
with settings as (
    select * from main.cadence_settings
),

steps as (
    select * from main.inspection_steps
),

bounds as (
    select
        least(
            (select min(opened_date) from marts.tickets),
            (select min(inspected_at)::date from staging.stg_inspections),
            (select min(called_at)::date from staging.stg_callbacks)
        ) as first_day,
        greatest(
            (select max(opened_date) from marts.tickets),
            (select max(inspected_at)::date from staging.stg_inspections),
            (select max(called_at)::date from staging.stg_callbacks)
        ) as as_of
),

units as (
    select
        u.*,
        date_diff('month', u.installed_on, b.as_of) + 1 as months_to_as_of
    from marts.installed_units u
    cross join bounds b
),

-- Months of age at which inspections fall due: each step's from_month + every_months × k, up to its until_month
-- (the last step: for ever), and only as far as the unit's age reaches by as_of.
inspection_dues as (
    select
        'inspection' as cadence_kind,
        u.serial_no,
        i.month as due_month,
        (u.installed_on + to_months(i.month::integer))::date as due_on
    from units u
    cross join steps s
    -- unnest in FROM, not a lateral subquery: Trino cannot plan that correlated subquery; both engines run this.
    cross join unnest(generate_series(s.from_month + s.every_months, least(coalesce(s.until_month, u.months_to_as_of), u.months_to_as_of), s.every_months)) as i(month)
),

callback_dues as (
    select 'callback' as cadence_kind, u.serial_no, 0 as due_month, (u.installed_on + s.first_callback_days)::date as due_on
    from units u
    cross join settings s
    union all
    select 'callback', u.serial_no, k.month, (u.installed_on + to_months(k.month::integer))::date
    from units u
    cross join settings s
    cross join unnest(generate_series(s.callback_every_months, u.months_to_as_of, s.callback_every_months)) as k(month)
),

dues as (
    select
        d.*,
        coalesce(
            lag(d.due_on) over (partition by d.cadence_kind, d.serial_no order by d.due_on, d.due_month),
            u.installed_on - 1
        ) as window_after,
        lead(d.due_on) over (partition by d.cadence_kind, d.serial_no order by d.due_on, d.due_month) as next_due_on
    from (select * from inspection_dues union all select * from callback_dues) d
    join units u using (serial_no)
),

-- Visits: inspections by serial number, or by customer when they name no unit; callbacks by customer (the
-- callback's own, else its ticket's).
visits as (
    -- Two equality joins, not one join on "serial or customer" (that is a nested loop: 22 s at 200,000 tickets).
    select 'inspection' as cadence_kind, u.serial_no, i.inspected_at::date as visit_on, i.inspection_id as visit_id, i.technician_id
    from staging.stg_inspections i
    join units u on u.serial_no = i.serial_no
    union all
    select 'inspection', u.serial_no, i.inspected_at::date, i.inspection_id, i.technician_id
    from staging.stg_inspections i
    join units u on u.customer_id = i.customer_id
    where i.serial_no is null
    union all
    select 'callback', u.serial_no, c.called_at::date, c.callback_id, null
    from staging.stg_callbacks c
    left join staging.stg_tickets t on t.ticket_id = c.ticket_id
    join units u on u.customer_id = coalesce(c.customer_id, t.customer_id)
),

judged as (
    select
        d.cadence_kind,
        d.serial_no,
        d.due_month,
        d.due_on,
        d.window_after,
        d.next_due_on,
        min(v.visit_on) filter (where v.visit_on > d.window_after and v.visit_on <= d.due_on) as done_on,
        arg_min(v.visit_id, v.visit_on) filter (where v.visit_on > d.window_after and v.visit_on <= d.due_on) as visit_id,
        min(v.visit_on) filter (where v.visit_on > d.due_on and (d.next_due_on is null or v.visit_on <= d.next_due_on)) as next_visit_on
    from dues d
    left join visits v
        on v.cadence_kind = d.cadence_kind and v.serial_no = d.serial_no
        and v.visit_on > d.window_after and v.visit_on <= coalesce(d.next_due_on, date '9999-12-31')
    group by all
),

final as (
    select
        j.cadence_kind || ':' || j.serial_no || ':' || strftime(j.due_on, '%Y-%m-%d') as due_id,
        j.cadence_kind,
        j.serial_no,
        u.customer_id,
        u.ticket_id,
        u.installation_id,
        u.installed_on,
        j.due_month,
        j.window_after + 1 as window_from,
        j.due_on,
        j.due_on as day,
        u.region,
        u.product_line,
        u.product_model,
        cast(null as integer) as severity,
        cast(null as varchar) as channel,
        cast(null as varchar) as service_type,
        u.technician_id,
        u.team,
        j.done_on,
        j.visit_id,
        case when j.done_on is null then j.next_visit_on end as done_late_on,
        j.done_on is not null as on_time,
        case when j.done_on is not null then 0 else date_diff('day', j.due_on, coalesce(j.next_visit_on, b.as_of)) end as days_late,
        j.done_on is null and j.next_visit_on is null as is_overdue,
        b.as_of
    from judged j
    join units u using (serial_no)
    cross join bounds b
    where j.due_on <= b.as_of and j.due_on >= b.first_day
)

select * from final
