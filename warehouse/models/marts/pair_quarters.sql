-- pair_quarters: the counted tickets of each quarter, region and (product line, model, fault): how many, how many of
-- severity 1, how many are strict repeats (marts.repeat_pairs) and how many have a serial number. The quality flags
-- judge a quarter from these counts over six quarters and any regions; stored, because counting them from the
-- tickets at each read scanned millions (4 CPU-s for the last quarter at 5 M tickets).
with tickets as (
    select ticket_id, year(opened_date) * 4 + quarter(opened_date) - 1 as qi, region,
           product_line, product_model, fault_code, severity, serial_no
    from marts.tickets
    where is_counted
),

strict_repeats as (
    select ticket_id from marts.repeat_pairs where repeat_mode = 'strict'
),

final as (
    select t.qi, t.region, t.product_line, t.product_model, t.fault_code,
           count(*)::integer as tickets,
           count(*) filter (where t.severity = 1)::integer as severity1,
           count(r.ticket_id)::integer as repeats,
           count(t.serial_no)::integer as with_serial
    from tickets t left join strict_repeats r using (ticket_id)
    group by all
    order by t.qi
)

select * from final
