-- A transcript's import inserts hundreds of text_unit rows. H2 hands out identity values from a cache of 32 and, each
-- time the cache runs out, writes the sequence's new state to disk as a commit of its own: a 5,000-word transcript
-- (about 150 turns) cost five extra writes of the database file besides its own commit, 13 % of the import request
-- (flight recording of the workload benchmark, 2026-12-01). Units are ordered by (document_id, seq), never by id, so
-- the values skipped after an unclean stop (at most one cache) or PostgreSQL's per-connection caches harm nothing.
alter table text_unit alter column id set cache 1000;
