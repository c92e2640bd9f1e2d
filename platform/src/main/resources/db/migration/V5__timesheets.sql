-- Command side: the set rule "at most 24 hours per person per day", kept in the command's transaction.
create table timesheet_day_hours (
    timesheet_id uuid          primary key,
    org_id       uuid          not null,
    user_id      uuid          not null,
    work_date    date          not null,
    hours        numeric(4, 2) not null
);
create index timesheet_day_hours_day_idx on timesheet_day_hours (org_id, user_id, work_date);

-- Query side: the Timesheet resource, scoped by role. version is the aggregate sequence number applied last.
create table timesheets (
    id                 uuid           primary key,
    org_id             uuid           not null,
    user_id            uuid           not null,
    user_name          text,
    team_id            uuid,
    job_id             uuid           not null,
    activity_type_id   uuid           not null,
    activity_type_name text,
    work_date          date           not null,
    hours              numeric(4, 2)  not null,
    hourly_rate        numeric(10, 2),
    amount             numeric(12, 2),
    status             text           not null check (status in ('draft', 'submitted', 'approved', 'rejected')),
    notes              text,
    submitted_at       timestamptz,
    approved_by        uuid,
    approved_at        timestamptz,
    rejected_reason    text,
    created_at         timestamptz    not null,
    updated_at         timestamptz    not null,
    version            bigint         not null
);
create index timesheets_org_user_date_idx on timesheets (org_id, user_id, work_date desc);
create index timesheets_org_team_status_idx on timesheets (org_id, team_id, status);
create index timesheets_org_status_date_idx on timesheets (org_id, status, work_date);

alter table timesheets enable row level security;
-- technicians see their own entries, managers their team's (and their own), admins and analysts the organisation's
create policy timesheets_read on timesheets for select
    using (org_id = fieldops_claim_org()
           and (fieldops_claim_role() in ('admin', 'analyst')
                or user_id = auth.uid()
                or (fieldops_claim_role() = 'manager'
                    and team_id = nullif(auth.jwt() -> 'app_metadata' ->> 'team_id', '')::uuid)));
grant select on timesheets to fieldops_reader;
