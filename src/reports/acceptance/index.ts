import type { Acceptance } from '../../../api/acceptance.js'
import type { DocumentBlock, DocumentModel } from '../../documents/model.js'
import { type Lang, SEVERITY_WORD, shortDate } from '../management/words.js'

const RESULT: Record<Lang, Record<string, string>> = {
  ja: { pass: '合格', fail: '不合格', not_applicable: '対象外' },
  en: { pass: 'Pass', fail: 'Fail', not_applicable: 'Not applicable' },
}

export const RESOLUTION_WORD: Record<Lang, Record<string, string>> = {
  ja: { open: '未解決', fixed: '修正済み', mitigated: '対策済み', accepted: '受容', spec: '仕様です（メーカー回答）' },
  en: {
    open: 'Open',
    fixed: 'Fixed',
    mitigated: 'Mitigated',
    accepted: 'Accepted',
    spec: '"It is the specification" (manufacturer)',
  },
}

const when = (at: string | null) => (at ? `${at.slice(0, 10)} ${at.slice(11, 16)}` : '—')

/**
 * The acceptance report (導入時確認報告書) as a document model: device identity, where the declaration came from,
 * the port comparison, findings, the manual checks with who and when, the issues with the manufacturer's replies and
 * the hospital's decisions, and the sign-off block. An acceptance signed off with open items says so in its own
 * bold line with the reason.
 */
export function acceptanceReport(a: Acceptance, lang: Lang, today: string): DocumentModel {
  const ja = lang === 'ja'
  const t = (j: string, e: string) => (ja ? j : e)
  const d = a.device
  const c = a.comparison
  const blocks: DocumentBlock[] = [
    { kind: 'paragraph', text: today, align: 'right' },
    { kind: 'heading', level: 1, text: t('導入時確認報告書', 'Acceptance test report'), align: 'center' },
    { kind: 'heading', level: 2, text: t('1. 機器', '1. Device') },
    {
      kind: 'table',
      columns: [
        { header: t('項目', 'Item'), width: 1 },
        { header: t('内容', 'Value'), width: 3 },
      ],
      rows: [
        [t('資産番号', 'Asset tag'), d.assetTag ?? '—'],
        [t('機器名', 'Name'), d.name ?? '—'],
        [t('製造販売業者', 'Manufacturer'), d.manufacturer ?? '—'],
        [t('型式', 'Model'), d.model ?? '—'],
        [t('部署', 'Department'), d.department ?? '—'],
        [t('IP アドレス', 'IP addresses'), d.addresses.join(', ') || '—'],
        [t('開始', 'Started'), `${when(a.startedAt)} ${a.startedBy ?? ''}`],
        [
          t('状態', 'State'),
          {
            in_progress: t('確認中', 'In progress'),
            signed_off: t('承認済み', 'Signed off'),
            cancelled: t('中止', 'Cancelled'),
          }[a.state],
        ],
      ],
    },
    { kind: 'heading', level: 2, text: t('2. 申告との比較', '2. Comparison with the declaration') },
    {
      kind: 'paragraph',
      text: `${t('申告の出典', 'Declaration source')}: ${c.declarationSource ?? t('開示資料なし（申告ポートが登録されていません）', 'none on file (no declared ports)')}\n${t('スキャン', 'Scan')}: ${c.scanId ? when(c.scannedAt) : t('未実施', 'not run yet')}`,
    },
  ]
  const ports = [...new Set([...c.declaredPorts, ...c.openPorts.map((p) => p.port)])].sort((x, y) => x - y)
  if (ports.length > 0) {
    const open = new Map(c.openPorts.map((p) => [p.port, p]))
    blocks.push({
      kind: 'table',
      columns: [
        { header: t('ポート', 'Port'), width: 1 },
        { header: t('申告', 'Declared'), width: 1 },
        { header: t('スキャンで開放', 'Open in scan'), width: 1 },
        { header: t('判定', 'Result'), width: 2 },
      ],
      rows: ports.map((p) => {
        const o = open.get(p)
        const declared = c.declaredPorts.includes(p)
        return [
          `${p}${o ? `/${o.transport}${o.service ? ` (${o.service})` : ''}` : ''}`,
          declared ? t('あり', 'yes') : t('なし', 'no'),
          o ? t('開放', 'open') : c.scanId ? t('閉', 'not open') : '—',
          o && !declared
            ? t('申告外の開放ポート：メーカーに確認', 'Open but not declared: ask the manufacturer')
            : declared && !o && c.scanId
              ? t('申告ありだが未検出', 'Declared, not seen')
              : t('一致', 'Matches'),
        ]
      }),
    })
  }
  const findings = [
    ...c.findings.map((f) => [
      SEVERITY_WORD[lang][f.severity] ?? f.severity,
      ja ? f.titleJa : f.titleEn,
      t('スキャン', 'Scan'),
    ]),
    ...c.disclosureFindings.map((f) => [
      SEVERITY_WORD[lang][f.severity] ?? f.severity,
      ja ? f.titleJa : f.titleEn,
      t('開示資料', 'Disclosure'),
    ]),
  ]
  blocks.push({ kind: 'heading', level: 2, text: t('3. 指摘事項', '3. Findings') })
  blocks.push(
    findings.length > 0
      ? {
          kind: 'table',
          columns: [
            { header: t('重大度', 'Severity'), width: 1 },
            { header: t('内容', 'Finding'), width: 4 },
            { header: t('出所', 'Source'), width: 1 },
          ],
          rows: findings,
        }
      : { kind: 'paragraph', text: t('指摘事項はありません。', 'No findings.') },
  )
  blocks.push({ kind: 'heading', level: 2, text: t('4. 確認項目', '4. Manual checks') })
  blocks.push({
    kind: 'table',
    columns: [
      { header: t('項目', 'Check'), width: 2 },
      { header: t('結果', 'Result'), width: 1 },
      { header: t('メモ', 'Note'), width: 2 },
      { header: t('確認者・日時', 'By, when'), width: 2 },
    ],
    rows: a.checks.map((k) => [
      ja ? k.titleJa : k.titleEn,
      k.result ? RESULT[lang][k.result]! : t('未確認', 'Not checked'),
      k.note,
      k.checkedBy ? `${k.checkedBy} ${when(k.checkedAt)}` : '—',
    ]),
  })
  blocks.push({
    kind: 'heading',
    level: 2,
    text: t('5. メーカーへの確認事項', '5. Issues raised with the manufacturer'),
  })
  blocks.push(
    a.issues.length > 0
      ? {
          kind: 'table',
          columns: [
            { header: t('内容', 'Issue'), width: 2 },
            { header: t('提起日', 'Raised'), width: 1 },
            { header: t('メーカー回答', 'Reply'), width: 2 },
            { header: t('結果', 'Resolution'), width: 1 },
            { header: t('病院の判断', "Hospital's decision"), width: 2 },
          ],
          rows: a.issues.map((i) => [
            i.detail ? `${i.title}\n${i.detail}` : i.title,
            shortDate(i.raisedOn),
            i.manufacturerReply ? `${i.manufacturerReply}${i.repliedOn ? ` (${i.repliedOn})` : ''}` : '—',
            RESOLUTION_WORD[lang][i.resolution] ?? i.resolution,
            i.decision || '—',
          ]),
        }
      : { kind: 'paragraph', text: t('メーカーへの確認事項はありません。', 'No issues were raised.') },
  )
  blocks.push({ kind: 'heading', level: 2, text: t('6. 承認', '6. Sign-off') })
  if (a.signOff) {
    blocks.push({
      kind: 'address',
      lines: [
        `${t('承認者', 'Signed off by')}: ${a.signOff.by}`,
        `${t('日時', 'At')}: ${when(a.signOff.at)}`,
        `${t('所見', 'Note')}: ${a.signOff.note || '—'}`,
      ],
    })
    if (a.signOff.acceptedOpen)
      blocks.push({
        kind: 'callout',
        tone: 'danger',
        text: `${t('未解決事項を残したまま承認', 'Accepted with open items')}: ${a.signOff.reason}`,
      })
  } else if (a.cancelled) {
    blocks.push({
      kind: 'paragraph',
      text: `${t('中止', 'Cancelled')}: ${a.cancelled.by} ${when(a.cancelled.at)} — ${a.cancelled.reason}`,
    })
  } else {
    blocks.push({
      kind: 'paragraph',
      text: t('まだ承認されていません。残っている事項:', 'Not signed off yet. Outstanding:'),
    })
    blocks.push({ kind: 'list', ordered: false, items: ja ? a.outstandingJa : a.outstandingEn })
  }
  return {
    lang,
    title: t(`導入時確認報告書 ${d.assetTag ?? ''}`, `Acceptance test report ${d.assetTag ?? ''}`).trim(),
    blocks,
  }
}
