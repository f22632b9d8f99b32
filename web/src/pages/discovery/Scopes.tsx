import { Alert, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api.js'
import { isAdmin, useAuth } from '../../auth.js'
import { ErrorAlert, formatDateTime, PageHeader } from '../../components/common.js'
import { invalidateScopes, scopeKeys, scopesApi } from '../../data/scopes.js'

/** Approved scan scopes and the never-scan exclusion list. Only admins change them; everyone can read them. */
export function ScopesPage() {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const admin = isAdmin(user)
  const qc = useQueryClient()
  const [cidr, setCidr] = useState('')
  const [name, setName] = useState('')
  const [address, setAddress] = useState('')
  const [reason, setReason] = useState('')

  const scopes = useQuery({
    queryKey: scopeKeys.scopes(),
    queryFn: scopesApi.scopes,
  })
  const exclusions = useQuery({
    queryKey: scopeKeys.exclusions(),
    queryFn: scopesApi.exclusions,
  })
  const addScope = useMutation({
    mutationFn: async () => {
      const json = { target: cidr.trim(), label: name.trim() || undefined }
      try {
        return await scopesApi.addScope(json)
      } catch (e) {
        // A scope over 1,024 addresses (a /16, 0.0.0.0/0, ::/0) needs an explicit yes, as a large scan does.
        if (!(e instanceof ApiError) || e.code !== 'SCOPE_NEEDS_CONFIRMATION') throw e
        const ja = (e as { messageJa?: string }).messageJa
        if (!window.confirm(i18n.language.startsWith('ja') && ja ? ja : e.message)) throw e
        return scopesApi.addScope({ ...json, confirmLarge: true })
      }
    },
    onSuccess: () => {
      setCidr('')
      setName('')
      void invalidateScopes(qc)
    },
  })
  const delScope = useMutation({
    mutationFn: scopesApi.removeScope,
    onSuccess: () => void invalidateScopes(qc),
  })
  const addExclusion = useMutation({
    mutationFn: () => scopesApi.addExclusion({ address: address.trim(), reason: reason.trim() || undefined }),
    onSuccess: () => {
      setAddress('')
      setReason('')
      void invalidateScopes(qc)
    },
  })
  const delExclusion = useMutation({
    mutationFn: scopesApi.removeExclusion,
    onSuccess: () => void invalidateScopes(qc),
  })

  return (
    <Stack gap="md">
      <PageHeader title={t('scopes.title')} />
      {!admin && <Alert color="gray">{t('scopes.readOnly')}</Alert>}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="xs">
            {t('scopes.scopes')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('scopes.scopesHint')}
          </Text>
          {admin && (
            <form
              onSubmit={(e: FormEvent) => {
                e.preventDefault()
                addScope.mutate()
              }}
            >
              <Group align="flex-end" gap="xs" mb="sm">
                <TextInput
                  size="xs"
                  label={t('scopes.cidr')}
                  placeholder="192.168.10.0/24"
                  value={cidr}
                  onChange={(e) => setCidr(e.currentTarget.value)}
                  required
                />
                <TextInput
                  size="xs"
                  label={t('scopes.name')}
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                />
                <Button
                  type="submit"
                  size="xs"
                  leftSection={<IconPlus size={14} />}
                  loading={addScope.isPending}
                  disabled={!cidr.trim()}
                >
                  {t('scopes.approve')}
                </Button>
              </Group>
            </form>
          )}
          {addScope.error && <ErrorAlert error={addScope.error} />}
          {scopes.error && <ErrorAlert error={scopes.error} />}
          {delScope.error && <ErrorAlert error={delScope.error} />}
          <Table fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('scopes.cidr')}</Table.Th>
                <Table.Th>{t('scopes.name')}</Table.Th>
                <Table.Th>{t('scopes.approvedBy')}</Table.Th>
                {admin && <Table.Th w={60} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(scopes.data ?? []).map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td className="mono">{s.target}</Table.Td>
                  <Table.Td>{s.label ?? ''}</Table.Td>
                  <Table.Td>
                    {s.approvedBy} ({formatDateTime(s.approvedAt, i18n.language)})
                  </Table.Td>
                  {admin && (
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        color="red"
                        variant="subtle"
                        aria-label={t('scopes.removeNamed', { name: s.target })}
                        onClick={() => delScope.mutate(s.id)}
                      >
                        <IconTrash size={14} />
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {scopes.data && scopes.data.length === 0 && (
            <Text size="sm" c="dimmed" mt="xs">
              {t('scopes.noScopes')}
            </Text>
          )}
        </Paper>
        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="xs">
            {t('scopes.exclusions')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('scopes.exclusionsHint')}
          </Text>
          {admin && (
            <form
              onSubmit={(e: FormEvent) => {
                e.preventDefault()
                addExclusion.mutate()
              }}
            >
              <Group align="flex-end" gap="xs" mb="sm">
                <TextInput
                  size="xs"
                  label={t('scopes.address')}
                  placeholder="10.0.5.12"
                  value={address}
                  onChange={(e) => setAddress(e.currentTarget.value)}
                  required
                />
                <TextInput
                  size="xs"
                  label={t('scopes.reason')}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                />
                <Button
                  type="submit"
                  size="xs"
                  color="orange"
                  leftSection={<IconPlus size={14} />}
                  loading={addExclusion.isPending}
                  disabled={!address.trim()}
                >
                  {t('scopes.exclude')}
                </Button>
              </Group>
            </form>
          )}
          {addExclusion.error && <ErrorAlert error={addExclusion.error} />}
          {exclusions.error && <ErrorAlert error={exclusions.error} />}
          {delExclusion.error && <ErrorAlert error={delExclusion.error} />}
          <Table fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('scopes.address')}</Table.Th>
                <Table.Th>{t('scopes.reason')}</Table.Th>
                {admin && <Table.Th w={60} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(exclusions.data ?? []).map((x) => (
                <Table.Tr key={x.id}>
                  <Table.Td className="mono">{x.address}</Table.Td>
                  <Table.Td>{x.reason ?? ''}</Table.Td>
                  {admin && (
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        color="red"
                        variant="subtle"
                        aria-label={t('scopes.removeNamed', { name: x.address })}
                        onClick={() => delExclusion.mutate(x.id)}
                      >
                        <IconTrash size={14} />
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {exclusions.data && exclusions.data.length === 0 && (
            <Text size="sm" c="dimmed" mt="xs">
              {t('scopes.noExclusions')}
            </Text>
          )}
        </Paper>
      </SimpleGrid>
    </Stack>
  )
}
