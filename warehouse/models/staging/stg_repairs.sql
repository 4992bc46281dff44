-- stg_repairs: one row per repair record, as loaded (raw keeps the newest load's row per key).
with source as (
    select * exclude (extras, _source_file, _row) from raw.repairs
),

final as (
    select * rename (_load_id as load_id) from source
)

select * from final
