import { allOf, anyOf, type DisclosureRule, forForm, MDS2_2013, MDS2_2019, no, yes } from './rule.js'

/**
 * PAUT (person authentication): shared accounts and passwords nobody can change. Both let anyone who learns one
 * password use every device of the model, and leave no record of who did what.
 */

const noUniqueAccounts = {
  title: { ja: '利用者ごとのアカウントがありません', en: 'No individual user accounts' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、この機種は利用者ごとの ID とパスワードを使えません(共用アカウント)。誰が操作したかを後から確かめられず、パスワードが一人に漏れると全員分が漏れたのと同じになります。',
    en: "The manufacturer answered {{cite}}: this model cannot give each user their own ID and password (shared accounts). Nobody can tell afterwards who did what, and one leaked password is everyone's password.",
  },
  recommendation: {
    ja: '共用パスワードを知る人を最小限にし、使用記録(誰がいつ使ったか)を運用で残してください。個別アカウントに対応する版があるか製造業者に確認してください。',
    en: 'Keep the shared password to as few people as possible and record who used the device and when. Ask the manufacturer whether a version with individual accounts exists.',
  },
}

const fixedPasswords = {
  title: { ja: 'パスワードを変更できないアカウントがあります', en: 'Some passwords cannot be changed' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、変更できないパスワード(固定・初期パスワード)があります。このようなパスワードはマニュアルやインターネット上で知られていることが多く、ネットワークに届く人なら誰でもこの機器にログインできるおそれがあります。',
    en: 'The manufacturer answered {{cite}}: some passwords cannot be changed (fixed or default passwords). Such passwords are often known from manuals or the internet, so anyone who can reach the device over the network may be able to log in.',
  },
  recommendation: {
    ja: '変更できないアカウントの一覧と用途を製造業者に確認し、そのアカウントで使う通信(保守用ポートなど)をネットワーク側で保守端末からだけに制限してください。',
    en: 'Ask the manufacturer for the list of accounts whose password cannot be changed and what they are for, and restrict the services they use (service ports…) to the service workstation on the network.',
  },
}

const defaultAccountsUnlisted = {
  title: { ja: '初期アカウントの一覧が示されていません', en: 'Default accounts are not all documented' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、保守用・管理者用などの初期アカウントがすべては文書に載っていません。病院が知らないアカウントは、削除もパスワード変更もできません。',
    en: 'The manufacturer answered {{cite}}: not every default account (service, administrator…) is documented. Accounts the hospital does not know of can be neither deleted nor given a new password.',
  },
  recommendation: {
    ja: 'すべての初期アカウント(保守用を含む)の一覧と、その無効化・パスワード変更の方法を製造業者に求めてください。',
    en: 'Ask the manufacturer for a list of every default account (service accounts included) and how to disable them or change their passwords.',
  },
}

const noLockout = {
  title: { ja: 'ログイン失敗時のロックがありません', en: 'No lock-out after failed logins' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、何度ログインに失敗してもアカウントがロックされません。パスワードを総当たりで試す攻撃を止められません。',
    en: 'The manufacturer answered {{cite}}: an account is never locked after failed logins, so password-guessing attacks are not stopped.',
  },
  recommendation: {
    ja: '十分に長いパスワードを使い、機器のログイン画面やサービスに届く接続元をネットワーク側で限定してください。',
    en: "Use long passwords and limit on the network who can reach the device's login screen or services.",
  },
}

const noMfa = {
  title: { ja: '二要素認証に対応していません', en: 'No two-factor authentication' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、この機種は二要素認証に対応していません。チェックリストでは令和9年度までに二要素認証の導入が求められています。',
    en: 'The manufacturer answered {{cite}}: this model does not support two-factor authentication, which the MHLW checklist expects by FY2027.',
  },
  recommendation: {
    ja: '対応予定を製造業者に確認し、それまでは機器に接続する端末側の二要素認証や入室管理で補う計画を立ててください。',
    en: 'Ask the manufacturer whether support is planned; until then plan to make up for it with two-factor authentication on the workstations that reach the device, or physical access control.',
  },
}

const credentialsStoredInsecurely = {
  title: { ja: '認証情報が安全に保存されていません', en: 'Credentials are not stored securely' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、機器内のパスワードなどの認証情報が安全な方法(ハッシュ化・暗号化)で保存されていません。機器や記録媒体を持ち出されると、パスワードが読み取られるおそれがあります。',
    en: 'The manufacturer answered {{cite}}: passwords and other credentials are not stored securely (hashed or encrypted) on the device. Anyone who takes the device or its media may read them.',
  },
  recommendation: {
    ja: 'この機器のパスワードを他のシステムと使い回さないでください。修理・廃棄時はデータ消去を事業者に依頼してください。',
    en: "Never reuse this device's passwords on other systems, and have the vendor erase data before repair or disposal.",
  },
}

const pautNoUniqueAccounts: DisclosureRule = {
  id: 'paut-no-unique-accounts',
  form: MDS2_2019,
  questionIds: ['PAUT-1'],
  when: no('PAUT-1'),
  asks: ['PAUT-1'],
  severity: 'high',
  finding: noUniqueAccounts,
  controls: ['account-management'],
}

const pautPasswordsCannotBeChanged: DisclosureRule = {
  id: 'paut-passwords-cannot-be-changed',
  form: MDS2_2019,
  questionIds: ['PAUT-5', 'SGUD-3.1'],
  when: anyOf(no('PAUT-5'), no('SGUD-3.1')),
  asks: ['PAUT-5'],
  severity: 'high',
  finding: fixedPasswords,
  controls: ['account-management', 'secure-zone'],
}

const pautNoLockout: DisclosureRule = {
  id: 'paut-no-lockout',
  form: MDS2_2019,
  questionIds: ['PAUT-3'],
  when: no('PAUT-3'),
  asks: [],
  severity: 'low',
  finding: noLockout,
  controls: ['password-policy', 'secure-zone'],
}

export const pautRules = [
  pautNoUniqueAccounts,
  forForm(pautNoUniqueAccounts, {
    form: MDS2_2013,
    questionIds: ['12-1.1', '12-5'],
    when: anyOf(no('12-1.1'), yes('12-5')),
    asks: ['12-1.1'],
  }),
  pautPasswordsCannotBeChanged,
  forForm(pautPasswordsCannotBeChanged, {
    form: MDS2_2013,
    questionIds: ['12-4'],
    when: no('12-4'),
    asks: ['12-4'],
  }),
  {
    id: 'paut-default-accounts-undocumented',
    form: MDS2_2019,
    questionIds: ['PAUT-4', 'SGUD-3'],
    when: anyOf(no('PAUT-4'), no('SGUD-3')),
    asks: ['PAUT-4'],
    severity: 'medium',
    finding: defaultAccountsUnlisted,
    controls: ['account-management'],
    question: {
      reason: 'missing-disclosure',
      text: {
        ja: '保守用・管理者用を含むすべての初期アカウントの一覧と、それぞれの無効化・パスワード変更の方法をご提示ください。',
        en: 'Please list every default account, service and administrator accounts included, and how each can be disabled or given a new password.',
      },
    },
  },
  pautNoLockout,
  forForm(pautNoLockout, {
    form: MDS2_2013,
    questionIds: ['12-3'],
    when: no('12-3'),
    asks: [],
  }),
  {
    id: 'paut-no-two-factor',
    form: MDS2_2019,
    questionIds: ['PAUT-8'],
    when: no('PAUT-8'),
    asks: [],
    severity: 'low',
    finding: noMfa,
    controls: ['two-factor'],
  },
  {
    id: 'paut-credentials-stored-insecurely',
    form: MDS2_2019,
    questionIds: ['PAUT-14', 'PAUT-14.1'],
    when: allOf(yes('PAUT-14'), no('PAUT-14.1')),
    asks: [],
    severity: 'medium',
    finding: credentialsStoredInsecurely,
    controls: ['password-policy', 'physical-protection'],
  },
] as const satisfies readonly DisclosureRule[]
