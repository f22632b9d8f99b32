import type { Kysely } from 'kysely'

/**
 * Vulnerability and advisory intelligence (issue 9, ADR 0028): advisories (CSAF 2.0 incl. VEX, JVN) kept as parsed
 * documents, the CVE records of NVD/JVN with their CPE applicability, KEV and EPSS, SBOMs and components of models and
 * devices, VEX statements, the matches the engine computes per device, people's decisions on matches (kept across
 * re-syncs, per model), feed sources with their sync cursors, and notifications of new matches.
 * JSON columns are text in both dialects; booleans are 0/1 integers (as elsewhere).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('advisories')
    // The document's own id (CSAF document.tracking.id, e.g. ICSMA-20-049-01; JVN: JVNDB-2024-000123).
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull()) // csaf | jvn
    .addColumn('category', 'text', (c) => c.notNull()) // csaf_security_advisory | csaf_vex | jvn | …
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_ja', 'text')
    .addColumn('publisher', 'text')
    .addColumn('revision', 'text')
    .addColumn('released_at', 'text')
    .addColumn('updated_at', 'text')
    .addColumn('url', 'text')
    // The parsed document as matching needs it (AdvisoryDocument as JSON: products, vulnerabilities, remediations).
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('feed', 'text') // the feed source id it came from, or null for a file import
    .addColumn('first_imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('advisories_imported_idx').on('advisories').column('first_imported_at').execute()
  await db.schema
    .createTable('advisory_cves')
    .addColumn('advisory_id', 'text', (c) => c.notNull().references('advisories.id').onDelete('cascade'))
    .addColumn('cve', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('advisory_cves_pk', ['advisory_id', 'cve'])
    .execute()
  await db.schema.createIndex('advisory_cves_cve_idx').on('advisory_cves').column('cve').execute()
  await db.schema
    .createTable('cves')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull()) // nvd | jvn | csaf
    .addColumn('published_at', 'text')
    .addColumn('modified_at', 'text')
    .addColumn('description_en', 'text')
    .addColumn('description_ja', 'text')
    .addColumn('cvss3_vector', 'text')
    .addColumn('cvss3_score', 'real')
    .addColumn('cvss4_vector', 'text')
    .addColumn('cvss4_score', 'real')
    .addColumn('cwes', 'text') // string[] as JSON
    // NVD configurations (Configuration[] of core/vulns/cpe.ts) as JSON, or null.
    .addColumn('configurations', 'text')
    .execute()
  await db.schema
    .createTable('cve_cpe_index')
    // One row per (CVE, vendor, product) any cpeMatch of the CVE names: finds candidate CVEs for a component.
    .addColumn('cve_id', 'text', (c) => c.notNull().references('cves.id').onDelete('cascade'))
    .addColumn('vendor', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cve_cpe_index_pk', ['vendor', 'product', 'cve_id'])
    .execute()
  await db.schema.createIndex('cve_cpe_index_cve_idx').on('cve_cpe_index').column('cve_id').execute()
  await db.schema
    .createTable('kev_entries')
    .addColumn('cve_id', 'text', (c) => c.primaryKey())
    .addColumn('vendor_project', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('date_added', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('ransomware', 'integer', (c) => c.notNull()) // 1 known ransomware campaign use
    .addColumn('required_action', 'text')
    .addColumn('description', 'text')
    .addColumn('notes', 'text')
    .execute()
  await db.schema
    .createTable('epss_scores')
    .addColumn('cve_id', 'text', (c) => c.primaryKey())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('percentile', 'real', (c) => c.notNull())
    .addColumn('model_version', 'text')
    .addColumn('score_date', 'text')
    .execute()
  await db.schema
    .createTable('sboms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('model_id', 'text', (c) => c.references('device_models.id').onDelete('cascade'))
    .addColumn('device_id', 'text', (c) => c.references('devices.id').onDelete('cascade'))
    .addColumn('format', 'text', (c) => c.notNull()) // cyclonedx | spdx
    .addColumn('spec_version', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('serial_number', 'text')
    .addColumn('component_count', 'integer', (c) => c.notNull())
    .addColumn('problems', 'text', (c) => c.notNull()) // FeedProblem[] (warnings) as JSON
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text')
    .execute()
  await db.schema
    .createTable('components')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Exactly one of model_id / device_id: a model's component applies to every device confirmed as that model.
    .addColumn('model_id', 'text', (c) => c.references('device_models.id').onDelete('cascade'))
    .addColumn('device_id', 'text', (c) => c.references('devices.id').onDelete('cascade'))
    .addColumn('sbom_id', 'text', (c) => c.references('sboms.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull()) // ComponentKind
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('supplier', 'text')
    .addColumn('version', 'text')
    .addColumn('cpe', 'text')
    .addColumn('purl', 'text')
    .addColumn('source', 'text', (c) => c.notNull()) // sbom | manual | derived
    .addColumn('confidence', 'real', (c) => c.notNull())
    .addColumn('confirmed', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute()
  await db.schema.createIndex('components_model_idx').on('components').column('model_id').execute()
  await db.schema.createIndex('components_device_idx').on('components').column('device_id').execute()
  await db.schema
    .createTable('vex_statements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_kind', 'text', (c) => c.notNull()) // csaf | cyclonedx
    // The advisory id (CSAF VEX) or SBOM id (CycloneDX VEX) it came from.
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('model_id', 'text', (c) => c.references('device_models.id').onDelete('cascade'))
    .addColumn('vendor', 'text')
    .addColumn('product', 'text')
    .addColumn('version', 'text')
    .addColumn('cpe', 'text')
    .addColumn('purl', 'text')
    .addColumn('cve', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // VexStatus
    .addColumn('justification', 'text')
    .addColumn('detail', 'text') // impact statement / action statement / details, as the document wrote it
    .addColumn('issued_at', 'text')
    .execute()
  await db.schema.createIndex('vex_statements_cve_idx').on('vex_statements').column('cve').execute()
  await db.schema.createIndex('vex_statements_source_idx').on('vex_statements').column('source_id').execute()
  await db.schema
    .createTable('vuln_matches')
    // Stable key: device | vulnerability | advisory or component (see core/vulns/model.ts matchKey).
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('model_id', 'text')
    .addColumn('cve', 'text') // null for an advisory vulnerability without a CVE
    .addColumn('advisory_id', 'text')
    .addColumn('component_id', 'text')
    .addColumn('via', 'text', (c) => c.notNull()) // csaf | cpe | purl
    .addColumn('review_key', 'text', (c) => c.notNull())
    .addColumn('product_label', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull()) // affected | ruled-out-by-version | not-affected | needs-review
    .addColumn('confidence', 'real', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull()) // Reason[] as JSON
    .addColumn('vex', 'text') // the VEX statement that decided it, as JSON, or null
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('notified_at', 'text')
    .execute()
  await db.schema.createIndex('vuln_matches_device_idx').on('vuln_matches').column('device_id').execute()
  await db.schema.createIndex('vuln_matches_advisory_idx').on('vuln_matches').column('advisory_id').execute()
  await db.schema.createIndex('vuln_matches_cve_idx').on('vuln_matches').column('cve').execute()
  await db.schema
    .createTable('match_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The model the decision covers (every device of it), or the one device when it has no confirmed model.
    .addColumn('model_id', 'text', (c) => c.references('device_models.id').onDelete('cascade'))
    .addColumn('device_id', 'text', (c) => c.references('devices.id').onDelete('cascade'))
    .addColumn('review_key', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull()) // false-positive | accepted
    .addColumn('note', 'text')
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('match_reviews_key_idx').on('match_reviews').column('review_key').execute()
  await db.schema
    .createTable('feed_sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull()) // FeedKind
    .addColumn('url', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull())
    // Sync position (NVD lastModified, ROLIE updated, …) so an interrupted sync resumes.
    .addColumn('cursor', 'text')
    .addColumn('last_attempt_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull()) // new-match | sync-failed
    .addColumn('title_ja', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull()) // JSON: device ids, advisory, CVEs, known exploited
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('notifications_created_idx').on('notifications').column('created_at').execute()
  await db.schema
    .createTable('notification_reads')
    .addColumn('notification_id', 'text', (c) => c.notNull().references('notifications.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_reads_pk', ['notification_id', 'user_id'])
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'notification_reads',
    'notifications',
    'feed_sources',
    'match_reviews',
    'vuln_matches',
    'vex_statements',
    'components',
    'sboms',
    'epss_scores',
    'kev_entries',
    'cve_cpe_index',
    'cves',
    'advisory_cves',
    'advisories',
  ])
    await db.schema.dropTable(t).execute()
}
