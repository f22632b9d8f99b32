import type { FindingItem } from '../findings/finding.js'
import type { DeclaredPort, ObservedService, PortComparisonRow } from './disclosure.js'

/**
 * Disclosed versus observed: a device's open ports (active discovery, later passive capture) against what its
 * model's manufacturer declares. Pure. These findings replace the ledger-only `undeclared-open-port` scan rule for
 * devices whose model has a declaration (see docs/decisions/0025-disclosure-rules-as-data.md).
 */

/** Services that are cleartext by nature: seen on a port declared as TLS, the declaration is not what runs there. */
const CLEARTEXT_SERVICES = new Set(['telnet', 'ftp', 'http'])

const portKey = (port: number, transport: string): string => `${port}/${transport}`

/**
 * One row per (port, transport) that is declared or observed, sorted by port then transport (tcp before udp):
 * - `undeclared-open`: observed open, not declared as a port the device listens on (a declaration with direction
 *   "out" only says the device connects out to that port, so it does not cover a listening port);
 * - `cleartext-where-tls`: declared encrypted, but seen in cleartext (tls false, or telnet/ftp/http without TLS);
 * - `declared-seen`: as declared;
 * - `declared-unseen`: declared, never seen open (not a weakness: outbound ports are never seen by a scan, and a
 *   scan may not have looked).
 */
export function compareDeclaredObserved(
  declared: readonly DeclaredPort[],
  observed: readonly ObservedService[],
): PortComparisonRow[] {
  const declaredBy = declarationsByPort(declared)
  const observedBy = new Map<string, ObservedService[]>()
  for (const o of observed) {
    const key = portKey(o.port, o.transport)
    const list = observedBy.get(key)
    if (list) list.push(o)
    else observedBy.set(key, [o])
  }
  const rows: PortComparisonRow[] = []
  for (const [key, d] of declaredBy) {
    const seen = sortObserved(observedBy.get(key) ?? [])
    let status: PortComparisonRow['status'] = 'declared-unseen'
    if (seen.length > 0) {
      if (!listens(d)) status = 'undeclared-open'
      else if (d.tls === true && seen.some(isCleartext)) status = 'cleartext-where-tls'
      else status = 'declared-seen'
    }
    rows.push({ port: d.port, transport: d.transport, status, declared: d, observed: seen })
  }
  for (const [key, seen] of observedBy) {
    if (declaredBy.has(key)) continue
    const first = seen[0]!
    rows.push({
      port: first.port,
      transport: first.transport,
      status: 'undeclared-open',
      declared: null,
      observed: sortObserved(seen),
    })
  }
  return rows.sort((a, b) => a.port - b.port || (a.transport < b.transport ? -1 : a.transport > b.transport ? 1 : 0))
}

// A model's declaration is compared with each of its devices: index it once per list (the list is not changed).
const declaredIndex = new WeakMap<readonly DeclaredPort[], ReadonlyMap<string, DeclaredPort>>()

function declarationsByPort(declared: readonly DeclaredPort[]): ReadonlyMap<string, DeclaredPort> {
  const cached = declaredIndex.get(declared)
  if (cached) return cached
  const byPort = new Map<string, DeclaredPort>()
  for (const d of declared) {
    const key = portKey(d.port, d.transport)
    const known = byPort.get(key)
    // Several declarations of one port: the one that covers listening wins (it is what an open port is checked against).
    if (!known || (!listens(known) && listens(d))) byPort.set(key, d)
  }
  declaredIndex.set(declared, byPort)
  return byPort
}

function listens(d: DeclaredPort): boolean {
  return d.direction !== 'out'
}

/** Seen without TLS: tls false, or a cleartext protocol where TLS was not seen either. */
function isCleartext(o: ObservedService): boolean {
  if (o.tls === false) return true
  return o.tls !== true && o.service !== null && CLEARTEXT_SERVICES.has(o.service.toLowerCase())
}

function sortObserved(list: ObservedService[]): ObservedService[] {
  return list.length < 2 ? list : [...list].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0))
}

const describe = (port: number, transport: string, service: string | null): string =>
  `${port}/${transport}${service ? ` (${service})` : ''}`

/**
 * Findings from a device's comparison rows (source `disclosure`): an undeclared open port → medium; cleartext on a
 * port declared encrypted → high; declared ports (seen or not) → nothing. Key `${deviceId}|${ruleId}|${port}/${transport}`.
 */
export function comparisonFindings(
  rows: readonly PortComparisonRow[],
  device: { id: string; siteId: string },
  modelLabel: string,
): FindingItem[] {
  const out: FindingItem[] = []
  for (const row of rows) {
    if (row.status !== 'undeclared-open' && row.status !== 'cleartext-where-tls') continue
    const first = row.observed[0]
    const service = first?.service ?? row.declared?.service ?? null
    const where = describe(row.port, row.transport, service)
    const addresses = row.observed.map((o) => o.address).join(', ')
    const evidence = row.observed
      .map(
        (o) =>
          `${o.address} ${describe(o.port, o.transport, o.service)} open; tls ${o.tls === null ? 'unknown' : o.tls}; last seen ${o.lastSeenAt}`,
      )
      .concat(
        row.declared ? [`declared: ${declaredText(row.declared)}`] : [`declared: not in ${modelLabel}'s port list`],
      )
      .join('\n')
    const ruleId = row.status === 'undeclared-open' ? 'undeclared-open-port' : 'cleartext-where-tls-declared'
    const text =
      row.status === 'undeclared-open'
        ? undeclaredText(where, addresses, modelLabel, row.declared !== null)
        : cleartextText(where, addresses, modelLabel)
    out.push({
      key: `${device.id}|${ruleId}|${portKey(row.port, row.transport)}`,
      deviceId: device.id,
      siteId: device.siteId,
      draft: {
        ruleId,
        severity: row.status === 'undeclared-open' ? 'medium' : 'high',
        address: first?.address ?? null,
        port: row.port,
        evidence,
        incomplete: false,
        ...text,
      },
    })
  }
  return out
}

function declaredText(d: DeclaredPort): string {
  const tls = d.tls === null ? 'encryption not stated' : d.tls ? 'TLS' : 'cleartext'
  return `${describe(d.port, d.transport, d.service)} ${d.direction}, ${tls}${d.purpose ? `, ${d.purpose}` : ''}`
}

function undeclaredText(where: string, addresses: string, model: string, outOnly: boolean) {
  const whyJa = outOnly
    ? 'このポートは機器から外へ接続する用途としてだけ申告されており、機器が待ち受けることは申告されていません。'
    : 'このポートは製造業者の申告にありません。'
  const whyEn = outOnly
    ? 'The port is declared only for connections the device makes outward, not as one it listens on.'
    : "The port is not in the manufacturer's declaration."
  return {
    titleJa: `申告にないポート ${where} が開いています`,
    titleEn: `Port ${where} is open but not declared`,
    detailJa: `機種 ${model} の機器(${addresses})でポート ${where} が開いていました。${whyJa}誰も想定していないサービスは管理されず、攻撃の入口になりえます。`,
    detailEn: `Port ${where} was open on this ${model} device (${addresses}). ${whyEn} A service nobody planned for is not managed and can be a way in.`,
    recommendationJa:
      'このポートが何に使われているかを製造業者に確認し、不要なら停止を依頼してください。必要なら申告(ポート一覧)への追加を求め、それまではネットワーク側でこのポートへの通信を制限してください。',
    recommendationEn:
      'Ask the manufacturer what this port is for; have it disabled if unneeded, or added to the declared port list if needed. Until then restrict traffic to it on the network.',
  }
}

function cleartextText(where: string, addresses: string, model: string) {
  return {
    titleJa: `暗号化と申告されたポート ${where} が暗号化されていません`,
    titleEn: `Port ${where} is declared encrypted but runs in cleartext`,
    detailJa: `機種 ${model} の製造業者はポート ${where} の通信を暗号化(TLS)すると申告していますが、機器(${addresses})では暗号化されていない通信が見つかりました。パスワードや患者情報がネットワーク上で読み取られるおそれがあります。`,
    detailEn: `The manufacturer of ${model} declares port ${where} as encrypted (TLS), but the device (${addresses}) was seen answering in cleartext. Passwords and patient data may be read on the network.`,
    recommendationJa:
      '設定で暗号化が無効になっていないか製造業者に確認し、暗号化を有効にしてください。直るまではこのポートへの通信を必要な相手だけに制限してください。',
    recommendationEn:
      'Ask the manufacturer whether encryption was switched off in the settings and have it enabled. Until then allow traffic to this port only from the peers that need it.',
  }
}
