-- Change reports (issue 7, 002 §10.2): one per kind and period, produced by the change-report process and kept as
-- the HTML that was sent, so a later look at "what did leadership see in March" shows exactly that.
create table cf_report (
    report_id    varchar(40)   not null primary key,
    kind         varchar(16)   not null,
    period_from  timestamp     not null,
    period_to    timestamp     not null,
    title        varchar(200)  not null,
    html         text          not null,
    -- the KPIs that missed their target, comma-separated labels; empty when none did
    breached     varchar(1000) not null,
    created_at   timestamp     not null,
    constraint cf_report_period unique (kind, period_from)
);
create index cf_report_created on cf_report (created_at);
