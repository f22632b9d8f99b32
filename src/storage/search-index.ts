import type SQLite from 'better-sqlite3'
import { type Expression, type SqlBool, sql } from 'kysely'

/**
 * The ledger's free-text search, defined once for both databases (ADR 0019).
 *
 * `devices.search_text` holds the searchable fields folded by {@link normalizeSearchText}; a query is folded the
 * same way and split on whitespace into terms; a device matches when EVERY term occurs in its search_text as an
 * exact (case-sensitive, after folding) substring. Terms of 3 characters or more are answered by a trigram index
 * (SQLite: the FTS5 table `devices_fts` with `tokenize='trigram case_sensitive 1'`, PostgreSQL: a pg_trgm GIN index
 * serving `like`); shorter terms (透析, CT) cannot be indexed by trigrams and are checked on the row. Both are the
 * same substring test, so the two databases answer the same set; the order comes from the list's sort.
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

/**
 * The WHERE condition for a search over `devices`, or null when there are no terms. On SQLite the long terms go
 * to one FTS5 MATCH (the trigram index, an exact case-sensitive substring test) and short terms are checked with
 * `instr` (exact and case-sensitive, unlike SQLite's LIKE, which folds ASCII case). On PostgreSQL every term is a
 * `like` (case-sensitive), which the pg_trgm GIN index serves for terms of 3 characters or more.
 */
export function searchCondition(dialect: 'sqlite' | 'postgres', terms: readonly string[]): Expression<SqlBool> | null {
  if (terms.length === 0) return null
  if (dialect === 'postgres') {
    const likes = terms.map((t) => sql`search_text like ${containsPattern(t)} escape '\\'`)
    return sql<SqlBool>`(${sql.join(likes, sql` and `)})`
  }
  const indexed = terms.filter(isIndexedTerm)
  const parts = terms.filter((t) => !isIndexedTerm(t)).map((t) => sql`instr(search_text, ${t}) > 0`)
  if (indexed.length > 0)
    parts.unshift(sql`devices.rowid in (select rowid from devices_fts where devices_fts match ${ftsQueryOf(indexed)})`)
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`
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
