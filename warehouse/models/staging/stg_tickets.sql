-- stg_tickets: one row per ticket, as loaded (raw keeps one row per ticket_id, the newest load's).
-- Staging only renames, casts and derives plain flags; business grain lives in marts.
with source as (
    select * from raw.tickets
),

final as (
    select
        ticket_id,
        opened_at,
        status,
        status <> 'cancelled' as is_counted,
        channel,
        service_type,
        customer_id,
        customer_name,
        region,
        city,
        product_line,
        product_model,
        serial_no,
        installed_at,
        warranty_until,
        severity,
        fault_category,
        fault_code,
        fault_description,
        root_cause,
        technician_id,
        first_response_at,
        dispatched_at,
        arrived_at,
        resolved_at,
        closed_at,
        coalesce(paused_minutes, 0) as paused_minutes,
        resolution_code,
        resolution,
        satisfaction,
        fee,
        _load_id as load_id
    from source
)

select * from final
