-- Sortable lists. The customer lookup without search text pages an organisation's customers (up to a million) in
-- the chosen order straight from an index, forwards or backwards: last name (customer_name_ix), e-mail
-- (customer_email_uk), and these two.
CREATE INDEX customer_first_name_ix ON customer (organization_id, lower(first_name), lower(last_name), id);
CREATE INDEX customer_status_ix ON customer (organization_id, status, lower(last_name), lower(first_name), id);

-- The audit log grows without end; besides time (audit_event_org_time_ix) it sorts by action and by outcome,
-- each then by time.
CREATE INDEX audit_event_org_action_ix ON audit_event (organization_id, action, occurred_at, id);
CREATE INDEX audit_event_org_outcome_ix ON audit_event (organization_id, outcome, occurred_at, id);
