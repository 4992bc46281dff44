-- claims_per_thousand (千台索赔率, the "Nevada" / MIS table): claims per 1,000 units by months in service, per
-- production month or batch. Which units are at risk in which month in service, and which tickets are claims, is
-- decided in marts.claim_cells (its header has the whole definition); this view is its rows.
-- Grain: one numerator row per claim (row key ticket_id: the tickets behind a cell are its rows with
-- numerator > 0), and one denominator row per (model, line, region, batch, production month, month in service)
-- holding its units at risk. `day` is the production month (its first day), so a period selects production months.
select * from marts.claim_cells
