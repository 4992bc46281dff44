-- installation_scores: one row per installation project (acceptance record), scored out of 100 (seed 002):
-- quality 90 = hardware (0–30) + software (0–50) + documents and norms (0–10), as checked at acceptance, and
-- customer satisfaction 10 = the project's rating × 2 (1–5 → 2–10): the installation ticket's own rating, else
-- its latest callback's (marts.tickets.rating). A project nobody rated is scored on quality alone, scaled to 100
-- (quality × 100 ÷ 90); a component left empty at acceptance counts 0. Grade: the best band of settings
-- installationScore.grades (main.installation_grades) whose minimum the score reaches, else the fallback grade.
-- Dimensions: the installation ticket's; technician: the ticket's, else the first of the acceptance's
-- technicians; team: the acceptance's, else that technician's team. The period is the acceptance day.
with installations as (
    select * from staging.stg_installations
),

tickets as (
    select * from marts.tickets
),

technicians as (
    select technician_id, team from staging.stg_technicians
),

grades as (
    select * from main.installation_grades
),

-- Each grade's band of scores, from its minimum up to the next grade's: a join, not a subquery per project (Trino
-- cannot plan that correlated subquery; both engines run this).
bands as (
    select grade, min_points, lead(min_points) over (order by min_points, grade) as next_min
    from grades
    where min_points is not null
),

scored as (
    select
        i.installation_id,
        i.ticket_id,
        coalesce(i.serial_no, t.serial_no) as serial_no,
        i.site,
        i.accepted_at,
        i.technician_ids,
        coalesce(t.technician_id, nullif(trim(split_part(i.technician_ids, ';', 1)), '')) as technician_id,
        i.team as acceptance_team,
        t.region,
        t.product_line,
        t.product_model,
        t.rating,
        coalesce(i.hardware_score, 0) as hardware_points,
        coalesce(i.software_score, 0) as software_points,
        coalesce(i.documents_score, 0) as documents_points,
        coalesce(i.hardware_score, 0) + coalesce(i.software_score, 0) + coalesce(i.documents_score, 0) as quality_points,
        t.rating * 2.0 as satisfaction_points
    from installations i
    left join tickets t on t.ticket_id = i.ticket_id
),

totals as (
    select
        s.*,
        coalesce(s.acceptance_team, e.team) as team,
        case when s.satisfaction_points is null then s.quality_points * 100.0 / 90 else s.quality_points + s.satisfaction_points end as score
    from scored s
    left join technicians e on e.technician_id = s.technician_id
),

final as (
    select
        t.installation_id,
        t.ticket_id,
        t.serial_no,
        t.site,
        t.accepted_at,
        t.accepted_at as day,
        t.region,
        t.product_line,
        t.product_model,
        cast(null as integer) as severity,
        cast(null as varchar) as channel,
        'install' as service_type,
        t.technician_id,
        t.technician_ids,
        t.team,
        t.hardware_points,
        t.software_points,
        t.documents_points,
        t.quality_points,
        t.rating,
        t.satisfaction_points,
        t.satisfaction_points is not null as is_rated,
        t.score,
        coalesce(b.grade, (select g.grade from grades g where g.min_points is null)) as grade
    from totals t
    left join bands b on t.score >= b.min_points and (b.next_min is null or t.score < b.next_min)
)

select * from final
