-- stg_faults: the company's fault code list, one row per code as loaded (raw keeps the newest load's row per key);
-- names and category trimmed, an empty one null.
with source as (
    select * exclude (extras, _source_file, _row) from raw.faults
),

final as (
    select
        trim(fault_code) as fault_code,
        nullif(trim(name_zh), '') as name_zh,
        nullif(trim(name_en), '') as name_en,
        nullif(trim(category), '') as category,
        _load_id as load_id
    from source
    where trim(coalesce(fault_code, '')) <> ''
)

select * from final
