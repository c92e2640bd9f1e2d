-- Command side: inbound events from internal services already received, by their CloudEvents identity
-- (source, id). A row is written in the same transaction as the events the inbound fact became, so a re-sent
-- event is recognised and changes nothing, and a crash between the two leaves neither.
create table inbound_received (
    source      text        not null,
    event_id    text        not null,
    type        text        not null,
    org_id      uuid        not null,
    received_at timestamptz not null default now(),
    primary key (source, event_id)
);
