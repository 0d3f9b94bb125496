import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { AppLayout } from './AppLayout.tsx';
import { FullPageSpin, NotFoundPage, RequireAuth, RequirePermission } from './guards.tsx';

// Every page is its own chunk; MapLibre is pulled in only by the pages that show a map.
const LoginPage = lazy(() => import('../domains/auth/pages/LoginPage.tsx'));
const DashboardPage = lazy(() => import('../domains/home/pages/DashboardPage.tsx'));
const UsersPage = lazy(() => import('../domains/users/pages/UsersPage.tsx'));
const OrgsPage = lazy(() => import('../domains/orgs/pages/OrgsPage.tsx'));
const RegionsPage = lazy(() => import('../domains/regions/pages/RegionsPage.tsx'));
const DictionariesPage = lazy(() => import('../domains/dictionaries/pages/DictionariesPage.tsx'));
const AuditPage = lazy(() => import('../domains/audit/pages/AuditPage.tsx'));
const TokensPage = lazy(() => import('../domains/tokens/pages/TokensPage.tsx'));
const TeamsPage = lazy(() => import('../domains/resources/pages/TeamsPage.tsx'));
const ExpertsPage = lazy(() => import('../domains/resources/pages/ExpertsPage.tsx'));
const EquipmentPage = lazy(() => import('../domains/resources/pages/EquipmentPage.tsx'));
const ResourceMapPage = lazy(() => import('../domains/resources/pages/ResourceMapPage.tsx'));
const WarehousesPage = lazy(() => import('../domains/resources/pages/WarehousesPage.tsx'));
const MaterialsPage = lazy(() => import('../domains/resources/pages/MaterialsPage.tsx'));
const StockPage = lazy(() => import('../domains/resources/pages/StockPage.tsx'));
const StockAlertsPage = lazy(() => import('../domains/resources/pages/StockAlertsPage.tsx'));
const SheltersPage = lazy(() => import('../domains/resources/pages/SheltersPage.tsx'));
const CoveragePage = lazy(() => import('../domains/resources/pages/CoveragePage.tsx'));
const EnterprisesPage = lazy(() => import('../domains/risks/pages/EnterprisesPage.tsx'));
const MajorHazardsPage = lazy(() => import('../domains/risks/pages/MajorHazardsPage.tsx'));
const RiskPointsPage = lazy(() => import('../domains/risks/pages/RiskPointsPage.tsx'));
const RiskMapPage = lazy(() => import('../domains/risks/pages/RiskMapPage.tsx'));
const HazardsPage = lazy(() => import('../domains/hazards/pages/HazardsPage.tsx'));
const HazardStatsPage = lazy(() => import('../domains/hazards/pages/HazardStatsPage.tsx'));
const ReportsPage = lazy(() => import('../domains/hazards/pages/ReportsPage.tsx'));
const ChecksPage = lazy(() => import('../domains/hazards/pages/ChecksPage.tsx'));
const CheckTemplatesPage = lazy(() => import('../domains/hazards/pages/CheckTemplatesPage.tsx'));
const SensorsPage = lazy(() => import('../domains/monitoring/pages/SensorsPage.tsx'));
const AlarmsPage = lazy(() => import('../domains/monitoring/pages/AlarmsPage.tsx'));
const PublicReportPage = lazy(() => import('../domains/hazards/pages/PublicReportPage.tsx'));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<Suspense fallback={<FullPageSpin />}><LoginPage /></Suspense>} />
      <Route path="/report" element={<Suspense fallback={<FullPageSpin />}><PublicReportPage /></Suspense>} />
      <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
        <Route index element={<DashboardPage />} />
        <Route path="users" element={<RequirePermission permission="users:read"><UsersPage /></RequirePermission>} />
        <Route path="orgs" element={<RequirePermission permission="orgs:read"><OrgsPage /></RequirePermission>} />
        <Route path="regions" element={<RequirePermission permission="regions:read"><RegionsPage /></RequirePermission>} />
        <Route path="dictionaries" element={<RequirePermission permission="dicts:read"><DictionariesPage /></RequirePermission>} />
        <Route path="audit" element={<RequirePermission permission="audit:read"><AuditPage /></RequirePermission>} />
        <Route path="tokens" element={<RequirePermission permission="tokens:write"><TokensPage /></RequirePermission>} />
        <Route path="resources/teams" element={<RequirePermission permission="resources:read"><TeamsPage /></RequirePermission>} />
        <Route path="resources/experts" element={<RequirePermission permission="resources:read"><ExpertsPage /></RequirePermission>} />
        <Route path="resources/equipment" element={<RequirePermission permission="resources:read"><EquipmentPage /></RequirePermission>} />
        <Route path="resources/map" element={<RequirePermission permission="resources:read"><ResourceMapPage /></RequirePermission>} />
        <Route path="resources/warehouses" element={<RequirePermission permission="resources:read"><WarehousesPage /></RequirePermission>} />
        <Route path="resources/materials" element={<RequirePermission permission="resources:read"><MaterialsPage /></RequirePermission>} />
        <Route path="resources/stock" element={<RequirePermission permission="resources:read"><StockPage /></RequirePermission>} />
        <Route path="resources/stock-alerts" element={<RequirePermission permission="resources:read"><StockAlertsPage /></RequirePermission>} />
        <Route path="resources/shelters" element={<RequirePermission permission="resources:read"><SheltersPage /></RequirePermission>} />
        <Route path="resources/coverage" element={<RequirePermission permission="resources:read"><CoveragePage /></RequirePermission>} />
        <Route path="risks/enterprises" element={<RequirePermission permission="enterprises:read"><EnterprisesPage /></RequirePermission>} />
        <Route path="risks/major-hazards" element={<RequirePermission permission="risks:read"><MajorHazardsPage /></RequirePermission>} />
        <Route path="risks/points" element={<RequirePermission permission="risks:read"><RiskPointsPage /></RequirePermission>} />
        <Route path="risks/map" element={<RequirePermission permission="risks:read"><RiskMapPage /></RequirePermission>} />
        <Route path="hazards" element={<RequirePermission permission="risks:read"><HazardsPage /></RequirePermission>} />
        <Route path="hazards/stats" element={<RequirePermission permission="risks:read"><HazardStatsPage /></RequirePermission>} />
        <Route path="hazards/reports" element={<RequirePermission permission="risks:read"><ReportsPage /></RequirePermission>} />
        <Route path="hazards/checks" element={<RequirePermission permission="risks:read"><ChecksPage /></RequirePermission>} />
        <Route path="hazards/check-templates" element={<RequirePermission permission="risks:read"><CheckTemplatesPage /></RequirePermission>} />
        <Route path="monitoring/sensors" element={<RequirePermission permission="monitoring:read"><SensorsPage /></RequirePermission>} />
        <Route path="monitoring/alarms" element={<RequirePermission permission="monitoring:read"><AlarmsPage /></RequirePermission>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
