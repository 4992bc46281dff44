-- fault_names: one row per fault code described on its tickets, with the name screens show beside the code
-- ("AC08 压缩机异响"): the code's most frequent fault description, a leading product model taken off
-- ("KFR-35GW：压缩机异响" -> "压缩机异响"), at most 40 characters. A description counts as a name when at least
-- two tickets share it or it is the code's only one: free text every ticket words its own way names nothing.
-- Ties: the shorter, then the first in order. Cancelled tickets describe their fault as well as any.
-- A fault code list the company loaded (record kind `faults`, staging.stg_faults) names its codes first: its
-- Chinese name (else its English one) is fault_name, its English name (else the Chinese one) fault_name_en, and
-- the codes it lists keep those names whatever their tickets say; `source` says which (catalogue or tickets).
with tickets as (
    select fault_code, product_model, trim(fault_description) as description
    from marts.tickets
    where fault_code is not null and trim(coalesce(fault_description, '')) <> ''
),

cleaned as (
    select
        fault_code,
        trim(case
            when product_model is not null and starts_with(description, product_model)
                then ltrim(substr(description, length(product_model) + 1), ' ：:-—·,，')
            else description
        end) as description
    from tickets
),

counted as (
    select
        fault_code,
        description,
        count(*) as uses,
        sum(count(*)) over (partition by fault_code) as described
    from cleaned
    where description <> ''
    group by fault_code, description
),

derived as (
    select
        fault_code,
        left(description, 40) as fault_name,
        uses,
        described
    from counted
    where uses >= 2 or uses = described
    qualify row_number() over (partition by fault_code order by uses desc, length(description), description) = 1
),

catalogue as (
    select
        fault_code,
        coalesce(name_zh, name_en) as fault_name,
        coalesce(name_en, name_zh) as fault_name_en,
        category
    from staging.stg_faults
    where coalesce(name_zh, name_en) is not null
),

final as (
    select
        coalesce(c.fault_code, d.fault_code) as fault_code,
        coalesce(c.fault_name, d.fault_name) as fault_name,
        coalesce(c.fault_name_en, d.fault_name) as fault_name_en,
        c.category,
        coalesce(d.uses, 0) as uses,
        coalesce(d.described, 0) as described,
        case when c.fault_code is not null then 'catalogue' else 'tickets' end as source
    from derived as d
    full outer join catalogue as c on c.fault_code = d.fault_code
)

select * from final
