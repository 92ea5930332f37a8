-- The append-only action log of emergency changes (002 §4.3 "document actions in real time"): rows are inserted,
-- never updated or deleted. Portable SQL: runs on H2 and PostgreSQL 15.
create table cf_action_log (
    id         varchar(36)   not null primary key,
    change_id  varchar(64)   not null,
    at         timestamp     not null,
    author     varchar(255)  not null,
    entry      varchar(4000) not null
);
create index cf_action_log_change on cf_action_log (change_id, at);
