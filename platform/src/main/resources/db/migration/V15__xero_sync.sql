-- Xero sync log, schedule and webhooks (docs/decisions.md "Xero sync log, schedule and webhooks").

-- Command side: at most one pending or running sync per organisation and type. A request claims the slot in its
-- command's transaction (insert ... on conflict do nothing); the sync's completion or failure deletes the row.
create table xero_sync_running (
    org_id     uuid        not null,
    sync_type  text        not null,
    sync_id    uuid        not null unique,
    claimed_at timestamptz not null,
    primary key (org_id, sync_type)
);

-- Command side: each organisation's next scheduled sync (FIELDOPS_XERO_SYNC_CRON in its timezone). The process whose
-- compare-and-set moves a due row on requests the sync in the same transaction: exactly once across processes.
create table xero_sync_schedule (
    org_id      uuid        primary key,
    next_run_at timestamptz not null
);

-- Command side: webhook events, one row per event identity (a hash of tenant, resource, time, category and type),
-- so a delivery Xero repeats is queued once. processed_at is set when the worker acted on it (outcome says how).
create table xero_webhook_event (
    event_key      text        primary key,
    tenant_id      text        not null,
    event_category text        not null,
    event_type     text        not null,
    resource_id    text,
    event_date_utc text,
    received_at    timestamptz not null,
    processed_at   timestamptz,
    outcome        text check (outcome in ('sync_requested', 'unknown_tenant', 'ignored')),
    sync_id        uuid
);
create index xero_webhook_event_queue_idx on xero_webhook_event (received_at) where processed_at is null;

-- Command side: which organisation a Xero tenant belongs to, for webhooks, until the Xero connection answers it.
create table xero_tenant_org (
    tenant_id text primary key,
    org_id    uuid not null
);

-- Query side: the sync log, one row per sync, version = the XeroSync aggregate's sequence number of the last event
-- applied. status: pending, running, success, partial, error. progress 0..100 (null while the total is unknown),
-- errors the kept per-record errors [{record, message}] (at most 100), error the failure's reason.
create table xero_sync_log (
    sync_id           uuid        primary key,
    org_id            uuid        not null,
    sync_type         text        not null,
    trigger           text        not null,
    mode              text        not null,
    status            text        not null,
    progress          integer,
    total             integer,
    records_processed integer     not null default 0,
    records_created   integer     not null default 0,
    records_updated   integer     not null default 0,
    records_failed    integer     not null default 0,
    errors            jsonb       not null default '[]',
    error             text,
    requested_at      timestamptz not null,
    started_at        timestamptz,
    completed_at      timestamptz,
    version           bigint      not null
);
-- the status endpoint's recent syncs and last finished sync of an organisation
create index xero_sync_log_org_idx on xero_sync_log (org_id, requested_at desc, sync_id desc);
create index xero_sync_log_finished_idx on xero_sync_log (org_id, completed_at desc) where completed_at is not null;

alter table xero_sync_log enable row level security;
create policy xero_sync_log_read on xero_sync_log for select
    using (org_id = (select fieldops_claim_org())
           and (select fieldops_claim_role()) in ('admin', 'manager', 'analyst'));
grant select on xero_sync_log to fieldops_reader;
