import type { Decommission } from '../../../api/decommission.js'
import type { HandoverFinding } from '../../core/acceptance/store.js'
import type { DocumentBlock, DocumentModel } from '../../documents/model.js'
import { type Lang, SEVERITY_WORD, shortDate } from '../management/words.js'

export const ERASURE_WORD: Record<Lang, Record<string, string>> = {
  ja: {
    manufacturer_procedure: 'メーカー手順による消去（証明書あり）',
    overwrite: '上書き消去（NIST SP 800-88 Clear）',
    crypto_erase: '暗号化消去（暗号鍵の破棄、Purge）',
    physical_destruction: '記憶媒体の物理破壊（Destroy）',
    storage_removed: '記憶媒体を取り外し病院で保管',
    no_patient_data: '患者データを保存しない機器（メーカー表明）',
  },
  en: {
    manufacturer_procedure: "Manufacturer's erasure procedure (with certificate)",
    overwrite: 'Overwrite (NIST SP 800-88 Clear)',
    crypto_erase: 'Cryptographic erase (key destroyed, Purge)',
    physical_destruction: 'Storage physically destroyed (Destroy)',
    storage_removed: 'Storage removed and kept by the hospital',
    no_patient_data: 'Never stored patient data (stated by the manufacturer)',
  },
}

export interface HandoverSheetInput {
  decommission: Decommission
  supportEnd: string | null
  findings: HandoverFinding[]
  vulnerabilities: { cve: string | null; advisory: string | null; product: string; decision: string }[]
  today: string
  hospital: string | null
}

const when = (at: string | null) => (at ? `${at.slice(0, 10)} ${at.slice(11, 16)}` : '—')

/**
 * The handover sheet for the used-device dealer (譲渡時の情報提供書): identity, serial number, software version,
 * support end, how the data was erased and the evidence, open findings and known vulnerabilities, the checklist with
 * who and when, and the note on 施行規則第170条.
 */
export function handoverSheet(input: HandoverSheetInput, lang: Lang): DocumentModel {
  const ja = lang === 'ja'
  const t = (j: string, e: string) => (ja ? j : e)
  const dc = input.decommission
  const d = dc.device
  const h = dc.handover
  const blocks: DocumentBlock[] = [
    { kind: 'paragraph', text: input.today, align: 'right' },
    {
      kind: 'heading',
      level: 1,
      text: t(
        '譲渡時の情報提供書（医療機器のセキュリティ状態）',
        'Handover sheet: security status of a medical device',
      ),
      align: 'center',
    },
    {
      kind: 'paragraph',
      text: t(
        `引渡し先: ${h.recipient ?? '（廃棄・引渡しなし）'}　引渡し日: ${shortDate(h.handoverOn)}${input.hospital ? `\n譲渡元: ${input.hospital}` : ''}`,
        `Recipient: ${h.recipient ?? '(disposed of, not handed over)'}   Date: ${shortDate(h.handoverOn)}${input.hospital ? `\nFrom: ${input.hospital}` : ''}`,
      ),
    },
    { kind: 'heading', level: 2, text: t('1. 機器', '1. Device') },
    {
      kind: 'table',
      columns: [
        { header: t('項目', 'Item'), width: 1 },
        { header: t('内容', 'Value'), width: 3 },
      ],
      rows: [
        [t('機器名', 'Name'), d.name ?? '—'],
        [t('製造販売業者', 'Manufacturer'), d.manufacturer ?? '—'],
        [t('型式', 'Model'), d.model ?? '—'],
        [t('製造番号', 'Serial number'), d.serialNumber ?? '—'],
        [t('ソフトウェアバージョン', 'Software version'), d.softwareVersion ?? '—'],
        [t('サポート終了日', 'End of support'), shortDate(input.supportEnd)],
        [t('資産番号（譲渡元）', 'Asset tag (previous owner)'), d.assetTag ?? '—'],
      ],
    },
    { kind: 'heading', level: 2, text: t('2. データの消去', '2. Data erasure') },
    {
      kind: 'paragraph',
      text: `${t('消去方法', 'Method')}: ${h.erasureMethod ? ERASURE_WORD[lang][h.erasureMethod] : t('未記録', 'not recorded')}\n${t('証跡', 'Evidence')}: ${h.erasureEvidence || '—'}`,
    },
    { kind: 'heading', level: 2, text: t('3. 未解決の指摘事項', '3. Open findings') },
    input.findings.length > 0
      ? {
          kind: 'table',
          columns: [
            { header: t('重大度', 'Severity'), width: 1 },
            { header: t('内容', 'Finding'), width: 4 },
            { header: t('場所', 'Where'), width: 2 },
          ],
          rows: input.findings.map((f) => [
            SEVERITY_WORD[lang][f.severity] ?? f.severity,
            ja ? f.titleJa : f.titleEn,
            f.where ?? '—',
          ]),
        }
      : { kind: 'paragraph', text: t('未解決の指摘事項はありません。', 'No open findings.') },
    { kind: 'heading', level: 2, text: t('4. 既知の脆弱性', '4. Known vulnerabilities') },
    input.vulnerabilities.length > 0
      ? {
          kind: 'table',
          columns: [
            { header: 'CVE', width: 1 },
            { header: t('アドバイザリ', 'Advisory'), width: 1 },
            { header: t('製品', 'Product'), width: 2 },
            { header: t('判定', 'Assessment'), width: 1 },
          ],
          rows: input.vulnerabilities.map((v) => [
            v.cve ?? '—',
            v.advisory ?? '—',
            v.product,
            v.decision === 'affected' ? t('該当', 'affected') : t('要確認', 'needs review'),
          ]),
        }
      : {
          kind: 'paragraph',
          text: t('該当する既知の脆弱性は登録されていません。', 'No known vulnerabilities are recorded.'),
        },
    { kind: 'heading', level: 2, text: t('5. 廃棄・譲渡チェックリスト', '5. Decommissioning checklist') },
    {
      kind: 'table',
      columns: [
        { header: t('項目', 'Item'), width: 2 },
        { header: t('状態', 'State'), width: 1 },
        { header: t('メモ', 'Note'), width: 2 },
        { header: t('実施者・日時', 'By, when'), width: 2 },
      ],
      rows: dc.items.map((i) => [
        ja ? i.titleJa : i.titleEn,
        i.notApplicable ? t('対象外', 'N/A') : i.done ? t('実施済み', 'Done') : t('未実施', 'Not done'),
        i.note,
        i.doneBy ? `${i.doneBy} ${when(i.doneAt)}` : '—',
      ]),
    },
    { kind: 'heading', level: 2, text: t('6. 譲受人の方へ', '6. To the recipient') },
    {
      kind: 'paragraph',
      text: t(
        '医薬品医療機器等法施行規則第170条により、中古の医療機器を販売・授与する者は、製造販売業者から提供される情報（不具合・安全性・サイバーセキュリティに関する情報を含む）を譲受人に伝えることが求められています。本書は譲渡時点の機器のセキュリティ状態を記載したものです。最新の情報は製造販売業者に確認してください。',
        "Under Article 170 of the Enforcement Regulations of the PMD Act, a seller of a used medical device is asked to pass on to the recipient the information the manufacturer provides (including safety and cybersecurity information). This sheet states the device's security status at handover. Ask the manufacturer for current information.",
      ),
    },
  ]
  if (dc.completed?.forced)
    blocks.push({
      kind: 'callout',
      tone: 'danger',
      text: `${t('依存するサービスが残った状態で完了', 'Completed while services still depended on it')}: ${dc.completed.reason}`,
    })
  return {
    lang,
    title: t(`譲渡時の情報提供書 ${d.assetTag ?? ''}`, `Handover sheet ${d.assetTag ?? ''}`).trim(),
    blocks,
  }
}
