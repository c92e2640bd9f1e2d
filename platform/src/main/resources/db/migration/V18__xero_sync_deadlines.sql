-- Command side: the Xero sync saga's persistent deadlines (Axon's DbSchedulerDeadlineManager on db-scheduler 16.7,
-- its PostgreSQL table as published by db-scheduler), and how far each organisation's record types have been read
-- from Xero (docs/decisions.md "Xero sync saga").
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time_idx on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- One row per organisation and record type (items, invoices): an incremental read asks Xero for what changed since
-- modified_since (If-Modified-Since); full_pass_at says when every record was last read (the periodic full pass).
create table xero_sync_watermark (
    org_id         uuid                     not null,
    record_type    text                     not null,
    modified_since timestamp with time zone not null,
    full_pass_at   timestamp with time zone,
    primary key (org_id, record_type)
);
