-- stg_units: one row per unit of the installed base (serial number), as loaded (raw keeps the newest load's row
-- per key).
with source as (
    select * exclude (extras, _source_file, _row) from raw.units
),

final as (
    select * rename (_load_id as load_id) from source
)

select * from final
