-- The activity feed reads the caller's scope as one index walk per branch of the scope (the organisation; what the
-- caller did; what concerns them; their team's), newest first, and fetches table rows only for the page it returns
-- (ActivityFeedReadRepository). For a walk to be an index-only scan, every column the query and the row-level
-- security policy activity_log_read look at must be in the index: the policy is a filter on every scan, and it reads
-- user_id, subject_user_id and team_id. So the walks' indexes carry those columns (INCLUDE: stored, not ordered by),
-- and resource_type, the feed's filter that matches many rows (a walk filtered by it may pass thousands of entries).
-- Without them a page at offset 10,000 fetched 10,000 table rows; with them it reads index entries only (as long as
-- the visibility map marks the pages all-visible: see the autovacuum setting at the end).
drop index activity_log_feed_idx;
drop index activity_log_user_idx;
drop index activity_log_subject_idx;
drop index activity_log_team_idx;
drop index activity_log_resource_idx;

create index activity_log_feed_idx on activity_log (org_id, created_at desc, id desc)
    include (user_id, subject_user_id, team_id, resource_type);
create index activity_log_user_idx on activity_log (org_id, user_id, created_at desc, id desc)
    include (subject_user_id, team_id, resource_type);
create index activity_log_subject_idx on activity_log (org_id, subject_user_id, created_at desc, id desc)
    include (user_id, team_id, resource_type);
create index activity_log_team_idx on activity_log (org_id, team_id, created_at desc, id desc)
    include (user_id, subject_user_id, resource_type);
-- the resource_type filter alone: the old (org_id, resource_type, resource_id, …) index gave no time order for it
create index activity_log_resource_type_idx on activity_log (org_id, resource_type, created_at desc, id desc)
    include (user_id, subject_user_id, team_id);
-- the resource_id filter, with or without resource_type (a resource has a handful of entries)
create index activity_log_resource_idx on activity_log (org_id, resource_id, created_at desc, id desc);

-- activity_log is insert-only: autovacuum visits it only after inserts of 20 % of its size, and until then the newest
-- pages, those the feed reads most, are not all-visible and index-only scans fetch their rows from the table. At 1 %
-- the visibility map stays current; vacuuming an insert-only table skips the pages already all-visible.
alter table activity_log set (autovacuum_vacuum_insert_scale_factor = 0.01);
