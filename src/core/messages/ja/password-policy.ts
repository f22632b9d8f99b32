import type { Catalog } from '../en.js'

/** パスワードを受け付けない理由（`passwordPolicy.<key>`、`errors.PASSWORD_WEAK` の `why`）。../en/password-policy.ts を参照。 */
export const passwordPolicy: Catalog['passwordPolicy'] = {
  tooShort: 'パスワードは12文字以上にしてください。',
  oneKind: '英字に数字や記号を混ぜてください(16文字以上なら不要)。',
  containsUsername: 'パスワードにユーザー名を含めないでください。',
  topTen: '最もよく使われるパスワードの一つです。',
  topHundred: 'よく使われるパスワード上位100件の一つです。',
  common: 'よく使われるパスワードです。',
  similarToCommon: 'よく使われるパスワードを少し変えただけです（大文字・数字・a→@ など）。攻撃者が最初に試します。',
  straightRow: 'キーボードの並びは推測されやすいです。',
  keyPattern: 'キーボードのパターンは推測されやすいです。',
  simpleRepeat: '同じ文字の繰り返しは推測されやすいです。',
  extendedRepeat: '同じパターンの繰り返しは推測されやすいです。',
  sequences: '連続した文字（abcd、1234）は推測されやすいです。',
  recentYears: '最近の年は推測されやすいです。',
  dates: '日付は推測されやすいです。',
  userInputs: 'ユーザー名・表示名・「mamori」を含んでいます。',
  tooEasy:
    '推測されやすいパスワードです（よくある単語・名前・年・キーボードの並び）。無関係な単語をいくつか組み合わせるか、パスワード管理ソフトを使ってください。',
}
