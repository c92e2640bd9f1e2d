-- Command side only (the Xero connection and gateway, docs/decisions.md "Xero connection and gateway"). No row-level
-- security and no grant to fieldops_reader: only the command side reads these tables, as their owner.

-- One Xero connection per organisation. Secrets are AES-GCM ciphertexts (nonce || ciphertext || tag) under
-- FIELDOPS_ENCRYPTION_KEY, bound to the organisation and column; never plain text. A refresh locks the row
-- (select ... for update), so refreshes of one connection are serialised across processes.
create table xero_connection (
    org_id                  uuid        primary key,
    grant_type              text        not null check (grant_type in ('client_credentials', 'authorization_code')),
    status                  text        not null check (status in ('connected', 'disconnected')),
    tenant_id               text        not null,
    tenant_name             text,
    client_id               text        not null,
    client_secret           bytea,
    access_token            bytea       not null,
    access_token_expires_at timestamptz not null,
    refresh_token           bytea,
    last_refresh_at         timestamptz,
    connected_at            timestamptz not null,
    connected_by            uuid        not null,
    disconnected_at         timestamptz,
    disconnected_reason     text,
    check (grant_type = 'client_credentials' and client_secret is not null
        or grant_type = 'authorization_code' and refresh_token is not null)
);

-- The state of an authorisation in progress: single use (deleted when the callback consumes it), bound to the
-- organisation and user who asked for it, expiring. Only its SHA-256 is kept.
create table xero_oauth_state (
    state_hash bytea       primary key,
    org_id     uuid        not null,
    user_id    uuid        not null,
    expires_at timestamptz not null
);

-- The per-tenant rate limiter every process shares. A call takes the tenant's row lock to be admitted:
-- blocked_until comes from 429 Retry-After and the X-*Limit-Remaining headers; day/day_calls count the daily budget
-- (UTC days).
create table xero_rate_limit (
    tenant_id     text        primary key,
    blocked_until timestamptz,
    day           date,
    day_calls     integer     not null default 0
);

-- One row per admitted call: the rolling 60-second window counts rows by started_at, the in-flight limit counts
-- unfinished rows whose lease has not expired (a process that dies mid-call frees its slot when the lease ends).
create table xero_rate_limit_call (
    lease_id         uuid        primary key,
    tenant_id        text        not null references xero_rate_limit (tenant_id) on delete cascade,
    started_at       timestamptz not null,
    lease_expires_at timestamptz not null,
    finished         boolean     not null default false
);
create index xero_rate_limit_call_tenant on xero_rate_limit_call (tenant_id, started_at);
