-- callback_compliance: due callbacks of installed units done on time ÷ due callbacks (the cadence of seed 002; see
-- marts.cadence_due for the due days, windows and as_of). Grain: one row per due callback, on its due day.
-- The rows, parts and row key are metrics.cadence_compliance's (shared with inspection_compliance).
select * exclude (cadence_kind) from metrics.cadence_compliance where cadence_kind = 'callback'
