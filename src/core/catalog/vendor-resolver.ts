import type { ManufacturerAlias } from './model.js'
import { normaliseManufacturer } from './normalise.js'

/** How a manufacturer text became a vendor: through an alias row, as a known vendor name, or as written. */
export interface ResolvedVendor {
  vendor: string
  /** The normalised vendor (`device_models.vendor_key`). */
  vendorKey: string
  via: 'alias' | 'vendor' | 'as-written'
  /** The alias row's text when `via` is 'alias'. */
  alias?: string
}

/**
 * Looks manufacturer texts up in the alias table (by normalised key) and among known vendor names (the alias
 * table's vendors and the catalog's), so "NIHON KOHDEN" finds the "Nihon Kohden" spelling already in use.
 */
export class VendorResolver {
  private readonly byAliasKey = new Map<string, Pick<ManufacturerAlias, 'alias' | 'vendor'>>()
  private readonly byVendorKey = new Map<string, string>()

  constructor(aliases: readonly Pick<ManufacturerAlias, 'alias' | 'vendor'>[], knownVendors: readonly string[] = []) {
    for (const a of aliases) {
      const key = normaliseManufacturer(a.alias)
      if (key && !this.byAliasKey.has(key)) this.byAliasKey.set(key, a)
    }
    for (const v of [...aliases.map((a) => a.vendor), ...knownVendors]) {
      const key = normaliseManufacturer(v)
      if (key && !this.byVendorKey.has(key)) this.byVendorKey.set(key, v)
    }
  }

  // Ledgers repeat a few maker spellings thousands of times: each distinct text is normalised once.
  private readonly memo = new Map<string, ResolvedVendor | null>()

  /** The vendor of a manufacturer text; null when the text is empty (or only a legal form). */
  resolve(text: string | null | undefined): ResolvedVendor | null {
    if (!text) return null
    const known = this.memo.get(text)
    if (known !== undefined) return known
    const resolved = this.lookup(text)
    this.memo.set(text, resolved)
    return resolved
  }

  private lookup(text: string): ResolvedVendor | null {
    const key = normaliseManufacturer(text)
    if (!key) return null
    const alias = this.byAliasKey.get(key)
    if (alias)
      return { vendor: alias.vendor, vendorKey: normaliseManufacturer(alias.vendor), via: 'alias', alias: alias.alias }
    const known = this.byVendorKey.get(key)
    if (known) return { vendor: known, vendorKey: key, via: 'vendor' }
    return { vendor: text.normalize('NFKC').trim().replace(/\s+/g, ' '), vendorKey: key, via: 'as-written' }
  }

  /** Whether a normalised key is an alias or a vendor name this resolver knows. */
  knows(key: string): boolean {
    return this.byAliasKey.has(key) || this.byVendorKey.has(key)
  }
}
