-- Query side: the dashboard's numbers, kept as counters so a read costs the same at a million rows as at ten.
-- Each counter exists per scope: the organisation ('org', org id), a team ('team', team id), a person ('user', id).
create table dashboard_totals (
    org_id            uuid   not null,
    scope             text   not null check (scope in ('org', 'team', 'user')),
    scope_id          uuid   not null,
    total_jobs        bigint not null default 0,
    pending_approvals bigint not null default 0,
    primary key (org_id, scope, scope_id)
);

-- revenue (submitted and approved entries at their snapshot amounts) by work date
create table dashboard_revenue (
    org_id    uuid           not null,
    scope     text           not null check (scope in ('org', 'team', 'user')),
    scope_id  uuid           not null,
    work_date date           not null,
    revenue   numeric(14, 2) not null default 0,
    primary key (org_id, scope, scope_id, work_date)
);

-- job completions in 15-minute buckets (UTC): every real timezone offset is a multiple of 15 minutes, so "today in
-- the organisation's timezone" is an exact range of at most 100 buckets
create table dashboard_completions (
    org_id    uuid        not null,
    scope     text        not null check (scope in ('org', 'team', 'user')),
    scope_id  uuid        not null,
    bucket    timestamptz not null,
    completed bigint      not null default 0,
    primary key (org_id, scope, scope_id, bucket)
);

alter table dashboard_totals enable row level security;
alter table dashboard_revenue enable row level security;
alter table dashboard_completions enable row level security;
create policy dashboard_totals_read on dashboard_totals for select using (org_id = fieldops_claim_org());
create policy dashboard_revenue_read on dashboard_revenue for select using (org_id = fieldops_claim_org());
create policy dashboard_completions_read on dashboard_completions for select using (org_id = fieldops_claim_org());
grant select on dashboard_totals, dashboard_revenue, dashboard_completions to fieldops_reader;
grant select on organization_settings to fieldops_reader;
