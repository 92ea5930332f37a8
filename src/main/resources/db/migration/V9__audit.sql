-- Audit trail (issue 6). Append-only: rows are written in the engine's transaction and never updated; a chain is
-- deleted only as a whole, by the retention purge, which leaves a tombstone. A change has one chain per retention
-- class ("<change id>" for requests, approvals and rollbacks: 3 years; "<change id>/deployment" for deployment logs:
-- 1 year), so writers of different changes never wait for each other.
create table cf_audit_chain (
    chain_id        varchar(80)   not null primary key,
    change_id       varchar(64)   not null,
    retention_class varchar(16)   not null,
    head_seq        integer       not null,
    head_hash       varchar(64)   not null,
    started_at      timestamp     not null,
    last_at         timestamp     not null
);
create index cf_audit_chain_change on cf_audit_chain (change_id);
create index cf_audit_chain_last on cf_audit_chain (retention_class, last_at);

-- hash = SHA-256 over the row's canonical content and prev_hash, the hash of the chain's previous row
create table cf_audit_event (
    chain_id            varchar(80)   not null,
    seq                 integer       not null,
    change_id           varchar(64)   not null,
    occurred_at         timestamp     not null,
    event_type          varchar(64)   not null,
    actor               varchar(128),
    process_instance_id varchar(64),
    activity_id         varchar(255),
    activity_name       varchar(255),
    task_id             varchar(64),
    details             text          not null,
    prev_hash           varchar(64)   not null,
    hash                varchar(64)   not null,
    primary key (chain_id, seq)
);
create index cf_audit_event_change on cf_audit_event (change_id, occurred_at);
create index cf_audit_event_time on cf_audit_event (occurred_at);

-- Anchors: every so often, one hash over the heads of all chains that grew since the last anchor and over the
-- previous anchor. Deleting the newest rows of a chain (which its own links cannot show) breaks an anchor.
create table cf_audit_anchor (
    seq        integer       not null primary key,
    created_at timestamp     not null,
    chains     integer       not null,
    prev_hash  varchar(64)   not null,
    hash       varchar(64)   not null
);
create table cf_audit_anchor_head (
    anchor_seq integer      not null,
    chain_id   varchar(80)  not null,
    head_seq   integer      not null,
    head_hash  varchar(64)  not null,
    primary key (anchor_seq, chain_id)
);
create index cf_audit_anchor_head_chain on cf_audit_anchor_head (chain_id, head_seq);

-- What the retention purge removed: the anchored heads of a purged chain still verify against this tombstone
create table cf_audit_purge (
    chain_id        varchar(80)   not null primary key,
    change_id       varchar(64)   not null,
    retention_class varchar(16)   not null,
    head_seq        integer       not null,
    head_hash       varchar(64)   not null,
    last_at         timestamp     not null,
    purged_at       timestamp     not null
);
