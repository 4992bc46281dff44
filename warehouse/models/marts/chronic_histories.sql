-- chronic_histories: one row per unit (serial_no) that ever had chronic_tickets (default 3) counted tickets within
-- the chronic window (marts.unit_windows), with its whole counted history summed: the latest line, model and
-- region, the most tickets in one window, its tickets, strict repeats, first and last opened, faults and
-- technicians. Stored, because the chronic units list sums every reached unit's history at each read (a join of
-- all 5 M counted tickets at 5 M); only units that can be reached are kept (a tenth of them).
with settings as (
    select chronic_tickets from main.settings
),

windows as (
    select * from marts.unit_windows
),

chronic as (
    select serial_no from windows
    group by serial_no
    having max(tickets_in_window) >= (select chronic_tickets from settings)
),

repeats as (
    select serial_no, count(*)::integer as repeats from marts.repeat_pairs
    where repeat_mode = 'strict' and serial_no in (select serial_no from chronic)
    group by serial_no
),

final as (
    select
        w.serial_no,
        arg_max(w.product_line, w.opened_at) as product_line,
        arg_max(w.product_model, w.opened_at) as product_model,
        arg_max(w.region, w.opened_at) as region,
        max(w.tickets_in_window)::integer as most_in_window,
        count(*)::integer as tickets,
        coalesce(any_value(r.repeats), 0)::integer as repeats,
        min(w.opened_at) as first_opened_at,
        max(w.opened_at) as last_opened_at,
        -- Nulls left out first: DuckDB's list_distinct drops them, Trino's array_distinct keeps them.
        list_sort(list_distinct(list(w.fault_code) filter (where w.fault_code is not null))) as fault_codes,
        list_sort(list_distinct(list(w.technician_id) filter (where w.technician_id is not null))) as technician_ids
    from windows w
    join chronic using (serial_no)
    left join repeats r using (serial_no)
    group by w.serial_no
)

select * from final
