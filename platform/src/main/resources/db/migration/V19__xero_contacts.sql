-- Query side, part of the invoices projection (rebuilt and swapped with invoices): each Xero contact's latest recorded
-- state (fieldops.xero-contact.recorded.v1). A contact renamed in Xero does not move its invoices' UpdatedDateUTC, so
-- the name reaches the invoices through this row: an invoice shows the name observed last, its own (recorded_at of
-- the invoice) or its contact's (recorded_at here), whichever order Kafka delivers them in (it orders events per
-- aggregate only). contact_id is Xero's ContactID, as on invoices; updated_at is Xero's UpdatedDateUTC; version is
-- the sequence number of the XeroContact aggregate's last event applied.
create table xero_contacts (
    org_id      uuid        not null,
    contact_id  uuid        not null,
    name        text        not null,
    status      text,
    updated_at  timestamptz not null,
    recorded_at timestamptz not null,
    version     bigint      not null,
    primary key (org_id, contact_id)
);
-- a contact's rename updates its invoices
create index invoices_contact_idx on invoices (org_id, contact_id);

-- as invoices: the organisation's admins, managers and analysts
alter table xero_contacts enable row level security;
create policy xero_contacts_read on xero_contacts for select
    using (org_id = (select fieldops_claim_org())
           and (select fieldops_claim_role()) in ('admin', 'manager', 'analyst'));
grant select on xero_contacts to fieldops_reader;
