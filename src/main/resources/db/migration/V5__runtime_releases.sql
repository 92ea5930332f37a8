-- Runtime releases enacted on chain: a runtime upgrade must propose a spec version above the last enacted one of its
-- spec name. Written when the migration reports the enacted version, so it counts even if verification fails later.
-- Portable SQL: runs on H2 and PostgreSQL 15.
create table cf_runtime_release (
    spec_name     varchar(100)             not null,
    spec_version  bigint                   not null,
    wasm_hash     varchar(66)              not null,
    change_id     varchar(64)              not null,
    enacted_at    timestamp with time zone not null,
    constraint cf_runtime_release_pk primary key (spec_name, spec_version)
);
