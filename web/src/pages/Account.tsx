import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconKey, IconLock, IconTrash } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { setCsrfToken } from '../api.js'
import { useAuth } from '../auth.js'
import { ErrorAlert, formatDateTime, PageHeader } from '../components/common.js'
import { accountApi, accountKeys, type PasswordChanged } from '../data/account.js'

/**
 * Changing one's own password: needs the current one. The server ends every other login and revokes every API
 * token, and renews this page's session (new cookie and CSRF token), so the page stays signed in.
 */
function ChangePassword() {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [again, setAgain] = useState('')
  const [done, setDone] = useState<PasswordChanged | null>(null)
  const change = useMutation({
    mutationFn: () => accountApi.changePassword(current, next),
    onSuccess: (r) => {
      if (r.csrfToken) setCsrfToken(r.csrfToken)
      setCurrent('')
      setNext('')
      setAgain('')
      setDone(r)
      void qc.invalidateQueries({ queryKey: accountKeys.tokens() })
    },
  })
  const mismatch = again.length > 0 && again !== next
  const tooShort = next.length > 0 && next.length < 12
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setDone(null)
    if (!mismatch && !tooShort && current && next) change.mutate()
  }
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="xs">
        {t('account.password')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('account.passwordHint')}
      </Text>
      <form onSubmit={submit}>
        <Stack gap="sm" maw={360}>
          <PasswordInput
            label={t('account.currentPassword')}
            required
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            autoComplete="current-password"
          />
          <PasswordInput
            label={t('account.newPassword')}
            required
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            description={t('users.passwordHint')}
            error={tooShort ? t('users.passwordHint') : undefined}
            autoComplete="new-password"
          />
          <PasswordInput
            label={t('account.newPasswordAgain')}
            required
            value={again}
            onChange={(e) => setAgain(e.currentTarget.value)}
            error={mismatch ? t('account.passwordMismatch') : undefined}
            autoComplete="new-password"
          />
          {change.error && <ErrorAlert error={change.error} />}
          <Group>
            <Button
              type="submit"
              size="xs"
              leftSection={<IconLock size={14} />}
              loading={change.isPending}
              disabled={!current || next.length < 12 || next !== again}
            >
              {t('account.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
      {done && (
        <Alert color="green" mt="sm" role="status" withCloseButton onClose={() => setDone(null)}>
          {t('account.passwordChanged', { sessions: Math.max(0, done.sessionsEnded - 1), tokens: done.tokensRevoked })}
        </Alert>
      )}
    </Paper>
  )
}

/** The signed-in user's own account: identity, password and API tokens for scripts. */
export function AccountPage() {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const qc = useQueryClient()
  const [name, setName] = useState('')
  const [secret, setSecret] = useState<string | null>(null)

  const tokens = useQuery({
    queryKey: accountKeys.tokens(),
    queryFn: accountApi.tokens,
  })
  const create = useMutation({
    mutationFn: () => accountApi.createToken(name),
    onSuccess: (r) => {
      setSecret(r.token)
      setName('')
      void qc.invalidateQueries({ queryKey: accountKeys.tokens() })
    },
  })
  const revoke = useMutation({
    mutationFn: accountApi.revokeToken,
    onSuccess: () => void qc.invalidateQueries({ queryKey: accountKeys.tokens() }),
  })

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (name.trim()) create.mutate()
  }

  return (
    <Stack gap="md">
      <PageHeader title={t('account.title')} />
      <Paper withBorder p="md">
        <Text size="sm">
          {user?.displayName} ({user?.username}) — {user ? t(`enums.role.${user.role}`) : ''}
        </Text>
      </Paper>
      <ChangePassword />
      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="xs">
          {t('account.tokens')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('account.tokensHint')}
        </Text>
        <form onSubmit={submit}>
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t('account.tokenName')}
              placeholder="nightly-export"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              size="xs"
              w={260}
            />
            <Button
              type="submit"
              size="xs"
              leftSection={<IconKey size={14} />}
              loading={create.isPending}
              disabled={!name.trim()}
            >
              {t('account.createToken')}
            </Button>
          </Group>
        </form>
        {create.error && <ErrorAlert error={create.error} />}
        {secret && (
          <Alert color="yellow" mt="sm" title={t('account.tokenOnce')} withCloseButton onClose={() => setSecret(null)}>
            <Group gap="xs">
              <Code>{secret}</Code>
              <CopyButton value={secret}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy}>
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Alert>
        )}
        {tokens.error && <ErrorAlert error={tokens.error} />}
        {revoke.error && <ErrorAlert error={revoke.error} />}
        <Table fz="sm" mt="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('account.tokenName')}</Table.Th>
              <Table.Th>{t('users.createdAt')}</Table.Th>
              <Table.Th>{t('account.lastUsed')}</Table.Th>
              <Table.Th w={120} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(tokens.data ?? []).map((tk) => (
              <Table.Tr key={tk.id}>
                <Table.Td>{tk.name}</Table.Td>
                <Table.Td>{formatDateTime(tk.createdAt, i18n.language)}</Table.Td>
                <Table.Td>{formatDateTime(tk.lastUsedAt, i18n.language)}</Table.Td>
                <Table.Td>
                  {tk.revokedAt ? (
                    <Badge color="gray" variant="light">
                      {t('account.revoked')}
                    </Badge>
                  ) : (
                    <Button
                      size="xs"
                      color="red"
                      variant="subtle"
                      leftSection={<IconTrash size={14} />}
                      onClick={() => revoke.mutate(tk.id)}
                      aria-label={t('account.revokeNamed', { name: tk.name })}
                    >
                      {t('account.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {tokens.data && tokens.data.length === 0 && (
          <Text size="sm" c="dimmed" mt="xs">
            {t('account.noTokens')}
          </Text>
        )}
      </Paper>
    </Stack>
  )
}
