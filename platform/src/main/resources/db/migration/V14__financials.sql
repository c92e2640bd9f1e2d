-- Query side: Xero invoices as the syncs recorded them (DESIGN §5's Invoice, plus org_id, Xero's type and ids).
-- id is the Invoice aggregate's id (a name-based UUID of org_id and xero_invoice_id); version is the sequence number
-- of its last event applied. updated_at is Xero's UpdatedDateUTC, recorded_at when FieldOps recorded that state.
create table invoices (
    id              uuid           primary key,
    org_id          uuid           not null,
    xero_invoice_id uuid           not null,
    invoice_number  text,
    contact_id      uuid,
    contact_name    text,
    type            text           not null check (type in ('ACCREC', 'ACCPAY')),
    status          text           not null
                    check (status in ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED')),
    date            date,
    due_date        date,
    total           numeric(14, 2) not null,
    amount_due      numeric(14, 2) not null,
    amount_paid     numeric(14, 2) not null,
    currency        text           not null,
    updated_at      timestamptz    not null,
    sync_id         uuid,
    recorded_at     timestamptz    not null,
    version         bigint         not null
);
-- Sales invoices only (the summary and the list count nothing else). The summary counts one organisation's invoices
-- by status and due date (an index-only scan); the lists walk an index in their order: sent and overdue by due date,
-- draft and paid newest first.
create index invoices_due_idx on invoices (org_id, status, due_date, id) include (amount_due)
    where type = 'ACCREC';
create index invoices_date_idx on invoices (org_id, status, date desc nulls last, id) where type = 'ACCREC';

-- Query side: each month's revenue target. id is the RevenueTarget aggregate's id (name-based UUID of org and
-- month); month is the month's first day.
create table revenue_targets (
    id         uuid           primary key,
    org_id     uuid           not null,
    month      date           not null check (extract(day from month) = 1),
    amount     numeric(10, 2) not null check (amount >= 0),
    updated_at timestamptz    not null,
    version    bigint         not null,
    unique (org_id, month)
);

-- Financials are the organisation's, not a team's: admins, managers and analysts see them, technicians nothing.
alter table invoices enable row level security;
alter table revenue_targets enable row level security;
create policy invoices_read on invoices for select
    using (org_id = (select fieldops_claim_org())
           and (select fieldops_claim_role()) in ('admin', 'manager', 'analyst'));
create policy revenue_targets_read on revenue_targets for select
    using (org_id = (select fieldops_claim_org())
           and (select fieldops_claim_role()) in ('admin', 'manager', 'analyst'));
grant select on invoices, revenue_targets to fieldops_reader;
