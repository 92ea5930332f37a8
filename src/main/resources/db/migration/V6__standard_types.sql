-- How each standard change ended, and the demotions of standard types that failed too often (issue 4).
create table cf_standard_execution (
    change_id     varchar(64)  not null primary key,
    standard_type varchar(40)  not null,
    failed        boolean      not null,
    finished_at   timestamp    not null
);
create index cf_standard_execution_type on cf_standard_execution (standard_type, finished_at);

create table cf_standard_demotion (
    id                varchar(36)   not null primary key,
    standard_type     varchar(40)   not null,
    demoted_at        timestamp     not null,
    reason            varchar(2000) not null,
    reapproved_at     timestamp,
    reapproved_by     varchar(64),
    reapproval_reason varchar(2000)
);
create index cf_standard_demotion_type on cf_standard_demotion (standard_type);
