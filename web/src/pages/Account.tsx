import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconKey, IconTrash } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api.js'
import { useAuth } from '../auth.js'
import { ErrorAlert, formatDateTime, PageHeader } from '../components/common.js'

/** One API token as listed (the secret itself is shown only once, when created). */
interface TokenInfo {
  id: string
  name: string
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

/** The signed-in user's own account: identity and API tokens for scripts. */
export function AccountPage() {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const qc = useQueryClient()
  const [name, setName] = useState('')
  const [secret, setSecret] = useState<string | null>(null)

  const tokens = useQuery({
    queryKey: ['tokens'],
    queryFn: () => api<TokenInfo[]>('/api/tokens'),
  })
  const create = useMutation({
    mutationFn: () => api<{ token: string }>('/api/tokens', { method: 'POST', json: { name } }),
    onSuccess: (r) => {
      setSecret(r.token)
      setName('')
      void qc.invalidateQueries({ queryKey: ['tokens'] })
    },
  })
  const revoke = useMutation({
    mutationFn: (id: string) => api<void>(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['tokens'] }),
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
