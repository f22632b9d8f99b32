import type { Notification } from '../../core/vulns/model.js'

/**
 * POSTs the notification as JSON (`{kind, titleJa, titleEn, body, createdAt}`) to the configured URL: chat tools and
 * ticket systems take it from there. A non-2xx answer or no answer within the timeout is a failure.
 */
export async function postWebhook(
  url: string,
  n: Pick<Notification, 'id' | 'kind' | 'titleJa' | 'titleEn' | 'body' | 'createdAt'>,
  timeoutMs: number,
): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'mamori' },
    body: JSON.stringify({
      id: n.id,
      kind: n.kind,
      titleJa: n.titleJa,
      titleEn: n.titleEn,
      body: n.body,
      createdAt: n.createdAt,
      // Chat tools (Slack/Teams/Mattermost incoming webhooks) show `text` as is.
      text: `${n.titleJa} / ${n.titleEn}`,
    }),
    signal: AbortSignal.timeout(timeoutMs),
    redirect: 'error',
  })
  await res.body?.cancel()
  if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`)
}
