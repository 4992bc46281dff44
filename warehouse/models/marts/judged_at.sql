-- judged_at: the instant this refresh judged what is "still open past its target" (SLA targets in marts.tickets,
-- complaints due an answer in marts.complaints, defective parts due back in marts.part_returns). now() is the
-- start of the refresh's one transaction, the same instant in every model it builds. Figures that depend on it
-- say "as of" this time (catalog: judgedAtRefresh), since they move at each refresh until the last ticket closes.
select now() as judged_at
