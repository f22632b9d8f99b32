/**
 * MDS2 section ids with their names in Japanese and English (our wording), in the order the 2019 form has them;
 * CNFS is the 2013 form's section 4 (configuration of security features), which the 2019 form dropped.
 */
export const MDS2_SECTIONS: Readonly<Record<string, { ja: string; en: string }>> = {
  DOC: { ja: '文書情報(製造業者・機器・開示体制)', en: 'Document information (manufacturer, device, disclosure)' },
  MPII: { ja: '個人情報の取り扱い', en: 'Management of personal information' },
  ALOF: { ja: '自動ログオフ', en: 'Automatic logoff' },
  AUDT: { ja: '監査ログ', en: 'Audit controls' },
  AUTH: { ja: '利用権限', en: 'Authorisation' },
  CNFS: { ja: 'セキュリティ機能の設定(2013 年版)', en: 'Configuration of security features (2013 form)' },
  CSUP: { ja: 'セキュリティ更新(パッチ)', en: 'Cybersecurity product upgrades (patches)' },
  DIDT: { ja: '匿名化', en: 'De-identification of health data' },
  DTBK: { ja: 'バックアップと復旧', en: 'Data backup and disaster recovery' },
  EMRG: { ja: '緊急時アクセス', en: 'Emergency access' },
  IGAU: { ja: '保存データの完全性', en: 'Integrity and authenticity of stored health data' },
  MLDP: { ja: 'マルウェア対策', en: 'Malware detection and protection' },
  NAUT: { ja: '通信相手の認証', en: 'Node authentication' },
  CONN: { ja: '接続機能(ポート・無線・USB)', en: 'Connectivity (ports, wireless, USB)' },
  PAUT: { ja: '利用者の認証(ID・パスワード)', en: 'Person authentication (IDs, passwords)' },
  PLOK: { ja: '物理的な施錠', en: 'Physical locks' },
  RDMP: { ja: '他社製部品のサポート計画', en: 'Roadmap for third-party components' },
  SBOM: { ja: 'ソフトウェア部品表(SBOM)', en: 'Software bill of materials (SBOM)' },
  SAHD: { ja: 'システムの堅牢化', en: 'System and application hardening' },
  SGUD: { ja: 'セキュリティの手引き', en: 'Security guidance' },
  STCF: { ja: '保存データの機密性(暗号化)', en: 'Confidentiality of stored data (encryption)' },
  TXCF: { ja: '通信の機密性(暗号化)', en: 'Confidentiality in transit (encryption)' },
  TXIG: { ja: '通信の完全性', en: 'Integrity in transit' },
  RMOT: { ja: 'リモート保守', en: 'Remote service' },
  OTHR: { ja: 'その他のセキュリティ事項', en: 'Other security considerations' },
}
