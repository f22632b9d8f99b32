import { type Kysely, sql } from 'kysely'
import { isPostgres } from './dialect.js'

/**
 * Full-text indexes over `devices.search_text` for the ledger search (ADR 0019): substring search by trigrams,
 * which works for serial numbers and for Japanese (no word boundaries) alike.
 *
 * SQLite: an FTS5 table with the trigram tokenizer, case-sensitive (search_text is folded already, and PostgreSQL's
 * `like` is case-sensitive: both answer the same exact substring test), holding no copy of the text (external
 * content: `devices` by rowid, through a view that pads the text). Triggers keep it in step with every write path;
 * existing rows are indexed here ('rebuild'). A bulk import sets the triggers aside and rebuilds once
 * (search-index.ts, suspendSearchIndex).
 *
 * PostgreSQL: pg_trgm and a GIN index that serves `search_text like '%…%'`. pg_trgm extracts trigrams from the
 * characters the database's LC_CTYPE calls letters or digits: with C.UTF-8 or ja_JP.UTF-8 that includes Japanese;
 * under LC_CTYPE=C it does not (search is still right, but Japanese terms are not index-served).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    // A trusted extension (PostgreSQL 13+): the database owner may create it; a DBA may also create it beforehand.
    await sql`create extension if not exists pg_trgm`.execute(db)
    await sql`create index devices_search_text_trgm_idx on devices using gin (search_text gin_trgm_ops)`.execute(db)
    return
  }
  // The index holds search_text followed by two spaces, so that every occurrence of a 1–2 character term (which
  // never contains whitespace) begins a trigram: such a term is looked up as the trigrams it begins, listed by the
  // fts5vocab table devices_fts_terms. The view gives FTS5 the padded text by the devices' rowid.
  await sql`create view devices_fts_content as select rowid as rid, search_text || '  ' as search_text from devices`.execute(
    db,
  )
  await sql`create virtual table devices_fts using fts5(search_text, content='devices_fts_content', content_rowid='rid', tokenize='trigram case_sensitive 1')`.execute(
    db,
  )
  await sql`create virtual table devices_fts_terms using fts5vocab(devices_fts, row)`.execute(db)
  await sql`create trigger devices_fts_insert after insert on devices begin
      insert into devices_fts(rowid, search_text) values (new.rowid, new.search_text || '  '); end`.execute(db)
  await sql`create trigger devices_fts_delete after delete on devices begin
      insert into devices_fts(devices_fts, rowid, search_text) values ('delete', old.rowid, old.search_text || '  '); end`.execute(
    db,
  )
  await sql`create trigger devices_fts_update after update of search_text on devices begin
      insert into devices_fts(devices_fts, rowid, search_text) values ('delete', old.rowid, old.search_text || '  ');
      insert into devices_fts(rowid, search_text) values (new.rowid, new.search_text || '  '); end`.execute(db)
  await sql`insert into devices_fts(devices_fts) values ('rebuild')`.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    // The extension stays: other databases or objects may use it.
    await sql`drop index devices_search_text_trgm_idx`.execute(db)
    return
  }
  for (const t of ['insert', 'delete', 'update']) await sql.raw(`drop trigger devices_fts_${t}`).execute(db)
  await sql`drop table devices_fts_terms`.execute(db)
  await sql`drop table devices_fts`.execute(db)
  await sql`drop view devices_fts_content`.execute(db)
}
