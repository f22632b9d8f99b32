/**
 * Serialized answers kept until the data they came from changes. Keys start with the ledger version (bumped by
 * database triggers on every change, from any process), so an entry can never outlive the data it shows; old
 * versions simply stop being asked for and fall out of the LRU order.
 */
export class VersionedCache {
  private readonly entries = new Map<string, Buffer>()

  constructor(private readonly maxEntries = 500) {}

  async get(key: string, compute: () => Promise<unknown>): Promise<Buffer> {
    const hit = this.entries.get(key)
    if (hit !== undefined) {
      // Refresh its place in the LRU order.
      this.entries.delete(key)
      this.entries.set(key, hit)
      return hit
    }
    // Kept as bytes: sending a Buffer skips re-encoding the (often ~70 KB) page on every hit.
    const body = Buffer.from(JSON.stringify(await compute()))
    this.entries.set(key, body)
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!)
    return body
  }
}

/** A stable key for a parsed query object (property order does not matter). */
export function queryKey(q: Record<string, unknown>): string {
  return Object.keys(q)
    .sort()
    .filter((k) => q[k] !== undefined)
    .map((k) => `${k}=${String(q[k])}`)
    .join('&')
}
