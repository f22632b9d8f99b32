import type SQLite from 'better-sqlite3'
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely'
import { isPostgres } from './migrations/dialect.js'
import type { Database } from './schema.js'

/**
 * The ledger's free-text search, defined once for both databases (ADR 0019).
 *
 * `devices.search_text` holds the searchable fields folded by {@link normalizeSearchText}; a query is folded the
 * same way and split on whitespace into terms; a device matches when EVERY term occurs in its search_text as an
 * exact (case-sensitive, after folding) substring. Terms of 3 characters or more are answered by a trigram index
 * (SQLite: the FTS5 table `devices_fts` with `tokenize='trigram case_sensitive 1'`, PostgreSQL: a pg_trgm GIN index
 * serving `like`). Shorter terms (透析, CT) are no trigram: SQLite looks them up as the trigrams they begin (see
 * SHORT_TERM_MAX_TRIGRAMS), PostgreSQL checks them on the row. All are the same substring test, so the two
 * databases answer the same set; the order comes from the list's sort.
 */

/** How search_text and queries are folded: lower case, then NFKC (full-width letters and digits to ASCII, ㈱ → (株)). */
export function normalizeSearchText(s: string): string {
  return s.toLowerCase().normalize('NFKC')
}

/** The terms of a free-text query: folded like search_text, split on whitespace (full-width spaces included). */
export function searchTerms(q: string | undefined): string[] {
  return normalizeSearchText(q ?? '')
    .split(/\s+/)
    .filter(Boolean)
}

/** The shortest term a trigram index can answer, counted in characters (code points), as the tokenizers count. */
export const INDEXED_TERM_LENGTH = 3

/** Whether a term is long enough for the trigram indexes. */
export const isIndexedTerm = (term: string): boolean => [...term].length >= INDEXED_TERM_LENGTH

/** The search semantics in plain JavaScript: every term is a substring of the folded text (the tests' reference). */
export function matchesSearch(searchText: string, terms: readonly string[]): boolean {
  return terms.every((t) => searchText.includes(t))
}

/** An FTS5 query that requires every term as a phrase (`"a" "b"` is an implicit AND), quotes doubled inside. */
export function ftsQueryOf(terms: readonly string[]): string {
  return terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(' ')
}

/** A term as a LIKE pattern matching it anywhere, with `\`, `%` and `_` escaped (`escape '\'`). */
export const containsPattern = (term: string): string => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/** What a search adds to the device list's query. */
export interface SearchFilter {
  /** The WHERE condition over `devices`. */
  where: Expression<SqlBool>
  /** How many devices match the search alone, when the index tells without reading rows (SQLite); else null. */
  matches: number | null
}

/**
 * A short term (1–2 characters) stands for the OR of the indexed trigrams that start with it: the FTS index holds
 * search_text followed by two spaces (a term never contains whitespace), so every occurrence of a short term starts
 * a trigram. Beyond this many trigrams (a single common letter) the term is checked on the row instead.
 */
export const SHORT_TERM_MAX_TRIGRAMS = 300

/**
 * Up to this many matching devices, SQLite reads the matches by rowid and sorts them; above it, it walks the list's
 * sort index and keeps the rows in the match set (a page of 50 is found after a few hundred index entries), which
 * costs less than reading thousands of rows to sort them.
 */
export const SQLITE_DRIVE_LIMIT = 300

/** Larger than any character: `term <= t + LAST` bounds every trigram that starts with `t`. */
const LAST = String.fromCodePoint(0x10ffff).repeat(3)

const FALSE = sql<SqlBool>`1 = 0`

/**
 * The WHERE condition for a search over `devices` (null without terms). SQLite: one FTS5 MATCH over every term
 * (long terms as phrases, short ones as the OR of the trigrams they start), an exact case-sensitive substring test;
 * PostgreSQL: one `like` per term (case-sensitive), which the pg_trgm GIN index serves for terms of 3 characters
 * or more. `\`, `%` and `_` are escaped; FTS5 syntax is quoted.
 */
export async function searchFilter(db: Kysely<Database>, terms: readonly string[]): Promise<SearchFilter | null> {
  if (terms.length === 0) return null
  if (isPostgres(db)) {
    const likes = terms.map((t) => sql`search_text like ${containsPattern(t)} escape '\\'`)
    return { where: sql<SqlBool>`(${sql.join(likes, sql` and `)})`, matches: null }
  }
  const clauses: string[] = []
  const onRow: Expression<SqlBool>[] = []
  for (const t of terms) {
    if (isIndexedTerm(t)) {
      clauses.push(ftsQueryOf([t]))
      continue
    }
    const grams = await sql<{
      term: string
    }>`select term from devices_fts_terms where term >= ${t} and term <= ${t + LAST} limit ${SHORT_TERM_MAX_TRIGRAMS + 1}`.execute(
      db,
    )
    if (grams.rows.length === 0) return { where: FALSE, matches: 0 }
    if (grams.rows.length > SHORT_TERM_MAX_TRIGRAMS) onRow.push(sql<SqlBool>`instr(search_text, ${t}) > 0`)
    else clauses.push(`(${grams.rows.map((g) => ftsQueryOf([g.term])).join(' OR ')})`)
  }
  if (clauses.length === 0) return { where: sql<SqlBool>`(${sql.join(onRow, sql` and `)})`, matches: null }
  const match = clauses.join(' AND ')
  const counted = await sql<{
    n: number
  }>`select count(*) as n from devices_fts where devices_fts match ${match}`.execute(db)
  const n = Number(counted.rows[0]?.n ?? 0)
  if (n === 0) return { where: FALSE, matches: 0 }
  // `+rowid` keeps the same test but stops SQLite from driving the query by it (see SQLITE_DRIVE_LIMIT).
  const inIndex =
    n <= SQLITE_DRIVE_LIMIT
      ? sql<SqlBool>`devices.rowid in (select rowid from devices_fts where devices_fts match ${match})`
      : sql<SqlBool>`+devices.rowid in (select rowid from devices_fts where devices_fts match ${match})`
  return {
    where: onRow.length === 0 ? inIndex : sql<SqlBool>`(${sql.join([inIndex, ...onRow], sql` and `)})`,
    matches: onRow.length === 0 ? n : null,
  }
}

/**
 * SQLite bulk loads: drops the triggers that keep `devices_fts` in step with `devices` (each inserted row would
 * also write the index) and returns what puts them back and rebuilds the index from `devices` in one pass. Run both
 * inside the load's transaction: a rollback brings the triggers and the old index back. No-op without the index.
 */
export function suspendSearchIndex(h: SQLite.Database): () => void {
  const hasIndex = h.prepare("select 1 from sqlite_master where type = 'table' and name = 'devices_fts'").get()
  if (hasIndex === undefined) return () => {}
  const triggers = h
    .prepare<[], { name: string; sql: string }>(
      "select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'devices' and name like 'devices\\_fts\\_%' escape '\\'",
    )
    .all()
  for (const t of triggers) h.exec(`drop trigger "${t.name.replaceAll('"', '""')}"`)
  return () => {
    for (const t of triggers) h.exec(t.sql)
    h.exec("insert into devices_fts(devices_fts) values('rebuild')")
  }
}
