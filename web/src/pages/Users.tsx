import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Table,
  TextInput,
} from '@mantine/core'
import { IconKey, IconUserPlus } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { User } from '../../../api/common.js'
import { ROLES } from '../../../api/common.js'
import { isAdmin, useAuth } from '../auth.js'
import { ErrorAlert, formatDateTime, PageHeader } from '../components/common.js'
import { invalidateUsers, userKeys, usersApi } from '../data/users.js'

function CreateUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const [username, setUsername] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [role, setRole] = useState<string>('viewer')
  const [password, setPassword] = useState('')
  const create = useMutation({
    mutationFn: () => usersApi.create({ username, displayName, role, password }),
    onSuccess: () => {
      void invalidateUsers(qc)
      setUsername('')
      setDisplayName('')
      setPassword('')
      setRole('viewer')
      onClose()
    },
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    create.mutate()
  }
  const tooShort = password.length > 0 && password.length < 12
  return (
    <Modal opened={opened} onClose={onClose} title={t('users.create')}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          {create.error && <ErrorAlert error={create.error} />}
          <TextInput
            label={t('users.username')}
            required
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            description={t('users.usernameHint')}
            autoComplete="off"
          />
          <TextInput
            label={t('users.displayName')}
            required
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
          />
          <Select
            label={t('users.role')}
            data={ROLES.map((r) => ({ value: r, label: t(`enums.role.${r}`) }))}
            value={role}
            onChange={(v) => v && setRole(v)}
            allowDeselect={false}
          />
          <PasswordInput
            label={t('users.password')}
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            description={t('users.passwordHint')}
            error={tooShort ? t('users.passwordHint') : undefined}
            autoComplete="new-password"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={create.isPending}
              disabled={!username || !displayName || password.length < 12}
            >
              {t('users.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

/**
 * An admin sets a new password for another user (who forgot theirs, or whose account may be misused). The server
 * ends every login of that user and revokes its API tokens; the admin hands the new password over in person.
 */
function ResetPasswordModal({
  target,
  onClose,
  onDone,
}: {
  target: User | null
  onClose: () => void
  onDone: (message: string) => void
}) {
  const { t } = useTranslation()
  const [password, setPassword] = useState('')
  const reset = useMutation({
    mutationFn: (id: string) => usersApi.resetPassword(id, password),
    onSuccess: (r) => {
      setPassword('')
      onDone(
        t('users.passwordReset', { user: target?.username ?? '', sessions: r.sessionsEnded, tokens: r.tokensRevoked }),
      )
      onClose()
    },
  })
  const close = () => {
    setPassword('')
    reset.reset()
    onClose()
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (target && password.length >= 12) reset.mutate(target.id)
  }
  const tooShort = password.length > 0 && password.length < 12
  return (
    <Modal
      opened={target !== null}
      onClose={close}
      title={t('users.resetPasswordOf', { user: target?.username ?? '' })}
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Alert color="yellow">{t('users.resetPasswordHint')}</Alert>
          {reset.error && <ErrorAlert error={reset.error} />}
          <PasswordInput
            label={t('users.newPassword')}
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            description={t('users.passwordHint')}
            error={tooShort ? t('users.passwordHint') : undefined}
            autoComplete="new-password"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={reset.isPending} disabled={password.length < 12}>
              {t('users.resetPassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

/** User administration (admins): create users, change roles, disable accounts, reset passwords. */
export function UsersPage() {
  const { t, i18n } = useTranslation()
  const { user: me } = useAuth()
  const qc = useQueryClient()
  const [creating, setCreating] = useState(false)
  const [resetting, setResetting] = useState<User | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const users = useQuery({
    queryKey: userKeys.list(),
    queryFn: usersApi.list,
    enabled: isAdmin(me),
  })
  const update = useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Partial<Pick<User, 'role' | 'disabled'>> }) =>
      usersApi.update(id, patch),
    onSuccess: () => void invalidateUsers(qc),
  })

  if (!isAdmin(me)) {
    return (
      <>
        <PageHeader title={t('users.title')} />
        <Alert color="gray">{t('common.adminOnly')}</Alert>
      </>
    )
  }

  return (
    <>
      <PageHeader title={t('users.title')}>
        <Button size="xs" leftSection={<IconUserPlus size={14} />} onClick={() => setCreating(true)}>
          {t('users.create')}
        </Button>
      </PageHeader>
      <CreateUserModal opened={creating} onClose={() => setCreating(false)} />
      <ResetPasswordModal target={resetting} onClose={() => setResetting(null)} onDone={setNotice} />
      {notice && (
        <Alert color="green" mb="sm" role="status" withCloseButton onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {users.error && <ErrorAlert error={users.error} />}
      {update.error && <ErrorAlert error={update.error} />}
      <Paper withBorder>
        <Table fz="sm" verticalSpacing={6} highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('users.username')}</Table.Th>
              <Table.Th>{t('users.displayName')}</Table.Th>
              <Table.Th w={170}>{t('users.role')}</Table.Th>
              <Table.Th w={130}>{t('users.enabled')}</Table.Th>
              <Table.Th>{t('users.lastLogin')}</Table.Th>
              <Table.Th>{t('users.createdAt')}</Table.Th>
              <Table.Th>{t('users.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(users.data ?? []).map((u) => {
              const self = u.id === me?.id
              return (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    {u.username}{' '}
                    {self && (
                      <Badge size="xs" variant="outline">
                        {t('users.you')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{u.displayName}</Table.Td>
                  <Table.Td>
                    <Select
                      size="xs"
                      aria-label={t('users.roleOf', { user: u.username })}
                      data={ROLES.map((r) => ({ value: r, label: t(`enums.role.${r}`) }))}
                      value={u.role}
                      allowDeselect={false}
                      disabled={self}
                      onChange={(v) => {
                        const role = ROLES.find((r) => r === v)
                        if (role && role !== u.role) update.mutate({ id: u.id, patch: { role } })
                      }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={t('users.enabledOf', { user: u.username })}
                      checked={!u.disabled}
                      disabled={self}
                      onChange={(e) => update.mutate({ id: u.id, patch: { disabled: !e.currentTarget.checked } })}
                    />
                  </Table.Td>
                  <Table.Td>{formatDateTime(u.lastLoginAt, i18n.language)}</Table.Td>
                  <Table.Td>{formatDateTime(u.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    {/* Your own password is changed on the Account page, which asks for the current one. */}
                    {!self && (
                      <Button
                        size="xs"
                        variant="subtle"
                        leftSection={<IconKey size={14} />}
                        aria-label={t('users.resetPasswordOf', { user: u.username })}
                        onClick={() => {
                          setNotice(null)
                          setResetting(u)
                        }}
                      >
                        {t('users.resetPassword')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      </Paper>
    </>
  )
}
