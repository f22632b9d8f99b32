import type { Storage } from '../../src/storage/database.js'
import { DeviceRepository } from '../../src/storage/device-repository.js'
import { buildDevice } from '../factories.js'

/**
 * A small hospital for the risk tests, written straight into the tables each source fills: a ventilator and a
 * lab PC that a scan saw with the same two open ports (Telnet, HTTP) and the same Telnet finding; the ventilator
 * also has an affected KEV vulnerability (ransomware) with EPSS and CVSS, a confirmed model with an MDS2 disclosure
 * (only the manufacturer patches; audit log and authentication declared), and remote maintenance. A printer never
 * seen, and a decommissioned device that must not be scored.
 */
export interface RiskSeed {
  ventilator: string
  labPc: string
  printer: string
  retired: string
}

const T = '2026-12-01T08:00:00.000Z'
const actor = { id: null, name: 'seed' }

export async function seedRiskHospital(storage: Storage): Promise<RiskSeed> {
  const db = storage.db
  const ledger = new DeviceRepository(db)
  const [ventilator, labPc, printer, retired] = await ledger.createMany(
    [
      buildDevice({
        assetTag: 'ME-VENT-01',
        name: '人工呼吸器',
        kind: 'medical_device',
        category: 'ventilator',
        manufacturer: 'Acme Medical',
        model: 'Breathe 7',
        department: 'ICU',
        patientProximity: 1,
        lifeCritical: true,
        ipAddresses: ['10.1.0.11'],
        connectionTypes: ['wired', 'remote_maintenance'],
        networkSegment: 'ICU-LAN',
        os: 'Windows 7',
        supportEnd: '2025-03-31',
      }),
      buildDevice({
        assetTag: 'IT-LABPC-01',
        name: '検査室PC',
        kind: 'pc',
        category: 'workstation',
        department: '検査科',
        patientProximity: 4,
        lifeCritical: false,
        ipAddresses: ['10.1.0.12'],
        connectionTypes: ['wired'],
        networkSegment: 'ICU-LAN',
      }),
      buildDevice({
        assetTag: 'IT-PRN-01',
        kind: 'network_device',
        category: 'printer',
        department: '医事課',
        ipAddresses: ['10.1.0.13'],
        patientProximity: 4,
      }),
      buildDevice({ assetTag: 'ME-OLD-01', category: 'infusion_pump', status: 'decommissioned' }),
    ],
    actor,
  )
  const ids = { ventilator: ventilator!.id, labPc: labPc!.id, printer: printer!.id, retired: retired!.id }

  // A completed scan that saw the ventilator and the lab PC with the same open ports.
  await db
    .insertInto('scans')
    .values({
      id: 'scan-1',
      status: 'completed',
      profile: 'gentle',
      targets: '["10.1.0.0/24"]',
      portSpec: null,
      requestedBy: 'seed',
      scheduleId: null,
      createdAt: T,
      startedAt: T,
      finishedAt: T,
      progress: '{}',
      error: null,
    })
    .execute()
  const host = (id: string, address: string, deviceId: string) => ({
    id,
    scanId: 'scan-1',
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
    .values([host('h-vent', '10.1.0.11', ids.ventilator), host('h-pc', '10.1.0.12', ids.labPc)])
    .execute()
  const service = (id: string, hostId: string, port: number, name: string, state = 'open') => ({
    id,
    scanHostId: hostId,
    scanId: 'scan-1',
    port,
    transport: 'tcp',
    state,
    service: name,
    banner: null,
    facts: null,
  })
  await db
    .insertInto('scanServices')
    .values([
      service('s1', 'h-vent', 23, 'telnet'),
      service('s2', 'h-vent', 80, 'http'),
      service('s3', 'h-vent', 445, 'microsoft-ds', 'closed'),
      service('s4', 'h-pc', 23, 'telnet'),
      service('s5', 'h-pc', 80, 'http'),
    ])
    .execute()
  const finding = (id: string, deviceId: string, ruleId: string, severity: string, status = 'open') => ({
    id,
    source: 'scan',
    key: `${deviceId}|${ruleId}`,
    siteId: 'default',
    deviceId,
    address: null,
    port: 23,
    ruleId,
    severity,
    titleJa: 't',
    titleEn: 't',
    detailJa: 'd',
    detailEn: 'd',
    recommendationJa: 'r',
    recommendationEn: 'r',
    evidence: '',
    status,
    statusReason: null,
    statusExpiresAt: null,
    firstSeenAt: T,
    lastSeenAt: T,
    lastScanId: 'scan-1',
    incomplete: 0,
  })
  await db
    .insertInto('findings')
    .values([
      finding('f1', ids.ventilator, 'telnet-cleartext', 'high'),
      finding('f2', ids.labPc, 'telnet-cleartext', 'high'),
      finding('f3', ids.ventilator, 'undeclared-open-port', 'medium'),
      finding('f4', ids.ventilator, 'http-admin-without-tls', 'medium', 'accepted'),
    ])
    .execute()

  // Vulnerability intelligence: one KEV CVE (ransomware) and one plain CVE, both affecting the ventilator; a third
  // match a person marked false positive (must not count).
  const cve = (id: string, score: number, vector: string) => ({
    id,
    source: 'nvd',
    publishedAt: null,
    modifiedAt: null,
    descriptionEn: null,
    descriptionJa: null,
    cvss3Vector: vector,
    cvss3Score: score,
    cvss4Vector: null,
    cvss4Score: null,
    cwes: null,
    configurations: null,
  })
  await db
    .insertInto('cves')
    .values([
      cve('CVE-2017-0144', 5.9, 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N'),
      cve('CVE-2020-0001', 7.5, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N'),
      cve('CVE-2099-9999', 10, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H'),
    ])
    .execute()
  await db
    .insertInto('kevEntries')
    .values({
      cveId: 'CVE-2017-0144',
      vendorProject: 'Microsoft',
      product: 'SMBv1',
      name: 'EternalBlue',
      dateAdded: '2022-02-10',
      dueDate: null,
      ransomware: 1,
      requiredAction: null,
      description: null,
      notes: null,
    })
    .execute()
  await db
    .insertInto('epssScores')
    .values([
      { cveId: 'CVE-2017-0144', score: 0.97, percentile: 0.99, modelVersion: null, scoreDate: null },
      { cveId: 'CVE-2099-9999', score: 0.99, percentile: 0.99, modelVersion: null, scoreDate: null },
    ])
    .execute()
  await db
    .insertInto('deviceModels')
    .values({
      id: 'model-breathe',
      vendor: 'Acme Medical',
      vendorKey: 'acme medical',
      name: 'Breathe 7',
      nameKey: 'breathe 7',
      versionFrom: '',
      versionTo: '',
      createdAt: T,
      updatedAt: T,
    })
    .execute()
  const match = (id: string, cveId: string, decision = 'affected') => ({
    id,
    deviceId: ids.ventilator,
    modelId: 'model-breathe',
    cve: cveId,
    advisoryId: null,
    componentId: null,
    via: 'cpe',
    reviewKey: `rk-${id}`,
    productLabel: 'Breathe 7',
    decision,
    confidence: 0.9,
    reasons: '[]',
    vex: null,
    firstSeenAt: T,
    lastSeenAt: T,
    notifiedAt: null,
  })
  await db
    .insertInto('vulnMatches')
    .values([
      match('m1', 'CVE-2017-0144'),
      match('m2', 'CVE-2020-0001'),
      match('m3', 'CVE-2099-9999'),
      match('m4', 'CVE-2099-9999', 'ruled-out-by-version'),
    ])
    .execute()
  await db
    .insertInto('matchReviews')
    .values({
      id: 'rv1',
      modelId: 'model-breathe',
      deviceId: null,
      reviewKey: 'rk-m3',
      decision: 'false-positive',
      note: null,
      decidedBy: 'seed',
      decidedAt: T,
    })
    .execute()

  // The ventilator is confirmed as the model; the model has an MDS2 disclosure (an older and a newer one).
  await db
    .insertInto('deviceModelLinks')
    .values([
      {
        deviceId: ids.ventilator,
        modelId: 'model-breathe',
        state: 'confirmed',
        confidence: 1,
        reason: 'seed',
        decidedBy: 'seed',
        decidedAt: T,
      },
    ])
    .execute()
  const disclosure = (id: string, importedAt: string) => ({
    id,
    modelId: 'model-breathe',
    form: 'mds2-2019',
    fileName: `${id}.xlsx`,
    fileSha256: id,
    header: '{}',
    questionCount: 10,
    answeredCount: 10,
    problems: '[]',
    importedAt,
    importedBy: 'seed',
  })
  await db
    .insertInto('disclosures')
    .values([disclosure('disc-old', '2026-01-01T00:00:00.000Z'), disclosure('disc-new', T)])
    .execute()
  const answer = (disclosureId: string, questionId: string, value: string) => ({
    disclosureId,
    questionId,
    writtenId: null,
    value,
    comment: null,
    noteRefs: '[]',
    cell: null,
  })
  await db
    .insertInto('disclosureAnswers')
    .values([
      answer('disc-old', 'CSUP-2.1', 'yes'),
      answer('disc-new', 'CSUP-1', 'yes'),
      answer('disc-new', 'CSUP-2.2', 'yes'),
      answer('disc-new', 'CSUP-2.1', 'no'),
      answer('disc-new', 'AUDT-1', 'yes'),
      answer('disc-new', 'AUTH-1', 'yes'),
      answer('disc-new', 'RMOT-1', 'yes'),
      answer('disc-new', 'MPII-1', 'yes'),
    ])
    .execute()
  return ids
}
