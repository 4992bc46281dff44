-- stg_installations: one row per installation record, as loaded (raw keeps the newest load's row per key).
with source as (
    select * exclude (extras, _source_file, _row) from raw.installations
),

final as (
    select * rename (_load_id as load_id) from source
)

select * from final
