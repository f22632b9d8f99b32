import type { NotificationChannels } from '../../../api/vulns.js'
import type { Notification } from '../../core/vulns/model.js'

export type EmailSettings = NonNullable<NotificationChannels['email']>

/** Subject (Japanese first, as the hospital reads it) and a plain-text body in Japanese, then English. */
export function emailText(n: Pick<Notification, 'titleJa' | 'titleEn' | 'body' | 'createdAt'>): {
  subject: string
  text: string
} {
  const b = n.body
  const ja: string[] = [n.titleJa, '']
  const en: string[] = [n.titleEn, '']
  if (b.advisoryId) {
    ja.push(`アドバイザリ: ${b.advisoryId}`)
    en.push(`Advisory: ${b.advisoryId}`)
  }
  if (b.cves?.length) {
    ja.push(`CVE: ${b.cves.join(', ')}`)
    en.push(`CVE: ${b.cves.join(', ')}`)
  }
  if (b.deviceIds?.length) {
    ja.push(`該当する可能性のある機器: ${b.deviceIds.length} 台`)
    en.push(`Devices possibly affected: ${b.deviceIds.length}`)
  }
  if (b.knownExploited) {
    ja.push('実際の攻撃での悪用が確認されています（CISA KEV）。優先して対応してください。')
    en.push('Known to be exploited in real attacks (CISA KEV): handle it first.')
  }
  if (b.feed) {
    ja.push(`フィード: ${b.feed}`)
    en.push(`Feed: ${b.feed}`)
  }
  if (b.error) {
    ja.push(`理由: ${b.error}`)
    en.push(`Reason: ${b.error}`)
  }
  ja.push('', '詳細は Mamori の「脆弱性情報」画面で確認してください。')
  en.push('', 'See the vulnerability pages in Mamori for the details.')
  return {
    subject: `[Mamori] ${n.titleJa} / ${n.titleEn}`,
    text: `${ja.join('\n')}\n\n----------------------------------------\n\n${en.join('\n')}\n\n(${n.createdAt})\n`,
  }
}

/**
 * A connection to the hospital's SMTP server with short timeouts. nodemailer is loaded on first use: every CLI command
 * builds every service, and most never send mail.
 */
export async function smtpTransport(settings: EmailSettings, password: string | null, timeoutMs: number) {
  const { default: nodemailer } = await import('nodemailer')
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.user ? { user: settings.user, pass: password ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  })
}

/** Sends one notification by SMTP (nodemailer), with short timeouts so a dead mail server never stalls a job. */
export async function sendEmail(
  settings: EmailSettings,
  password: string | null,
  n: Pick<Notification, 'titleJa' | 'titleEn' | 'body' | 'createdAt'>,
  timeoutMs: number,
): Promise<void> {
  const transport = await smtpTransport(settings, password, timeoutMs)
  try {
    const { subject, text } = emailText(n)
    await transport.sendMail({ from: settings.from, to: settings.to, subject, text })
  } finally {
    transport.close()
  }
}
