-- activity_log rows for EXPLAIN-ing the feed query (bench/feed_explain.sh), shaped like the issue-3 dataset of
-- bench/dashboard_dataset.py but without its other read models: :orgs organisations (default 20) of :per_org rows
-- (default 50,000), each an admin and 2 teams of a manager and 5 technicians, over the last 365 days, appended in
-- time order as the projection appends them. Per organisation:
--   30 % project facts (no user, subject or team: only admins and analysts see them)
--   12 % job facts of an internal service (no user; subject = a technician, team = theirs)
--   58 % timesheet facts of the 12 workers (subject = the owner, team = theirs); the actor is the owner (70 %) or
--        the approver (30 %): the team's manager for a technician's entry, the admin for a manager's
-- which gives a manager ~17,500 team rows, ~5,300 of their own actions and ~2,400 about them, a technician
-- ~1,700 of their own and ~3,000 about them (the issue-3 run: 18,707 team rows; manager 5,328 / 2,496).
-- People have deterministic ids (feed_person(org, role, n)), so feed_explain.sh can name them.
\set ON_ERROR_STOP on
\if :{?orgs} \else \set orgs 20 \endif
\if :{?per_org} \else \set per_org 50000 \endif
set synchronous_commit = off;
set work_mem = '256MB';
set maintenance_work_mem = '256MB';

create or replace function feed_person(org int, role text, n int) returns uuid language sql immutable as $$
    select md5('feed-bench/' || org || '/' || role || '/' || n)::uuid $$;

begin;
create temp table b_log on commit drop as
with rows as (
    select o, k, (k::bigint * 2654435761 + o * 7919) % 4294967296 as h
    from generate_series(0, :orgs - 1) o cross join generate_series(0, :per_org - 1) k
), kinds as (
    select o, k, h,
           case when k % 100 < 30 then 'project' when k % 100 < 42 then 'job' else 'timesheet' end as kind,
           (h >> 4) % case when k % 100 < 42 then 10 else 12 end as worker,  -- 0..9 technicians, 10..11 managers
           (h >> 12) % 10 < 3 as by_approver
    from rows
)
select gen_random_uuid() as id, feed_person(o, 'org', 0) as org_id,
       case when kind = 'timesheet' and not by_approver then feed_person(o, 'worker', worker::int)
            when kind = 'timesheet' and worker < 10 then feed_person(o, 'worker', 10 + worker::int / 5)
            when kind = 'timesheet' then feed_person(o, 'admin', 0) end as user_id,
       case kind when 'timesheet' then 'Worker ' || worker else '/services/' || kind || 's' end as user_name,
       kind || case when kind = 'timesheet' and by_approver then '_approved' else '_updated' end as action,
       kind as resource_type,
       md5('feed-bench/resource/' || o || '/' || kind || '/' || (h >> 8) % 5000)::uuid as resource_id,
       initcap(kind) || ' ' || o || '-' || (h >> 8) % 5000 || ' for Harbour Cafe #' || (h >> 16) % 400 as resource_name,
       jsonb_build_object('status', jsonb_build_object('old', 'draft', 'new', 'submitted'), 'hours', (h % 700) / 100.0,
                          'hourly_rate', 95.5) as details,
       case when kind <> 'project' then feed_person(o, 'worker', worker::int) end as subject_user_id,
       case when kind = 'project' then null
            when worker < 10 then feed_person(o, 'team', worker::int / 5)
            else feed_person(o, 'team', worker::int - 10) end as team_id,
       date_trunc('second', now()) - ((h >> 3) % (365 * 86400)) * interval '1 second' as created_at
from kinds;
insert into activity_log select * from b_log order by created_at, id;
commit;
analyze activity_log;
