-- Query side: the activity feed, denormalised for display. id is the event's id, so a redelivered event is
-- inserted once. user_* is who did it; subject_user_id and team_id say whose resource it concerns, for the scopes
-- of DESIGN §8 (a technician sees what they did or what concerns them, a manager their team's, admins and
-- analysts the organisation's).
create table activity_log (
    id              uuid        primary key,
    org_id          uuid        not null,
    user_id         uuid,
    user_name       text,
    action          text        not null,
    resource_type   text        not null,
    resource_id     uuid,
    resource_name   text,
    details         jsonb,
    subject_user_id uuid,
    team_id         uuid,
    created_at      timestamptz not null
);
-- the feed's orders and filters: newest first with the id as tie-breaker (keyset paging)
create index activity_log_feed_idx on activity_log (org_id, created_at desc, id desc);
create index activity_log_user_idx on activity_log (org_id, user_id, created_at desc, id desc);
create index activity_log_subject_idx on activity_log (org_id, subject_user_id, created_at desc, id desc);
create index activity_log_team_idx on activity_log (org_id, team_id, created_at desc, id desc);
create index activity_log_resource_idx on activity_log (org_id, resource_type, resource_id, created_at desc, id desc);

alter table activity_log enable row level security;
create policy activity_log_read on activity_log for select
    using (org_id = fieldops_claim_org()
           and (fieldops_claim_role() in ('admin', 'analyst')
                or user_id = auth.uid()
                or subject_user_id = auth.uid()
                or (fieldops_claim_role() = 'manager'
                    and team_id = nullif(auth.jwt() -> 'app_metadata' ->> 'team_id', '')::uuid)));
grant select on activity_log to fieldops_reader;

-- Query side: jobs as internal services report them, for the dashboard and the feed's names.
create table jobs (
    id               uuid        primary key,
    org_id           uuid        not null,
    title            text        not null,
    client_name      text,
    assignee_id      uuid,
    assignee_name    text,
    assignee_team_id uuid,
    scheduled_for    timestamptz,
    status           text        not null default 'scheduled',
    status_changed_at timestamptz,
    version          bigint      not null
);
create index jobs_org_assignee_idx on jobs (org_id, assignee_id);
create index jobs_org_team_idx on jobs (org_id, assignee_team_id);

alter table jobs enable row level security;
create policy jobs_read on jobs for select
    using (org_id = fieldops_claim_org()
           and (fieldops_claim_role() in ('admin', 'analyst')
                or assignee_id = auth.uid()
                or (fieldops_claim_role() = 'manager'
                    and assignee_team_id = nullif(auth.jwt() -> 'app_metadata' ->> 'team_id', '')::uuid)));
grant select on jobs to fieldops_reader;
