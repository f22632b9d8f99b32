import type { AcceptanceCheckId } from '../../../api/acceptance.js'
import type { DecommissionItemId } from '../../../api/decommission.js'

/** A manual check or checklist item as data: its title and what to look at, in plain Japanese and English. */
export interface CheckText {
  titleJa: string
  titleEn: string
  howJa: string
  howEn: string
}

/**
 * The manual checks of an acceptance test (導入時確認), in the order they are done. Each says what to look at so a
 * clinical engineer can do it with the manufacturer's engineer standing by.
 */
export const ACCEPTANCE_CHECKS: Record<AcceptanceCheckId, CheckText> = {
  default_passwords_changed: {
    titleJa: '初期パスワードの変更',
    titleEn: 'Default passwords changed',
    howJa:
      '保守用・管理者用の初期パスワードが変更されていることを納入業者の立会いで確認する。変更できない場合はその旨を課題として記録する。',
    howEn:
      "With the supplier's engineer present, confirm that the default service and administrator passwords were changed. If they cannot be changed, record it as an issue.",
  },
  accounts_reviewed: {
    titleJa: 'アカウントの確認',
    titleEn: 'Accounts reviewed',
    howJa:
      '機器に登録されているアカウントを一覧で見せてもらい、不要なもの（デモ用・共通アカウント）が削除されていることを確認する。',
    howEn:
      'Ask to see the list of accounts on the device and confirm that unneeded ones (demo, shared accounts) were removed.',
  },
  time_source: {
    titleJa: '時刻の同期',
    titleEn: 'Time source',
    howJa:
      '機器の時刻が院内の時刻サーバ（NTP）と合っていることを画面で確認する。記録や警報の時刻が正しくないと事故の調査ができない。',
    howEn:
      "Check on screen that the device's clock follows the hospital time server (NTP). Wrong times in records and alarms make incidents impossible to investigate.",
  },
  backup_and_restore: {
    titleJa: 'バックアップと復元',
    titleEn: 'Backup and restore',
    howJa: '設定とデータのバックアップ方法、保管場所、復元手順を納入業者から受け取り、復元できることを確認する。',
    howEn:
      'Obtain from the supplier how settings and data are backed up, where backups are kept and how to restore them; confirm a restore works.',
  },
  labelling: {
    titleJa: 'ラベル表示',
    titleEn: 'Labelling',
    howJa: '資産番号のラベルが貼られ、台帳の資産番号・設置場所・ソフトウェアバージョンと一致していることを確認する。',
    howEn:
      "Check that the asset tag label is attached and matches the ledger's asset tag, location and software version.",
  },
  network_placement: {
    titleJa: 'ネットワークの配置',
    titleEn: 'Network placement',
    howJa: '本番で接続するセグメント（VLAN）と、通信が必要な相手だけを許可する設定が決まっていることを確認する。',
    howEn:
      'Confirm the segment (VLAN) the device will use in production, and that only the peers it needs are allowed.',
  },
  remote_maintenance: {
    titleJa: 'リモート保守',
    titleEn: 'Remote maintenance',
    howJa:
      'リモート保守の接続方法、病院の許可なしに接続しない運用、接続記録の提供について納入業者と取り決めたことを確認する。',
    howEn:
      'Confirm with the supplier how remote maintenance connects, that it connects only when the hospital allows it, and that connection logs are provided.',
  },
  malware_protection: {
    titleJa: 'マルウェア対策',
    titleEn: 'Malware protection',
    howJa:
      'ウイルス対策ソフトまたはホワイトリスト方式の対策が動作していること、または対策できない理由と代わりの対策を確認する。',
    howEn: 'Confirm that antivirus or allow-listing runs on the device, or why it cannot and what protects it instead.',
  },
  disclosure_on_file: {
    titleJa: '開示資料の受領',
    titleEn: 'Disclosure on file',
    howJa:
      'MDS2 または MDS/SDS（製造販売業者による医療情報セキュリティ開示書）を受け取り、Mamori に取り込んだことを確認する。',
    howEn: "Confirm that the manufacturer's MDS2 or MDS/SDS disclosure was received and imported into Mamori.",
  },
  logging: {
    titleJa: 'ログの取得',
    titleEn: 'Logging',
    howJa: '操作ログ・アクセスログが記録され、保存期間と取り出し方法が分かっていることを確認する。',
    howEn:
      'Confirm that operation and access logs are recorded, and that how long they are kept and how to export them is known.',
  },
}

/** The decommissioning checklist (廃棄・譲渡), in the order the work is done. */
export const DECOMMISSION_ITEMS: Record<DecommissionItemId, CheckText> = {
  patient_data_erased: {
    titleJa: '患者データの消去',
    titleEn: 'Patient data erased',
    howJa:
      'メーカー手順または NIST SP 800-88 に沿って消去し、証明書を受け取る。消去方法と証明書の番号を引渡し情報に記録する。',
    howEn:
      "Erase following the manufacturer's procedure or NIST SP 800-88 and obtain a certificate. Record the method and the certificate's number in the handover data.",
  },
  removable_media_removed: {
    titleJa: '記録媒体の取り外し',
    titleEn: 'Removable media removed',
    howJa: 'USB メモリ、SD カード、光ディスクなどの記録媒体が機器に残っていないことを確認する。',
    howEn: 'Check that no USB stick, SD card, optical disc or other medium is left in the device.',
  },
  accounts_removed: {
    titleJa: 'アカウントの削除',
    titleEn: 'Accounts removed',
    howJa:
      '院内システム（電子カルテ、Active Directory など）から機器用アカウントを削除し、機器内の利用者アカウントも削除する。',
    howEn:
      "Delete the device's accounts in hospital systems (electronic records, Active Directory…) and the user accounts on the device.",
  },
  certificates_revoked: {
    titleJa: '証明書の失効',
    titleEn: 'Certificates revoked',
    howJa: '機器に発行した証明書（無線 LAN 認証、TLS など）を失効させ、機器から削除する。',
    howEn: 'Revoke the certificates issued to the device (Wi-Fi authentication, TLS…) and delete them from it.',
  },
  remote_maintenance_revoked: {
    titleJa: 'リモート保守の停止',
    titleEn: 'Remote maintenance revoked',
    howJa: 'リモート保守回線・VPN アカウントを停止し、保守業者に連絡する。',
    howEn: 'Disable the remote maintenance line and VPN account, and tell the maintenance company.',
  },
  firewall_rules_removed: {
    titleJa: 'ファイアウォール設定の削除',
    titleEn: 'Firewall rules removed',
    howJa: 'この機器のために許可していたファイアウォールの通信ルールを削除する。',
    howEn: 'Delete the firewall rules that allowed traffic for this device.',
  },
  nac_entries_removed: {
    titleJa: 'NAC・MAC 登録の削除',
    titleEn: 'NAC entries removed',
    howJa: 'ネットワーク認証（NAC）や MAC アドレス登録からこの機器を削除する。',
    howEn: 'Remove the device from network access control (NAC) and MAC address lists.',
  },
  dns_dhcp_removed: {
    titleJa: 'DNS・DHCP 登録の削除',
    titleEn: 'DNS and DHCP entries removed',
    howJa: '固定 IP アドレスの割り当て、DHCP 予約、DNS の名前を削除する。',
    howEn: 'Remove the fixed IP assignment, DHCP reservation and DNS names.',
  },
  integrations_removed: {
    titleJa: '連携設定の削除',
    titleEn: 'Integrations removed',
    howJa: '電子カルテ、部門システム、PACS などとの連携設定（送信先・受信元）を削除する。',
    howEn:
      'Remove the interfaces with electronic records, departmental systems, PACS and others (senders and receivers).',
  },
  ledger_updated: {
    titleJa: '台帳の更新',
    titleEn: 'Ledger updated',
    howJa: '台帳の状態を「廃棄」にし、引渡し先と日付を記録する（完了操作で自動的に変更される）。',
    howEn: 'Set the ledger status to decommissioned and record the recipient and date (completing does this).',
  },
}
