-- Every change, however it started (Tasklist, API, conversion, follow-up), with the phase tooling sees.
-- Portable SQL: runs on H2 and PostgreSQL 15.

-- The last change number given out per year. Incremented by an UPDATE in the transaction that creates the change:
-- the row lock serializes creates across engine nodes, and a create that rolls back gives its number back.
create table cf_change_counter (
    change_year  integer not null,
    last_number  integer not null,
    constraint cf_change_counter_pk primary key (change_year)
);

create table cf_change (
    change_id            varchar(20)              not null,
    category             varchar(20)              not null,
    -- the change's own process; a standard change converted to normal moves to the normal one
    process_instance_id  varchar(64)              not null,
    requester            varchar(255),
    title                varchar(4000),
    service              varchar(100),
    environment          varchar(100),
    incidents            varchar(1000),
    -- commit SHA or WASM hash the approvals are bound to; null when the request named none
    artifact             varchar(200),
    implementation       varchar(20)              not null,
    phase                varchar(20)              not null,
    -- the environment the running implementation step deploys to (a standard change rehearses in staging first)
    deploying_to         varchar(100),
    slot_start           timestamp with time zone,
    slot_end             timestamp with time zone,
    gate_state           varchar(20),
    gate_reason          varchar(4000),
    outcome              varchar(4000),
    successful           boolean,
    idempotency_key      varchar(255),
    request_hash         varchar(64),
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    closed_at            timestamp with time zone,
    constraint cf_change_pk primary key (change_id),
    constraint cf_change_idempotency unique (requester, idempotency_key)
);

create index cf_change_listing on cf_change (created_at);
create index cf_change_process on cf_change (process_instance_id);
