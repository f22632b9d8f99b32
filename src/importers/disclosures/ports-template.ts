import type { DeclaredPort, DisclosureProblem } from '../../core/disclosures/disclosure.js'
import { parseCsvRecords } from '../csv-records.js'
import { decodeText } from '../table-csv.js'
import { labelKey } from './grid.js'
import { clip } from './problems.js'

/**
 * The declared-ports template Mamori publishes for manufacturers (docs/disclosure-template/): CSV with the columns
 * port, transport, direction, service, purpose, tls (Japanese headers accepted; lines starting with # are
 * comments), or JSON `{ "ports": [ { "port": 104, "transport": "tcp", … } ] }` (or the bare array). Every problem
 * names the file, the row (CSV line, JSON entry number) and the field; a bad row is an error (nothing is stored).
 */

const MAX_RANGE = 100

const FIELDS = ['port', 'transport', 'direction', 'service', 'purpose', 'tls'] as const
type Field = (typeof FIELDS)[number]
const ALIASES: Readonly<Record<string, Field>> = {
  port: 'port',
  ports: 'port',
  ポート: 'port',
  ポート番号: 'port',
  transport: 'transport',
  protocol: 'transport',
  プロトコル: 'transport',
  トランスポート: 'transport',
  direction: 'direction',
  方向: 'direction',
  通信方向: 'direction',
  service: 'service',
  サービス: 'service',
  purpose: 'purpose',
  用途: 'purpose',
  目的: 'purpose',
  tls: 'tls',
  encrypted: 'tls',
  暗号化: 'tls',
}
const DIRECTIONS: Readonly<Record<string, DeclaredPort['direction']>> = {
  in: 'in',
  inbound: 'in',
  受信: 'in',
  待受: 'in',
  待ち受け: 'in',
  out: 'out',
  outbound: 'out',
  送信: 'out',
  発信: 'out',
  both: 'both',
  双方向: 'both',
  'in/out': 'both',
}
const TLS: Readonly<Record<string, boolean | null>> = {
  '': null,
  yes: true,
  true: true,
  '1': true,
  はい: true,
  あり: true,
  no: false,
  false: false,
  '0': false,
  いいえ: false,
  なし: false,
  unknown: null,
  不明: null,
}

type Record_ = Partial<Record<Field, unknown>>

export function readDeclaredPortsTemplate(input: { bytes: Uint8Array; fileName: string }): {
  ports: DeclaredPort[]
  problems: DisclosureProblem[]
} {
  const file = input.fileName
  const problems: DisclosureProblem[] = []
  const ports: DeclaredPort[] = []
  const problem = (
    severity: DisclosureProblem['severity'],
    code: string,
    row: number | null,
    field: string | null,
    value: string | null,
    params: Record<string, string | number> = {},
  ) =>
    problems.push({
      severity,
      code,
      sheet: file,
      row,
      column: field,
      value: value === null ? null : clip(value),
      params: {
        file,
        ...(row === null ? {} : { row }),
        ...(field === null ? {} : { field }),
        ...(value === null ? {} : { value: clip(value) }),
        ...params,
      },
    })
  const decoded = input.bytes.length === 0 ? null : decodeText(input.bytes)
  if (!decoded || 'error' in decoded) {
    problem('error', decoded ? 'fileNotText' : 'fileEmpty', null, null, null)
    return { ports, problems }
  }
  const text = decoded.text.trim()
  const rows: { row: number; rec: Record_ }[] = []
  if (text.startsWith('{') || text.startsWith('[')) {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (e) {
      problem('error', 'templateBadJson', null, null, null, { why: e instanceof Error ? clip(e.message) : 'invalid' })
      return { ports, problems }
    }
    const list = Array.isArray(json) ? json : (json as { ports?: unknown } | null)?.ports
    if (!Array.isArray(list)) {
      problem('error', 'templateBadJson', null, null, null, { why: 'no "ports" list' })
      return { ports, problems }
    }
    list.forEach((x, i) => {
      const rec: Record_ = {}
      if (x && typeof x === 'object')
        for (const [k, v] of Object.entries(x)) {
          const f = ALIASES[labelKey(k)]
          if (f) rec[f] = v
        }
      rows.push({ row: i + 1, rec })
    })
  } else {
    const parsed = parseCsvRecords(text, text.split('\n')[0]!.includes('\t') ? '\t' : ',', 10_000)
    if ('error' in parsed) {
      problem('error', 'fileCsvUnreadable', null, null, null, { line: parsed.line })
      return { ports, problems }
    }
    const records = parsed.records.map((cells, i) => ({ row: i + 1, cells }))
    const content = records.filter((r) => r.cells.some((c) => c.trim() !== '') && !r.cells[0]!.trim().startsWith('#'))
    const head = content.shift()
    const fields = (head?.cells ?? []).map((c) => ALIASES[labelKey(c)] ?? null)
    for (const required of ['port', 'transport', 'direction'] as const)
      if (!fields.includes(required)) problem('error', 'templateMissingColumn', head?.row ?? null, required, null)
    if (problems.length > 0) return { ports, problems }
    for (const r of content) {
      const rec: Record_ = {}
      fields.forEach((f, i) => {
        if (f) rec[f] = r.cells[i] ?? ''
      })
      rows.push({ row: r.row, rec })
    }
  }
  for (const { row, rec } of rows) {
    const str = (f: Field) => (rec[f] === undefined || rec[f] === null ? '' : String(rec[f]).normalize('NFKC').trim())
    const portText = str('port')
    const range = /^(\d{1,5})(?:\s*[-–~]\s*(\d{1,5}))?$/.exec(portText)
    const from = range ? Number(range[1]) : Number.NaN
    const to = range?.[2] ? Number(range[2]) : from
    if (!range || from < 1 || to > 65535 || to < from) {
      problem('error', 'templateBadPort', row, 'port', portText)
      continue
    }
    if (to - from + 1 > MAX_RANGE) {
      problem('error', 'templateRangeTooLarge', row, 'port', portText, { max: MAX_RANGE })
      continue
    }
    const transport = str('transport').toLowerCase()
    if (transport !== 'tcp' && transport !== 'udp') {
      problem('error', 'templateBadTransport', row, 'transport', str('transport'))
      continue
    }
    const direction = DIRECTIONS[str('direction').toLowerCase()]
    if (!direction) {
      problem('error', 'templateBadDirection', row, 'direction', str('direction'))
      continue
    }
    const tls = TLS[typeof rec.tls === 'boolean' ? String(rec.tls) : str('tls').toLowerCase()]
    if (tls === undefined) {
      problem('error', 'templateBadTls', row, 'tls', str('tls'))
      continue
    }
    for (let port = from; port <= to; port++) {
      if (ports.some((p) => p.port === port && p.transport === transport && p.direction === direction)) {
        problem('warning', 'templateDuplicate', row, 'port', String(port), { port, transport, direction })
        continue
      }
      const service = clip(str('service')) || null
      const purpose = clip(str('purpose')) || null
      ports.push({ port, transport, direction, service, purpose, tls })
    }
  }
  if (ports.length === 0 && !problems.some((p) => p.severity === 'error'))
    problem('error', 'templateEmpty', null, null, null)
  return { ports, problems }
}
