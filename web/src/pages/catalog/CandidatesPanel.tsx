import { Alert, Button, Checkbox, Group, Stack, Table, Text } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { canEdit, useAuth } from '../../auth.js'
import { ErrorAlert } from '../../components/common.js'
import { invalidateCatalog, modelKeys, modelsApi } from '../../data/models.js'

const keyOf = (c: { vendor: string; name: string }) => `${c.vendor}\u0000${c.name}`

/** Maker/model pairs the ledger uses that the catalog lacks: a person accepts all or some. */
export function CandidatesPanel() {
  const { t } = useTranslation()
  const { user } = useAuth()
  const qc = useQueryClient()
  const candidates = useQuery({ queryKey: modelKeys.candidates(), queryFn: modelsApi.candidates })
  const [picked, setPicked] = useState<Set<string>>(new Set())
  const [created, setCreated] = useState<number | null>(null)
  const accept = useMutation({
    mutationFn: (keys: string[]) =>
      modelsApi.acceptCandidates(
        (candidates.data ?? [])
          .filter((c) => keys.includes(keyOf(c)))
          .map((c) => ({ manufacturer: c.vendor, name: c.name })),
      ),
    onSuccess: (r) => {
      setCreated(r.created.length)
      setPicked(new Set())
      void invalidateCatalog(qc)
    },
  })
  const list = candidates.data ?? []
  const editable = canEdit(user)
  const toggle = (k: string) => {
    const next = new Set(picked)
    if (next.has(k)) next.delete(k)
    else next.add(k)
    setPicked(next)
  }

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('catalog.candidatesHint')}
      </Text>
      {candidates.error && <ErrorAlert error={candidates.error} />}
      {accept.error && <ErrorAlert error={accept.error} />}
      {created !== null && (
        <Alert color="teal" withCloseButton onClose={() => setCreated(null)}>
          {t('catalog.candidatesCreated', { count: created })}
        </Alert>
      )}
      {editable && list.length > 0 && (
        <Group gap="xs">
          <Button
            size="xs"
            disabled={picked.size === 0}
            loading={accept.isPending}
            onClick={() => accept.mutate([...picked])}
          >
            {t('catalog.acceptPicked', { count: picked.size })}
          </Button>
          <Button size="xs" variant="light" loading={accept.isPending} onClick={() => accept.mutate(list.map(keyOf))}>
            {t('catalog.acceptAll', { count: list.length })}
          </Button>
        </Group>
      )}
      {list.length > 0 && (
        <Table fz="sm" striped>
          <Table.Thead>
            <Table.Tr>
              {editable && <Table.Th w={40} />}
              <Table.Th>{t('catalog.fields.vendor')}</Table.Th>
              <Table.Th>{t('catalog.fields.name')}</Table.Th>
              <Table.Th>{t('catalog.ledgerSpellings')}</Table.Th>
              <Table.Th ta="right">{t('catalog.devices')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((c) => (
              <Table.Tr key={keyOf(c)}>
                {editable && (
                  <Table.Td>
                    <Checkbox
                      aria-label={`${c.vendor} ${c.name}`}
                      checked={picked.has(keyOf(c))}
                      onChange={() => toggle(keyOf(c))}
                    />
                  </Table.Td>
                )}
                <Table.Td>{c.vendor}</Table.Td>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td>{c.manufacturers.join('、')}</Table.Td>
                <Table.Td ta="right">{c.devices}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {candidates.data && list.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('catalog.noCandidates')}
        </Text>
      )}
    </Stack>
  )
}
