import { Center, Loader } from '@mantine/core'
import { Navigate, Route, Routes, useLocation } from 'react-router-dom'
import { useAuth } from './auth.js'
import { Layout } from './components/Layout.js'
import { AccountPage } from './pages/Account.js'
import { AuditPage } from './pages/Audit.js'
import { DashboardPage } from './pages/Dashboard.js'
import { DeviceDetailPage } from './pages/DeviceDetail.js'
import { DevicesPage } from './pages/Devices.js'
import { FindingsPage } from './pages/discovery/Findings.js'
import { ReconciliationPage } from './pages/discovery/Reconciliation.js'
import { ScanDetailPage } from './pages/discovery/ScanDetail.js'
import { ScansPage } from './pages/discovery/Scans.js'
import { ScopesPage } from './pages/discovery/Scopes.js'
import { ImportPage } from './pages/Import.js'
import { LoginPage } from './pages/Login.js'
import { NotFoundPage } from './pages/NotFound.js'
import { UsersPage } from './pages/Users.js'

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
        <Route index element={<DashboardPage />} />
        <Route path="devices" element={<DevicesPage />} />
        <Route path="devices/new" element={<DeviceDetailPage create />} />
        <Route path="devices/:id" element={<DeviceDetailPage />} />
        <Route path="import" element={<ImportPage />} />
        <Route path="discovery" element={<Navigate to="/discovery/scans" replace />} />
        <Route path="discovery/scans" element={<ScansPage />} />
        <Route path="discovery/scans/:id" element={<ScanDetailPage />} />
        <Route path="discovery/findings" element={<FindingsPage />} />
        <Route path="discovery/scopes" element={<ScopesPage />} />
        <Route path="discovery/reconciliation" element={<ReconciliationPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  )
}
