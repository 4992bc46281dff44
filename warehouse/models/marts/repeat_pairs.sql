-- repeat_pairs: one row per repeat repair and mode. A counted ticket T repeats the earlier counted ticket P on
-- the same unit (serial_no) when P was resolved at most repeat_window_days (default 30) before T was opened;
-- P is the latest such ticket. strict mode (the default, "the same problem") also needs the same fault_code,
-- or fault_category when there is no code; loose mode takes any fault. A chain A -> B -> C gives two pairs.
-- The repeat is charged to P's technician: the fix that did not hold.
with tickets as (
    select
        ticket_id,
        serial_no,
        coalesce(fault_code, fault_category) as fault_key,
        opened_at,
        opened_date,
        resolved_at,
        technician_id,
        region,
        product_line,
        product_model,
        severity,
        channel,
        service_type,
        fault_code,
        fault_category
    from marts.tickets
    where is_counted and serial_no is not null
),

settings as (
    select repeat_window_days from main.settings
),

candidates as (
    select
        t.*,
        p.ticket_id as previous_ticket_id,
        p.technician_id as previous_technician_id,
        p.resolved_at as previous_resolved_at,
        p.fault_key is not distinct from t.fault_key and t.fault_key is not null as same_fault,
        date_diff('second', p.resolved_at, t.opened_at) / 86400.0 as days_between
    from tickets t
    join tickets p
        on p.serial_no = t.serial_no
        and p.ticket_id <> t.ticket_id
        and p.resolved_at is not null
        and p.resolved_at <= t.opened_at
        and p.opened_at < t.opened_at
    cross join settings s
    where date_diff('second', p.resolved_at, t.opened_at) <= s.repeat_window_days * 86400
),

strict as (
    select 'strict' as repeat_mode, * from candidates where same_fault
    qualify row_number() over (partition by ticket_id order by previous_resolved_at desc, previous_ticket_id desc) = 1
),

loose as (
    select 'loose' as repeat_mode, * from candidates
    qualify row_number() over (partition by ticket_id order by previous_resolved_at desc, previous_ticket_id desc) = 1
),

final as (
    select * exclude (fault_key) from strict
    union all
    select * exclude (fault_key) from loose
)

select * from final
