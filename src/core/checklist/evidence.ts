import type { ChecklistEvidence } from '../../../api/checklist.js'

/**
 * Evidence Mamori already holds for checklist items, as a suggestion (はい/いいえ/判断できない) a person confirms — never
 * an answer. The repository gathers the counts in a few set-based queries (`ChecklistStore.evidenceFacts`); the rules
 * here turn them into a suggestion with the facts shown beside it and a page of the UI to look at. Items Mamori holds
 * nothing for get no evidence (null). One rule per item, keyed by the hospital form's numbering.
 */

/** Counts over the ledger, discovery, disclosures and vulnerability matches (devices not decommissioned). */
export interface EvidenceFacts {
  /** Devices in use or in storage. */
  devices: number
  withOwner: number
  withLocation: number
  withAddress: number
  /** Owner (person or department), location and at least one address. */
  complete: number
  /** Devices a scan has tied a host to. */
  seenByDiscovery: number
  lastLedgerChange: string | null
  /** Devices whose connection types include a remote-maintenance line. */
  remoteMaintenance: number
  /** Disclosures on file answering RMOT-1 (remote service) at all. */
  rmotAnswers: number
  /** Catalog models with a confirmed device in use, and of those, models with an MDS2 or MDS/SDS on file. */
  modelsInUse: number
  modelsWithDisclosure: number
  pastSupportEnd: number
  pastServiceLife: number
  /** Devices with at least one vulnerability match judged affected. */
  affectedDevices: number
  /** Open findings of cleartext or unneeded services, by rule. */
  unneededServices: { ruleId: string; findings: number; devices: number }[]
  /** Hosts seen by scans, and of those, hosts with an administration service (SSH, Telnet, RDP, VNC…) open. */
  scannedHosts: number
  adminReachableHosts: number
}

/** Rule ids of discovery findings that mean a cleartext or unneeded service runs (2-⑫). */
export const UNNEEDED_SERVICE_RULES = [
  'telnet-cleartext',
  'ftp-cleartext',
  'ftp-anonymous',
  'smbv1-enabled',
  'snmp-default-community',
  'vnc-no-password',
  'undeclared-open-port',
] as const

/** Ports of administration services whose reachability 2-⑬ looks at. */
export const ADMIN_PORTS = [22, 23, 3389, 5900, 5901, 5938] as const

const pct = (n: number, of: number) => (of === 0 ? '—' : `${n} / ${of} (${Math.round((n / of) * 100)}%)`)
const fact = (labelJa: string, labelEn: string, value: string | number) => ({ labelJa, labelEn, value: String(value) })

type Rule = (f: EvidenceFacts) => Omit<ChecklistEvidence, 'itemId'>

const RULES: Record<string, Rule> = {
  '2-①': (f) => {
    const share = f.devices === 0 ? 0 : f.complete / f.devices
    const suggestion = f.devices === 0 ? 'no' : share >= 0.8 ? 'yes' : 'unknown'
    return {
      suggestion,
      summaryJa:
        f.devices === 0
          ? '台帳に機器が登録されていません。'
          : `台帳の ${f.devices} 台のうち、管理者・設置場所・アドレスがそろっているのは ${Math.round(share * 100)}% です。`,
      summaryEn:
        f.devices === 0
          ? 'The ledger holds no devices.'
          : `Of ${f.devices} devices in the ledger, ${Math.round(share * 100)}% have an owner, a location and an address.`,
      facts: [
        fact('台帳の機器(廃棄済みを除く)', 'Devices in the ledger (not decommissioned)', f.devices),
        fact('管理者・管理部署あり', 'With an owner (person or department)', pct(f.withOwner, f.devices)),
        fact('設置場所あり', 'With a location', pct(f.withLocation, f.devices)),
        fact('IP/MAC アドレスあり', 'With an IP or MAC address', pct(f.withAddress, f.devices)),
        fact('ネットワーク探索で確認済み', 'Seen by discovery', pct(f.seenByDiscovery, f.devices)),
        fact('台帳の最終更新', 'Last ledger change', f.lastLedgerChange ?? '—'),
      ],
      link: '/devices',
    }
  },
  '2-②': (f) => {
    const known = f.remoteMaintenance > 0 || f.rmotAnswers > 0
    return {
      suggestion: known ? 'yes' : 'unknown',
      summaryJa: known
        ? `リモート保守の回線がある機器が台帳に ${f.remoteMaintenance} 台、リモート保守の有無を答えた開示書が ${f.rmotAnswers} 件あります。事業者に確認した記録かどうかを確かめてください。`
        : '台帳にも開示書にもリモート保守の記録がありません。事業者に確認したかどうかは Mamori では分かりません。',
      summaryEn: known
        ? `${f.remoteMaintenance} ledger devices have a remote-maintenance line and ${f.rmotAnswers} disclosures answer whether remote service is used. Check that this reflects what vendors confirmed.`
        : 'Neither the ledger nor any disclosure records remote maintenance; Mamori cannot tell whether vendors were asked.',
      facts: [
        fact('リモート保守回線のある機器', 'Devices with a remote-maintenance line', f.remoteMaintenance),
        fact('リモート保守(RMOT)に回答した開示書', 'Disclosures answering remote service (RMOT)', f.rmotAnswers),
      ],
      link: '/devices',
    }
  },
  '2-③': (f) => {
    const missing = f.modelsInUse - f.modelsWithDisclosure
    return {
      suggestion: f.modelsInUse === 0 ? 'unknown' : missing === 0 ? 'yes' : 'no',
      summaryJa:
        f.modelsInUse === 0
          ? '機種カタログに確定した機器がなく、開示書の有無を判断できません。'
          : `使用中の ${f.modelsInUse} 機種のうち、開示書(MDS/SDS・MDS2)があるのは ${f.modelsWithDisclosure} 機種、ないのは ${missing} 機種です。`,
      summaryEn:
        f.modelsInUse === 0
          ? 'No device is confirmed as a catalog model, so disclosures on file cannot be counted.'
          : `Of ${f.modelsInUse} models in use, ${f.modelsWithDisclosure} have a disclosure (MDS/SDS or MDS2) on file and ${missing} do not.`,
      facts: [
        fact('使用中の機種', 'Models in use', f.modelsInUse),
        fact('開示書あり', 'With a disclosure on file', pct(f.modelsWithDisclosure, f.modelsInUse)),
        fact('開示書なし', 'Without a disclosure', missing),
      ],
      link: '/disclosures',
    }
  },
  '2-⑥': (f) => {
    const bad = f.pastSupportEnd + f.affectedDevices
    return {
      suggestion: f.devices === 0 ? 'unknown' : bad === 0 ? 'yes' : 'no',
      summaryJa: `サポート終了を過ぎた機器が ${f.pastSupportEnd} 台、未対応の脆弱性情報に該当する機器が ${f.affectedDevices} 台あります。`,
      summaryEn: `${f.pastSupportEnd} devices are past the end of support and ${f.affectedDevices} devices are affected by open advisories.`,
      facts: [
        fact('製造業者サポート終了を過ぎた機器', "Devices past the manufacturer's end of support", f.pastSupportEnd),
        fact('耐用期間を過ぎた機器', 'Devices past their service life', f.pastServiceLife),
        fact('脆弱性情報に該当する機器', 'Devices affected by advisories', f.affectedDevices),
      ],
      link: '/advisories',
    }
  },
  '2-⑫': (f) => {
    const findings = f.unneededServices.reduce((n, r) => n + r.findings, 0)
    return {
      suggestion: f.scannedHosts === 0 ? 'unknown' : findings === 0 ? 'yes' : 'no',
      summaryJa:
        f.scannedHosts === 0
          ? 'まだネットワーク探索をしていないため判断できません。'
          : `不要または平文のサービス(Telnet、FTP、SMBv1 など)の未対応の指摘が ${findings} 件あります。`,
      summaryEn:
        f.scannedHosts === 0
          ? 'No scan has run yet, so Mamori cannot tell.'
          : `${findings} open findings of unneeded or cleartext services (Telnet, FTP, SMBv1…).`,
      facts: f.unneededServices.map((r) =>
        fact(`指摘 ${r.ruleId}`, `Finding ${r.ruleId}`, `${r.findings} (${r.devices} 台 / devices)`),
      ),
      link: '/discovery/findings',
    }
  },
  '2-⑬': (f) => ({
    suggestion: f.scannedHosts === 0 ? 'unknown' : f.adminReachableHosts === 0 ? 'yes' : 'no',
    summaryJa:
      f.scannedHosts === 0
        ? 'まだネットワーク探索をしていないため判断できません。'
        : `探索した ${f.scannedHosts} 台のうち ${f.adminReachableHosts} 台で、管理用サービス(SSH、Telnet、RDP、VNC など)に探索元から接続できました。`,
    summaryEn:
      f.scannedHosts === 0
        ? 'No scan has run yet, so Mamori cannot tell.'
        : `${f.adminReachableHosts} of ${f.scannedHosts} scanned hosts had an administration service (SSH, Telnet, RDP, VNC…) reachable from the scanner.`,
    facts: [
      fact('探索したホスト', 'Hosts scanned', f.scannedHosts),
      fact('管理用サービスに接続できたホスト', 'Hosts with an administration service reachable', f.adminReachableHosts),
      fact('対象ポート', 'Ports looked at', ADMIN_PORTS.join(', ')),
    ],
    link: '/discovery/scans',
  }),
  '3-②': () => notHeld(),
  '3-③': () => notHeld(),
}

function notHeld(): Omit<ChecklistEvidence, 'itemId'> {
  return {
    suggestion: 'unknown',
    summaryJa: 'Mamori はまだ事業継続計画・バックアップの情報を持っていません(継続計画は issue 11 で対応予定)。',
    summaryEn: 'Not yet held by Mamori (continuity plans come with issue 11).',
    facts: [],
    link: null,
  }
}

/** Item ids Mamori has an evidence rule for. */
export const EVIDENCE_ITEMS = Object.keys(RULES)

/** The evidence for an item, or null when Mamori holds nothing for it. */
export function evidenceFor(itemId: string, facts: EvidenceFacts): ChecklistEvidence | null {
  const rule = RULES[itemId]
  return rule ? { itemId, ...rule(facts) } : null
}
