/**
 * Candidate CPEs from what the ledger says about a device (issue 9): its operating system ("Windows 7 SP1",
 * "VxWorks 6.9"), and its firmware and hardware as the NVD names medical and ICS devices
 * (`o:<vendor>:<model>_firmware:<version>` on `h:<vendor>:<model>:-`). Ledger text is free text and the NVD's vendor
 * and product names are its own, so every candidate carries a confidence below 1 and the reason it was proposed:
 * a person confirms it before it counts as a component. Pure.
 */
import type { VendorResolver } from '../catalog/vendor-resolver.js'
import type { ComponentKind, Reason } from './model.js'
import { OS_NAMES } from './os-names.js'

export interface LedgerDeviceText {
  manufacturer: string | null
  model: string | null
  softwareVersion: string | null
  os: string | null
}

export interface CandidateCpe {
  kind: ComponentKind
  name: string
  version: string | null
  cpe: string
  confidence: number
  reasons: Reason[]
}

/**
 * A CPE 2.3 attribute from free text: lower case, spaces as `_`, CPE's special characters escaped; null when the
 * text holds characters a CPE name cannot (Japanese, for instance) or nothing at all.
 */
export function cpeAttribute(text: string): string | null {
  const t = text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '_')
  if (!t || /[^\x21-\x7e]/.test(t)) return null
  return t.replace(/[^a-z0-9._-]/g, (c) => `\\${c}`)
}

const cpeOf = (part: string, vendor: string, product: string, version: string, update = '*') =>
  `cpe:2.3:${part}:${vendor}:${product}:${version}:${update}:*:*:*:*:*:*`

/** "Ver.01-23", "V2.0" → "01-23", "2.0": the label is not part of the version the NVD writes. */
function versionAttribute(v: string | null): string | null {
  if (!v) return null
  return cpeAttribute(v.normalize('NFKC').replace(/^\s*(?:ver(?:sion)?\.?|v)\s*(?=\d)/i, ''))
}

function osCandidate(os: string): CandidateCpe | null {
  const text = os.normalize('NFKC')
  for (const row of OS_NAMES) {
    const m = row.pattern.exec(text)
    if (!m) continue
    const c = row.cpe(m)
    const known = c.version !== '*'
    return {
      kind: 'operating-system',
      name: row.label,
      version: known && c.version !== '-' ? c.version : c.update !== '*' ? c.update : null,
      cpe: cpeOf('o', row.vendor, c.product, c.version, c.update),
      // The OS name table is specific; a version the ledger does not give leaves the candidate less useful.
      confidence: known ? 0.8 : 0.6,
      reasons: [
        {
          ja: `台帳の OS「${os}」を ${row.label} と読みました(NVD の名前 ${row.vendor}:${c.product})`,
          en: `the ledger's OS "${os}" reads as ${row.label} (NVD name ${row.vendor}:${c.product})`,
        },
        ...(known
          ? []
          : [
              {
                ja: 'バージョンが書かれていないため、該当の判断には確認が必要です',
                en: 'no version is written, so matches will need a person to check',
              },
            ]),
      ],
    }
  }
  return null
}

/** Candidate components (OS, firmware, hardware) for one device, from its ledger text. */
export function candidateCpes(device: LedgerDeviceText, vendors: VendorResolver): CandidateCpe[] {
  const out: CandidateCpe[] = []
  const os = device.os ? osCandidate(device.os) : null
  if (os) out.push(os)
  const resolved = vendors.resolve(device.manufacturer)
  const vendor = resolved ? cpeAttribute(resolved.vendor) : null
  const product = device.model ? cpeAttribute(device.model) : null
  if (!resolved || !vendor || !product) return out
  const makerReason: Reason =
    resolved.via === 'alias'
      ? {
          ja: `メーカー「${device.manufacturer}」は別名表により ${resolved.vendor} です(NVD のベンダー名 ${vendor} と仮定)`,
          en: `maker "${device.manufacturer}" is ${resolved.vendor} by the alias table (assumed NVD vendor ${vendor})`,
        }
      : {
          ja: `メーカー「${device.manufacturer}」を NVD のベンダー名 ${vendor} と仮定しました`,
          en: `maker "${device.manufacturer}" assumed to be NVD vendor ${vendor}`,
        }
  // A maker known to the alias table is likelier to be spelled as the NVD spells it than text as written.
  const sure = resolved.via === 'as-written' ? 0.3 : 0.5
  const version = versionAttribute(device.softwareVersion)
  out.push({
    kind: 'firmware',
    name: `${device.model} firmware`,
    version: device.softwareVersion,
    cpe: cpeOf('o', vendor, `${product}_firmware`, version ?? '*'),
    confidence: sure,
    reasons: [
      makerReason,
      {
        ja: `型式 ${device.model} のファームウェア(NVD が医療機器・制御機器に使う名前 ${product}_firmware)`,
        en: `firmware of model ${device.model} (the name the NVD uses for device firmware: ${product}_firmware)`,
      },
      version
        ? {
            ja: `バージョンは台帳のソフトウェアバージョン ${device.softwareVersion}`,
            en: `version from the ledger: ${device.softwareVersion}`,
          }
        : { ja: '台帳にソフトウェアバージョンがありません', en: 'the ledger gives no software version' },
    ],
  })
  out.push({
    kind: 'hardware',
    name: device.model!,
    version: null,
    cpe: cpeOf('h', vendor, product, '-'),
    confidence: sure,
    reasons: [
      makerReason,
      {
        ja: `機器本体 ${device.model}(ファームウェアの脆弱性は本体と組み合わせて判断されます)`,
        en: `the device itself, ${device.model} (firmware vulnerabilities are judged together with the hardware)`,
      },
    ],
  })
  return out
}
