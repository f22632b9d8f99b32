/**
 * Package URLs (purl) for SBOM components and for the products of advisories and VEX statements. Parsing and the
 * per-type normalisation (npm names lower case, PyPI `_` → `-`, …) come from `packageurl-js`, the purl project's
 * own JavaScript implementation, so our reading is the specification's. Two purls name the same package when
 * type, namespace and name are equal after that normalisation; the version is then equal, or inside a `vers:` range
 * (read by `version-range.ts`, which answers why). Pure; never throws.
 */
import { PackageURL } from 'packageurl-js'
import { inRange, parseVersionRange } from './version-range.js'

export interface Purl {
  type: string
  namespace: string | null
  name: string
  version: string | null
  qualifiers: Record<string, string>
}

/** Reads a purl; null when the text is not one (the reason is the library's message, for the caller to show). */
export function parsePurl(text: string): { purl: Purl } | { error: string } {
  try {
    const p = PackageURL.fromString(text.trim())
    return {
      purl: {
        type: p.type,
        namespace: p.namespace ?? null,
        name: p.name,
        version: p.version ?? null,
        qualifiers: { ...(p.qualifiers ?? {}) },
      },
    }
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) }
  }
}

/** `pkg:type/namespace/name` after normalisation: what two purls of the same package share. */
export function purlPackageKey(p: Purl): string {
  return `pkg:${p.type}/${p.namespace ? `${p.namespace}/` : ''}${p.name}`
}

export interface PurlAnswer {
  /** true: same package and version inside; false: another package or version outside; null: cannot tell. */
  matches: boolean | null
  why: { ja: string; en: string }
}

/**
 * A component's purl against a product's (or a VEX statement's) purl, optionally with a version range (`vers:…` or
 * the advisory's free text). Without a range the product purl's version, when it has one, must be equal.
 */
export function matchPurl(componentPurl: string, productPurl: string, versionRange: string | null = null): PurlAnswer {
  const c = parsePurl(componentPurl)
  const p = parsePurl(productPurl)
  if ('error' in c)
    return {
      matches: null,
      why: {
        ja: `構成品の purl「${componentPurl}」を読めません`,
        en: `component purl "${componentPurl}" cannot be read: ${c.error}`,
      },
    }
  if ('error' in p)
    return {
      matches: null,
      why: {
        ja: `製品の purl「${productPurl}」を読めません`,
        en: `product purl "${productPurl}" cannot be read: ${p.error}`,
      },
    }
  const ck = purlPackageKey(c.purl)
  if (ck !== purlPackageKey(p.purl))
    return { matches: false, why: { ja: `別のパッケージです(${ck})`, en: `another package (${ck})` } }
  const v = c.purl.version
  const range = versionRange ?? (p.purl.version ? `= ${p.purl.version}` : null)
  if (!range)
    return {
      matches: true,
      why: { ja: `パッケージ ${ck} が一致します(全バージョン)`, en: `package ${ck} matches (every version)` },
    }
  const answer = inRange(v, parseVersionRange(range))
  if (answer.inside === null)
    return {
      matches: null,
      why: {
        ja: `パッケージ ${ck} は一致しますが、バージョンを判断できません(${answer.why})`,
        en: `package ${ck} matches but the version cannot be decided (${answer.why})`,
      },
    }
  return {
    matches: answer.inside,
    why: answer.inside
      ? {
          ja: `パッケージ ${ck} のバージョンが該当します(${answer.why})`,
          en: `package ${ck}: the version is affected (${answer.why})`,
        }
      : {
          ja: `パッケージ ${ck} のバージョンは対象外です(${answer.why})`,
          en: `package ${ck}: the version is not affected (${answer.why})`,
        },
  }
}
