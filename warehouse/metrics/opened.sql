-- opened (新增工单): counted tickets opened in the period (volume), by the day of opened_at.
-- Grain: one row per counted ticket (cancelled tickets are not counted); a period counts its rows.
-- Row key ticket_id: the tickets behind the figure are the rows with numerator > 0 (every row).
with counted as (
    select * from marts.tickets where is_counted
),

final as (
    select
        opened_date as day,
        region,
        product_line,
        product_model,
        severity,
        channel,
        service_type,
        technician_id,
        1 as numerator,
        null::integer as denominator,
        ticket_id
    from counted
)

select * from final
