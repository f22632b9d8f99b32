/**
 * Stable identities for engine answers: the same device, vulnerability and product give the same id on every run
 * (so a stored match keeps its first-seen date and notifications are not repeated), and a review key without the
 * device, so a person's decision covers every device of the model. Pure: FNV-1a, no crypto needed — the id only
 * has to be stable and spread, not secret.
 */

/** 64-bit FNV-1a of a string (two 32-bit halves), as 16 hex digits. */
export function stableHash(text: string): string {
  let h1 = 0x811c9dc5
  let h2 = 0xcbf29ce4
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193)
    h2 = Math.imul(h2 ^ c, 0x0100019b) ^ (h1 >>> 15)
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0')
}

/** The device's half of a match id (hashed once per device per run). */
export const deviceKey = (deviceId: string): string => stableHash(deviceId)

/** The vulnerability's half: what matched and what tied it (hashed once per finding, shared by every device). */
export const findingKey = (vulnerability: string, tiedBy: string): string =>
  stableHash(`${vulnerability}\u0000${tiedBy}`)

/** A match id from its two halves. */
export const matchIdOf = (device: string, finding: string): string => `vm-${device}${finding}`

/**
 * A match id: device + vulnerability (CVE, or the advisory's own vulnerability entry) + what tied them. In two
 * halves so a run over millions of matches hashes each device and each finding once, not each pair.
 */
export function matchId(deviceId: string, vulnerability: string, tiedBy: string): string {
  return matchIdOf(deviceKey(deviceId), findingKey(vulnerability, tiedBy))
}

/** Review key of an advisory answer: advisory | CVE (or `-`) | product id. */
export function advisoryReviewKey(advisoryId: string, cve: string | null, productId: string): string {
  return `${advisoryId}|${cve ?? '-'}|${productId}`
}

/**
 * Review key of an NVD answer: CVE | the vulnerable criteria it met. The component's own version is left out, so a
 * decision made on one firmware version still holds after an update that meets the same criteria.
 */
export function cpeReviewKey(cve: string, criteria: readonly string[]): string {
  return `${cve}|cpe|${[...criteria].sort().join(' ')}`
}
