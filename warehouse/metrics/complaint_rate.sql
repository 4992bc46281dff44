-- complaint_rate (投诉率): complaints per 100 counted tickets in the period: complaints by received_at,
-- tickets by opened_at. Grain: one row per complaint and per counted ticket; value = 100 × Σnumerator / Σdenominator.
-- Row keys: complaint_id on a complaint row (numerator 1; ticket_id null there, even when the complaint names a
-- ticket), ticket_id on a ticket row (denominator 1; complaint_id null). The tickets behind the denominator are
-- the rows with denominator > 0; the complaints behind the numerator the rows with numerator > 0.
with complaints as (
    select received_date as day, region, product_line, product_model, severity, channel, service_type, technician_id,
           1 as complaint, 0 as ticket, complaint_id, null::varchar as ticket_id
    from marts.complaints
),

tickets as (
    select opened_date as day, region, product_line, product_model, severity, channel, service_type, technician_id,
           0 as complaint, 1 as ticket, null::varchar as complaint_id, ticket_id
    from marts.tickets
    where is_counted
),

final as (
    select
        day,
        region,
        product_line,
        product_model,
        severity,
        channel,
        service_type,
        technician_id,
        complaint as numerator,
        ticket as denominator,
        complaint_id,
        ticket_id
    from (select * from complaints union all select * from tickets)
)

select * from final
