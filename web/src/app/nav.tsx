import type { ReactNode } from 'react';
import {
  AlertOutlined, ApartmentOutlined, AppstoreOutlined, AuditOutlined, BankOutlined, BarChartOutlined, BellOutlined, BookOutlined, CarOutlined, DashboardOutlined,
  DatabaseOutlined, EnvironmentOutlined, ExperimentOutlined, FileSearchOutlined, FundOutlined, GlobalOutlined, HeatMapOutlined, HomeOutlined, KeyOutlined,
  NotificationOutlined, OrderedListOutlined, SafetyOutlined, ScheduleOutlined, ShopOutlined, SolutionOutlined, TeamOutlined, WarningOutlined,
} from '@ant-design/icons';
import { checknav, hnav } from '../domains/hazards/messages.ts';
import { monnav } from '../domains/monitoring/messages.ts';
import { rnav } from '../domains/resources/messages.ts';
import { snav } from '../domains/resources/messages-shelters.ts';
import { risknav } from '../domains/risks/messages.ts';

import type { Msg } from '../lib/i18n.tsx';
import { shell } from './messages.ts';

export interface NavItem {
  path: string;
  label: Msg;
  icon: ReactNode;
  /** Permission needed to see the entry (none: every signed-in user). */
  permission?: string;
  /** data-testid of the menu entry. */
  testId: string;
}

export interface NavGroup {
  key: string;
  label: Msg | null;
  items: NavItem[];
}

/** The side navigation, grouped by module; later modules add their groups here. */
export const NAV: NavGroup[] = [
  {
    key: 'home',
    label: null,
    items: [{ path: '/', label: shell.navHome, icon: <HomeOutlined />, testId: 'nav-home' }],
  },
  {
    key: 'resources',
    label: rnav.group,
    items: [
      { path: '/resources/teams', label: rnav.teams, icon: <SafetyOutlined />, permission: 'resources:read', testId: 'nav-teams' },
      { path: '/resources/experts', label: rnav.experts, icon: <SolutionOutlined />, permission: 'resources:read', testId: 'nav-experts' },
      { path: '/resources/equipment', label: rnav.equipment, icon: <CarOutlined />, permission: 'resources:read', testId: 'nav-equipment' },
      { path: '/resources/map', label: rnav.map, icon: <GlobalOutlined />, permission: 'resources:read', testId: 'nav-resource-map' },
      { path: '/resources/warehouses', label: rnav.warehouses, icon: <ShopOutlined />, permission: 'resources:read', testId: 'nav-warehouses' },
      { path: '/resources/materials', label: rnav.materials, icon: <AppstoreOutlined />, permission: 'resources:read', testId: 'nav-materials' },
      { path: '/resources/stock', label: rnav.stock, icon: <DatabaseOutlined />, permission: 'resources:read', testId: 'nav-stock' },
      { path: '/resources/stock-alerts', label: rnav.stockAlerts, icon: <AlertOutlined />, permission: 'resources:read', testId: 'nav-stock-alerts' },
      { path: '/resources/shelters', label: snav.shelters, icon: <HomeOutlined />, permission: 'resources:read', testId: 'nav-shelters' },
      { path: '/resources/coverage', label: snav.coverage, icon: <FundOutlined />, permission: 'resources:read', testId: 'nav-coverage' },
    ],
  },
  {
    key: 'risks',
    label: risknav.group,
    items: [
      { path: '/risks/enterprises', label: risknav.enterprises, icon: <BankOutlined />, permission: 'enterprises:read', testId: 'nav-enterprises' },
      { path: '/risks/major-hazards', label: risknav.majorHazards, icon: <ExperimentOutlined />, permission: 'risks:read', testId: 'nav-major-hazards' },
      { path: '/risks/points', label: risknav.points, icon: <WarningOutlined />, permission: 'risks:read', testId: 'nav-risk-points' },
      { path: '/risks/map', label: risknav.map, icon: <HeatMapOutlined />, permission: 'risks:read', testId: 'nav-risk-map' },
      { path: '/hazards', label: hnav.ledger, icon: <FileSearchOutlined />, permission: 'risks:read', testId: 'nav-hazards' },
      { path: '/hazards/checks', label: checknav.checks, icon: <ScheduleOutlined />, permission: 'risks:read', testId: 'nav-checks' },
      { path: '/hazards/check-templates', label: checknav.templates, icon: <OrderedListOutlined />, permission: 'risks:read', testId: 'nav-check-templates' },
      { path: '/hazards/stats', label: hnav.stats, icon: <BarChartOutlined />, permission: 'risks:read', testId: 'nav-hazard-stats' },
      { path: '/hazards/reports', label: hnav.reports, icon: <NotificationOutlined />, permission: 'risks:read', testId: 'nav-reports' },
    ],
  },
  {
    key: 'monitoring',
    label: monnav.group,
    items: [
      { path: '/monitoring/sensors', label: monnav.sensors, icon: <DashboardOutlined />, permission: 'monitoring:read', testId: 'nav-sensors' },
      { path: '/monitoring/alarms', label: monnav.alarms, icon: <BellOutlined />, permission: 'monitoring:read', testId: 'nav-alarms' },
    ],
  },
  {
    key: 'system',
    label: shell.navGroupSystem,
    items: [
      { path: '/users', label: shell.navUsers, icon: <TeamOutlined />, permission: 'users:read', testId: 'nav-users' },
      { path: '/orgs', label: shell.navOrgs, icon: <ApartmentOutlined />, permission: 'orgs:read', testId: 'nav-orgs' },
      { path: '/regions', label: shell.navRegions, icon: <EnvironmentOutlined />, permission: 'regions:read', testId: 'nav-regions' },
      { path: '/dictionaries', label: shell.navDictionaries, icon: <BookOutlined />, permission: 'dicts:read', testId: 'nav-dictionaries' },
      { path: '/audit', label: shell.navAudit, icon: <AuditOutlined />, permission: 'audit:read', testId: 'nav-audit' },
      { path: '/tokens', label: shell.navTokens, icon: <KeyOutlined />, permission: 'tokens:write', testId: 'nav-tokens' },
    ],
  },
];
