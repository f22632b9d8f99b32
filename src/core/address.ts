import ipaddr from 'ipaddr.js'

/**
 * Normalises a MAC address written in any common notation (00:1A:2B:3C:4D:5E, 00-1a-2b-3c-4d-5e,
 * 001a.2b3c.4d5e, 001A2B3C4D5E) to lower-case colon form, or returns null when it is not one.
 */
export function normalizeMac(raw: string): string | null {
  const hex = raw
    .trim()
    .toLowerCase()
    .replace(/[:\-.\s]/g, '')
  if (!/^[0-9a-f]{12}$/.test(hex)) return null
  return hex.match(/../g)!.join(':')
}

/** Normalises an IPv4 or IPv6 address to its canonical text form, or returns null when it is not one. */
export function normalizeIp(raw: string): string | null {
  const s = raw.trim()
  if (!ipaddr.isValid(s)) return null
  // ipaddr.js accepts shorthand such as "10.1" or octal "010.0.0.1"; a ledger wants the four-part dotted form only.
  if (s.includes('.') && !s.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(s)) return null
  const addr = ipaddr.parse(s)
  return addr.toString()
}

/** Splits a cell such as "10.0.0.1; 10.0.0.2" or "aa:bb…, cc:dd…" into its parts. */
export function splitList(raw: string): string[] {
  return raw
    .split(/[;,、\s\n|]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}
