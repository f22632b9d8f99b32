import type { AcceptanceComparison } from '../../../api/acceptance.js'

export interface ComparisonInput {
  scanId: string | null
  scannedAt: string | null
  declarationSource: string | null
  declaredPorts: readonly number[]
  /** Ports the scan saw open on the device's addresses (any transport). */
  openPorts: readonly { port: number; transport: string; service: string | null }[]
  findings: AcceptanceComparison['findings']
  disclosureFindings: AcceptanceComparison['disclosureFindings']
}

/**
 * Compares what the scan saw with what the manufacturer declared: every open port not declared is a question for
 * the manufacturer (`undeclaredOpen`); declared ports not seen open are shown for completeness. With nothing
 * declared, every open port is undeclared (the declaration is what is missing). Ports are de-duplicated and sorted.
 */
export function compareWithDeclaration(input: ComparisonInput): AcceptanceComparison {
  const declared = [...new Set(input.declaredPorts)].sort((a, b) => a - b)
  const seen = new Map<string, { port: number; transport: string; service: string | null }>()
  for (const p of input.openPorts) {
    const key = `${p.transport}/${p.port}`
    const prev = seen.get(key)
    if (!prev || (!prev.service && p.service))
      seen.set(key, { port: p.port, transport: p.transport, service: p.service })
  }
  const openPorts = [...seen.values()].sort((a, b) => a.port - b.port || a.transport.localeCompare(b.transport))
  const openSet = new Set(openPorts.map((p) => p.port))
  const declaredSet = new Set(declared)
  return {
    scanId: input.scanId,
    scannedAt: input.scannedAt,
    declarationSource: input.declarationSource,
    declaredPorts: declared,
    openPorts,
    undeclaredOpen: [...openSet].filter((p) => !declaredSet.has(p)).sort((a, b) => a - b),
    declaredNotSeen: input.scanId === null ? [] : declared.filter((p) => !openSet.has(p)),
    findings: input.findings,
    disclosureFindings: input.disclosureFindings,
  }
}

/** The comparison before any scan: only the declaration is known. */
export function emptyComparison(
  declarationSource: string | null,
  declaredPorts: readonly number[],
): AcceptanceComparison {
  return compareWithDeclaration({
    scanId: null,
    scannedAt: null,
    declarationSource,
    declaredPorts,
    openPorts: [],
    findings: [],
    disclosureFindings: [],
  })
}
