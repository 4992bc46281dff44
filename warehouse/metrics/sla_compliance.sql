-- sla_compliance (时效达标率): targets met / targets that apply, for first response, on-site arrival and
-- resolution (dimension sla_target), in service hours against the severity's targets (unclassified = level 3).
-- A target applies when its end time exists, or when the ticket is still waiting past the target (a breach).
-- Grain: one row per ticket and target that applies. Row key ticket_id with sla_target: a ticket has one row per
-- target, so the tickets behind a part of one target (numerator: met, denominator: applies, missed: applies and
-- not met, = denominator − numerator) are that target's rows where the part is > 0, one per ticket.
with tickets as (
    select * from marts.tickets where is_counted
),

targets as (
    select *, 'response' as sla_target, response_sla_applies as applies, response_sla_met as met from tickets
    union all
    select *, 'arrival', arrival_sla_applies, arrival_sla_met from tickets
    union all
    select *, 'resolution', resolution_sla_applies, resolution_sla_met from tickets
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
        sla_target,
        (applies and met)::integer as numerator,
        1 as denominator,
        (not met)::integer as missed,
        ticket_id
    from targets
    where applies
)

select * from final
