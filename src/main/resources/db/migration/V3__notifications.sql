-- Outbox of notifications to people and groups; channels (mail, chat, webhooks) deliver from here.
create table cf_notification (
    id          varchar(36)   not null primary key,
    created_at  timestamp     not null,
    recipient   varchar(255)  not null,
    recipient_type varchar(16) not null,
    change_id   varchar(64),
    subject     varchar(500)  not null,
    body        varchar(4000) not null
);
create index cf_notification_recipient on cf_notification (recipient, created_at);
