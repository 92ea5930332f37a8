-- Declared ("major event") and post-incident freezes (002 §8.2); holiday freezes are computed, not stored.
-- Portable SQL: runs on H2 and PostgreSQL 15.
create table cf_freeze (
    id            varchar(36)              not null,
    kind          varchar(20)              not null,
    name          varchar(200)             not null,
    reason        varchar(2000)            not null,
    starts_at     timestamp with time zone not null,
    -- the planned end (exclusive); a freeze ended early keeps it and is in force until ended_at
    ends_at       timestamp with time zone not null,
    -- comma-separated catalogue names; empty means all
    services      varchar(2000)            not null,
    environments  varchar(2000)            not null,
    -- post-incident freezes only: the incident they follow
    incident      varchar(100),
    declared_by   varchar(255)             not null,
    declared_at   timestamp with time zone not null,
    ended_by      varchar(255),
    ended_at      timestamp with time zone,
    constraint cf_freeze_pk primary key (id),
    constraint cf_freeze_kind check (kind in ('DECLARED', 'POST_INCIDENT')),
    constraint cf_freeze_inverted check (ends_at > starts_at),
    constraint cf_freeze_incident check ((kind = 'POST_INCIDENT' and incident is not null)
        or (kind <> 'POST_INCIDENT' and incident is null))
);

-- one post-incident freeze per incident, even when two people declare it at once
create unique index cf_freeze_incident_uq on cf_freeze (incident);

create index cf_freeze_starts_at on cf_freeze (starts_at);
