-- Query side: each organisation's settings. Without a row the organisation uses FIELDOPS_DEFAULT_TIMEZONE and has
-- no currency yet. version is the Organization aggregate's sequence number of the last event applied.
create table organization_settings (
    org_id     uuid        primary key,
    timezone   text        not null,
    currency   text,
    updated_at timestamptz not null,
    version    bigint      not null
);

alter table organization_settings enable row level security;
create policy organization_settings_read on organization_settings for select
    using (org_id = fieldops_claim_org());
grant select on organization_settings to fieldops_reader;
