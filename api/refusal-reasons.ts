/**
 * Why a scan did not touch an address, in Japanese. The scan engine and the scope check write these reasons in
 * English (they are stored in the scan's progress and logs); the server uses this for `messageJa` and the UI for
 * the refused list of a scan, so both languages read the same facts. Unknown texts are returned unchanged.
 */
const RULES: [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /^no scope has been approved yet; an administrator must approve a scope first$/,
    () => 'まだスコープが承認されていません。管理者が先にスコープを承認してください',
  ],
  [/^outside every approved scope$/, () => '承認済みのどのスコープにも含まれていません'],
  [
    /^not entirely inside one approved scope \(a scan never leaves its approved scope\)$/,
    () => '承認済みのスコープに収まっていない部分があります（スキャンは承認済みスコープの外に出ません）',
  ],
  [/^"(.*)" is not an IP address$/, (m) => `「${m[1]}」は IP アドレスではありません`],
  [/^not an IP address$/, () => 'IP アドレスではありません'],
  [/^excluded \((.*); entry (.*)\)$/, (m) => `除外されています（${refusalReasonJa(m[1]!)}、登録 ${m[2]}）`],
  [/^excluded \((.*)\)$/, (m) => `除外されています（${refusalReasonJa(m[1]!)}）`],
  [/^excluded from scanning$/, () => 'スキャン対象から除外'],
  [/^exclusion list: (.*)$/s, (m) => `除外リスト: ${m[1]}`],
  [/^exclusion list$/, () => '除外リスト'],
  [
    /^ledger device (.*) has "(.*)" as an IP address, which is not one; skipped \(fix the device in the ledger\)$/,
    (m) =>
      `台帳の機器 ${m[1]} の IP アドレス欄「${m[2]}」は IP アドレスではないため、飛ばしました（台帳でこの機器を直してください）`,
  ],
  [/^ledger: never scan \(no asset tag\)$/, () => '台帳で「スキャンしない」（資産番号なし）'],
  [/^ledger: never scan \((.*)\)$/, (m) => `台帳で「スキャンしない」（${m[1]}）`],
  [
    /^marked fragile in the ledger: the (\w+) profile does not scan it$/,
    (m) => `台帳で「負荷に弱い」とされているため、${m[1]} プロファイルではスキャンしません`,
  ],
  [/^the probe did not finish within (\d+) ms$/, (m) => `プローブが ${m[1]} ミリ秒以内に終わりませんでした`],
  [/^the scan was stopped before this host$/, () => 'このホストに達する前にスキャンが停止されました'],
]

export function refusalReasonJa(reason: string): string {
  for (const [re, ja] of RULES) {
    const m = re.exec(reason)
    if (m) return ja(m)
  }
  return reason
}
