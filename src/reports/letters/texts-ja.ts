import type { DisclosureForm } from '../../core/disclosures/disclosure.js'
import { japaneseDate } from './dates.js'
import type { LetterInput } from './letter-input.js'
import { citationList, type LetterTexts, present } from './texts.js'

/**
 * The Japanese letter: a formal business letter (頭語「拝啓」と結語「敬具」、別記「記」…「以上」), addressed
 * 「御中」 to the company or department, sent in the hospital's name. Words are chosen for the manufacturer's
 * product-security or quality staff and kept in the terms of the MDS2 form and the MHLW guideline.
 */

const FORMS: Record<DisclosureForm, string> = {
  'mds2-2019': 'MDS2（医療機器セキュリティ開示書, ANSI/NEMA HN 1-2019）',
  'mds2-2013': 'MDS2（医療機器セキュリティ開示書, 2013年版）',
  'mds-sds': 'MDS/SDS（製造業者/サービス事業者による医療情報セキュリティ開示書, JAHIS/JIRA）',
  manual: '貴社資料の内容を当院で MDS2（2019年版）の設問に転記したもの',
}

const ANSWERS: Record<string, string> = {
  yes: 'はい',
  no: 'いいえ',
  na: '該当なし',
  'see-notes': '注記参照',
  unanswered: '未回答',
}

const REASONS: Record<string, string> = {
  unanswered: '回答がありません',
  'see-notes-missing': '「注記参照」とありますが、該当する注記が見当たりません',
  contradiction: '他の回答と矛盾しています',
  vague: '回答の内容が判断できません',
  'missing-disclosure': '開示資料に記載がありません',
}

/** 2024-04-01 → 2024年4月1日: a disclosure's own date, kept in the western calendar it was written in. */
function isoDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso
}

function disclosureLine(input: LetterInput): string {
  const d = input.disclosure
  if (!d) return '開示資料: 当院ではまだ受領しておりません'
  const id = d.documentId ? `、文書番号 ${d.documentId}` : ''
  const date = d.releaseDate ? `、発行日 ${isoDate(d.releaseDate)}` : ''
  return `開示資料: ${FORMS[d.form]}${id}${date}`
}

export const textsJa: LetterTexts = {
  date: japaneseDate,
  recipient: (r) => (r.department ? [r.manufacturer, `${r.department} 御中`] : [`${r.manufacturer} 御中`]),
  sender: (h) =>
    present(
      h.address,
      h.name,
      h.department,
      h.contactPerson && `担当: ${h.contactPerson}`,
      h.phone && `電話: ${h.phone}`,
      h.email && `電子メール: ${h.email}`,
    ),
  subject: (m) => `件名: 貴社製品「${m.vendor} ${m.name}」のサイバーセキュリティに関する情報開示のお願い`,
  opening: (input, deadline) => [
    '拝啓　時下ますますご清栄のこととお慶び申し上げます。平素は格別のご高配を賜り、厚く御礼申し上げます。',
    `　当院では、厚生労働省「医療情報システムの安全管理に関するガイドライン」および「医療機関におけるサイバーセキュリティ対策チェックリスト」に基づき、院内でネットワークに接続して使用している医療機器のサイバーセキュリティ対策を進めております。その一環として、貴社製品「${input.model.vendor} ${input.model.name}」について、${input.disclosure ? '貴社からご提供いただいた開示資料を確認いたしました' : 'セキュリティに関する開示資料の有無を確認いたしました'}。`,
    `　つきましては、下記の事項についてご提供・ご回答をいただきたく、お願い申し上げます。ご多忙のところ誠に恐縮ではございますが、${deadline}までにご回答くださいますよう、よろしくお願い申し上げます。`,
  ],
  beforeItems: [
    { kind: 'paragraph', text: '敬具', align: 'right' },
    { kind: 'paragraph', text: '記', align: 'center' },
  ],
  heading: {
    product: '対象製品',
    missing: 'ご提供をお願いしたい資料',
    questions: 'ご確認をお願いしたい事項',
    discrepancies: '当院で確認した通信ポートと開示内容との相違',
    reply: 'ご回答の方法',
  },
  product: (input) => [
    `製造販売業者: ${input.recipient.manufacturer}`,
    `製品: ${input.model.vendor} ${input.model.name}`,
    disclosureLine(input),
  ],
  missingIntro: '次の資料が当院に届いておりません。ご提供をお願いいたします。',
  missing: {
    mds2: 'MDS2（医療機器セキュリティ開示書, ANSI/NEMA HN 1-2019）: 製品のセキュリティ機能を設問ごとに記入した開示書',
    'mds-sds':
      'MDS/SDS（製造業者/サービス事業者による医療情報セキュリティ開示書, JAHIS/JIRA 標準）: 安全管理ガイドラインの項目に沿った開示書',
    sbom: 'SBOM（ソフトウェア部品表）: 製品に含まれるソフトウェア部品（OS・ライブラリ等）とそのバージョンの一覧',
    'declared-ports':
      '通信ポート・プロトコルの一覧: ポート番号、TCP/UDP、通信の向き（受信/送信）、用途、暗号化の有無（当院が公開している記入用テンプレートもご利用いただけます）',
    cvd: '脆弱性情報の受付・公表の方針（協調された脆弱性開示）: 脆弱性の報告窓口と、貴社が脆弱性情報やセキュリティ更新を公表する方法',
  },
  questionsIntro:
    '開示資料の設問のうち、回答がない、注記が見当たらない、回答が互いに矛盾している、または内容が判断できないものについて、ご確認をお願いいたします。質問IDは開示資料の設問番号です。',
  questionColumns: ['番号', '質問ID', 'お尋ねする理由', 'ご確認いただきたい内容'],
  why: (q) => {
    const cited = citationList(q.citations, (a) => ANSWERS[a] ?? a)
    return `${REASONS[q.reason] ?? q.reason}${cited ? `（${cited}）` : ''}`
  },
  question: (q) => q.textJa,
  discrepanciesIntro:
    '当院のネットワーク調査で、貴社製品を使用している機器について、開示内容と異なる通信を確認いたしました。各ポートの用途と、不要であれば停止する方法をご教示ください。',
  discrepancyColumns: ['機器', 'ポート', '確認した内容', 'サービス'],
  status: {
    'undeclared-open': '開示されていないポートが開いています',
    'cleartext-where-tls': '暗号化（TLS）すると開示されていますが、暗号化されていない通信を確認しました',
    'declared-unseen': '開示されていますが、当院の調査では確認されませんでした',
    'declared-seen': '開示どおりです',
  },
  nothingOpen:
    '現時点で追加のご確認事項はございません。開示資料が最新版であること、また更新された場合はご連絡いただけることをご確認ください。',
  reply: (input, deadline) => {
    const h = input.hospital
    const to = present(
      h.contactPerson && `担当 ${h.contactPerson}`,
      h.email && `電子メール ${h.email}`,
      h.phone && `電話 ${h.phone}`,
    )
    return `${deadline}までに、${h.name}${h.department ? ` ${h.department}` : ''}${to.length > 0 ? `（${to.join('、')}）` : ''}宛てにご回答ください。資料は電子ファイルでのご提供をお願いいたします。各項目は質問IDを添えてご回答いただけますと幸いです。`
  },
  closing: () => [{ kind: 'paragraph', text: '以上', align: 'right' }],
}
