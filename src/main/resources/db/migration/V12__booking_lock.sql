-- One row that planners lock (select ... for update) while they plan and book a slot: on several nodes, or several
-- job threads, two changes scheduled at once would otherwise both see the same slot free and both book it.
create table cf_booking_lock (
    id integer not null primary key
);
insert into cf_booking_lock (id) values (1);
