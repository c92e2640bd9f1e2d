#!/usr/bin/env python3
"""Dataset of the issue-3 benchmark (python3 standard library only), used by bench/dashboard.sh.

  people   write people.tsv: N organisations, each with an admin and 2 teams of a manager and 5 technicians
           (deterministic UUIDs, so a rerun makes the same people)
  sql      print the SQL that bulk-generates the read models of those organisations: timesheets, jobs,
           activity_log, the dashboard counters (and the command side's timesheet_day_hours), shaped exactly as the
           projections write them, and the jobs' and timesheets' events in the event store (domain_event_entry) that those rows come from

The SQL runs in one transaction with `insert ... select ... generate_series(...)` straight into the read-model
tables of the app's embedded PostgreSQL, and writes the jobs' and timesheets' events into the event store as Axon
would have (so POST /api/dashboard/refresh, which rebuilds the dashboard from the event store, finds the same
numbers). It is NOT pushed through Kafka: the command side must be stopped while it runs, and the kafka-publisher's
tokens are moved past the new events (bench/dashboard.sh does both). Every row is one the projections write from
that legal event history:

  * timesheets: 10 % draft (half of them edited once), 20 % submitted, 10 % rejected, 60 % approved (1 in 6 of
    them after a rejection, an edit of the hours and a second submit). hours 0.25..7.49 with two decimals, at most
    3 entries per person and day (<= 22.47 h: the 24-hour rule holds), work dates over the last --days (365) days up to
    today, rates snapshot from the organisation's activity types (created through the API beforehand), amount =
    hours x rate rounded HALF-EVEN to cents (pg_temp.half_even, checked against Python's decimal afterwards),
    version = the aggregate sequence number of the last event.
  * jobs: assigned to technicians; 30 % scheduled (1 in 3 reassigned), 20 % in progress, 40 % completed
    (1 in 4 reassigned first), 10 % cancelled; status_changed_at = the last status event.
  * activity_log (appended in time order, as the projection appends it): one row per event of those histories with the projection's action, resource_type,
    resource_name ("Jane Smith's timesheet for 2026-01-23 (3.5 h Electrical)", "<title> for <client>"),
    details (old/new values as the projection writes them), user_id/user_name (the actor: owner, manager, admin;
    an internal service's source with no user id for job and project facts), subject_user_id and team_id (the
    timesheet's owner or the job's assignee and their team); plus project_created/updated rows (internal
    service facts, no subject: admins and analysts see them) that fill the log up to the requested total.
"""
import argparse
import csv
import sys
import uuid

NAMESPACE = uuid.UUID("6f2c1d0e-3b8a-4f55-9c1e-2a7d5e8b9f10")
FIRST = ["Jane", "Aroha", "Liam", "Mere", "Noah", "Olivia", "Tama", "Isla", "Jack", "Ruby", "Nikau", "Charlotte",
         "Oliver", "Amelia", "Wiremu", "Ava", "Leo", "Mia", "George", "Hana"]
LAST = ["Smith", "Ngata", "Wilson", "Brown", "Taylor", "Parata", "Walker", "Harris", "Clarke", "Young", "King",
        "Wright", "Thompson", "Te Awa", "Martin", "White"]
TEAMS = 2
TECHS_PER_TEAM = 5
WORKERS = TEAMS * (TECHS_PER_TEAM + 1)  # technicians and managers log time
FIELDS = ["org_no", "org_id", "role", "user_id", "team_id", "team_no", "w_no", "name"]


def person_name(n: int) -> str:
    return f"{FIRST[n % len(FIRST)]} {LAST[(n * 7 + n // len(FIRST)) % len(LAST)]}"


def cmd_people(args):
    rows = []
    for org in range(args.orgs):
        org_id = uuid.uuid5(NAMESPACE, f"{args.seed}/org/{org}")
        rows.append([org, org_id, "admin", uuid.uuid5(NAMESPACE, f"{args.seed}/org/{org}/admin"), "", -1, -1,
                     person_name(org * 31 + 17) + " (admin)"])
        for team in range(TEAMS):
            team_id = uuid.uuid5(NAMESPACE, f"{args.seed}/org/{org}/team/{team}")
            # workers 0..9 are the technicians (team = w_no // 5), 10 and 11 the managers of teams 0 and 1
            rows.append([org, org_id, "manager", uuid.uuid5(NAMESPACE, f"{args.seed}/org/{org}/manager/{team}"),
                         team_id, team, TEAMS * TECHS_PER_TEAM + team, person_name(org * 31 + team * 13 + 3)])
            for n in range(TECHS_PER_TEAM):
                w = team * TECHS_PER_TEAM + n
                rows.append([org, org_id, "technician", uuid.uuid5(NAMESPACE, f"{args.seed}/org/{org}/tech/{w}"),
                             team_id, team, w, person_name(org * 31 + w * 5 + 1)])
    with open(args.out, "w", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(FIELDS)
        writer.writerows(rows)


def read_people(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


SQL = r"""
\set ON_ERROR_STOP on
set timezone = 'UTC';
set synchronous_commit = off;
set work_mem = '128MB';
set maintenance_work_mem = '256MB';
begin;

-- amount = hours x rate rounded HALF-EVEN to cents, as Timesheet.amountOf (PostgreSQL's round() is half-up)
create function pg_temp.half_even(p numeric) returns numeric(12, 2) language sql immutable as $$
  select (case when p * 100 - trunc(p * 100) = 0.5 and mod(trunc(p * 100), 2) = 0 then trunc(p * 100) / 100
               else round(p, 2) end)::numeric(12, 2) $$;
-- ActivityLogProjection.timesheetName: hours.stripTrailingZeros().toPlainString()
create function pg_temp.ts_name(who text, day date, hours numeric, type_name text) returns text language sql
  immutable as $$ select who || '''s timesheet for ' || day::text || ' (' || rtrim(rtrim(hours::text, '0'), '.')
                         || ' h' || coalesce(' ' || type_name, '') || ')' $$;
-- Jackson's Instant: ISO-8601 UTC
create function pg_temp.iso(t timestamptz) returns text language sql immutable as $$
  select to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') $$;
-- the k-th event of a history that began at b: k x 3 h later, but never later than now; to the millisecond, as
-- the event store keeps an event's time (so the read models rebuilt from the events are these very rows)
create function pg_temp.ev(b timestamptz, k int) returns timestamptz language sql stable as $$
  select date_trunc('milliseconds', b + least(k * interval '3 hours', (now() - b) * (k / 8.0))) $$;
-- Jackson's Instant as Axon's serializer writes it (Instant.toString: 0, 3 or 6 fraction digits here)
create function pg_temp.jiso(t timestamptz) returns text language sql immutable as $$
  select to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
         || case when extract(microseconds from t)::bigint % 1000000 = 0 then ''
                 when extract(microseconds from t)::bigint % 1000 = 0 then to_char(t at time zone 'UTC', '.MS')
                 else to_char(t at time zone 'UTC', '.US') end || 'Z' $$;
-- a TimesheetSnapshot (the submitted, approved and rejected events' payload) as Axon's serializer writes it
create function pg_temp.snapshot(id uuid, org uuid, usr uuid, usr_name text, team uuid, job uuid, type_id uuid,
                                 type_name text, day date, hours numeric, rate numeric, status text,
                                 submitted timestamptz, approver uuid, approved timestamptz, reason text,
                                 created timestamptz, updated timestamptz) returns json language sql immutable as $$
  select json_build_object('id', id, 'orgId', org, 'userId', usr, 'userName', usr_name, 'teamId', team, 'jobId', job,
                           'activityTypeId', type_id, 'activityTypeName', type_name, 'workDate', day, 'hours', hours,
                           'hourlyRate', rate, 'amount', pg_temp.half_even(hours * rate), 'status', status,
                           'notes', null, 'submittedAt', pg_temp.jiso(submitted), 'approvedBy', approver,
                           'approvedAt', pg_temp.jiso(approved), 'rejectedReason', reason,
                           'createdAt', pg_temp.jiso(created), 'updatedAt', pg_temp.jiso(updated)) $$;

create temp table b_people (org_no int, org_id uuid, role text, user_id uuid, team_id uuid, team_no int, w_no int,
                            name text) on commit drop;
insert into b_people values
{people};
create index on b_people (org_no, w_no);

create temp table b_orgs on commit drop as
select org_no, org_id, user_id as admin_id, name as admin_name from b_people where role = 'admin';

-- the organisation's activity types, created through POST /api/activity-types/bulk-import before this script
create temp table b_types on commit drop as
select o.org_no, (row_number() over (partition by a.org_id order by a.name) - 1)::int as type_no, a.id as type_id,
       a.name as type_name, a.hourly_rate as rate
from activity_types a join b_orgs o on o.org_id = a.org_id where a.enabled;
create index on b_types (org_no, type_no);
do $$ begin
  if (select count(distinct org_no) from b_types) <> (select count(*) from b_orgs)
     or exists (select 1 from b_types group by org_no having count(*) <> 8) then
    raise exception 'every organisation needs exactly 8 enabled activity types before the dataset is generated';
  end if;
end $$;

-- the generated feed rows are collected here and appended in time order at the end, as the projection appends
-- them while events arrive (so the heap's order resembles a pipeline-fed table, not one grouped by kind)
create temp table b_log (like activity_log) on commit drop;
-- a job's or timesheet's feed row is also its event (same id, as the projection makes the row from the event):
-- its place in the aggregate's history, the event class and the payload as Axon's Jackson serializer writes it
alter table b_log add column k int, add column event_class text, add column payload json;

-- ------------------------------------------------------------------------------------------------ jobs
create temp table b_jobs on commit drop as
select g.*, ((g.h >> 8) % 10)::int as s,
       date_trunc('milliseconds', now()) - interval '5 minutes' - ((g.h >> 3) % ({days} * 86400)) * interval '1 second'
         as b
from (select o.org_no, o.org_id, j, gen_random_uuid() as id, (j::bigint * 2246822519 + o.org_no * 97) % 4294967296 as h
      from b_orgs o cross join generate_series(0, {jobs_per_org} - 1) j) g;
alter table b_jobs add column assignee uuid, add column assignee_name text, add column team uuid,
                   add column first_assignee uuid, add column first_name text, add column first_team uuid,
                   add column title text, add column client text, add column n int;
update b_jobs x set assignee = a.user_id, assignee_name = a.name, team = a.team_id,
                    first_assignee = f.user_id, first_name = f.name, first_team = f.team_id,
                    title = 'Job ' || x.org_no || '-' || x.j || ': ' || (array['Boiler service', 'Rewire kitchen',
                        'Replace hot water cylinder', 'Install heat pump', 'Fault finding', 'Safety inspection',
                        'Fit new switchboard', 'Repair leak'])[1 + x.h % 8],
                    client = (array['Harbour Cafe', 'Kauri Motors', 'Smith Family', 'Northside School',
                        'Rata Apartments', 'Bayview Dental', 'Totara Farms', 'City Library', 'Pohutukawa Motel',
                        'Southern Bakery'])[1 + (x.h >> 4) % 10] || ' #' || ((x.h >> 12) % 400),
                    n = case when x.s = 0 then 2 when x.s in (1, 2) then 1 when x.s in (3, 4) then 2
                             when x.s = 5 then 4 when x.s in (6, 7, 8) then 3 else 2 end
from b_people a, b_people f
where a.org_no = x.org_no and a.role = 'technician' and a.w_no = x.j % 10
  and f.org_no = x.org_no and f.role = 'technician'
  and f.w_no = case when x.s in (0, 5) then (x.j + 1) % 10 else x.j % 10 end;
create index on b_jobs (org_no, j);
-- temp tables get no statistics from autovacuum: without them the planner nests loops over b_jobs for each entry
analyze b_people;
analyze b_types;
analyze b_jobs;

insert into jobs (id, org_id, title, client_name, assignee_id, assignee_name, assignee_team_id, scheduled_for, status,
                  status_changed_at, version)
select id, org_id, title, client, assignee, assignee_name, team, b + interval '2 days',
       case when s <= 2 then 'scheduled' when s <= 4 then 'in_progress' when s <= 8 then 'completed' else 'cancelled' end,
       case when s <= 2 then null else pg_temp.ev(b, n - 1) end,
       n - 1
from b_jobs;

-- the jobs' events: created (first assignee), assigned (to the final one), status changes
insert into b_log (id, org_id, user_id, user_name, action, resource_type, resource_id, resource_name, details,
                          subject_user_id, team_id, created_at, k, event_class, payload)
select gen_random_uuid(), org_id, null, '{job_source}', e.action, 'job', id, title || ' for ' || client,
       e.details, e.subject, e.team, e.at, e.k, e.event_class, e.payload
from b_jobs x cross join lateral (values
    ('job_created', 0, first_assignee, first_team,
     jsonb_build_object('job_id', id, 'org_id', org_id, 'title', title, 'client_name', client,
                        'assignee_id', first_assignee, 'assignee_name', first_name, 'assignee_team_id', first_team,
                        'scheduled_for', pg_temp.iso(b + interval '2 days')),
     'job.JobCreated', json_build_object('jobId', id, 'orgId', org_id, 'title', title, 'clientName', client,
                       'assigneeId', first_assignee, 'assigneeName', first_name, 'assigneeTeamId', first_team,
                       'scheduledFor', pg_temp.jiso(b + interval '2 days'))),
    ('job_assigned', case when s in (0, 5) then 1 end, assignee, team,
     jsonb_build_object('job_id', id, 'org_id', org_id, 'assignee_id', assignee, 'assignee_name', assignee_name,
                        'assignee_team_id', team),
     'job.JobAssigned', json_build_object('jobId', id, 'orgId', org_id, 'assigneeId', assignee, 'assigneeName', assignee_name,
                       'assigneeTeamId', team)),
    ('job_status_changed', case when s in (3, 4, 6, 7, 8) then 1 when s = 5 then 2 end, assignee, team,
     jsonb_build_object('job_id', id, 'org_id', org_id, 'status', 'in_progress',
                        'changed_at', pg_temp.iso(pg_temp.ev(b, case when s = 5 then 2 else 1 end))),
     'job.JobStatusChanged', json_build_object('jobId', id, 'orgId', org_id, 'status', 'in_progress',
                       'changedAt', pg_temp.jiso(pg_temp.ev(b, case when s = 5 then 2 else 1 end)))),
    ('job_completed', case when s in (6, 7, 8) then 2 when s = 5 then 3 end, assignee, team,
     jsonb_build_object('job_id', id, 'org_id', org_id, 'status', 'completed',
                        'changed_at', pg_temp.iso(pg_temp.ev(b, n - 1))),
     'job.JobStatusChanged', json_build_object('jobId', id, 'orgId', org_id, 'status', 'completed',
                       'changedAt', pg_temp.jiso(pg_temp.ev(b, n - 1)))),
    ('job_cancelled', case when s = 9 then 1 end, assignee, team,
     jsonb_build_object('job_id', id, 'org_id', org_id, 'status', 'cancelled',
                        'changed_at', pg_temp.iso(pg_temp.ev(b, 1))),
     'job.JobStatusChanged', json_build_object('jobId', id, 'orgId', org_id, 'status', 'cancelled',
                       'changedAt', pg_temp.jiso(pg_temp.ev(b, 1))))
  ) as v(action, k, subject, team, details, event_class, payload)
  cross join lateral (select v.action, v.k, v.subject, v.team, v.details, v.event_class, v.payload,
                             pg_temp.ev(x.b, v.k) as at) e
where v.k is not null;

-- ------------------------------------------------------------------------------------------------ timesheets
-- worker w = i % 12 (technicians 0..9, managers 10, 11); day = (i / 12) % days days ago; slot = i / (12 x days)
-- (0..2, each <= 7.49 h, so <= 22.47 h a day); the job is one of the technician's (a manager: one of the team's)
create temp table b_ts on commit drop as
select g.*, ((g.h >> 8) % 10)::int as s,
       current_date - ((g.i / {workers}) % {days}) as work_date, g.i / ({workers} * {days}) as slot,
       ((25 + g.h % 725) / 100.0)::numeric(4, 2) as hours
from (select o.org_no, o.org_id, o.admin_id, o.admin_name, i, gen_random_uuid() as id,
             (i::bigint * 2654435761 + o.org_no * 7919) % 4294967296 as h
      from b_orgs o cross join generate_series(0, {ts_per_org} - 1) i) g;
analyze b_ts;
alter table b_ts add column user_id uuid, add column user_name text, add column team_id uuid,
                 add column creator uuid, add column creator_name text,
                 add column approver uuid, add column approver_name text,
                 add column job_id uuid, add column type_id uuid, add column type_name text, add column rate numeric(10, 2),
                 add column b timestamptz, add column n int;
update b_ts t set user_id = w.user_id, user_name = w.name, team_id = w.team_id,
                  creator = case when w.role = 'technician' and t.i % 20 = 7 then m.user_id else w.user_id end,
                  creator_name = case when w.role = 'technician' and t.i % 20 = 7 then m.name else w.name end,
                  approver = case when w.role = 'manager' then t.admin_id else m.user_id end,
                  approver_name = case when w.role = 'manager' then t.admin_name else m.name end,
                  job_id = jb.id, type_id = ty.type_id, type_name = ty.type_name, rate = ty.rate,
                  b = date_trunc('milliseconds', least(t.work_date + interval '16 hours' + t.slot * interval '30 minutes'
                                + (t.i % {workers}) * interval '1 minute',
                            now() - interval '10 minutes' - (t.i % 600) * interval '1 second')),
                  n = case when t.s = 0 then 1 + (1 - t.i % 2) when t.s in (1, 2) then 2 when t.s = 3 then 3
                           when t.s = 4 then 6 else 3 end
from b_people w, b_people m, b_jobs jb, b_types ty
where w.org_no = t.org_no and w.w_no = t.i % {workers}
  and m.org_no = t.org_no and m.role = 'manager' and m.team_no = w.team_no
  and jb.org_no = t.org_no
  and jb.j = (case when w.role = 'technician' then w.w_no else w.team_no * 5 + (t.i / {workers}) % 5 end)
             + 10 * ((t.i / {workers}) % ({jobs_per_org} / 10))
  and ty.org_no = t.org_no and ty.type_no = (t.i * 7 + (t.h >> 16)) % 8;

-- rows as TimesheetProjection leaves them: a draft has no rate, name or amount; the rest carry the submit's snapshot
insert into timesheets (id, org_id, user_id, user_name, team_id, job_id, activity_type_id, activity_type_name,
                        work_date, hours, hourly_rate, amount, status, notes, submitted_at, approved_by, approved_at,
                        rejected_reason, created_at, updated_at, version)
select id, org_id, user_id, user_name, team_id, job_id, type_id, case when s = 0 then null else type_name end,
       work_date, hours, case when s = 0 then null else rate end,
       case when s = 0 then null else pg_temp.half_even(hours * rate) end,
       case when s = 0 then 'draft' when s in (1, 2) then 'submitted' when s = 3 then 'rejected' else 'approved' end,
       case when s = 0 and i % 2 = 0 then 'Waiting for parts' end,
       case when s = 0 then null when s = 4 then pg_temp.ev(b, 4) else pg_temp.ev(b, 1) end,
       case when s >= 4 then approver end,
       case when s = 4 then pg_temp.ev(b, 5) when s >= 5 then pg_temp.ev(b, 2) end,
       case when s = 3 then 'Hours do not match the job sheet' end,
       b, pg_temp.ev(b, n - 1), n - 1
from b_ts;

insert into timesheet_day_hours (timesheet_id, org_id, user_id, work_date, hours)
select id, org_id, user_id, work_date, hours from b_ts;

-- the timesheets' events. A reworked entry (s = 4) was created with 0.50 h more, submitted, rejected, edited
-- down to its hours, submitted again and approved.
insert into b_log (id, org_id, user_id, user_name, action, resource_type, resource_id, resource_name, details,
                          subject_user_id, team_id, created_at, k, event_class, payload)
select gen_random_uuid(), org_id, v.actor, v.actor_name, v.action, 'timesheet', id,
       pg_temp.ts_name(user_name, work_date, v.hrs, type_name), v.details, user_id, team_id, pg_temp.ev(b, v.k),
       v.k, v.event_class, v.payload
from b_ts x cross join lateral (select case when x.s = 4 then x.hours + 0.50 else x.hours end as first_hours) f
  cross join lateral (values
    ('timesheet_created', 0, creator, creator_name, f.first_hours, '{{"status": {{"old": null, "new": "draft"}}}}'::jsonb,
     'timesheet.TimesheetCreated',
     json_build_object('timesheetId', id, 'orgId', org_id, 'userId', user_id, 'userName', user_name,
                       'teamId', team_id, 'jobId', job_id, 'activityTypeId', type_id, 'workDate', work_date,
                       'hours', f.first_hours, 'notes', null)),
    ('timesheet_updated', case when s = 0 and i % 2 = 0 then 1 end, user_id, user_name, hours,
     jsonb_build_object('timesheet_id', id, 'org_id', org_id,
                        'notes', jsonb_build_object('old', null, 'new', 'Waiting for parts')),
     'timesheet.TimesheetUpdated',
     json_build_object('timesheetId', id, 'orgId', org_id, 'jobId', null, 'activityTypeId', null, 'workDate', null,
                       'hours', null, 'notes', json_build_object('old', null, 'new', 'Waiting for parts'))),
    ('timesheet_submitted', case when s >= 1 then 1 end, user_id, user_name, f.first_hours,
     jsonb_build_object('status', 'submitted', 'hours', f.first_hours, 'hourly_rate', rate,
                        'amount', pg_temp.half_even(f.first_hours * rate)),
     'timesheet.TimesheetSubmitted',
     pg_temp.snapshot(id, org_id, user_id, user_name, team_id, job_id, type_id, type_name, work_date, f.first_hours,
                      rate, 'submitted', pg_temp.ev(b, 1), null, null, null, b, pg_temp.ev(b, 1))),
    ('timesheet_rejected', case when s in (3, 4) then 2 end, approver, approver_name, f.first_hours,
     jsonb_build_object('status', 'rejected', 'hours', f.first_hours, 'hourly_rate', rate,
                        'amount', pg_temp.half_even(f.first_hours * rate),
                        'rejected_reason', 'Hours do not match the job sheet'),
     'timesheet.TimesheetRejected',
     pg_temp.snapshot(id, org_id, user_id, user_name, team_id, job_id, type_id, type_name, work_date, f.first_hours,
                      rate, 'rejected', pg_temp.ev(b, 1), null, null, 'Hours do not match the job sheet', b,
                      pg_temp.ev(b, 2))),
    ('timesheet_updated', case when s = 4 then 3 end, user_id, user_name, hours,
     jsonb_build_object('timesheet_id', id, 'org_id', org_id,
                        'hours', jsonb_build_object('old', f.first_hours, 'new', hours)),
     'timesheet.TimesheetUpdated',
     json_build_object('timesheetId', id, 'orgId', org_id, 'jobId', null, 'activityTypeId', null, 'workDate', null,
                       'hours', json_build_object('old', f.first_hours, 'new', hours), 'notes', null)),
    ('timesheet_submitted', case when s = 4 then 4 end, user_id, user_name, hours,
     jsonb_build_object('status', 'submitted', 'hours', hours, 'hourly_rate', rate,
                        'amount', pg_temp.half_even(hours * rate)),
     'timesheet.TimesheetSubmitted',
     pg_temp.snapshot(id, org_id, user_id, user_name, team_id, job_id, type_id, type_name, work_date, hours, rate,
                      'submitted', pg_temp.ev(b, 4), null, null, null, b, pg_temp.ev(b, 4))),
    ('timesheet_approved', case when s = 4 then 5 when s >= 5 then 2 end, approver, approver_name, hours,
     jsonb_build_object('status', 'approved', 'hours', hours, 'hourly_rate', rate,
                        'amount', pg_temp.half_even(hours * rate)),
     'timesheet.TimesheetApproved',
     pg_temp.snapshot(id, org_id, user_id, user_name, team_id, job_id, type_id, type_name, work_date, hours, rate,
                      'approved', pg_temp.ev(b, case when s = 4 then 4 else 1 end), approver,
                      pg_temp.ev(b, case when s = 4 then 5 else 2 end), null, b,
                      pg_temp.ev(b, case when s = 4 then 5 else 2 end)))
  ) as v(action, k, actor, actor_name, hrs, details, event_class, payload)
where v.k is not null;

-- ------------------------------------------------------------------------------------------------ projects
-- facts of an internal project service: no read model of their own, rows without subject or team (admins and
-- analysts see them). project_updated rows fill the log up to {activity_total} rows (0: no filling).
create temp table b_projects on commit drop as
select o.org_no, o.org_id, p, gen_random_uuid() as id,
       now() - interval '1 minute' - ((p::bigint * 40503 + o.org_no * 131) % (365 * 86400)) * interval '1 second' as b,
       'Project ' || o.org_no || '-' || p || ' ' || (array['Fit-out', 'Refurbishment', 'Maintenance contract',
           'New build', 'Upgrade'])[1 + p % 5] as name
from b_orgs o cross join generate_series(0, {projects_per_org} - 1) p;
create index on b_projects (org_no, p);

insert into b_log (id, org_id, user_id, user_name, action, resource_type, resource_id, resource_name, details,
                          subject_user_id, team_id, created_at)
select gen_random_uuid(), org_id, null, '{project_source}', 'project_created', 'project', id, name,
       '{{"status": {{"old": null, "new": "planned"}}}}'::jsonb, null, null, b
from b_projects;

do $$
declare
  fill bigint := {activity_total} - (select count(*) from activity_log) - (select count(*) from b_log);
begin
  if {activity_total} = 0 then
    return;
  end if;
  if fill < 0 then
    raise exception 'activity_log already has % rows more than the requested total', -fill;
  end if;
  insert into b_log (id, org_id, user_id, user_name, action, resource_type, resource_id, resource_name,
                            details, subject_user_id, team_id, created_at)
  select gen_random_uuid(), pr.org_id, null, '{project_source}', 'project_updated', 'project', pr.id, pr.name,
         case k % 3 when 0 then '{{"status": {{"old": "planned", "new": "active"}}}}'::jsonb
                    when 1 then jsonb_build_object('budget', jsonb_build_object('old', 1000 + k % 900,
                                                                                'new', 1200 + k % 900))
                    else jsonb_build_object('due_date', jsonb_build_object('old', '2026-12-01', 'new', '2027-01-15'))
         end,
         null, null,
         pr.b + (now() - pr.b) * (((k * 7919) % 1000 + 1) / 1001.0)
  from generate_series(0, fill - 1) k
  join b_projects pr on pr.org_no = k % {orgs} and pr.p = (k / {orgs}) % {projects_per_org};
end $$;

insert into activity_log (id, org_id, user_id, user_name, action, resource_type, resource_id, resource_name, details,
                          subject_user_id, team_id, created_at)
select id, org_id, user_id, user_name, action, resource_type, resource_id, resource_name, details, subject_user_id,
       team_id, created_at
from b_log order by created_at, id;

-- ------------------------------------------------------------------------------------------------ dashboard counters
-- The counters as the stats projection leaves them after those histories (per organisation, team and person): jobs
-- not cancelled and submitted entries; revenue of submitted and approved entries by work date; completions in
-- 15-minute buckets. POST /api/dashboard/refresh rebuilds them from the event store: the bench checks it finds
-- the same. Recomputed from every row of the read models, so whatever was counted before is replaced.
delete from dashboard_totals;
delete from dashboard_revenue;
delete from dashboard_completions;
insert into dashboard_totals (org_id, scope, scope_id, total_jobs, pending_approvals)
select org_id, scope, scope_id, sum(jobs), sum(pending) from (
    select org_id, 'org' as scope, org_id as scope_id, 1 as jobs, 0 as pending from jobs where status <> 'cancelled'
    union all select org_id, 'team', assignee_team_id, 1, 0 from jobs
    where status <> 'cancelled' and assignee_team_id is not null
    union all select org_id, 'user', assignee_id, 1, 0 from jobs where status <> 'cancelled' and assignee_id is not null
    union all select org_id, 'org', org_id, 0, 1 from timesheets where status = 'submitted'
    union all select org_id, 'team', team_id, 0, 1 from timesheets where status = 'submitted' and team_id is not null
    union all select org_id, 'user', user_id, 0, 1 from timesheets where status = 'submitted'
) counted group by org_id, scope, scope_id;

insert into dashboard_revenue (org_id, scope, scope_id, work_date, revenue)
select org_id, scope, scope_id, work_date, sum(amount) from (
    select org_id, 'org' as scope, org_id as scope_id, work_date, amount from timesheets
    where status in ('submitted', 'approved')
    union all select org_id, 'team', team_id, work_date, amount from timesheets
    where status in ('submitted', 'approved') and team_id is not null
    union all select org_id, 'user', user_id, work_date, amount from timesheets where status in ('submitted', 'approved')
) earned group by org_id, scope, scope_id, work_date;

insert into dashboard_completions (org_id, scope, scope_id, bucket, completed)
select org_id, scope, scope_id, date_bin('15 minutes', status_changed_at, timestamptz '2000-01-01 00:00:00+00'),
       count(*) from (
    select org_id, 'org' as scope, org_id as scope_id, status_changed_at from jobs where status = 'completed'
    union all select org_id, 'team', assignee_team_id, status_changed_at from jobs
    where status = 'completed' and assignee_team_id is not null
    union all select org_id, 'user', assignee_id, status_changed_at from jobs
    where status = 'completed' and assignee_id is not null
) done group by org_id, scope, scope_id, 4;

-- ------------------------------------------------------------------------------------------------ event store
-- The jobs' and timesheets' events, so that the event store (the source of truth: POST /api/dashboard/refresh
-- rebuilds the dashboard from it) holds what the read models show. A row as Axon's JPA event store writes it: the
-- feed row's id is the event's id, the payload and metadata the JSON of Axon's Jackson serializer (same fields,
-- order and value formats; only insignificant blanks differ), the time to the millisecond, the aggregate's
-- sequence numbers from 0, global order by time. The command side is stopped meanwhile (bench/dashboard.sh), and
-- the kafka-publisher's tokens are moved past these events: they are history the read models already show, not
-- news to publish. Project facts are left out: no read model of theirs is rebuilt from the store.
do $$ begin
  if not exists (select 1 from token_entry where processor_name = 'kafka-publisher')
     or exists (select 1 from token_entry where processor_name = 'kafka-publisher'
                and (token_type is distinct from 'org.axonframework.eventhandling.GapAwareTrackingToken'
                     or (convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint
                        < (select max(global_index) from domain_event_entry))) then
    raise exception 'the kafka-publisher has not published every event yet: generate the dataset once it has';
  end if;
end $$;

insert into domain_event_entry (global_index, event_identifier, meta_data, payload, payload_revision, payload_type,
                                time_stamp, aggregate_identifier, sequence_number, type)
select nextval('domain_event_entry_seq'), e.* from (
  select id::text,
         convert_to(json_build_object('orgId', org_id, 'actorId', user_id, 'actorName', user_name)::text, 'UTF8'),
         convert_to(payload::text, 'UTF8'), null::text, 'com.fieldops.events.' || event_class,
         to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), resource_id::text,
         row_number() over (partition by resource_id order by k) - 1,
         case resource_type when 'job' then 'Job' else 'Timesheet' end
  from b_log where event_class is not null
  order by created_at, resource_id, k) e;

update token_entry
set token = convert_to(json_build_object('index', (select max(global_index) from domain_event_entry),
                                         'gaps', json_build_array())::text, 'UTF8')
where processor_name = 'kafka-publisher';

commit;
"""


def cmd_sql(args):
    people = read_people(args.people)
    orgs = len({p["org_id"] for p in people})
    for total, name in ((args.timesheets, "timesheets"), (args.jobs, "jobs")):
        if total % orgs:
            raise SystemExit(f"--{name} must be a multiple of the {orgs} organisations")
    jobs_per_org = args.jobs // orgs
    if jobs_per_org % 10:
        raise SystemExit("--jobs per organisation must be a multiple of 10")
    if args.timesheets // orgs > WORKERS * args.days * 3:
        raise SystemExit(f"--timesheets: at most 3 entries per person and day, {WORKERS * args.days * 3} per "
                         f"organisation over {args.days} days")
    values = ",\n".join(
        "(" + ", ".join([p["org_no"], sql_text(p["org_id"]), sql_text(p["role"]), sql_text(p["user_id"]),
                         sql_text(p["team_id"]) if p["team_id"] else "null", p["team_no"], p["w_no"],
                         sql_text(p["name"])]) + ")"
        for p in people)
    print(SQL.format(people=values, orgs=orgs, workers=WORKERS, jobs_per_org=jobs_per_org,
                     ts_per_org=args.timesheets // orgs, projects_per_org=args.projects // orgs,
                     days=args.days, activity_total=args.activity, job_source=args.job_source, project_source=args.project_source))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("people")
    p.add_argument("--orgs", type=int, default=20)
    p.add_argument("--seed", default="fieldops-bench-issue-3")
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_people)
    p = sub.add_parser("sql")
    p.add_argument("--people", required=True)
    p.add_argument("--timesheets", type=int, default=200_000)
    p.add_argument("--jobs", type=int, default=50_000)
    p.add_argument("--projects", type=int, default=25_000, help="projects (created rows); updates fill the log")
    p.add_argument("--activity", type=int, default=1_000_000, help="activity_log rows in total, those already "
                                                                    "there (the activity types' own) included; "
                                                                    "0: only the jobs' and timesheets' rows")
    p.add_argument("--days", type=int, default=365, help="work dates and job starts spread over this many days")
    p.add_argument("--job-source", default="/services/dispatch")
    p.add_argument("--project-source", default="/services/projects")
    p.set_defaults(func=cmd_sql)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    sys.exit(main())
