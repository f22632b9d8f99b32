import { Alert, Badge, Button, Group, List, Paper, Select, Stack, Table, Text } from '@mantine/core'
import { IconRadar, IconRefresh } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert, formatDateTime } from '../../components/common.js'
import { JobProgress } from '../../components/JobProgress.js'
import { type Acceptance, acceptanceApi } from '../../data/acceptance.js'
import { scopeKeys, scopesApi } from '../../data/scopes.js'
import { useJa } from '../risk/parts.js'
import { SectionTitle, useAcceptanceChange } from './parts.js'

/**
 * Steps 1 and 2: the quarantine scope the device is connected to, the gentle scan (job progress as on the scan page),
 * and the scan compared with the model's declaration — open ports not declared are highlighted, each one a question
 * for the manufacturer ("raise with the manufacturer" fills in an issue).
 */
export function ComparisonSection({
  acceptance: a,
  editable,
  ids,
}: {
  acceptance: Acceptance
  editable: boolean
  ids: readonly [string, string]
}) {
  const { t, i18n } = useTranslation()
  const ja = useJa()
  const [scopeId, setScopeId] = useState<string | null>(a.scopeId)
  const [jobId, setJobId] = useState<string | null>(null)
  const [running, setRunning] = useState(false)
  const scopes = useQuery({ queryKey: scopeKeys.scopes(), queryFn: scopesApi.scopes })
  const scan = useAcceptanceChange(async (s: string | null) => {
    const started = await acceptanceApi.scan(a.id, s)
    setJobId(started.jobId)
    setRunning(true)
    return acceptanceApi.get(a.id)
  })
  const compare = useAcceptanceChange(() => acceptanceApi.compare(a.id))
  const raise = useAcceptanceChange((port: number) =>
    acceptanceApi.raiseIssue(a.id, {
      title: t('acceptance.cmp.issueTitle', { port }),
      detail: t('acceptance.cmp.issueDetail', { port }),
      raisedOn: new Date().toISOString().slice(0, 10),
    }),
  )
  const c = a.comparison
  const scopeData = (scopes.data ?? []).map((s) => ({
    value: s.id,
    label: s.label ? `${s.label} (${s.target})` : s.target,
  }))
  const raised = (port: number) => a.issues.some((i) => i.title === t('acceptance.cmp.issueTitle', { port }))
  return (
    <>
      <Paper withBorder p="md" component="section" aria-labelledby={ids[0]}>
        <SectionTitle id={ids[0]}>{`1. ${t('acceptance.step.1')}`}</SectionTitle>
        <Text size="sm" c="dimmed" mb="sm">
          {t('acceptance.scopeIntro')}
        </Text>
        <Text size="sm" mb="xs">
          {t('acceptance.addresses')}:{' '}
          {a.device.addresses.length > 0 ? a.device.addresses.join(', ') : t('acceptance.noAddress')}
        </Text>
        <Group align="end">
          <Select
            label={t('acceptance.scope')}
            data={scopeData}
            value={scopeId}
            onChange={setScopeId}
            readOnly={!editable}
            clearable
            w={320}
          />
        </Group>
        {scopes.error && <ErrorAlert error={scopes.error} />}
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby={ids[1]}>
        <SectionTitle id={ids[1]}>{`2. ${t('acceptance.step.2')}`}</SectionTitle>
        <Text size="sm" c="dimmed" mb="sm">
          {t('acceptance.scanIntro')}
        </Text>
        {editable && (
          <Group gap="xs" mb="sm">
            <Button
              leftSection={<IconRadar size={16} />}
              loading={scan.isPending}
              disabled={running}
              onClick={() => scan.mutate(scopeId)}
            >
              {t('acceptance.scan')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              loading={compare.isPending}
              onClick={() => compare.mutate(undefined)}
            >
              {t('acceptance.recompare')}
            </Button>
          </Group>
        )}
        {scan.error && <ErrorAlert error={scan.error} />}
        {compare.error && <ErrorAlert error={compare.error} />}
        {jobId && (
          <JobProgress
            jobId={jobId}
            onFinished={() => {
              setRunning(false)
              compare.mutate(undefined)
            }}
          />
        )}
        <Stack gap="xs" mt="sm">
          <Text size="sm">
            {t('acceptance.cmp.scanned')}:{' '}
            {c.scannedAt ? formatDateTime(c.scannedAt, i18n.language) : t('acceptance.cmp.notYet')}
          </Text>
          <Text size="sm">
            {t('acceptance.cmp.source')}: {c.declarationSource ?? t('acceptance.cmp.noDeclaration')}
          </Text>
          {c.declarationSource === null && (
            <Alert color="yellow" role="status">
              {t('acceptance.cmp.noDeclarationHint')}
            </Alert>
          )}
          {c.undeclaredOpen.length > 0 && (
            <Alert color="orange" role="alert" title={t('acceptance.cmp.undeclaredTitle')}>
              {t('acceptance.cmp.undeclaredHint', { ports: c.undeclaredOpen.join(', ') })}
            </Alert>
          )}
          <Table withTableBorder aria-label={t('acceptance.cmp.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('acceptance.cmp.port')}</Table.Th>
                <Table.Th>{t('acceptance.cmp.service')}</Table.Th>
                <Table.Th>{t('acceptance.cmp.declared')}</Table.Th>
                {editable && <Table.Th>{t('acceptance.cmp.action')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.openPorts.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={4}>
                    <Text size="sm" c="dimmed">
                      {c.scanId ? t('acceptance.cmp.noOpen') : t('acceptance.cmp.notYet')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {c.openPorts.map((p) => {
                const undeclared = c.undeclaredOpen.includes(p.port)
                return (
                  <Table.Tr
                    key={`${p.transport}/${p.port}`}
                    bg={undeclared ? 'orange.0' : undefined}
                    data-port={p.port}
                    data-undeclared={undeclared || undefined}
                  >
                    <Table.Td fw={undeclared ? 700 : undefined}>
                      {p.port}/{p.transport}
                    </Table.Td>
                    <Table.Td>{p.service ?? '—'}</Table.Td>
                    <Table.Td>
                      {undeclared ? (
                        <Badge color="orange">{t('acceptance.cmp.undeclared')}</Badge>
                      ) : (
                        <Badge color="teal" variant="light">
                          {t('acceptance.cmp.declaredYes')}
                        </Badge>
                      )}
                    </Table.Td>
                    {editable && (
                      <Table.Td>
                        {undeclared && (
                          <Button
                            size="xs"
                            variant="light"
                            disabled={raised(p.port)}
                            loading={raise.isPending && raise.variables === p.port}
                            onClick={() => raise.mutate(p.port)}
                          >
                            {raised(p.port) ? t('acceptance.cmp.raised') : t('acceptance.cmp.raise')}
                          </Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
          {raise.error && <ErrorAlert error={raise.error} />}
          {c.declaredNotSeen.length > 0 && (
            <Text size="sm" c="dimmed">
              {t('acceptance.cmp.declaredNotSeen', { ports: c.declaredNotSeen.join(', ') })}
            </Text>
          )}
          {(c.findings.length > 0 || c.disclosureFindings.length > 0) && (
            <>
              <Text size="sm" fw={600}>
                {t('acceptance.cmp.findings')}
              </Text>
              <List size="sm">
                {c.findings.map((f) => (
                  <List.Item key={f.ruleId} data-finding={f.ruleId}>
                    [{f.severity}] {ja ? f.titleJa : f.titleEn}
                  </List.Item>
                ))}
                {c.disclosureFindings.map((f) => (
                  <List.Item key={f.titleEn}>
                    [{f.severity}] {ja ? f.titleJa : f.titleEn} ({t('acceptance.cmp.fromDisclosure')})
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </Stack>
      </Paper>
    </>
  )
}
