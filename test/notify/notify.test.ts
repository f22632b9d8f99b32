/**
 * Notification channels on both databases: settings kept with the SMTP password write-only; a notification
 * delivered by e-mail to a local SMTP server (smtp-server on 127.0.0.1: subject Japanese first, body Japanese then
 * English) and by webhook to a local HTTP server (JSON); a dead channel reported, never thrown.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Notification } from '../../src/core/vulns/model.js'
import { NotifyService } from '../../src/services/notify/channels.js'
import type { Storage } from '../../src/storage/database.js'
import { storagePorts } from '../../src/storage/ports.js'
import { DIALECTS } from '../helpers/databases.js'

const ADMIN = { id: null, name: 'tester' }

interface Received {
  from: string
  to: string[]
  user: string | null
  raw: string
}

/** Decodes RFC 2047 encoded words of a header (nodemailer writes Japanese subjects as =?UTF-8?B/Q?…?=). */
function decodeHeader(value: string): string {
  return value
    .replace(/\r?\n[ \t]+/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    )
}

/** The subject and the decoded text body of a single-part message. */
function readMail(raw: string): { subject: string; text: string } {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/)
  const body = rest.join('\n\n')
  const header = (name: string) => new RegExp(`^${name}: ?(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head)?.[1] ?? ''
  const encoding = header('Content-Transfer-Encoding').trim().toLowerCase()
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            body
              .replace(/=\r?\n/g, '')
              .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8')
        : body
  return { subject: decodeHeader(header('Subject')), text }
}

const notification: Notification = {
  id: 'n-1',
  kind: 'new-match',
  titleJa: '新しいアドバイザリが院内の機器に該当します: ICSMA-20-049-01',
  titleEn: 'A new advisory matches devices in the hospital: ICSMA-20-049-01',
  body: { advisoryId: 'ICSMA-20-049-01', cves: ['CVE-2019-0708'], deviceIds: ['d1', 'd2'], knownExploited: true },
  createdAt: '2026-12-02T09:00:00.000Z',
  read: false,
}

describe.each(DIALECTS)('notifications on $name', (dialect) => {
  let storage: Storage
  let smtp: SMTPServer
  let smtpPort: number
  let hook: Server
  let hookUrl: string
  const mails: Received[] = []
  const posts: { body: unknown; type: string | undefined }[] = []
  let hookStatus = 200

  beforeAll(async () => {
    storage = await dialect.open()
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth(auth, _session, cb) {
        if (auth.username === 'mamori' && auth.password === 's3cret') return cb(null, { user: auth.username })
        cb(new Error('Invalid username or password'))
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            user: (session.user as string | undefined) ?? null,
            raw: Buffer.concat(chunks).toString('utf8'),
          })
          cb()
        })
      },
    })
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()))
    smtpPort = (smtp.server.address() as AddressInfo).port
    hook = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        posts.push({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')), type: req.headers['content-type'] })
        res.writeHead(hookStatus).end()
      })
    })
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()))
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hooks/mamori`
  })
  afterAll(async () => {
    await new Promise<void>((r) => smtp.close(() => r()))
    hook.closeAllConnections()
    await new Promise<void>((r) => hook.close(() => r()))
    await storage.close()
  })

  const service = () => {
    const ports = storagePorts(storage)
    return { notify: new NotifyService(ports.vulns, ports.clock, { timeoutMs: 3_000 }), ports }
  }

  it('skips every channel until one is configured', async () => {
    const { notify } = service()
    expect(await notify.channels()).toEqual({ email: null, webhook: null })
    expect(await notify.deliver(notification)).toEqual({ email: 'skipped', webhook: 'skipped' })
  })

  it('keeps the SMTP password write-only, audited without it', async () => {
    const { notify, ports } = service()
    const saved = await notify.putChannels(ADMIN, {
      email: {
        host: '127.0.0.1',
        port: smtpPort,
        secure: false,
        user: 'mamori',
        password: 's3cret',
        from: 'mamori@hospital.example',
        to: ['me-engineering@hospital.example', 'it-security@hospital.example'],
      },
      webhook: { url: hookUrl },
    })
    expect(saved.email).toMatchObject({ password: null, passwordSet: true, user: 'mamori' })
    // Saving again from the page (which never had the password) keeps it.
    const again = await notify.putChannels(ADMIN, { ...saved, email: { ...saved.email!, password: null } })
    expect(again.email?.passwordSet).toBe(true)
    const audit = await ports.audit.list({ limit: 5, offset: 0, action: 'notifications.channels.update' })
    expect(audit.items).toHaveLength(2)
    expect(JSON.stringify(audit.items)).not.toContain('s3cret')
  })

  it('delivers by e-mail (Japanese first, then English) and by webhook (JSON)', async () => {
    const { notify } = service()
    mails.length = 0
    posts.length = 0
    expect(await notify.deliver(notification)).toEqual({ email: 'sent', webhook: 'sent' })

    expect(mails).toHaveLength(1)
    const mail = mails[0]!
    expect(mail.user).toBe('mamori')
    expect(mail.from).toBe('mamori@hospital.example')
    expect(mail.to).toEqual(['me-engineering@hospital.example', 'it-security@hospital.example'])
    const { subject, text } = readMail(mail.raw)
    expect(subject).toBe(`[Mamori] ${notification.titleJa} / ${notification.titleEn}`)
    expect(text).toContain('該当する可能性のある機器: 2 台')
    expect(text).toContain('実際の攻撃での悪用が確認されています')
    expect(text).toContain('Devices possibly affected: 2')
    expect(text.indexOf('アドバイザリ: ICSMA-20-049-01')).toBeLessThan(text.indexOf('Advisory: ICSMA-20-049-01'))

    expect(posts).toEqual([
      {
        type: 'application/json; charset=utf-8',
        body: expect.objectContaining({
          kind: 'new-match',
          titleJa: notification.titleJa,
          titleEn: notification.titleEn,
          body: notification.body,
        }),
      },
    ])
  })

  it('reports a failing channel in both languages and still delivers the other', async () => {
    const { notify } = service()
    posts.length = 0
    hookStatus = 500
    try {
      const result = await notify.test()
      expect(result.email).toBe('sent')
      expect(result.webhook).toContain('webhook')
      expect(result.webhook).toContain('HTTP 500')
      expect(result.webhook).toMatch(/[ぁ-んァ-ン]/)
      expect(posts).toHaveLength(1)
    } finally {
      hookStatus = 200
    }
    // A mail server that refuses the login is a reported failure too, not a thrown one.
    const current = await notify.channels()
    await notify.putChannels(ADMIN, { ...current, email: { ...current.email!, password: 'wrong' } })
    const refused = await notify.deliver(notification)
    expect(refused.email).toContain('e-mail')
    expect(refused.webhook).toBe('sent')
  })
})
