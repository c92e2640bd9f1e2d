-- Query side: bumped by the activity_types projection in the same transaction as every change of an organisation's
-- price list. A reader compares it with the stamp of its cached list: one primary-key lookup instead of a list read.
create table activity_type_list_stamp (
    org_id uuid   primary key,
    stamp  bigint not null
);
