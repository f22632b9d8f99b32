import { type NotificationChannels, notificationChannels } from '../../../api/vulns.js'
import { MamoriError } from '../../core/errors.js'
import type { Actor, Clock } from '../../core/ports.js'
import type { Notification } from '../../core/vulns/model.js'
import type { VulnStore } from '../../core/vulns/store.js'
import { type EmailSettings, sendEmail, smtpTransport } from './email.js'
import { postWebhook } from './webhook.js'

/** The settings key of the channels (JSON; the SMTP password is kept there and never answered). */
export const CHANNELS_KEY = 'notifications.channels'

/** Per channel: 'sent', 'skipped' (not configured), or why it failed (English, then Japanese). */
export type DeliveryOutcome = 'sent' | 'skipped' | string
export interface Delivery {
  email: DeliveryOutcome
  webhook: DeliveryOutcome
}

const EMPTY: NotificationChannels = { email: null, webhook: null }

/**
 * Notification channels (ADR 0032): e-mail through the hospital's SMTP server (nodemailer) and a webhook (JSON POST).
 * In-app notifications are the store's; this service carries them outside. Delivery never throws into the caller's
 * job: each channel answers 'sent', 'skipped' or the reason it failed.
 */
export class NotifyService {
  private readonly timeoutMs: number

  constructor(
    private readonly store: Pick<VulnStore, 'setting' | 'putSetting'>,
    private readonly clock: Clock,
    opts: { timeoutMs?: number } = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? 10_000
  }

  /** The channels as an admin sees them: the password is never answered, only whether one is set. */
  async channels(): Promise<NotificationChannels> {
    const stored = await this.stored()
    return stored.email
      ? { ...stored, email: { ...stored.email, password: null, passwordSet: Boolean(stored.email.password) } }
      : stored
  }

  /**
   * Saves the channels. An e-mail `password: null` keeps the stored one (the page never had it) unless
   * `passwordSet: false` says to clear it.
   */
  async putChannels(actor: Actor, input: NotificationChannels): Promise<NotificationChannels> {
    const parsed = notificationChannels.parse(input)
    const before = await this.stored()
    let email = parsed.email
    if (email) {
      const keep =
        email.password === null && email.passwordSet !== false ? (before.email?.password ?? null) : email.password
      email = { ...email, password: keep, passwordSet: undefined }
    }
    const next: NotificationChannels = { email, webhook: parsed.webhook }
    const shown = (c: NotificationChannels) => ({
      email: c.email && { ...c.email, password: c.email.password ? '(set)' : null },
      webhook: c.webhook,
    })
    await this.store.putSetting(CHANNELS_KEY, JSON.stringify(next), actor, {
      action: 'notifications.channels.update',
      targetType: 'setting',
      targetId: CHANNELS_KEY,
      before: shown(before),
      after: shown(next),
    })
    return this.channels()
  }

  /** Sends a notification on every configured channel. */
  async deliver(n: Notification): Promise<Delivery> {
    let channels: NotificationChannels
    try {
      channels = await this.stored()
    } catch (err) {
      const why = failure('settings', err)
      return { email: why, webhook: why }
    }
    const [email, webhook] = await Promise.all([
      channels.email
        ? sendEmail(channels.email, channels.email.password, n, this.timeoutMs).then(
            () => 'sent',
            (err: unknown) => failure('e-mail', err),
          )
        : 'skipped',
      channels.webhook
        ? postWebhook(channels.webhook.url, n, this.timeoutMs).then(
            () => 'sent',
            (err: unknown) => failure('webhook', err),
          )
        : 'skipped',
    ])
    return { email, webhook }
  }

  /** The settings page's "send a test": a harmless notification on every configured channel. */
  test(): Promise<Delivery> {
    return this.deliver({
      id: 'test',
      kind: 'new-match',
      titleJa: 'Mamori からのテスト通知です',
      titleEn: 'Test notification from Mamori',
      body: {},
      createdAt: this.clock.now().toISOString(),
      read: false,
    })
  }

  /**
   * Sends one e-mail with a file attached (a scheduled report) through the configured SMTP channel, to the given
   * recipients instead of the channel's own. Throws REPORT_NO_SMTP when no e-mail channel is configured, and the
   * SMTP error when sending fails (the caller records it).
   */
  async sendWithAttachment(mail: {
    to: string[]
    subject: string
    text: string
    attachment: { fileName: string; contentType: string; content: Buffer }
  }): Promise<void> {
    const email = (await this.stored()).email
    if (!email) throw MamoriError.of('REPORT_NO_SMTP')
    await sendMailWithAttachment(email, email.password, mail, this.timeoutMs)
  }

  private async stored(): Promise<NotificationChannels> {
    const raw = await this.store.setting(CHANNELS_KEY)
    if (!raw) return EMPTY
    const parsed = notificationChannels.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : EMPTY
  }
}

/** NOTIFY_FAILED's text in both languages, as one line for the result and the job log. */
function failure(channel: string, err: unknown): string {
  const cause = err as { code?: string; message?: string; cause?: { code?: string } }
  const why = cause.cause?.code ?? cause.code ?? cause.message ?? String(err)
  const e = MamoriError.of('NOTIFY_FAILED', { channel, why })
  return e.messageJa ? `${e.message} / ${e.messageJa}` : e.message
}

/** Sends one message with one attached file (a scheduled report) to the given recipients, from the channel's sender. */
export async function sendMailWithAttachment(
  settings: EmailSettings,
  password: string | null,
  mail: {
    to: string[]
    subject: string
    text: string
    attachment: { fileName: string; contentType: string; content: Buffer }
  },
  timeoutMs: number,
): Promise<void> {
  const transport = await smtpTransport(settings, password, timeoutMs)
  try {
    await transport.sendMail({
      from: settings.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      attachments: [
        {
          filename: mail.attachment.fileName,
          content: mail.attachment.content,
          contentType: mail.attachment.contentType,
        },
      ],
    })
  } finally {
    transport.close()
  }
}
