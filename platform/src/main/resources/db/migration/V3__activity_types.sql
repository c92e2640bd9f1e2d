-- Command side: the set rule "name and xero_code are unique per organisation" is checked against this
-- lookup table inside the command's transaction, never against the eventually consistent read model.
create table activity_type_unique_key (
    org_id           uuid not null,
    kind             text not null check (kind in ('name', 'xero_code')),
    normalized_value text not null,
    activity_type_id uuid not null,
    primary key (org_id, kind, normalized_value)
);
create index activity_type_unique_key_owner_idx on activity_type_unique_key (activity_type_id);

-- Query side: the price list read model (the brief's columns plus org_id). version is the aggregate
-- sequence number of the last event applied, which makes the projection idempotent.
create table activity_types (
    id           uuid primary key,
    org_id       uuid           not null,
    name         text           not null,
    hourly_rate  numeric(10, 2) not null check (hourly_rate >= 0),
    description  text,
    xero_code    text,
    xero_managed boolean        not null default false,
    enabled      boolean        not null default true,
    created_at   timestamptz    not null,
    updated_at   timestamptz    not null,
    version      bigint         not null
);
create index activity_types_org_name_idx on activity_types (org_id, lower(name));

alter table activity_types enable row level security;
-- Isolation by the caller's organisation; non-admins see enabled types only.
create policy activity_types_read on activity_types for select
    using (org_id = fieldops_claim_org() and (enabled or fieldops_claim_role() = 'admin'));
grant select on activity_types to fieldops_reader;
