-- part_returns: one row per part line replaced under warranty, whose defective part must come back within
-- parts_return_working_days (default 15) working days of its issue (seed 002). Working days follow the
-- holiday calendar (holidays off, make-up days on): the due day is the Nth working day after the issue day.
-- A line is due once its due day has passed or the part is back; it is on time when it came back by the end
-- of its due day (a due day past the calendar's end is unknown: not due yet). Dimensions come from the ticket; the period is the day the part was issued.
with settings as (
    select parts_return_working_days from main.settings
),

tickets as (
    select * from marts.tickets
),

warranty_lines as (
    select
        p.part_line_id,
        p.ticket_id,
        p.part_no,
        p.part_name,
        p.supplier,
        p.quantity,
        p.issued_at,
        p.defective_returned_at,
        p.issued_at::date as issued_day,
        p.defective_returned_at::date as returned_day,
        s.parts_return_working_days
    from staging.stg_parts p
    left join tickets t using (ticket_id)
    cross join settings s
    where coalesce(p.charge_type, case when t.is_in_warranty then 'warranty' else 'paid' end) = 'warranty'
),

with_due as (
    select
        w.*,
        due.day as due_day
    from warranty_lines w
    left join marts.service_calendar issued on issued.day = w.issued_day
    left join marts.service_calendar due
        on due.is_working_day and due.working_day_number = issued.working_day_number + w.parts_return_working_days
),

final as (
    select
        d.issued_day as day,
        t.region,
        t.product_line,
        t.product_model,
        t.severity,
        t.channel,
        t.service_type,
        t.technician_id,
        t.fault_code,
        d.part_line_id,
        d.ticket_id,
        t.serial_no,
        d.part_no,
        d.part_name,
        d.supplier,
        d.quantity,
        d.issued_at,
        d.due_day,
        d.defective_returned_at,
        coalesce(d.returned_day is not null or d.due_day < current_date, false) as is_due,
        coalesce(d.returned_day <= d.due_day, false) as returned_on_time,
        coalesce(d.returned_day is null and d.due_day < current_date, false) as is_overdue
    from with_due d
    left join tickets t using (ticket_id)
)

select * from final
