import { type DisclosureRule, forForm, MDS2_2013, MDS2_2019, no } from './rule.js'

/**
 * AUTH (authorisation) and NAUT (node authentication / network access control): a device anyone can use without
 * logging in, and a device that accepts connections from any address. Both are made up for by the network.
 */

const noLogin = {
  title: { ja: 'ログインなしで操作できます', en: 'Usable without logging in' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、この機種はログインなどで利用者を確かめずに使えます。機器の前にいる人やネットワークから届く人が、設定の変更や患者情報の閲覧をできるおそれがあります。',
    en: 'The manufacturer answered {{cite}}: this model does not check who is using it (no login). Anyone at the device, or reaching it over the network, may change settings or see patient data.',
  },
  recommendation: {
    ja: '機器の設置場所への立ち入りを管理し、ネットワークでは必要な相手とだけ通信できるようにしてください。ログイン機能の有無・予定を製造業者に確認してください。',
    en: 'Control physical access to where the device stands and let it talk only to the peers it needs on the network. Ask the manufacturer whether a login can be enabled.',
  },
}

const noNetworkAccessControl = {
  title: { ja: '機器自身に通信相手を制限する仕組みがありません', en: 'The device cannot restrict who connects to it' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、この機種には内蔵ファイアウォールや接続許可リストがありません。同じネットワークにある感染した端末からも、機器に直接接続できてしまいます。',
    en: 'The manufacturer answered {{cite}}: the device has no built-in firewall or allow-list of peers. Any infected computer on the same network can connect to it directly.',
  },
  recommendation: {
    ja: '機器を専用の区画に置き、通信してよい相手だけをファイアウォールやスイッチで許可してください(接続元制限)。',
    en: 'Place the device in a dedicated segment and allow only the peers it needs on the firewall or switch (restricting connection sources).',
  },
}

const authNoLogin: DisclosureRule = {
  id: 'auth-no-login',
  form: MDS2_2019,
  questionIds: ['AUTH-1'],
  when: no('AUTH-1'),
  asks: ['AUTH-1'],
  severity: 'high',
  finding: noLogin,
  controls: ['secure-zone', 'access-log-review'],
}

export const authRules = [
  authNoLogin,
  forForm(authNoLogin, {
    form: MDS2_2013,
    questionIds: ['3-1'],
    when: no('3-1'),
    asks: ['3-1'],
  }),
  {
    id: 'naut-no-network-access-control',
    form: MDS2_2019,
    questionIds: ['NAUT-2'],
    when: no('NAUT-2'),
    asks: ['NAUT-2'],
    severity: 'medium',
    finding: noNetworkAccessControl,
    controls: ['secure-zone'],
  },
] as const satisfies readonly DisclosureRule[]
