import { describe, expect, it } from 'vitest'
import type { SlaPolicy } from '../../../api/actions.js'
import {
  type ActionFields,
  actionKind,
  addDays,
  DEFAULT_SLA,
  type PlanAction,
  type PlanFinding,
  planActions,
  slaDue,
} from './plan.js'
import { ACTION_TEMPLATES, fillCount } from './templates.js'

const NOW = new Date('2026-12-01T09:00:00.000Z')
const TODAY = '2026-12-01'

function finding(o: Partial<PlanFinding> & { id: string }): PlanFinding {
  return {
    source: 'scan',
    ruleId: 'telnet-cleartext',
    siteId: 'site-a',
    deviceId: `dev-${o.id}`,
    deviceLabel: null,
    address: '10.0.0.5',
    port: 23,
    severity: 'high',
    status: 'open',
    statusReason: null,
    statusExpiresAt: null,
    titleJa: 'タイトル',
    titleEn: 'Title',
    recommendationJa: '推奨',
    recommendationEn: 'Recommendation',
    evidence: '',
    incomplete: false,
    knownExploited: false,
    fixedOn: null,
    ...o,
  }
}

/** A stored action as the previous sync left it for these findings. */
function stored(findings: PlanFinding[], o: Partial<PlanAction> = {}): PlanAction {
  const created = planActions(findings, [], DEFAULT_SLA, new Date('2026-11-01T00:00:00Z')).create[0]!
  return {
    id: 'act-1',
    siteId: created.siteId,
    kind: created.kind,
    owner: null,
    dueSetByPerson: false,
    createdAt: '2026-11-01T00:00:00.000Z',
    findingIds: created.findingIds,
    ...created.fields,
    ...o,
  }
}

const telnet = (n: number, site = 'site-a') =>
  Array.from({ length: n }, (_, i) =>
    finding({ id: `t${site}${i}`, siteId: site, address: `10.0.0.${i + 1}`, deviceLabel: `MON-${i + 1}` }),
  )

describe('actionKind: what is to be done, stable across syncs', () => {
  const cases: [string, Partial<PlanFinding>, string][] = [
    ['a scan rule', { source: 'scan', ruleId: 'telnet-cleartext' }, 'scan:telnet-cleartext'],
    ['SMBv1', { source: 'scan', ruleId: 'smbv1-enabled' }, 'scan:smbv1-enabled'],
    [
      'a vulnerability named in an advisory',
      {
        source: 'vulnerability',
        ruleId: 'CVE-2020-1234',
        evidence: 'advisory ICSMA-20-049-01, CVE-2020-1234, CVSS 9.8',
      },
      'vuln:ICSMA-20-049-01',
    ],
    [
      'a vulnerability from the NVD alone',
      { source: 'vulnerability', ruleId: 'CVE-2021-44228', evidence: 'CVE-2021-44228, CVSS 10, KEV, via cpe' },
      'vuln:CVE-2021-44228',
    ],
    [
      'an advisory vulnerability without a CVE',
      { source: 'vulnerability', ruleId: 'advisory:JVNDB-2024-000123', evidence: 'via model' },
      'vuln:JVNDB-2024-000123',
    ],
    [
      'a vulnerability to check first',
      {
        source: 'vulnerability',
        ruleId: 'CVE-2020-1234',
        evidence: 'advisory ICSMA-20-049-01, CVE-2020-1234',
        incomplete: true,
        severity: 'info',
      },
      'vuln-review:ICSMA-20-049-01',
    ],
    [
      'a disclosure weakness → its compensating control',
      { source: 'disclosure', ruleId: 'paut-no-unique-accounts', address: null, port: null },
      'control:account-management',
    ],
    [
      'remote service → allow-listed remote maintenance',
      { source: 'disclosure', ruleId: 'rmot-remote-service', address: null, port: null },
      'control:remote-maintenance-allowlist',
    ],
    [
      'a disclosure port comparison keeps its rule',
      { source: 'disclosure', ruleId: 'undeclared-open-port' },
      'disclosure:undeclared-open-port',
    ],
    [
      'support end keeps its rule',
      { source: 'disclosure', ruleId: 'support-end-before-service-life', address: null, port: null },
      'disclosure:support-end-before-service-life',
    ],
    ['an unknown source and rule', { source: 'passive', ruleId: 'cleartext-hl7' }, 'passive:cleartext-hl7'],
  ]
  it.each(cases)('%s', (_name, o, kind) => {
    expect(actionKind(finding({ id: 'x', ...o }))).toBe(kind)
  })
})

describe('grouping: one action per site and kind, in plain words', () => {
  it('twelve Telnet findings become one action for 12 devices, Japanese and English', () => {
    const smb = [1, 2, 3].map((i) => finding({ id: `s${i}`, ruleId: 'smbv1-enabled', port: 445, severity: 'critical' }))
    const plan = planActions([...telnet(12), ...smb], [], DEFAULT_SLA, NOW)
    expect(plan.create).toHaveLength(2)
    const t = plan.create.find((c) => c.kind === 'scan:telnet-cleartext')!
    expect(t.fields.titleJa).toBe('Telnet を停止する（または隔離区画へ移す）— 12 台')
    expect(t.fields.titleEn).toBe('Turn off Telnet (or move into an isolated segment) — 12 devices')
    expect(t.fields.detailJa).toMatch(/暗号化せず/)
    expect(t.fields).toMatchObject({ deviceCount: 12, findingCount: 12, severity: 'high', status: 'open' })
    const s = plan.create.find((c) => c.kind === 'scan:smbv1-enabled')!
    expect(s.fields.titleJa).toContain('SMBv1 を無効にする')
    expect(s.fields.titleEn).toContain('isolated segment')
    // Three findings, but on one device each: dev-s1..3.
    expect(s.fields.deviceCount).toBe(3)
  })

  it('counts devices, not findings: two ports on one device are one device ("1 device")', () => {
    const plan = planActions(
      [finding({ id: 'a', deviceId: 'd1', port: 23 }), finding({ id: 'b', deviceId: 'd1', port: 2323 })],
      [],
      DEFAULT_SLA,
      NOW,
    )
    expect(plan.create[0]!.fields).toMatchObject({ deviceCount: 1, findingCount: 2 })
    expect(plan.create[0]!.fields.titleEn).toMatch(/— 1 device$/)
    expect(plan.create[0]!.fields.titleJa).toMatch(/— 1 台$/)
  })

  it('keeps sites apart', () => {
    const plan = planActions([...telnet(2, 'site-a'), ...telnet(3, 'site-b')], [], DEFAULT_SLA, NOW)
    expect(plan.create.map((c) => [c.siteId, c.fields.deviceCount])).toEqual([
      ['site-a', 2],
      ['site-b', 3],
    ])
  })

  it('groups vulnerabilities per advisory and says which update to apply', () => {
    const v = (id: string, cve: string, dev: string, kev = false) =>
      finding({
        id,
        source: 'vulnerability',
        ruleId: cve,
        deviceId: dev,
        address: null,
        port: null,
        severity: kev ? 'critical' : 'high',
        knownExploited: kev,
        evidence: `advisory ICSMA-20-049-01, ${cve}, CVSS 8.1${kev ? ', KEV' : ''}`,
        recommendationJa: '製造業者の修正（更新）を適用する: 2.1 へ',
        recommendationEn: "apply the manufacturer's fix (update): to 2.1",
      })
    const plan = planActions(
      [
        v('1', 'CVE-2020-1', 'd1'),
        v('2', 'CVE-2020-2', 'd1', true),
        v('3', 'CVE-2020-1', 'd2'),
        v('4', 'CVE-2020-1', 'd3'),
      ],
      [],
      DEFAULT_SLA,
      NOW,
    )
    expect(plan.create).toHaveLength(1)
    const a = plan.create[0]!
    expect(a.kind).toBe('vuln:ICSMA-20-049-01')
    expect(a.fields.titleEn).toBe(
      "Apply the manufacturer's update for ICSMA-20-049-01 (or its mitigation, or isolate) — 3 devices",
    )
    expect(a.fields.titleJa).toContain('ICSMA-20-049-01 に対処する')
    expect(a.fields.detailEn).toContain('CVE-2020-1, CVE-2020-2')
    expect(a.fields).toMatchObject({ severity: 'critical', knownExploited: true, dueOn: addDays(TODAY, 7) })
  })

  it('groups disclosure weaknesses per compensating control', () => {
    const d = (id: string, rule: string, dev: string) =>
      finding({ id, source: 'disclosure', ruleId: rule, deviceId: dev, address: null, port: null, titleJa: rule })
    const plan = planActions(
      [d('1', 'paut-no-unique-accounts', 'd1'), d('2', 'paut-no-unique-accounts', 'd2')],
      [],
      DEFAULT_SLA,
      NOW,
    )
    expect(plan.create[0]!.kind).toBe('control:account-management')
    expect(plan.create[0]!.fields.titleJa).toBe('アカウントとパスワードの管理 — 2 台')
    expect(plan.create[0]!.fields.titleEn).toBe('Account and password management — 2 devices')
  })

  it('falls back to the findings’ own title and recommendation for a rule without a template', () => {
    const plan = planActions(
      [
        finding({
          id: '1',
          source: 'passive',
          ruleId: 'hl7-cleartext',
          titleJa: 'HL7 が暗号化されていません',
          titleEn: 'HL7 in clear text',
          recommendationJa: 'VPN を使う',
          recommendationEn: 'Use a VPN',
        }),
      ],
      [],
      DEFAULT_SLA,
      NOW,
    )
    expect(plan.create[0]!.fields).toMatchObject({
      titleJa: 'HL7 が暗号化されていません — 1 台',
      titleEn: 'HL7 in clear text — 1 device',
      detailJa: 'VPN を使う',
      detailEn: 'Use a VPN',
    })
  })

  it('has Japanese and English for every template, each with {{count}}', () => {
    for (const [id, t] of Object.entries(ACTION_TEMPLATES)) {
      expect(t.titleJa, id).toContain('{{count}} 台')
      expect(t.titleEn, id).toContain('{{count}} devices')
      expect(t.detailJa, id).toMatch(/[ぁ-ん]/)
      expect(fillCount(t.titleEn, 2), id).not.toContain('{{')
    }
  })
})

describe('SLA: due date = creation date + days for the most severe finding; KEV sooner', () => {
  const sla: SlaPolicy = DEFAULT_SLA
  const cases: [Parameters<typeof slaDue>[2], boolean, string][] = [
    ['critical', false, '2026-12-15'],
    ['high', false, '2026-12-31'],
    ['medium', false, '2027-03-01'],
    ['low', false, '2027-05-30'],
    ['info', false, '2027-12-01'],
    ['high', true, '2026-12-08'],
    ['critical', true, '2026-12-08'],
  ]
  it.each(cases)('%s (KEV %s) → %s', (severity, kev, due) => {
    expect(slaDue(sla, NOW.toISOString(), severity, kev)).toBe(due)
  })
  it('never gives a KEV problem longer than its severity would', () => {
    expect(slaDue({ ...sla, critical: 3 }, TODAY, 'critical', true)).toBe('2026-12-04')
  })
  it('uses the severity of the most severe finding of the group', () => {
    const plan = planActions(
      [finding({ id: '1', severity: 'low' }), finding({ id: '2', severity: 'critical' })],
      [],
      sla,
      NOW,
    )
    expect(plan.create[0]!.fields).toMatchObject({ severity: 'critical', dueOn: '2026-12-15' })
  })
})

describe('re-sync: updates instead of duplicating; a person’s fields survive', () => {
  it('changes nothing when nothing changed', () => {
    const fs = telnet(3)
    const a = stored(fs)
    expect(planActions(fs, [a], DEFAULT_SLA, NOW)).toEqual({ create: [], update: [], findings: [] })
  })

  it('adds a new device with the same problem to the existing action; owner, status and due date stay', () => {
    const fs = telnet(3)
    const a = stored(fs, { owner: '臨床工学科 佐藤', status: 'in_progress', dueOn: '2027-01-31', dueSetByPerson: true })
    const extra = finding({ id: 'new', address: '10.0.0.99' })
    const plan = planActions([...fs, extra], [a], DEFAULT_SLA, NOW)
    expect(plan.create).toHaveLength(0)
    expect(plan.update).toHaveLength(1)
    const u = plan.update[0]!
    expect(u.addFindingIds).toEqual(['new'])
    expect(u.fields).toMatchObject({ status: 'in_progress', dueOn: '2027-01-31', deviceCount: 4 })
    expect(u.fields.titleJa).toContain('— 4 台')
  })

  it('moves the SLA due date when the severity rises, unless a person set it', () => {
    const fs = telnet(2)
    const rising = [...fs, finding({ id: 'kev', severity: 'critical', knownExploited: true })]
    const bySla = planActions(rising, [stored(fs)], DEFAULT_SLA, NOW).update[0]!
    // Created 2026-11-01; KEV → 7 days.
    expect(bySla.fields.dueOn).toBe('2026-11-08')
    const byPerson = planActions(rising, [stored(fs, { dueOn: '2027-02-01', dueSetByPerson: true })], DEFAULT_SLA, NOW)
      .update[0]!
    expect(byPerson.fields.dueOn).toBe('2027-02-01')
  })
})

describe('closing with evidence, and reopening', () => {
  const fixedByScan = (f: PlanFinding, scan = '3f2a1b2c-9d8e-4f00-a000-000000000001'): PlanFinding => ({
    ...f,
    status: 'fixed',
    statusReason: `not observed again by scan ${scan}`,
    fixedOn: '2026-11-30',
  })

  it('closes an action when a re-scan no longer sees any of its problems, with the scan, place and date', () => {
    const fs = telnet(2)
    const a = stored(fs, { owner: '佐藤' })
    const plan = planActions(
      fs.map((f) => fixedByScan(f)),
      [a],
      DEFAULT_SLA,
      NOW,
    )
    const u = plan.update[0]!
    expect(u.event).toBe('closed')
    expect(u.fields.status).toBe('done')
    expect(u.fields.closedAt).toBe(NOW.toISOString())
    const lines = u.fields.closedEvidence!.split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toBe(
      'スキャン 3f2a1b2c で MON-1 10.0.0.1:23 の Telnet が見えなくなりました（2026-11-30） / Scan 3f2a1b2c no longer sees Telnet on MON-1 10.0.0.1:23 (2026-11-30)',
    )
    // What was done is still described: the devices it was about.
    expect(u.fields.deviceCount).toBe(2)
  })

  it('stays open while one device still has the problem, and counts only that one', () => {
    const fs = telnet(2)
    const plan = planActions([fixedByScan(fs[0]!), fs[1]!], [stored(fs)], DEFAULT_SLA, NOW)
    expect(plan.update[0]!.fields).toMatchObject({ status: 'open', deviceCount: 1, closedEvidence: null })
    expect(plan.update[0]!.fields.titleEn).toContain('— 1 device')
  })

  it('uses the sync date and the recorded reason when a person marked a finding fixed', () => {
    const fs = telnet(1)
    const f = { ...fs[0]!, status: 'fixed' as const, statusReason: 'Telnet を設定で無効化した' }
    const u = planActions([f], [stored(fs)], DEFAULT_SLA, NOW).update[0]!
    expect(u.fields.closedEvidence).toBe(
      'MON-1 10.0.0.1:23 の Telnet は対応済みとして記録されました（2026-12-01: Telnet を設定で無効化した） / Telnet on MON-1 10.0.0.1:23 was recorded as fixed (2026-12-01: Telnet を設定で無効化した)',
    )
  })

  it('reopens a closed action when the problem is seen again', () => {
    const fs = telnet(2)
    const closed = planActions(
      fs.map((f) => fixedByScan(f)),
      [stored(fs)],
      DEFAULT_SLA,
      NOW,
    ).update[0]!
    const a = stored(fs, { ...closed.fields })
    const again = [fixedByScan(fs[0]!), fs[1]!]
    const u = planActions(again, [a], DEFAULT_SLA, NOW).update[0]!
    expect(u.event).toBe('reopened')
    expect(u.fields).toMatchObject({ status: 'open', closedAt: null, closedEvidence: null, deviceCount: 1 })
  })

  it('keeps a "done" a person set while the scan still sees the problem, then adds the evidence', () => {
    const fs = telnet(1)
    const a = stored(fs, { status: 'done', closedAt: '2026-11-20T00:00:00.000Z' })
    expect(planActions(fs, [a], DEFAULT_SLA, NOW).update).toEqual([])
    const u = planActions([fixedByScan(fs[0]!)], [a], DEFAULT_SLA, NOW).update[0]!
    expect(u.fields).toMatchObject({ status: 'done', closedAt: '2026-11-20T00:00:00.000Z' })
    expect(u.fields.closedEvidence).toContain('Scan 3f2a1b2c no longer sees Telnet')
  })

  it('limits the evidence to 20 lines and says how many more', () => {
    const fs = telnet(23)
    const u = planActions(
      fs.map((f) => fixedByScan(f)),
      [stored(fs)],
      DEFAULT_SLA,
      NOW,
    ).update[0]!
    const lines = u.fields.closedEvidence!.split('\n')
    expect(lines).toHaveLength(21)
    expect(lines[20]).toBe('ほか 3 件 / 3 more')
  })
})

describe('risk acceptance', () => {
  const acceptance = (expiresOn: string) => ({
    reason: '更新予定（2027 年度）まで隔離 VLAN で運用',
    approver: '医療安全管理委員長',
    expiresOn,
    acceptedBy: 'engineer',
    acceptedAt: '2026-11-15T00:00:00.000Z',
  })
  const acceptedFindings = (fs: PlanFinding[], expiresOn: string) =>
    fs.map((f) => ({
      ...f,
      status: 'accepted' as const,
      statusReason: acceptance(expiresOn).reason,
      statusExpiresAt: expiresOn,
    }))

  it('stays accepted until its expiry', () => {
    const fs = telnet(2)
    const a = stored(fs, { status: 'accepted', acceptance: acceptance(TODAY) })
    expect(planActions(acceptedFindings(fs, TODAY), [a], DEFAULT_SLA, NOW)).toEqual({
      create: [],
      update: [],
      findings: [],
    })
  })

  it('goes back to open, with its findings, the day after the expiry', () => {
    const fs = telnet(2)
    const a = stored(fs, { status: 'accepted', acceptance: acceptance('2026-11-30') })
    const plan = planActions(acceptedFindings(fs, '2026-11-30'), [a], DEFAULT_SLA, NOW)
    expect(plan.update[0]!.event).toBe('acceptance-expired')
    expect(plan.update[0]!.fields).toMatchObject({ status: 'open', acceptance: null })
    expect(plan.findings.map((f) => [f.findingId, f.status])).toEqual(fs.map((f) => [f.id, 'open']))
  })

  it('is not stretched silently to a new device with the same problem: the action reopens', () => {
    const fs = telnet(2)
    const a = stored(fs, { status: 'accepted', acceptance: acceptance('2027-06-30') })
    const plan = planActions(
      [...acceptedFindings(fs, '2027-06-30'), finding({ id: 'new', address: '10.0.0.77' })],
      [a],
      DEFAULT_SLA,
      NOW,
    )
    const u = plan.update[0]!
    expect(u.event).toBe('acceptance-ended')
    expect(u.fields).toMatchObject({ status: 'open', acceptance: null, deviceCount: 3 })
    expect(plan.findings).toHaveLength(2)
  })
})

describe('stored() helper', () => {
  it('matches what a first sync creates', () => {
    const a = stored(telnet(1))
    const fields: Partial<ActionFields> = { status: 'open', deviceCount: 1 }
    expect(a).toMatchObject(fields)
  })
})
