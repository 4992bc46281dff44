-- technician_score_facts: the facts a technician's assessment score (考核得分) is made of, one row per fact,
-- taken from the metrics that define them so a score can never disagree with the dashboard:
--   satisfaction    a rated counted ticket of the technician (metrics.csat): 1 when rated 4–5
--   timeliness      an SLA target that applies to the technician's ticket (metrics.sla_compliance): 1 when met
--   first_time_fix  a resolved repair of the technician (metrics.first_time_fix_rate): 1 when it held; a repeat
--                   is thus charged to the technician of the first fix
--   complaint       a verified complaint against the technician (marts.complaints), on the day received
--   ticket          a counted ticket of the technician (for the minimum-ticket rule)
-- Each fact keeps the ticket's region and case mix (severity, product line, service type) for the expected
-- rates, and the ticket or complaint it comes from, as evidence. queries/technician-scores.ts turns them into scores.
with facts as (
    select 'satisfaction' as component, day, technician_id, region, severity, product_line, service_type, ticket_id, null as complaint_id, null as sla_target, numerator
    from metrics.csat
    union all
    select 'timeliness', day, technician_id, region, severity, product_line, service_type, ticket_id, null, sla_target, numerator
    from metrics.sla_compliance
    union all
    select 'first_time_fix', day, technician_id, region, severity, product_line, service_type, ticket_id, null, null, numerator
    from metrics.first_time_fix_rate
    union all
    select 'complaint', received_date, technician_id, region, severity, product_line, service_type, ticket_id, complaint_id, null, 1
    from marts.complaints
    where is_verified
    union all
    select 'ticket', opened_date, technician_id, region, severity, product_line, service_type, ticket_id, null, null, 1
    from marts.tickets
    where is_counted
),

final as (
    select * from facts where technician_id is not null
)

select * from final
