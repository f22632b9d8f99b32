import {
  Alert,
  Anchor,
  Autocomplete,
  Badge,
  Button,
  Group,
  List,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconAlertTriangle, IconDownload } from '@tabler/icons-react'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useNavigate } from 'react-router-dom'
import type { NodeKind, ServiceCriticality } from '../../../../api/bcp.js'
import { ErrorAlert } from '../../components/common.js'
import { type BcpWarning, bcpApi, bcpKeys, type NodeRef, nodeLink } from '../../data/bcp.js'
import { devicesApi } from '../../data/devices.js'
import { downloadFile } from '../../data/reports.js'

/** True when the UI is in Japanese (texts from the server come in both languages). */
export function useJa(): boolean {
  const { i18n } = useTranslation()
  return !i18n.language.startsWith('en')
}

const TABS = [
  { to: '/bcp', key: 'overview' },
  { to: '/bcp/impact', key: 'impact' },
  { to: '/bcp/plans', key: 'plans' },
  { to: '/bcp/playbook', key: 'playbook' },
  { to: '/bcp/contacts', key: 'contacts' },
  { to: '/bcp/exercises', key: 'exercises' },
] as const

/** The BCP area's tab bar: every page one click away. */
export function BcpTabs() {
  const { t } = useTranslation()
  const { pathname } = useLocation()
  const navigate = useNavigate()
  const current =
    [...TABS].reverse().find((tab) => pathname === tab.to || (tab.to !== '/bcp' && pathname.startsWith(tab.to)))?.to ??
    '/bcp'
  return (
    <Tabs value={current} onChange={(v) => v && navigate(v)} mb="md" aria-label={t('bcp.tabs.label')}>
      <Tabs.List>
        {TABS.map((tab) => (
          <Tabs.Tab key={tab.to} value={tab.to}>
            {t(`bcp.tabs.${tab.key}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  )
}

const CRIT_COLOR: Record<ServiceCriticality, string> = {
  life_critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'gray',
}

/** 生命維持 / 高 / 中 / 低 as a coloured badge. */
export function CriticalityBadge({ value }: { value: ServiceCriticality }) {
  const { t } = useTranslation()
  return (
    <Badge color={CRIT_COLOR[value]} variant="light" data-criticality={value}>
      {t(`bcp.criticality.${value}`)}
    </Badge>
  )
}

/** 「許容停止時間 15 分」, in hours or days when that reads better; 「未設定」 when null. */
export function useMtdText(): (minutes: number | null) => string {
  const { t } = useTranslation()
  return (minutes) => {
    if (minutes === null) return t('bcp.mtd.unset')
    if (minutes >= 1440 && minutes % 1440 === 0) return t('bcp.mtd.days', { count: minutes / 1440 })
    if (minutes >= 60 && minutes % 60 === 0) return t('bcp.mtd.hours', { count: minutes / 60 })
    return t('bcp.mtd.minutes', { count: minutes })
  }
}

/** A stable React key for a warning (code, what it concerns, text). */
export function warningKey(w: BcpWarning): string {
  return `${w.code}|${w.nodes.map((n) => `${n.kind}:${n.id}`).join(',')}|${w.messageEn}`
}

/** The plan's problems in plain words, each with links to what it concerns. Never collapsed, never hidden. */
export function WarningList({ warnings, title }: { warnings: BcpWarning[]; title?: string }) {
  const { t } = useTranslation()
  const ja = useJa()
  // Names for the links (the warning carries ids): services and parties from their cached lists.
  const services = useQuery({ queryKey: bcpKeys.services(), queryFn: bcpApi.services, enabled: warnings.length > 0 })
  const parties = useQuery({ queryKey: bcpKeys.parties(), queryFn: bcpApi.parties, enabled: warnings.length > 0 })
  const names = new Map<string, string>([
    ...(services.data?.items ?? []).flatMap((x) =>
      x.dependencies.map((d) => [`${d.target.kind}:${d.target.id}`, d.label] as [string, string]),
    ),
    ...(services.data?.items ?? []).map((x) => [`service:${x.id}`, x.name] as [string, string]),
    ...(parties.data ?? []).map((x) => [`party:${x.id}`, x.name] as [string, string]),
  ])
  const nameOf = (n: NodeRef) =>
    names.get(`${n.kind}:${n.id}`) ?? (n.kind === 'device' ? t('bcp.warnings.devicePlan') : n.id)
  if (warnings.length === 0) return null
  return (
    <Alert
      color="orange"
      icon={<IconAlertTriangle size={18} />}
      title={title ?? t('bcp.warnings.title', { count: warnings.length })}
      data-warnings={warnings.length}
    >
      <List size="sm" spacing={4}>
        {warnings.map((w) => (
          <List.Item key={warningKey(w)} data-warning={w.code}>
            <Text span size="sm">
              {ja ? w.messageJa : w.messageEn}
            </Text>
            {w.nodes.length > 0 && (
              <Group gap={6} mt={2} component="span" style={{ display: 'inline-flex', marginLeft: 8 }}>
                {w.nodes.slice(0, 5).map((n) => (
                  <Anchor key={`${n.kind}:${n.id}`} component={Link} to={nodeLink(n)} size="xs">
                    {t(`bcp.kind.${n.kind}`)}: {nameOf(n)}
                  </Anchor>
                ))}
                {w.nodes.length > 5 && (
                  <Text span size="xs" c="dimmed">
                    {t('bcp.warnings.more', { count: w.nodes.length - 5 })}
                  </Text>
                )}
              </Group>
            )}
          </List.Item>
        ))}
      </List>
    </Alert>
  )
}

/**
 * Picks a node of the plan: a device by search in the ledger, a segment by name, an outside party, or a service.
 * Calls `onPick` with the reference and a label for display.
 */
export function NodePicker({
  onPick,
  kinds = ['device', 'segment', 'party', 'service'],
  excludeService,
  submitLabel,
}: {
  onPick: (ref: NodeRef, label: string) => void
  kinds?: NodeKind[]
  excludeService?: string
  submitLabel: string
}) {
  const { t } = useTranslation()
  const [kind, setKind] = useState<NodeKind>(kinds[0] ?? 'device')
  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label={t('bcp.picker.kind')}
        value={kind}
        onChange={(v) => setKind(v as NodeKind)}
        data={kinds.map((k) => ({ value: k, label: t(`bcp.kind.${k}`) }))}
        w="fit-content"
      />
      {kind === 'device' && <DevicePick onPick={onPick} submitLabel={submitLabel} />}
      {kind === 'segment' && <SegmentPick onPick={onPick} submitLabel={submitLabel} />}
      {kind === 'party' && <PartyPick onPick={onPick} submitLabel={submitLabel} />}
      {kind === 'service' && <ServicePick onPick={onPick} submitLabel={submitLabel} exclude={excludeService} />}
    </Stack>
  )
}

type PickProps = { onPick: (ref: NodeRef, label: string) => void; submitLabel: string }

function DevicePick({ onPick, submitLabel }: PickProps) {
  const { t } = useTranslation()
  const [q, setQ] = useState('')
  const [chosen, setChosen] = useState<string | null>(null)
  const list = useQuery({
    queryKey: ['devices', 'list', { q, limit: 20, bcpPicker: true }],
    queryFn: ({ signal }) => devicesApi.list({ q, limit: 20 }, signal),
    enabled: q.trim().length > 0,
  })
  const options = (list.data?.items ?? []).map((d) => ({
    value: d.id,
    label: [d.assetTag, d.name, d.department].filter(Boolean).join(' · ') || d.id,
  }))
  return (
    <Group align="end" gap="xs" wrap="wrap">
      <TextInput
        label={t('bcp.picker.deviceSearch')}
        placeholder={t('bcp.picker.deviceSearchHint')}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value)
          setChosen(null)
        }}
        w={260}
      />
      <Select
        label={t('bcp.picker.device')}
        data={options}
        value={chosen}
        onChange={setChosen}
        placeholder={q ? t('bcp.picker.choose', { count: options.length }) : t('bcp.picker.typeFirst')}
        searchable
        w={340}
        nothingFoundMessage={t('bcp.picker.noDevice')}
      />
      <Button
        variant="light"
        disabled={!chosen}
        onClick={() => {
          const o = options.find((x) => x.value === chosen)
          if (o) onPick({ kind: 'device', id: o.value }, o.label)
        }}
      >
        {submitLabel}
      </Button>
    </Group>
  )
}

/** Segment names already in the plan's graph, offered as suggestions; any name from the ledger may be typed. */
function SegmentPick({ onPick, submitLabel }: PickProps) {
  const { t } = useTranslation()
  const [name, setName] = useState('')
  const graph = useQuery({ queryKey: bcpKeys.graph(null), queryFn: () => bcpApi.graph(null), retry: false })
  const known = [...new Set((graph.data?.nodes ?? []).filter((n) => n.kind === 'segment').map((n) => n.id))].sort()
  return (
    <Group align="end" gap="xs">
      <Autocomplete
        label={t('bcp.picker.segment')}
        description={t('bcp.picker.segmentHint')}
        data={known}
        value={name}
        onChange={setName}
        w={300}
      />
      <Button
        variant="light"
        disabled={!name.trim()}
        onClick={() => onPick({ kind: 'segment', id: name.trim() }, name.trim())}
      >
        {submitLabel}
      </Button>
    </Group>
  )
}

function PartyPick({ onPick, submitLabel }: PickProps) {
  const { t } = useTranslation()
  const parties = useQuery({ queryKey: bcpKeys.parties(), queryFn: bcpApi.parties })
  const [chosen, setChosen] = useState<string | null>(null)
  const options = (parties.data ?? []).map((p) => ({
    value: p.id,
    label: `${p.name} (${t(`bcp.partyKind.${p.kind}`)})`,
  }))
  return (
    <Stack gap="xs">
      <Group align="end" gap="xs">
        <Select
          label={t('bcp.picker.party')}
          data={options}
          value={chosen}
          onChange={setChosen}
          searchable
          w={340}
          nothingFoundMessage={t('bcp.picker.noParty')}
        />
        <Button
          variant="light"
          disabled={!chosen}
          onClick={() => {
            const o = options.find((x) => x.value === chosen)
            if (o) onPick({ kind: 'party', id: o.value }, o.label)
          }}
        >
          {submitLabel}
        </Button>
      </Group>
      {parties.error && <ErrorAlert error={parties.error} />}
      <NewPartyForm onCreated={(id, label) => onPick({ kind: 'party', id }, label)} />
    </Stack>
  )
}

/** A new outside party (vendor link, cloud, carrier…) made on the spot, then picked. */
function NewPartyForm({ onCreated }: { onCreated: (id: string, label: string) => void }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [name, setName] = useState('')
  const [kind, setKind] = useState<string>('vendor')
  const [contact, setContact] = useState('')
  const create = useMutation({
    mutationFn: () =>
      bcpApi.createParty({
        name,
        kind: kind as 'vendor',
        contact24h: contact,
        email: '',
        notes: '',
      }),
    onSuccess: (p) => {
      onCreated(p.id, p.name)
      setOpen(false)
      setName('')
      setContact('')
    },
  })
  if (!open)
    return (
      <Button variant="subtle" size="compact-sm" w="fit-content" onClick={() => setOpen(true)}>
        {t('bcp.party.new')}
      </Button>
    )
  return (
    <Paper withBorder p="sm">
      <Group align="end" gap="xs" wrap="wrap">
        <TextInput label={t('bcp.party.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
        <Select
          label={t('bcp.party.kind')}
          data={(['vendor', 'cloud', 'carrier', 'utility', 'authority', 'other'] as const).map((k) => ({
            value: k,
            label: t(`bcp.partyKind.${k}`),
          }))}
          value={kind}
          onChange={(v) => v && setKind(v)}
          allowDeselect={false}
          w={160}
        />
        <TextInput
          label={t('bcp.party.contact24h')}
          value={contact}
          onChange={(e) => setContact(e.currentTarget.value)}
        />
        <Button loading={create.isPending} disabled={!name.trim()} onClick={() => create.mutate()}>
          {t('bcp.party.create')}
        </Button>
      </Group>
      {create.error && <ErrorAlert error={create.error} />}
    </Paper>
  )
}

function ServicePick({ onPick, submitLabel, exclude }: PickProps & { exclude?: string }) {
  const { t } = useTranslation()
  const services = useQuery({ queryKey: bcpKeys.services(), queryFn: bcpApi.services })
  const [chosen, setChosen] = useState<string | null>(null)
  const options = (services.data?.items ?? [])
    .filter((s) => s.id !== exclude)
    .map((s) => ({ value: s.id, label: s.name }))
  return (
    <Group align="end" gap="xs">
      <Select
        label={t('bcp.picker.service')}
        data={options}
        value={chosen}
        onChange={setChosen}
        searchable
        w={340}
        nothingFoundMessage={t('bcp.picker.noService')}
      />
      <Button
        variant="light"
        disabled={!chosen}
        onClick={() => {
          const o = options.find((x) => x.value === chosen)
          if (o) onPick({ kind: 'service', id: o.value }, o.label)
        }}
      >
        {submitLabel}
      </Button>
    </Group>
  )
}

/** Downloads downtime cards (PDF) for everything, or the chosen devices/services, in Japanese or English. */
export function CardsDownload({
  devices,
  services,
  title,
  compact,
}: {
  devices?: string[]
  services?: string[]
  title?: string
  compact?: boolean
}) {
  const { t, i18n } = useTranslation()
  const [lang, setLang] = useState<'ja' | 'en'>(i18n.language.startsWith('en') ? 'en' : 'ja')
  const count = (devices?.length ?? 0) + (services?.length ?? 0)
  const dl = useMutation({
    mutationFn: () =>
      downloadFile(
        bcpApi.cardsPath({ lang, ...(devices ? { devices } : {}), ...(services ? { services } : {}) }),
        `downtime-cards-${lang}.pdf`,
      ),
  })
  const body = (
    <Stack gap="xs">
      <Group gap="sm" align="end">
        <SegmentedControl
          aria-label={t('bcp.cards.lang')}
          value={lang}
          onChange={(v) => setLang(v === 'en' ? 'en' : 'ja')}
          data={[
            { value: 'ja', label: '日本語' },
            { value: 'en', label: 'English' },
          ]}
        />
        <Button
          leftSection={<IconDownload size={16} />}
          loading={dl.isPending}
          onClick={() => dl.mutate()}
          variant="light"
        >
          {count === 0
            ? t('bcp.cards.downloadAll')
            : count === 1
              ? t('bcp.cards.downloadOne')
              : t('bcp.cards.downloadChosen')}
        </Button>
      </Group>
      {dl.error && <ErrorAlert error={dl.error} />}
    </Stack>
  )
  if (compact) return body
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="bcp-cards">
      <Title order={3} size="h5" mb="xs" id="bcp-cards">
        {title ?? t('bcp.cards.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('bcp.cards.intro')}
      </Text>
      {body}
    </Paper>
  )
}

/** Splits a textarea into non-empty lines (a list field edited one item per line). */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
}
