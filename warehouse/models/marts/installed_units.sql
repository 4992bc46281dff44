-- installed_units: one row per installed unit (serial number), the anchor of its service cadence (seed 002,
-- issue 19). Where units are not loaded, the installation tickets give them: the unit's first counted ticket of
-- service type install; an installation acceptance (staging.stg_installations) adds units without such a ticket,
-- and names the team. installed_on = the ticket's installed_at, else the acceptance day, else the day the
-- installation ticket was resolved. The responsible technician: the installation ticket's, else the first of
-- the acceptance's technicians; the team: the acceptance's, else the technician's team.
with install_tickets as (
    select *
    from marts.tickets
    where service_type = 'install' and is_counted and serial_no is not null
    qualify row_number() over (partition by serial_no order by opened_at, ticket_id) = 1
),

acceptances as (
    select *
    from staging.stg_installations
    where serial_no is not null
    qualify row_number() over (partition by serial_no order by accepted_at, installation_id) = 1
),

technicians as (
    select technician_id, team from staging.stg_technicians
),

units as (
    select
        coalesce(t.serial_no, a.serial_no) as serial_no,
        t.ticket_id,
        a.installation_id,
        t.customer_id,
        t.region,
        t.product_line,
        t.product_model,
        coalesce(t.installed_at, a.accepted_at, t.resolved_at::date) as installed_on,
        coalesce(t.technician_id, nullif(trim(split_part(a.technician_ids, ';', 1)), '')) as technician_id,
        a.team as acceptance_team
    from install_tickets t
    full join acceptances a on a.serial_no = t.serial_no
),

final as (
    select
        u.serial_no,
        u.ticket_id,
        u.installation_id,
        u.customer_id,
        u.region,
        u.product_line,
        u.product_model,
        u.installed_on,
        u.technician_id,
        coalesce(u.acceptance_team, e.team) as team
    from units u
    left join technicians e on e.technician_id = u.technician_id
    where u.installed_on is not null
)

select * from final
