import type { Storage } from '../../src/storage/database.js'
import { DeviceRepository } from '../../src/storage/device-repository.js'
import { buildDevice } from '../factories.js'

/**
 * A small ledger whose evidence is known by hand: 5 devices (+1 decommissioned, never counted), 3 complete
 * (owner + location + address), 3 seen by a scan, 1 with a remote-maintenance line, 2 past support end, 1 affected
 * by an advisory (another match, marked false by a person, does not count); 2 models in use, 1 with an MDS2 on file
 * answering RMOT-1; open findings telnet ×2 (2 devices) and smbv1 ×1, one fixed ftp finding (not counted);
 * 4 addresses up, 2 of them with an admin service open in their latest scan (10.0.0.1's SSH closed in a later scan;
 * 10.0.0.2's RDP and 10.0.0.3's VNC open).
 */
export const actor = { id: null, name: 'tester' }
const NOW = '2026-12-01T00:00:00.000Z'

export async function seedLedger(storage: Storage) {
  const db = storage.db
  const ledger = new DeviceRepository(db)
  const [d1, d2, d3, d4, d5] = await ledger.createMany(
    [
      buildDevice({
        responsiblePerson: '山田',
        location: 'ICU-1',
        supportEnd: '2025-03-31',
        connectionTypes: ['wired', 'remote_maintenance'],
      }),
      buildDevice({ responsibleDepartment: '臨床工学室', location: 'ICU-2' }),
      buildDevice({ responsiblePerson: '佐藤', location: '手術室', supportEnd: '2030-03-31' }),
      buildDevice({ location: '放射線科', supportEnd: '2024-01-01', serviceLifeEnd: '2025-01-01' }),
      buildDevice({ responsiblePerson: '鈴木', location: null, ipAddresses: [], macAddresses: [] }),
      buildDevice({ responsiblePerson: '廃棄', location: '倉庫', status: 'decommissioned', supportEnd: '2020-01-01' }),
    ],
    actor,
  )
  const model = (id: string, name: string) => ({
    id,
    vendor: 'Acme',
    vendorKey: 'acme',
    name,
    nameKey: name.toLowerCase(),
    versionFrom: '',
    versionTo: '',
    createdAt: NOW,
    updatedAt: NOW,
  })
  await db
    .insertInto('deviceModels')
    .values([model('m-a', 'A-1'), model('m-b', 'B-2'), model('m-c', 'C-3')])
    .execute()
  const link = (deviceId: string, modelId: string, state = 'confirmed') => ({
    deviceId,
    modelId,
    state,
    confidence: 1,
    reason: 'test',
    decidedBy: null,
    decidedAt: null,
  })
  await db
    .insertInto('deviceModelLinks')
    .values([link(d1!.id, 'm-a'), link(d2!.id, 'm-a'), link(d3!.id, 'm-b'), link(d4!.id, 'm-c', 'suggested')])
    .execute()
  await db
    .insertInto('disclosures')
    .values({
      id: 'disc-1',
      modelId: 'm-a',
      form: 'mds2-2019',
      fileName: null,
      fileSha256: null,
      header: '{}',
      questionCount: 1,
      answeredCount: 1,
      problems: '[]',
      importedAt: NOW,
      importedBy: null,
    })
    .execute()
  await db
    .insertInto('disclosureAnswers')
    .values({
      disclosureId: 'disc-1',
      questionId: 'RMOT-1',
      writtenId: null,
      value: 'Yes',
      comment: null,
      noteRefs: '[]',
      cell: null,
    })
    .execute()
  await db
    .insertInto('scans')
    .values({
      id: 'scan-1',
      status: 'completed',
      profile: 'safe',
      targets: '[]',
      portSpec: null,
      requestedBy: null,
      scheduleId: null,
      createdAt: NOW,
      startedAt: NOW,
      finishedAt: NOW,
      progress: '{}',
      error: null,
    })
    .execute()
  // A later scan saw 10.0.0.1 again with SSH closed since: only the latest view of an address counts.
  await db
    .insertInto('scans')
    .values({
      id: 'scan-2',
      status: 'completed',
      profile: 'safe',
      targets: '[]',
      portSpec: null,
      requestedBy: null,
      scheduleId: null,
      createdAt: '2026-12-01T06:00:00.000Z',
      startedAt: null,
      finishedAt: null,
      progress: '{}',
      error: null,
    })
    .execute()
  const host = (id: string, address: string, deviceId: string | null, scanId = 'scan-1') => ({
    id,
    scanId,
    address,
    mac: null,
    hostname: null,
    state: 'up',
    deviceId,
    identification: null,
    complete: 1,
  })
  await db
    .insertInto('scanHosts')
    .values([
      host('h1', '10.0.0.1', d1!.id),
      host('h2', '10.0.0.2', d2!.id),
      host('h3', '10.0.0.9', null),
      host('h4', '10.0.0.1', d1!.id, 'scan-2'),
      host('h5', '10.0.0.3', d3!.id, 'scan-2'),
    ])
    .execute()
  const svc = (id: string, hostId: string, port: number, state = 'open') => ({
    id,
    scanHostId: hostId,
    scanId: hostId === 'h4' || hostId === 'h5' ? 'scan-2' : 'scan-1',
    port,
    transport: 'tcp',
    state,
    service: null,
    banner: null,
    facts: null,
  })
  await db
    .insertInto('scanServices')
    .values([
      svc('s1', 'h1', 22),
      svc('s2', 'h1', 443),
      svc('s3', 'h2', 3389),
      svc('s4', 'h3', 80),
      svc('s5', 'h3', 23, 'closed'),
      svc('s6', 'h4', 443),
      svc('s7', 'h4', 22, 'closed'),
      svc('s8', 'h5', 5900),
    ])
    .execute()
  const finding = (id: string, ruleId: string, deviceId: string, status = 'open') => ({
    id,
    source: 'scan',
    key: id,
    siteId: 'default',
    deviceId,
    address: null,
    port: null,
    ruleId,
    severity: 'high',
    titleJa: 't',
    titleEn: 't',
    detailJa: '',
    detailEn: '',
    recommendationJa: '',
    recommendationEn: '',
    evidence: '{}',
    status,
    statusReason: null,
    statusExpiresAt: null,
    firstSeenAt: NOW,
    lastSeenAt: NOW,
    lastScanId: 'scan-1',
    incomplete: 0,
  })
  await db
    .insertInto('findings')
    .values([
      finding('f1', 'telnet-cleartext', d1!.id),
      finding('f2', 'telnet-cleartext', d2!.id),
      finding('f3', 'smbv1-enabled', d2!.id),
      finding('f4', 'ftp-cleartext', d3!.id, 'fixed'),
      finding('f5', 'tls-old-version', d3!.id),
    ])
    .execute()
  const vm = (id: string, deviceId: string, modelId: string, reviewKey: string) => ({
    id,
    deviceId,
    modelId,
    cve: 'CVE-2020-6961',
    advisoryId: null,
    componentId: null,
    via: 'advisory',
    reviewKey,
    productLabel: 'x',
    decision: 'affected',
    confidence: 1,
    reasons: '[]',
    vex: null,
    firstSeenAt: NOW,
    lastSeenAt: NOW,
    notifiedAt: null,
  })
  // d1's match was marked false for its whole model by a person: it does not count.
  await db
    .insertInto('vulnMatches')
    .values(vm('vm2', d1!.id, 'm-a', 'k-false'))
    .execute()
  await db
    .insertInto('matchReviews')
    .values({
      id: 'r1',
      modelId: 'm-a',
      deviceId: null,
      reviewKey: 'k-false',
      decision: 'false-positive',
      note: null,
      decidedBy: 'tester',
      decidedAt: NOW,
    })
    .execute()
  await db
    .insertInto('vulnMatches')
    .values({
      id: 'vm1',
      deviceId: d3!.id,
      modelId: 'm-b',
      cve: 'CVE-2020-6961',
      advisoryId: null,
      componentId: null,
      via: 'advisory',
      reviewKey: 'k',
      productLabel: 'B-2',
      decision: 'affected',
      confidence: 1,
      reasons: '[]',
      vex: null,
      firstSeenAt: NOW,
      lastSeenAt: NOW,
      notifiedAt: null,
    })
    .execute()
  return { devices: [d1!, d2!, d3!, d4!, d5!] }
}
