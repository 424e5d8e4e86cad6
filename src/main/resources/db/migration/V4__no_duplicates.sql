-- Duplicates made impossible where they are meaningless: a coding is unique per layer, coder, code, document and
-- range; and every changing request can be repeated safely with an Idempotency-Key (table idempotency_key).

-- ---- identical codings ------------------------------------------------------------------------------------------
-- Until now only a SELECT in the service kept a coder from applying the same code to the same text twice, and
-- concurrent requests (a double click, a script's retries) raced past it: a database from before this version may
-- hold such repeats. They say nothing a single coding does not, and they inflate counts, so the earliest coding of
-- each identical set is kept and the later ones go. A researcher's memo on a later repeat is moved to the kept coding
-- first (no note is lost), and an adjudication that wrote a repeat into the master layer is pointed at the kept one
-- (so undoing it still removes the master coding). Audit events are left as they are: they are a hash-chained record
-- of what happened, and the repeats did happen. The repeats must be gone before the unique index can be built.
update memo set target_id = (
        select min(k.id) from coding d, coding k
        where d.id = memo.target_id and k.layer = d.layer and k.coder_id = d.coder_id and k.code_id = d.code_id
          and k.document_id = d.document_id and k.start_offset = d.start_offset and k.end_offset = d.end_offset)
where target_type = 'CODING' and target_id in (
        select d.id from coding d where exists (
            select 1 from coding k
            where k.id < d.id and k.layer = d.layer and k.coder_id = d.coder_id and k.code_id = d.code_id
              and k.document_id = d.document_id and k.start_offset = d.start_offset and k.end_offset = d.end_offset));

update adjudication set master_coding_id = (
        select min(k.id) from coding d, coding k
        where d.id = adjudication.master_coding_id and k.layer = d.layer and k.coder_id = d.coder_id
          and k.code_id = d.code_id and k.document_id = d.document_id and k.start_offset = d.start_offset
          and k.end_offset = d.end_offset)
where master_coding_id in (
        select d.id from coding d where exists (
            select 1 from coding k
            where k.id < d.id and k.layer = d.layer and k.coder_id = d.coder_id and k.code_id = d.code_id
              and k.document_id = d.document_id and k.start_offset = d.start_offset and k.end_offset = d.end_offset));

delete from coding d where exists (
        select 1 from coding k
        where k.id < d.id and k.layer = d.layer and k.coder_id = d.coder_id and k.code_id = d.code_id
          and k.document_id = d.document_id and k.start_offset = d.start_offset and k.end_offset = d.end_offset);

-- The rule itself. The database enforces it, not the service, because only the database sees concurrent requests
-- in order: the second of two identical inserts fails (Margin answers 409 naming the coding that exists). The
-- document comes first so that the index also serves the lookups of one document's codings.
create unique index ux_coding_identical
    on coding (document_id, code_id, coder_id, layer, start_offset, end_offset);

-- ---- Idempotency-Key ----------------------------------------------------------------------------------------------
-- One row per key a signed-in user sent with a changing request, kept for margin.idempotency.retention. The key
-- itself is stored only as its SHA-256 (a client may put anything in it) and the request only as a SHA-256 of its
-- method, path, query and body (never participants' text); the answer is stored as it was sent, so that a repeat gets
-- it again without the change being applied twice.
-- state: PENDING (claimed, nothing committed yet), APPLIED (a transaction of the request committed, marked inside
-- that transaction), DONE (the answer is stored in status, content_type, location and body).
create table idempotency_key (
    user_id      bigint not null references app_user (id) on delete cascade,
    key_hash     varchar(64) not null,
    method       varchar(10) not null,
    path         varchar(2000) not null,
    request_hash varchar(64) not null,
    state        varchar(10) not null,
    status       integer,
    content_type varchar(200),
    location     varchar(2000),
    body         varchar,
    created_at   timestamp with time zone not null,
    expires_at   timestamp with time zone not null,
    primary key (user_id, key_hash)
);
create index ix_idempotency_key_expires on idempotency_key (expires_at);
