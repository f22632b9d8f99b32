import { type Kysely, sql } from 'kysely'

/**
 * User names are unique regardless of case: "Admin" cannot be created beside "admin" (and login finds either
 * spelling). An index on lower(username) enforces it in SQLite and PostgreSQL alike.
 *
 * A database that already holds names differing only in case stops here with their names, instead of dropping or
 * renaming an account behind anyone's back: rename one of them (see the message) and start again.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  const clashes = await db
    .selectFrom('users')
    .select([sql<string>`lower(username)`.as('name'), sql<string>`count(*)`.as('n')])
    .groupBy(sql`lower(username)`)
    .having(sql`count(*)`, '>', 1)
    .execute()
  if (clashes.length > 0) {
    const rows = await db
      .selectFrom('users')
      .select('username')
      .where(
        sql`lower(username)`,
        'in',
        clashes.map((c) => c.name),
      )
      .orderBy('username')
      .execute()
    const names = rows.map((r) => `"${r.username}"`).join(', ')
    throw new Error(
      `These user names differ only in upper and lower case: ${names}. Mamori now treats user names regardless of ` +
        `case, so each must be unique. Rename all but one of each group, e.g. ` +
        `UPDATE users SET username = '${rows[0]?.username ?? 'name'}-2' WHERE username = '${rows[0]?.username ?? 'name'}'; ` +
        `then start Mamori again. Nothing was changed. / 大文字と小文字だけが異なるユーザー名があります: ${names}。` +
        `ユーザー名は大文字・小文字を区別せず一意である必要があります。各組の1つ以外の名前を変更してから再起動してください。何も変更していません。`,
    )
  }
  await db.schema
    .createIndex('users_username_lower_idx')
    .on('users')
    .unique()
    .expression(sql`lower(username)`)
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users_username_lower_idx').execute()
}
