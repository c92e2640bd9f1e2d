-- POST /api/dashboard/refresh replays one organisation's events from the event store. The organisation is in each
-- event's metadata (key orgId, correlation data of the command that caused it; AxonEventFormat), which Axon's
-- Jackson serializer writes as a JSON object. An expression index on it finds the organisation's events in global
-- order without deserializing the whole store, and costs the writer no extra table or trigger.
--
-- convert_from is only STABLE because it depends on the database's encoding, which never changes for a database:
-- the wrapper may therefore be declared IMMUTABLE, as an index expression requires.
create function fieldops_event_org(meta_data bytea) returns text
    language sql immutable strict parallel safe
    as $$ select convert_from(meta_data, 'UTF8')::jsonb ->> 'orgId' $$;

create index domain_event_entry_org_idx on domain_event_entry (fieldops_event_org(meta_data), global_index);
