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
  /** The continuity plan (issue 11; ADR 0043) for 3-①, 3-② and 3-③. */
  continuity: ContinuityFacts
}

/** Counts over the contact chain, the playbook, exercises and (from the bcp module) services and device plans. */
export interface ContinuityFacts {
  contacts: number
  contactsWithPhone: number
  /** Kinds of contact present in the chain. */
  internal: boolean
  vendor: boolean
  authority: boolean
  police: boolean
  playbookTasks: number
  tasksWithOwner: number
  /** Of the five MHLW phases, how many have at least one task. */
  phasesCovered: number
  exercises: number
  lastExercise: string | null
  /** Clinical services, and those with MTD, a manual fallback and a decider (null: not readable yet). */
  services: number | null
  servicesComplete: number | null
  /** Devices some service depends on directly, and of those with recovery steps / a backup note (null: not yet). */
  plannedDevices: number | null
  devicesWithRecovery: number | null
  devicesWithBackup: number | null
}

/** A plan with nothing in it (a repository without the continuity tables, tests). */
export const NO_CONTINUITY: ContinuityFacts = {
  contacts: 0,
  contactsWithPhone: 0,
  internal: false,
  vendor: false,
  authority: false,
  police: false,
  playbookTasks: 0,
  tasksWithOwner: 0,
  phasesCovered: 0,
  exercises: 0,
  lastExercise: null,
  services: null,
  servicesComplete: null,
  plannedDevices: null,
  devicesWithRecovery: null,
  devicesWithBackup: null,
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
  '3-①': ({ continuity: c }) => {
    const missing = [
      c.internal ? null : { ja: '院内', en: 'the hospital' },
      c.vendor ? null : { ja: '事業者', en: 'vendors' },
      c.authority ? null : { ja: '厚生労働省など行政', en: 'MHLW or another authority' },
      c.police ? null : { ja: '警察', en: 'the police' },
    ].filter((x) => x !== null)
    const noPhone = c.contacts - c.contactsWithPhone
    const suggestion = c.contacts === 0 || missing.length > 0 ? 'no' : noPhone === 0 ? 'yes' : 'unknown'
    return {
      suggestion,
      summaryJa:
        c.contacts === 0
          ? '連絡体制図がまだ作成されていません。'
          : missing.length > 0
            ? `連絡体制図に ${missing.map((m) => m.ja).join('・')} の連絡先がありません。`
            : noPhone > 0
              ? `連絡体制図には院内・事業者・行政・警察がそろっていますが、${noPhone} 件の連絡先に電話番号がありません。`
              : `連絡体制図に院内・事業者・行政・警察の ${c.contacts} 件の連絡先があり、すべてに電話番号があります。`,
      summaryEn:
        c.contacts === 0
          ? 'No contact chain has been drawn up yet.'
          : missing.length > 0
            ? `The contact chain has no contact for ${missing.map((m) => m.en).join(', ')}.`
            : noPhone > 0
              ? `The contact chain covers the hospital, vendors, authorities and the police, but ${noPhone} contacts have no phone number.`
              : `The contact chain holds ${c.contacts} contacts covering the hospital, vendors, authorities and the police, each with a phone number.`,
      facts: [
        fact('連絡先', 'Contacts', c.contacts),
        fact('電話番号あり', 'With a phone number', pct(c.contactsWithPhone, c.contacts)),
        fact('院内', 'Hospital', c.internal ? 'あり / yes' : 'なし / no'),
        fact('事業者', 'Vendors', c.vendor ? 'あり / yes' : 'なし / no'),
        fact('厚生労働省など行政', 'MHLW or other authority', c.authority ? 'あり / yes' : 'なし / no'),
        fact('警察', 'Police', c.police ? 'あり / yes' : 'なし / no'),
      ],
      link: '/bcp/contacts',
    }
  },
  '3-②': ({ continuity: c }) => {
    if (c.plannedDevices === null || c.devicesWithRecovery === null || c.devicesWithBackup === null)
      return {
        suggestion: 'unknown',
        summaryJa:
          '機器ごとの復旧手順とバックアップの記録は、継続計画(臨床サービスと機器の停止時手順)から読み取ります。まだ読み取れません。',
        summaryEn:
          "Recovery steps and backups per device come from the continuity plan (clinical services and devices' downtime plans); not readable yet.",
        facts: [],
        link: '/bcp',
      }
    const n = c.plannedDevices
    const full = Math.min(c.devicesWithRecovery, c.devicesWithBackup)
    return {
      suggestion:
        n === 0
          ? 'unknown'
          : c.devicesWithRecovery === n && c.devicesWithBackup === n
            ? 'yes'
            : full === 0
              ? 'no'
              : 'unknown',
      summaryJa:
        n === 0
          ? '臨床サービスが依存する機器がまだ登録されていないため、判断できません。'
          : `臨床サービスが依存する ${n} 台のうち、復旧手順があるのは ${c.devicesWithRecovery} 台、バックアップの記録があるのは ${c.devicesWithBackup} 台です。`,
      summaryEn:
        n === 0
          ? 'No device is recorded as something a clinical service depends on, so Mamori cannot tell.'
          : `Of ${n} devices clinical services depend on, ${c.devicesWithRecovery} have recovery steps and ${c.devicesWithBackup} have a backup note.`,
      facts: [
        fact('臨床サービスが依存する機器', 'Devices clinical services depend on', n),
        fact('復旧手順あり', 'With recovery steps', pct(c.devicesWithRecovery, n)),
        fact('バックアップの記録あり', 'With a backup note', pct(c.devicesWithBackup, n)),
      ],
      link: '/bcp',
    }
  },
  '3-③': ({ continuity: c }) => {
    const known = c.services !== null && c.servicesComplete !== null
    const services = c.services ?? 0
    const complete = c.servicesComplete ?? 0
    const suggestion =
      known && services > 0 && complete === services && c.phasesCovered === 5 && c.lastExercise !== null
        ? 'yes'
        : (!known || services === 0) && c.playbookTasks === 0
          ? 'no'
          : 'unknown'
    const servicesJa = known
      ? `臨床サービス ${services} 件のうち、許容停止時間・代替手段・判断者がそろっているのは ${complete} 件。`
      : '臨床サービスの計画はまだ読み取れません。'
    const servicesEn = known
      ? `${complete} of ${services} clinical services have a tolerable downtime, a manual fallback and a decider.`
      : 'The clinical services of the plan are not readable yet.'
    return {
      suggestion,
      summaryJa: `${servicesJa}行動計画は 5 段階のうち ${c.phasesCovered} 段階に項目があります。最後の訓練: ${c.lastExercise ?? 'なし'}。`,
      summaryEn: `${servicesEn} The playbook has tasks in ${c.phasesCovered} of the 5 phases. Last exercise: ${c.lastExercise ?? 'none'}.`,
      facts: [
        fact('臨床サービス', 'Clinical services', known ? services : '—'),
        fact(
          '許容停止時間・代替手段・判断者あり',
          'With tolerable downtime, fallback and decider',
          known ? pct(complete, services) : '—',
        ),
        fact(
          '行動計画の段階(平時・検知・初動対応・復旧処理・事後対応)',
          'Playbook phases covered',
          `${c.phasesCovered} / 5`,
        ),
        fact(
          '行動計画の項目(担当者あり)',
          'Playbook tasks (with an owner)',
          `${c.playbookTasks} (${c.tasksWithOwner})`,
        ),
        fact('訓練の記録', 'Exercises recorded', c.exercises),
        fact('最後の訓練', 'Last exercise', c.lastExercise ?? '—'),
      ],
      link: '/bcp',
    }
  },
}

/** Item ids Mamori has an evidence rule for. */
export const EVIDENCE_ITEMS = Object.keys(RULES)

/** The evidence for an item, or null when Mamori holds nothing for it. */
export function evidenceFor(itemId: string, facts: EvidenceFacts): ChecklistEvidence | null {
  const rule = RULES[itemId]
  return rule ? { itemId, ...rule(facts) } : null
}
