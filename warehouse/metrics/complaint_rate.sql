-- complaint_rate (投诉率): complaints per 100 counted tickets in the period: complaints by received_at,
-- tickets by opened_at. Grain: one row per complaint and per counted ticket; value = 100 × Σnumerator / Σdenominator.
with complaints as (
    select received_date as day, region, product_line, product_model, severity, channel, service_type, technician_id,
           1 as complaint, 0 as ticket
    from marts.complaints
),

tickets as (
    select opened_date as day, region, product_line, product_model, severity, channel, service_type, technician_id,
           0 as complaint, 1 as ticket
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
        ticket as denominator
    from (select * from complaints union all select * from tickets)
)

select * from final
