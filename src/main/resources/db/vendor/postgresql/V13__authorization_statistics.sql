-- PostgreSQL only (spring.flyway.locations: db/vendor/{vendor}); expression statistics need PostgreSQL 14 or later.
-- The engine's task query checks authorizations with PERMS_ & 2 = 2 (READ on the task) and PERMS_ & 64 = 64
-- (READ_TASK on the process definition). Without statistics on these expressions the planner assumes that 0.5 % of
-- the rows match, while every open candidate task has its own READ grant: after an ANALYZE it then compared every
-- open task with every grant, and the approver inbox at 20,000 open tasks took 44 s instead of 0.6 s
-- (docs/benchmarks.md).
create statistics cf_authorization_read on (perms_ & 2) from act_ru_authorization;
create statistics cf_authorization_read_task on (perms_ & 64) from act_ru_authorization;
analyze act_ru_authorization;
