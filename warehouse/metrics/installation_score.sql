-- installation_score: the mean installation-project score (0–100) of the projects accepted in the period
-- (marts.installation_scores: quality 90 = hardware 30 + software 50 + documents 10, satisfaction 10 = rating × 2).
-- numerator = Σ scores, denominator = projects. Grain: one row per project, on its acceptance day.
-- Row key installation_id: the projects behind the denominator are every row; the numerator is a sum of points.
with projects as (
    select * from marts.installation_scores
),

final as (
    select
        day,
        region,
        product_line,
        product_model,
        cast(null as integer) as severity,
        cast(null as varchar) as channel,
        'install' as service_type,
        technician_id,
        team,
        score as numerator,
        1 as denominator,
        hardware_points,
        software_points,
        documents_points,
        satisfaction_points,
        installation_id
    from projects
)

select * from final
