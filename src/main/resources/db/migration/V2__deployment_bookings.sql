-- The slot each scheduled change holds; the planner keeps other changes on the same service and environment out.
-- Portable SQL: runs on H2 and PostgreSQL 15.
create table cf_booking (
    change_id          varchar(64)              not null,
    title              varchar(4000)            not null,
    -- null: the change did not say, so it collides with every service (or environment)
    service            varchar(100),
    environment        varchar(100),
    starts_at          timestamp with time zone not null,
    ends_at            timestamp with time zone not null,
    deployment_window  varchar(20)              not null,
    constraint cf_booking_pk primary key (change_id),
    constraint cf_booking_inverted check (ends_at > starts_at)
);

create index cf_booking_starts_at on cf_booking (starts_at);
