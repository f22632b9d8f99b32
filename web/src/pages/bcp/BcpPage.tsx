import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconPlus, IconSparkles } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router-dom'
import { SERVICE_CRITICALITIES, type ServiceCriticality } from '../../../../api/bcp.js'
import { canEdit, useAuth } from '../../auth.js'
import { ErrorAlert, PageHeader } from '../../components/common.js'
import {
  type BcpSeedProposal,
  type BcpWarning,
  bcpApi,
  bcpKeys,
  type ClinicalService,
  invalidateBcp,
} from '../../data/bcp.js'
import { BcpTabs, CardsDownload, CriticalityBadge, useJa, useMtdText, WarningList, warningKey } from './parts.js'

/** The plan at a glance: every clinical service, the plan-wide warnings first, the ledger proposal, the cards. */
export function BcpPage() {
  const { t } = useTranslation()
  const { user } = useAuth()
  const editable = canEdit(user)
  const q = useQuery({ queryKey: bcpKeys.services(), queryFn: bcpApi.services })
  const [creating, setCreating] = useState(false)
  const [seeding, setSeeding] = useState(false)
  const [chosen, setChosen] = useState<string[]>([])
  return (
    <Stack gap="md">
      <PageHeader title={t('bcp.title')}>
        {editable && (
          <>
            <Button variant="light" leftSection={<IconSparkles size={16} />} onClick={() => setSeeding(true)}>
              {t('bcp.seed.open')}
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('bcp.service.new')}
            </Button>
          </>
        )}
      </PageHeader>
      <BcpTabs />
      <Text size="sm">{t('bcp.intro')}</Text>
      {seeding && <SeedPanel onClose={() => setSeeding(false)} />}
      {q.error && <ErrorAlert error={q.error} />}
      {!q.data && !q.error && <Skeleton h={240} />}
      {q.data && <WarningList warnings={allWarnings(q.data)} />}
      {q.data && <ServiceTable services={q.data.items} chosen={chosen} onChosen={setChosen} />}
      <CardsDownload services={chosen} />
      {chosen.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('bcp.cards.chosenServices', { count: chosen.length })}
        </Text>
      )}
      {creating && <NewServiceDialog onClose={() => setCreating(false)} />}
    </Stack>
  )
}

/** Every warning of the plan at the top: the plan-wide ones (cycles, parties), then each service's own. */
function allWarnings(data: { items: ClinicalService[]; warnings: BcpWarning[] }): BcpWarning[] {
  const seen = new Set<string>()
  return [...data.warnings, ...data.items.flatMap((s) => s.warnings)].filter((w) => {
    const k = warningKey(w)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

function ServiceTable({
  services,
  chosen,
  onChosen,
}: {
  services: ClinicalService[]
  chosen: string[]
  onChosen: (ids: string[]) => void
}) {
  const { t } = useTranslation()
  const ja = useJa()
  const mtd = useMtdText()
  if (services.length === 0)
    return (
      <Paper withBorder p="md">
        <Text size="sm">{t('bcp.service.none')}</Text>
      </Paper>
    )
  const toggle = (id: string, on: boolean) => onChosen(on ? [...chosen, id] : chosen.filter((x) => x !== id))
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table fz="sm" striped aria-label={t('bcp.service.table')} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              <Checkbox
                aria-label={t('bcp.service.chooseAll')}
                checked={chosen.length === services.length}
                indeterminate={chosen.length > 0 && chosen.length < services.length}
                onChange={(e) => onChosen(e.currentTarget.checked ? services.map((s) => s.id) : [])}
              />
            </Table.Th>
            <Table.Th>{t('bcp.service.name')}</Table.Th>
            <Table.Th>{t('bcp.service.criticality')}</Table.Th>
            <Table.Th>{t('bcp.service.mtd')}</Table.Th>
            <Table.Th>{t('bcp.service.owner')}</Table.Th>
            <Table.Th>{t('bcp.service.decider')}</Table.Th>
            <Table.Th>{t('bcp.service.fallback')}</Table.Th>
            <Table.Th>{t('bcp.service.dependencies')}</Table.Th>
            <Table.Th>{t('bcp.service.warnings')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {services.map((s) => {
            const fallback = (ja ? s.fallbackJa : s.fallbackEn) || (ja ? s.fallbackEn : s.fallbackJa)
            const hard = s.dependencies.filter((d) => d.strength === 'hard').length
            const broken = s.dependencies.filter((d) => d.broken).length
            return (
              <Table.Tr key={s.id} data-service={s.id}>
                <Table.Td>
                  <Checkbox
                    aria-label={t('bcp.service.choose', { name: s.name })}
                    checked={chosen.includes(s.id)}
                    onChange={(e) => toggle(s.id, e.currentTarget.checked)}
                  />
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/bcp/services/${encodeURIComponent(s.id)}`} fw={600} size="sm">
                    {ja || !s.nameEn ? s.name : s.nameEn}
                  </Anchor>
                  {s.department && (
                    <Text size="xs" c="dimmed">
                      {s.department}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <CriticalityBadge value={s.criticality} />
                </Table.Td>
                <Table.Td data-mtd={s.maxDowntimeMinutes ?? ''}>
                  <Text size="sm" c={s.maxDowntimeMinutes === null ? 'orange.8' : undefined}>
                    {t('bcp.mtd.label', { value: mtd(s.maxDowntimeMinutes) })}
                  </Text>
                </Table.Td>
                <Table.Td>{s.owner ?? <MissingText />}</Table.Td>
                <Table.Td>{s.decider ?? <MissingText />}</Table.Td>
                <Table.Td maw={260}>
                  {fallback ? (
                    <Text size="sm" lineClamp={2} title={fallback}>
                      {fallback}
                    </Text>
                  ) : (
                    <MissingText />
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t('bcp.service.depCounts', { hard, soft: s.dependencies.length - hard })}</Text>
                  {broken > 0 && (
                    <Text size="xs" c="red.7" fw={600}>
                      {t('bcp.service.brokenCount', { count: broken })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {s.warnings.map((w) => (
                      <Badge
                        key={warningKey(w)}
                        color="orange"
                        variant="light"
                        size="sm"
                        title={ja ? w.messageJa : w.messageEn}
                        data-warning={w.code}
                      >
                        {t(`bcp.warningCode.${w.code}`)}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

function MissingText() {
  const { t } = useTranslation()
  return (
    <Text span size="sm" c="orange.8" fw={600}>
      {t('bcp.missing')}
    </Text>
  )
}

/** A new service: a name and how critical it is; the rest is filled in on its own page. */
function NewServiceDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const [name, setName] = useState('')
  const [criticality, setCriticality] = useState<ServiceCriticality>('high')
  const create = useMutation({
    mutationFn: () => bcpApi.createService({ name, criticality }),
    onSuccess: async (s) => {
      await invalidateBcp(qc)
      navigate(`/bcp/services/${encodeURIComponent(s.id)}`)
    },
  })
  return (
    <Modal opened onClose={onClose} title={t('bcp.service.new')} closeButtonProps={{ 'aria-label': t('bcp.close') }}>
      <Stack gap="sm">
        <TextInput
          label={t('bcp.service.name')}
          description={t('bcp.service.nameHint')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
          data-autofocus
        />
        <Select
          label={t('bcp.service.criticality')}
          data={SERVICE_CRITICALITIES.map((c) => ({ value: c, label: t(`bcp.criticality.${c}`) }))}
          value={criticality}
          onChange={(v) => v && setCriticality(v as ServiceCriticality)}
          allowDeselect={false}
        />
        {create.error && <ErrorAlert error={create.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={create.isPending} disabled={!name.trim()} onClick={() => create.mutate()}>
            {t('bcp.service.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

type Proposed = BcpSeedProposal['services'][number]

/**
 * 「台帳から提案」: the server proposes services from the ledger with its reasons; a person ticks which to create.
 * Each ticked one is created as proposed (with its seedKey, so the proposal knows it exists next time).
 */
function SeedPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const ja = useJa()
  const qc = useQueryClient()
  const proposal = useQuery({ queryKey: [...bcpKeys.all, 'seed'], queryFn: () => bcpApi.seed(false), retry: false })
  const [ticked, setTicked] = useState<string[] | null>(null)
  const fresh = (proposal.data?.services ?? []).filter((s) => !s.exists)
  const keyOf = (s: Proposed, i: number) => s.seedKey ?? `proposal-${i}`
  const chosen = ticked ?? fresh.map((s, i) => keyOf(s, i))
  const apply = useMutation({
    mutationFn: async () => {
      let n = 0
      for (const [i, s] of (proposal.data?.services ?? []).entries()) {
        if (s.exists || !chosen.includes(keyOf(s, i))) continue
        const { exists: _e, reasonJa: _rj, reasonEn: _re, ...input } = s
        await bcpApi.createService(input)
        n++
      }
      return n
    },
    onSuccess: async () => {
      await invalidateBcp(qc)
    },
  })
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="bcp-seed">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5" id="bcp-seed">
          {t('bcp.seed.title')}
        </Title>
        <Button variant="subtle" size="compact-sm" onClick={onClose}>
          {t('bcp.close')}
        </Button>
      </Group>
      <Text size="sm" mb="sm">
        {t('bcp.seed.intro')}
      </Text>
      {proposal.error && <ErrorAlert error={proposal.error} />}
      {proposal.isLoading && <Skeleton h={120} />}
      {proposal.data && proposal.data.services.length === 0 && <Text size="sm">{t('bcp.seed.empty')}</Text>}
      <Stack gap="xs">
        {(proposal.data?.services ?? []).map((s, i) => {
          const k = keyOf(s, i)
          return (
            <Paper key={k} withBorder p="xs" data-proposal={s.seedKey ?? ''}>
              <Checkbox
                label={
                  <Group gap={6}>
                    <Text size="sm" fw={600}>
                      {ja || !s.nameEn ? s.name : s.nameEn}
                    </Text>
                    {s.criticality && <CriticalityBadge value={s.criticality} />}
                    {s.exists && (
                      <Badge color="gray" variant="light" size="sm">
                        {t('bcp.seed.exists')}
                      </Badge>
                    )}
                  </Group>
                }
                description={`${ja ? s.reasonJa : s.reasonEn} — ${t('bcp.seed.deps', { count: s.dependencies?.length ?? 0 })}`}
                disabled={s.exists}
                checked={!s.exists && chosen.includes(k)}
                onChange={(e) => {
                  const on = e.currentTarget.checked
                  setTicked(on ? [...chosen, k] : chosen.filter((x) => x !== k))
                }}
              />
            </Paper>
          )
        })}
      </Stack>
      {fresh.length > 0 && (
        <Group mt="sm">
          <Button
            loading={apply.isPending}
            disabled={chosen.length === 0 || apply.isSuccess}
            onClick={() => apply.mutate()}
          >
            {t('bcp.seed.apply', { count: chosen.length })}
          </Button>
        </Group>
      )}
      {apply.error && <ErrorAlert error={apply.error} />}
      {apply.isSuccess && (
        <Text size="sm" c="teal.7" role="status" mt="xs">
          {t('bcp.seed.applied', { count: apply.data })}
        </Text>
      )}
    </Paper>
  )
}
