import {
  AppShell,
  Badge,
  Burger,
  Center,
  Group,
  Loader,
  Menu,
  NavLink,
  ScrollArea,
  SegmentedControl,
  Text,
  UnstyledButton,
} from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import {
  IconAlertOctagon,
  IconBell,
  IconBooks,
  IconCalendarTime,
  IconChartBar,
  IconChecklist,
  IconChevronDown,
  IconClipboardCheck,
  IconDashboard,
  IconEar,
  IconFileCertificate,
  IconFileImport,
  IconHeartRateMonitor,
  IconHome,
  IconKey,
  IconLifebuoy,
  IconList,
  IconLogout,
  IconPackageImport,
  IconProgress,
  IconRadar,
  IconRecycle,
  IconReport,
  IconReportSearch,
  IconRss,
  IconScale,
  IconShieldCheck,
  IconShoppingCart,
  IconTargetArrow,
  IconTopologyStar3,
  IconUsers,
} from '@tabler/icons-react'
import { type ReactNode, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom'
import { isAdmin, useAuth } from '../auth.js'
import { currentLanguage, setLanguage } from '../i18n/index.js'
import { NotificationsBell } from '../pages/vulns/NotificationsBell.js'

interface NavItem {
  to: string
  label: string
  icon: ReactNode
  exact?: boolean
}

/** The app shell: header (name, language switch, user menu) and the navigation bar. */
export function Layout() {
  const { t, i18n } = useTranslation()
  const { user, logout } = useAuth()
  const [opened, { toggle, close }] = useDisclosure()
  const location = useLocation()
  const navigate = useNavigate()
  const admin = isAdmin(user)

  const main: NavItem[] = [
    { to: '/', label: t('nav.home'), icon: <IconHome size={18} />, exact: true },
    { to: '/risk', label: t('nav.risk'), icon: <IconHeartRateMonitor size={18} /> },
    { to: '/actions', label: t('nav.actions'), icon: <IconChecklist size={18} /> },
    { to: '/checklist', label: t('nav.checklist'), icon: <IconClipboardCheck size={18} /> },
    { to: '/benchmark', label: t('nav.benchmark'), icon: <IconChartBar size={18} /> },
    { to: '/reports', label: t('nav.reports'), icon: <IconReport size={18} /> },
    { to: '/dashboard', label: t('nav.dashboard'), icon: <IconDashboard size={18} /> },
    { to: '/devices', label: t('nav.devices'), icon: <IconList size={18} /> },
    { to: '/import', label: t('nav.import'), icon: <IconFileImport size={18} /> },
    { to: '/jobs', label: t('nav.jobs'), icon: <IconProgress size={18} /> },
    { to: '/catalog', label: t('nav.catalog'), icon: <IconBooks size={18} /> },
    { to: '/disclosures', label: t('nav.disclosures'), icon: <IconFileCertificate size={18} /> },
    { to: '/advisories', label: t('nav.advisories'), icon: <IconAlertOctagon size={18} /> },
    { to: '/feeds', label: t('nav.feeds'), icon: <IconRss size={18} /> },
  ]
  const discovery: NavItem[] = [
    { to: '/discovery/scans', label: t('nav.scans'), icon: <IconRadar size={18} /> },
    { to: '/discovery/findings', label: t('nav.findings'), icon: <IconShieldCheck size={18} /> },
    { to: '/discovery/reconciliation', label: t('nav.reconciliation'), icon: <IconScale size={18} /> },
    { to: '/discovery/scopes', label: t('nav.scopes'), icon: <IconTargetArrow size={18} /> },
    // Issue 12: listening instead of scanning.
    { to: '/discovery/captures', label: t('nav.captures'), icon: <IconEar size={18} /> },
    { to: '/discovery/traffic', label: t('nav.trafficMap'), icon: <IconTopologyStar3 size={18} /> },
  ]
  // Issue 11: a device's life from tender to handover, and keeping care going when systems stop.
  const lifecycle: NavItem[] = [
    { to: '/bcp', label: t('nav.bcp'), icon: <IconLifebuoy size={18} /> },
    { to: '/procurement', label: t('nav.procurement'), icon: <IconShoppingCart size={18} /> },
    { to: '/acceptance', label: t('nav.acceptance'), icon: <IconPackageImport size={18} /> },
    { to: '/lifecycle', label: t('nav.lifecycle'), icon: <IconCalendarTime size={18} /> },
    { to: '/decommission', label: t('nav.decommission'), icon: <IconRecycle size={18} /> },
  ]
  const adminItems: NavItem[] = admin
    ? [
        { to: '/audit', label: t('nav.audit'), icon: <IconReportSearch size={18} /> },
        { to: '/users', label: t('nav.users'), icon: <IconUsers size={18} /> },
        { to: '/settings/notifications', label: t('nav.notificationSettings'), icon: <IconBell size={18} /> },
      ]
    : []

  const isActive = (item: NavItem) =>
    item.exact ? location.pathname === item.to : location.pathname.startsWith(item.to)

  const renderItem = (item: NavItem) => (
    <NavLink
      key={item.to}
      component={Link}
      to={item.to}
      label={item.label}
      leftSection={item.icon}
      active={isActive(item)}
      aria-current={isActive(item) ? 'page' : undefined}
      onClick={close}
    />
  )

  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Text component={Link} to="/" fw={700} size="lg" c="indigo.7" style={{ textDecoration: 'none' }}>
              Mamori 守り
            </Text>
            <Text size="xs" c="dimmed" visibleFrom="md">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="md" wrap="nowrap">
            <NotificationsBell />
            <SegmentedControl
              size="xs"
              aria-label={t('header.language')}
              value={currentLanguage()}
              onChange={(v) => setLanguage(v === 'en' ? 'en' : 'ja')}
              data={[
                { value: 'ja', label: '日本語' },
                { value: 'en', label: 'English' },
              ]}
              key={i18n.language}
            />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label={t('header.userMenu')}>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={500}>
                      {user?.displayName || user?.username}
                    </Text>
                    {user && (
                      <Badge size="xs" variant="light">
                        {t(`enums.role.${user.role}`)}
                      </Badge>
                    )}
                    <IconChevronDown size={14} />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{user?.username}</Menu.Label>
                <Menu.Item leftSection={<IconKey size={16} />} onClick={() => navigate('/account')}>
                  {t('nav.account')}
                </Menu.Item>
                <Menu.Item
                  leftSection={<IconLogout size={16} />}
                  onClick={() => {
                    void logout().then(() => navigate('/login'))
                  }}
                >
                  {t('header.logout')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.label')}>
        {/* The menu outgrew a laptop screen (issue 10's pages): it scrolls on its own, the page stays put. */}
        <AppShell.Section grow component={ScrollArea} type="auto">
          {main.map(renderItem)}
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" mt="md" mb={4} px="sm">
            {t('nav.discovery')}
          </Text>
          {discovery.map(renderItem)}
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" mt="md" mb={4} px="sm">
            {t('nav.lifecycleSection')}
          </Text>
          {lifecycle.map(renderItem)}
          {adminItems.length > 0 && (
            <>
              <Text size="xs" c="dimmed" fw={600} tt="uppercase" mt="md" mb={4} px="sm">
                {t('nav.admin')}
              </Text>
              {adminItems.map(renderItem)}
            </>
          )}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense
          fallback={
            <Center h={200}>
              <Loader aria-label={t('common.loading')} />
            </Center>
          }
        >
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  )
}
