\echo ===== manager, first page: the feed query as the app sends it, values bound (a custom plan)
begin; select set_config('role','fieldops_reader',true), set_config('request.jwt.claims','{"sub":"a41254f3-d221-57f0-8dd1-c0c54124db65","role":"authenticated","app_metadata":{"org_id":"49ccd91b-706b-5f84-801e-2c863b71f0ec","role":"manager","team_id":"cb7c6714-6d01-514c-9b44-bf9707ebc758"}}',true) \gset
explain (analyze, buffers) select id, user_id, user_name, action, resource_type, resource_id, resource_name, details::text as details, created_at
from activity_log where org_id = '49ccd91b-706b-5f84-801e-2c863b71f0ec' and (false or user_id = 'a41254f3-d221-57f0-8dd1-c0c54124db65' or subject_user_id = 'a41254f3-d221-57f0-8dd1-c0c54124db65' or (true and team_id = 'cb7c6714-6d01-514c-9b44-bf9707ebc758'))
and (cast(null as uuid) is null or user_id = null) and (cast(null as text) is null or resource_type = null) and (cast(null as uuid) is null or resource_id = null)
and (cast(null as timestamptz) is null or (created_at, id) < (cast(null as timestamptz), cast(null as uuid)))
order by created_at desc, id desc limit 20 offset 0;
rollback;
\echo ===== the same without RLS (superuser) and with the scope written as the team index allows
explain (analyze, buffers) select id from activity_log where org_id = '49ccd91b-706b-5f84-801e-2c863b71f0ec' and team_id = 'cb7c6714-6d01-514c-9b44-bf9707ebc758' order by created_at desc, id desc limit 20;
\echo ===== technician, first page
begin; select set_config('role','fieldops_reader',true), set_config('request.jwt.claims','{"sub":"c988de40-84a2-5471-acb6-079359d8564d","role":"authenticated","app_metadata":{"org_id":"49ccd91b-706b-5f84-801e-2c863b71f0ec","role":"technician","team_id":"cb7c6714-6d01-514c-9b44-bf9707ebc758"}}',true) \gset
explain (analyze, buffers) select id, user_id, user_name, action, resource_type, resource_id, resource_name, details::text as details, created_at
from activity_log where org_id = '49ccd91b-706b-5f84-801e-2c863b71f0ec' and (false or user_id = 'c988de40-84a2-5471-acb6-079359d8564d' or subject_user_id = 'c988de40-84a2-5471-acb6-079359d8564d' or (false and team_id = null))
and (cast(null as uuid) is null or user_id = null) and (cast(null as text) is null or resource_type = null) and (cast(null as uuid) is null or resource_id = null)
and (cast(null as timestamptz) is null or (created_at, id) < (cast(null as timestamptz), cast(null as uuid)))
order by created_at desc, id desc limit 20 offset 0;
rollback;
\echo ===== admin, offset 10000
begin; select set_config('role','fieldops_reader',true), set_config('request.jwt.claims','{"sub":"e680ea6c-d7f0-5d58-8303-4be6f9d82579","role":"authenticated","app_metadata":{"org_id":"49ccd91b-706b-5f84-801e-2c863b71f0ec","role":"admin"}}',true) \gset
explain (analyze, buffers) select id, user_id, user_name, action, resource_type, resource_id, resource_name, details::text as details, created_at
from activity_log where org_id = '49ccd91b-706b-5f84-801e-2c863b71f0ec' and (true or user_id = 'e680ea6c-d7f0-5d58-8303-4be6f9d82579' or subject_user_id = 'e680ea6c-d7f0-5d58-8303-4be6f9d82579' or (false and team_id = null))
and (cast(null as uuid) is null or user_id = null) and (cast(null as text) is null or resource_type = null) and (cast(null as uuid) is null or resource_id = null)
and (cast(null as timestamptz) is null or (created_at, id) < (cast(null as timestamptz), cast(null as uuid)))
order by created_at desc, id desc limit 20 offset 10000;
rollback;
\echo ===== admin, first page
begin; select set_config('role','fieldops_reader',true), set_config('request.jwt.claims','{"sub":"e680ea6c-d7f0-5d58-8303-4be6f9d82579","role":"authenticated","app_metadata":{"org_id":"49ccd91b-706b-5f84-801e-2c863b71f0ec","role":"admin"}}',true) \gset
explain (analyze, buffers) select id, user_id, user_name, action, resource_type, resource_id, resource_name, details::text as details, created_at
from activity_log where org_id = '49ccd91b-706b-5f84-801e-2c863b71f0ec' and (true or user_id = 'e680ea6c-d7f0-5d58-8303-4be6f9d82579' or subject_user_id = 'e680ea6c-d7f0-5d58-8303-4be6f9d82579' or (false and team_id = null))
and (cast(null as uuid) is null or user_id = null) and (cast(null as text) is null or resource_type = null) and (cast(null as uuid) is null or resource_id = null)
and (cast(null as timestamptz) is null or (created_at, id) < (cast(null as timestamptz), cast(null as uuid)))
order by created_at desc, id desc limit 20 offset 0;
rollback;
\echo ===== counts
select count(*) filter (where team_id = 'cb7c6714-6d01-514c-9b44-bf9707ebc758') team_rows, count(*) filter (where user_id = 'c988de40-84a2-5471-acb6-079359d8564d' or subject_user_id = 'c988de40-84a2-5471-acb6-079359d8564d') tech_rows, count(*) org_rows from activity_log where org_id = '49ccd91b-706b-5f84-801e-2c863b71f0ec';
show work_mem; show shared_buffers;
