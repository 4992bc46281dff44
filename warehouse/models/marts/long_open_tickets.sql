-- long_open_tickets: the counted tickets ever open for 30 days (2,592,000 s) or more: unresolved, or resolved that
-- long after they were opened (9,131 of 5 M generated tickets). A ticket open at the end of a day and opened more
-- than 30 days before it is one of these, so the backlog on that day is the counted tickets opened in its last 30
-- days and still open, plus these opened earlier and still open (queries/backlog-aging.ts): a month of tickets and
-- this list read, not every ticket ever opened. (Whole seconds between: never fewer than the exact difference's.)
select ticket_id, opened_at, resolved_at, region, product_line, product_model, severity, channel, service_type, technician_id
from marts.tickets
where is_counted and (resolved_at is null or date_diff('second', opened_at, resolved_at) >= 2592000)
order by opened_at
