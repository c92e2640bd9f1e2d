-- Supabase's auth.jwt() and auth.uid(), created only where they are absent, so the same migrations
-- run on a Supabase database (which has them) and on plain PostgreSQL (which does not).
create schema if not exists auth;

do $do$
begin
    if not exists (select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                   where n.nspname = 'auth' and p.proname = 'jwt') then
        create function auth.jwt() returns jsonb language sql stable as $f$
            select coalesce(nullif(current_setting('request.jwt.claim', true), ''),
                            nullif(current_setting('request.jwt.claims', true), ''))::jsonb
        $f$;
    end if;
    if not exists (select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                   where n.nspname = 'auth' and p.proname = 'uid') then
        create function auth.uid() returns uuid language sql stable as $f$
            select coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
                            (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'))::uuid
        $f$;
    end if;
end
$do$;

-- The role the query side reads as: no BYPASSRLS, so the policies decide what a caller sees even when a
-- query forgets its WHERE clause. Roles are cluster-wide, hence the existence check.
do $do$
begin
    if not exists (select 1 from pg_roles where rolname = 'fieldops_reader') then
        create role fieldops_reader nologin nobypassrls;
    end if;
end
$do$;
grant fieldops_reader to current_user;
grant usage on schema public to fieldops_reader;
grant usage on schema auth to fieldops_reader;
grant execute on function auth.jwt() to fieldops_reader;
grant execute on function auth.uid() to fieldops_reader;

-- The application's own view of the caller's claims, for policies.
create function fieldops_claim_org() returns uuid language sql stable as $f$
    select nullif(auth.jwt() -> 'app_metadata' ->> 'org_id', '')::uuid
$f$;
create function fieldops_claim_role() returns text language sql stable as $f$
    select auth.jwt() -> 'app_metadata' ->> 'role'
$f$;
grant execute on function fieldops_claim_org() to fieldops_reader;
grant execute on function fieldops_claim_role() to fieldops_reader;
