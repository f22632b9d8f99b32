import { Center, Loader } from '@mantine/core'
import { lazy } from 'react'
import { Navigate, Route, Routes, useLocation } from 'react-router-dom'
import { useAuth } from './auth.js'
import { Layout } from './components/Layout.js'
import { DevicesPage } from './pages/Devices.js'
import { LoginPage } from './pages/Login.js'
import { NotFoundPage } from './pages/NotFound.js'

// Pages other than the device list load on first visit: the charts and forms stay out of the first download.
const AccountPage = lazy(() => import('./pages/Account.js').then((m) => ({ default: m.AccountPage })))
const AuditPage = lazy(() => import('./pages/Audit.js').then((m) => ({ default: m.AuditPage })))
const DashboardPage = lazy(() => import('./pages/Dashboard.js').then((m) => ({ default: m.DashboardPage })))
const DeviceDetailPage = lazy(() => import('./pages/DeviceDetail.js').then((m) => ({ default: m.DeviceDetailPage })))
const FindingsPage = lazy(() => import('./pages/discovery/Findings.js').then((m) => ({ default: m.FindingsPage })))
const ReconciliationPage = lazy(() =>
  import('./pages/discovery/Reconciliation.js').then((m) => ({ default: m.ReconciliationPage })),
)
const ScanDetailPage = lazy(() =>
  import('./pages/discovery/ScanDetail.js').then((m) => ({ default: m.ScanDetailPage })),
)
const ScansPage = lazy(() => import('./pages/discovery/Scans.js').then((m) => ({ default: m.ScansPage })))
const ScopesPage = lazy(() => import('./pages/discovery/Scopes.js').then((m) => ({ default: m.ScopesPage })))
const JobsPage = lazy(() => import('./pages/Jobs.js').then((m) => ({ default: m.JobsPage })))
const ImportPage = lazy(() => import('./pages/Import.js').then((m) => ({ default: m.ImportPage })))
const UsersPage = lazy(() => import('./pages/Users.js').then((m) => ({ default: m.UsersPage })))
const CatalogPage = lazy(() => import('./pages/catalog/CatalogPage.js').then((m) => ({ default: m.CatalogPage })))
const ModelDetailPage = lazy(() =>
  import('./pages/catalog/ModelDetail.js').then((m) => ({ default: m.ModelDetailPage })),
)
const DisclosuresPage = lazy(() =>
  import('./pages/disclosures/DisclosuresPage.js').then((m) => ({ default: m.DisclosuresPage })),
)
const ImportDisclosurePage = lazy(() =>
  import('./pages/disclosures/ImportDisclosure.js').then((m) => ({ default: m.ImportDisclosurePage })),
)
const DisclosureDetailPage = lazy(() =>
  import('./pages/disclosures/DisclosureDetail.js').then((m) => ({ default: m.DisclosureDetailPage })),
)
const ManualEntryPage = lazy(() =>
  import('./pages/disclosures/ManualEntry.js').then((m) => ({ default: m.ManualEntryPage })),
)
const CompareDisclosuresPage = lazy(() =>
  import('./pages/disclosures/ComparePage.js').then((m) => ({ default: m.ComparePage })),
)
const LetterSenderPage = lazy(() =>
  import('./pages/disclosures/LetterSenderPage.js').then((m) => ({ default: m.LetterSenderPage })),
)
const AdvisoriesPage = lazy(() =>
  import('./pages/vulns/AdvisoriesPage.js').then((m) => ({ default: m.AdvisoriesPage })),
)
const AdvisoryDetailPage = lazy(() =>
  import('./pages/vulns/AdvisoryDetail.js').then((m) => ({ default: m.AdvisoryDetailPage })),
)
const FeedsPage = lazy(() => import('./pages/vulns/FeedsPage.js').then((m) => ({ default: m.FeedsPage })))
const HomePage = lazy(() => import('./pages/home/HomePage.js').then((m) => ({ default: m.HomePage })))
const RiskPage = lazy(() => import('./pages/risk/RiskPage.js').then((m) => ({ default: m.RiskPage })))
const RiskProfilePage = lazy(() =>
  import('./pages/risk/RiskProfilePage.js').then((m) => ({ default: m.RiskProfilePage })),
)
const ActionsPage = lazy(() => import('./pages/actions/ActionsPage.js').then((m) => ({ default: m.ActionsPage })))
const ActionDetailPage = lazy(() =>
  import('./pages/actions/ActionDetail.js').then((m) => ({ default: m.ActionDetailPage })),
)
const SlaSettingsPage = lazy(() =>
  import('./pages/actions/SlaSettings.js').then((m) => ({ default: m.SlaSettingsPage })),
)
const ChecklistPage = lazy(() =>
  import('./pages/checklist/ChecklistPage.js').then((m) => ({ default: m.ChecklistPage })),
)
const BenchmarkPage = lazy(() =>
  import('./pages/benchmark/BenchmarkPage.js').then((m) => ({ default: m.BenchmarkPage })),
)
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage.js').then((m) => ({ default: m.ReportsPage })))
const NotificationSettingsPage = lazy(() =>
  import('./pages/vulns/NotificationSettings.js').then((m) => ({ default: m.NotificationSettingsPage })),
)

const ProcurementPage = lazy(() =>
  import('./pages/procurement/ProcurementPage.js').then((m) => ({ default: m.ProcurementPage })),
)
const ProcurementComparePage = lazy(() =>
  import('./pages/procurement/ComparePage.js').then((m) => ({ default: m.ProcurementComparePage })),
)
const AcceptanceListPage = lazy(() =>
  import('./pages/acceptance/AcceptanceListPage.js').then((m) => ({ default: m.AcceptanceListPage })),
)
const AcceptanceDetailPage = lazy(() =>
  import('./pages/acceptance/AcceptanceDetailPage.js').then((m) => ({ default: m.AcceptanceDetailPage })),
)
const DecommissionListPage = lazy(() =>
  import('./pages/decommission/DecommissionListPage.js').then((m) => ({ default: m.DecommissionListPage })),
)
const DecommissionDetailPage = lazy(() =>
  import('./pages/decommission/DecommissionDetailPage.js').then((m) => ({ default: m.DecommissionDetailPage })),
)
const LifecyclePage = lazy(() =>
  import('./pages/lifecycle/LifecyclePage.js').then((m) => ({ default: m.LifecyclePage })),
)
const CapturesPage = lazy(() => import('./pages/capture/CapturesPage.js').then((m) => ({ default: m.CapturesPage })))
const CaptureDetailPage = lazy(() =>
  import('./pages/capture/CaptureDetailPage.js').then((m) => ({ default: m.CaptureDetailPage })),
)
const TrafficMapPage = lazy(() =>
  import('./pages/capture/TrafficMapPage.js').then((m) => ({ default: m.TrafficMapPage })),
)
const BcpPage = lazy(() => import('./pages/bcp/BcpPage.js').then((m) => ({ default: m.BcpPage })))
const BcpServiceDetailPage = lazy(() =>
  import('./pages/bcp/ServiceDetailPage.js').then((m) => ({ default: m.BcpServiceDetailPage })),
)
const BcpImpactPage = lazy(() => import('./pages/bcp/ImpactPage.js').then((m) => ({ default: m.BcpImpactPage })))
const BcpDevicePlansPage = lazy(() =>
  import('./pages/bcp/DevicePlansPage.js').then((m) => ({ default: m.BcpDevicePlansPage })),
)
const BcpDevicePlanPage = lazy(() =>
  import('./pages/bcp/DevicePlanPage.js').then((m) => ({ default: m.BcpDevicePlanPage })),
)
const BcpPlaybookPage = lazy(() => import('./pages/bcp/PlaybookPage.js').then((m) => ({ default: m.BcpPlaybookPage })))
const BcpContactsPage = lazy(() => import('./pages/bcp/ContactsPage.js').then((m) => ({ default: m.BcpContactsPage })))
const BcpExercisesPage = lazy(() =>
  import('./pages/bcp/ExercisesPage.js').then((m) => ({ default: m.BcpExercisesPage })),
)

/** Client-side routes; the server answers every non-/api path with index.html so deep links and reloads work. */
export function App() {
  const { status } = useAuth()
  const location = useLocation()

  if (status === 'loading') {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    )
  }

  if (status === 'anonymous') {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="*"
          element={<Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />}
        />
      </Routes>
    )
  }

  return (
    <Routes>
      <Route path="/login" element={<Navigate to="/" replace />} />
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="dashboard" element={<DashboardPage />} />
        <Route path="risk" element={<RiskPage />} />
        <Route path="risk/profile" element={<RiskProfilePage />} />
        <Route path="actions" element={<ActionsPage />} />
        <Route path="actions/sla" element={<SlaSettingsPage />} />
        <Route path="actions/:id" element={<ActionDetailPage />} />
        <Route path="checklist" element={<ChecklistPage />} />
        <Route path="benchmark" element={<BenchmarkPage />} />
        <Route path="reports" element={<ReportsPage />} />
        <Route path="procurement" element={<ProcurementPage />} />
        <Route path="procurement/compare" element={<ProcurementComparePage />} />
        <Route path="acceptance" element={<AcceptanceListPage />} />
        <Route path="acceptance/:id" element={<AcceptanceDetailPage />} />
        <Route path="decommission" element={<DecommissionListPage />} />
        <Route path="decommission/:id" element={<DecommissionDetailPage />} />
        <Route path="lifecycle" element={<LifecyclePage />} />
        <Route path="bcp" element={<BcpPage />} />
        <Route path="bcp/services/:id" element={<BcpServiceDetailPage />} />
        <Route path="bcp/impact" element={<BcpImpactPage />} />
        <Route path="bcp/plans" element={<BcpDevicePlansPage />} />
        <Route path="bcp/plans/:deviceId" element={<BcpDevicePlanPage />} />
        <Route path="bcp/playbook" element={<BcpPlaybookPage />} />
        <Route path="bcp/contacts" element={<BcpContactsPage />} />
        <Route path="bcp/exercises" element={<BcpExercisesPage />} />
        <Route path="devices" element={<DevicesPage />} />
        <Route path="devices/new" element={<DeviceDetailPage create />} />
        <Route path="devices/:id" element={<DeviceDetailPage />} />
        <Route path="import" element={<ImportPage />} />
        <Route path="jobs" element={<JobsPage />} />
        <Route path="catalog" element={<CatalogPage />} />
        <Route path="catalog/models/:id" element={<ModelDetailPage />} />
        <Route path="disclosures" element={<DisclosuresPage />} />
        <Route path="disclosures/import" element={<ImportDisclosurePage />} />
        <Route path="disclosures/new" element={<ManualEntryPage />} />
        <Route path="disclosures/compare" element={<CompareDisclosuresPage />} />
        <Route path="disclosures/sender" element={<LetterSenderPage />} />
        <Route path="disclosures/:id" element={<DisclosureDetailPage />} />
        <Route path="advisories" element={<AdvisoriesPage />} />
        <Route path="advisories/:id" element={<AdvisoryDetailPage />} />
        <Route path="feeds" element={<FeedsPage />} />
        <Route path="settings/notifications" element={<NotificationSettingsPage />} />
        <Route path="discovery" element={<Navigate to="/discovery/scans" replace />} />
        <Route path="discovery/scans" element={<ScansPage />} />
        <Route path="discovery/scans/:id" element={<ScanDetailPage />} />
        <Route path="discovery/findings" element={<FindingsPage />} />
        <Route path="discovery/scopes" element={<ScopesPage />} />
        <Route path="discovery/captures" element={<CapturesPage />} />
        <Route path="discovery/captures/:id" element={<CaptureDetailPage />} />
        <Route path="discovery/traffic" element={<TrafficMapPage />} />
        <Route path="discovery/reconciliation" element={<ReconciliationPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  )
}
