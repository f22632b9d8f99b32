import { Alert, Group, List, Title } from '@mantine/core'
import { IconAlertCircle } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api.js'

/** The text of the UI's language from a server message: `messageJa` in Japanese, `message` (English) otherwise. */
export function inLanguage(lang: string, message: string, messageJa: string | undefined): string {
  if (lang.startsWith('ja')) return messageJa || message
  // An older server may still send "English / 日本語" on one line: show the English half only.
  const at = message.lastIndexOf(' / ')
  if (at > 0 && JAPANESE.test(message.slice(at)) && !JAPANESE.test(message.slice(0, at))) return message.slice(0, at)
  return message
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/

/**
 * Turns any error into one sentence for the user: the catalog text `errors.<CODE>` (src/core/messages, shared with
 * the server) rendered with the parameters the server sent, in the UI's language; a client-side code (no answer:
 * NETWORK_ERROR) from the UI catalog; else the server's own message in the UI's language (ADR 0009, 0014). Never a
 * stack trace.
 */
export function useErrorMessage(): (err: unknown) => string {
  const { t, i18n } = useTranslation()
  return (err: unknown) => {
    if (err instanceof ApiError) {
      const key = `errors.${err.code}`
      const lang = i18n.language.startsWith('ja') ? 'ja' : 'en'
      if (err.params && i18n.exists(key)) {
        const params = Object.fromEntries(
          Object.entries(err.params).map(([k, v]) => [k, typeof v === 'object' ? v[lang] : v]),
        )
        return t(key, params)
      }
      if (err.status === 0 && i18n.exists(key)) return t(key)
      return inLanguage(i18n.language, err.message, err.messageJa) || t('errors.unknown')
    }
    return t('errors.unknown')
  }
}

/** A red alert with the error's message and, when the server located problems, one line per place. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const message = useErrorMessage()
  const { t, i18n } = useTranslation()
  if (!error) return null
  const details = error instanceof ApiError ? error.details : []
  return (
    <Alert color="red" icon={<IconAlertCircle size={18} />} title={title ?? t('errors.title')} role="alert">
      {message(error)}
      {details.length > 0 && (
        <List size="sm" mt="xs">
          {details.map((d) => (
            <List.Item key={`${d.where}:${d.message}`}>
              {d.where ? `${d.where}: ` : ''}
              {inLanguage(i18n.language, d.message, d.messageJa)}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  )
}

/** Page title with optional actions on the right. */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Group justify="space-between" mb="md" wrap="wrap">
      <Title order={2} size="h3">
        {title}
      </Title>
      {children && <Group gap="xs">{children}</Group>}
    </Group>
  )
}

/** Formats an ISO timestamp in the user's locale, or a dash for none. */
export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return d.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
}

/** Formats a number with the locale's grouping (12,345). */
export function formatNumber(n: number | null | undefined, lang: string): string {
  if (n === null || n === undefined) return '—'
  return n.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US')
}
