-- The head of each project's audit chain. Appends lock this row (not the project's), so concurrent changes that
-- insert rows referencing the project (which on PostgreSQL take a key-share lock on it) cannot deadlock.
create table audit_head (
    project_id bigint primary key,
    last_seq   bigint not null,
    last_hash  varchar(64) not null
);

insert into audit_head (project_id, last_seq, last_hash)
select e.project_id, e.seq, e.hash from audit_event e
where e.seq = (select max(x.seq) from audit_event x where x.project_id = e.project_id);
