-- The policies call the claim functions once per query, not once per row: wrapped in a subselect, PostgreSQL runs
-- them as an InitPlan. Unwrapped, every row parsed the JWT claims again (measured: a manager's first feed page at
-- 50,000 rows took 7.8 s; an admin's, whose role branch short-circuits, 22 ms).
create function fieldops_claim_team() returns uuid language sql stable as $f$
    select nullif(auth.jwt() -> 'app_metadata' ->> 'team_id', '')::uuid
$f$;
grant execute on function fieldops_claim_team() to fieldops_reader;

drop policy activity_types_read on activity_types;
create policy activity_types_read on activity_types for select
    using (org_id = (select fieldops_claim_org())
           and (enabled or (select fieldops_claim_role()) = 'admin'));

drop policy organization_settings_read on organization_settings;
create policy organization_settings_read on organization_settings for select
    using (org_id = (select fieldops_claim_org()));

drop policy timesheets_read on timesheets;
create policy timesheets_read on timesheets for select
    using (org_id = (select fieldops_claim_org())
           and ((select fieldops_claim_role()) in ('admin', 'analyst')
                or user_id = (select auth.uid())
                or ((select fieldops_claim_role()) = 'manager' and team_id = (select fieldops_claim_team()))));

drop policy activity_log_read on activity_log;
create policy activity_log_read on activity_log for select
    using (org_id = (select fieldops_claim_org())
           and ((select fieldops_claim_role()) in ('admin', 'analyst')
                or user_id = (select auth.uid())
                or subject_user_id = (select auth.uid())
                or ((select fieldops_claim_role()) = 'manager' and team_id = (select fieldops_claim_team()))));

drop policy jobs_read on jobs;
create policy jobs_read on jobs for select
    using (org_id = (select fieldops_claim_org())
           and ((select fieldops_claim_role()) in ('admin', 'analyst')
                or assignee_id = (select auth.uid())
                or ((select fieldops_claim_role()) = 'manager'
                    and assignee_team_id = (select fieldops_claim_team()))));

drop policy dashboard_totals_read on dashboard_totals;
drop policy dashboard_revenue_read on dashboard_revenue;
drop policy dashboard_completions_read on dashboard_completions;
create policy dashboard_totals_read on dashboard_totals for select using (org_id = (select fieldops_claim_org()));
create policy dashboard_revenue_read on dashboard_revenue for select using (org_id = (select fieldops_claim_org()));
create policy dashboard_completions_read on dashboard_completions for select
    using (org_id = (select fieldops_claim_org()));
