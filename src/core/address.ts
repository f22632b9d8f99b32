import ipaddr from 'ipaddr.js'

/**
 * Normalises a MAC address written in any common notation (00:1A:2B:3C:4D:5E, 00-1a-2b-3c-4d-5e,
 * 001a.2b3c.4d5e, 001A2B3C4D5E) to lower-case colon form, or returns null when it is not one.
 */
export function normalizeMac(raw: string): string | null {
  const hex = raw
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[:\-.\s]/g, '')
  if (!/^[0-9a-f]{12}$/.test(hex)) return null
  return hex.match(/../g)!.join(':')
}

/** Normalises an IPv4 or IPv6 address to its canonical text form, or returns null when it is not one. */
export function normalizeIp(raw: string): string | null {
  // NFKC: full-width digits and dots typed with a Japanese IME (１９２．１６８．０．１) read as ASCII.
  const s = raw.normalize('NFKC').trim()
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

/** A reading of one address: the canonical form, or the reason it is not one, in English and Japanese. */
export type AddressRead = { ok: string } | { error: string; errorJa: string }

/** Reads one IP address the way the ledger stores it (the single rule for the API, the importer and the scanner). */
export function readIpAddress(raw: string): AddressRead {
  const ip = normalizeIp(raw)
  if (ip !== null) return { ok: ip }
  return {
    error: `"${raw}" is not an IP address (expected e.g. 192.168.10.21 or fe80::1).`,
    errorJa: `"${raw}" はIPアドレスとして正しくありません(例: 192.168.10.21 や fe80::1)。`,
  }
}

/** Reads one MAC address the way the ledger stores it (lower-case, colon-separated). */
export function readMacAddress(raw: string): AddressRead {
  const mac = normalizeMac(raw)
  if (mac !== null) return { ok: mac }
  return {
    error: `"${raw}" is not a MAC address (expected 12 hex digits, e.g. 00:1A:2B:3C:4D:5E).`,
    errorJa: `"${raw}" はMACアドレスとして正しくありません(16進数12桁で入力してください。例: 00:1A:2B:3C:4D:5E)。`,
  }
}

/** One address that could not be read, with its position in the list. */
export interface AddressProblem {
  field: 'ipAddresses' | 'macAddresses'
  index: number
  value: string
  message: string
  messageJa: string
}

/**
 * Normalises a device's IP and MAC lists (canonical form, duplicates removed) and lists every entry that is not an
 * address. The API and the importer both use it, so a device saved by hand obeys the same rule as an imported one.
 */
export function normalizeAddressLists(d: { ipAddresses: readonly string[]; macAddresses: readonly string[] }): {
  ipAddresses: string[]
  macAddresses: string[]
  problems: AddressProblem[]
} {
  const problems: AddressProblem[] = []
  const read = (field: AddressProblem['field'], list: readonly string[], f: (s: string) => AddressRead) => {
    const out: string[] = []
    list.forEach((value, index) => {
      if (value.trim() === '') return
      const r = f(value)
      if ('error' in r) problems.push({ field, index, value, message: r.error, messageJa: r.errorJa })
      else if (!out.includes(r.ok)) out.push(r.ok)
    })
    return out
  }
  const ipAddresses = read('ipAddresses', d.ipAddresses, readIpAddress)
  const macAddresses = read('macAddresses', d.macAddresses, readMacAddress)
  return { ipAddresses, macAddresses, problems }
}
