import type { ReactNode } from 'react';
import {
  ApartmentOutlined, AuditOutlined, BookOutlined, EnvironmentOutlined, HomeOutlined, KeyOutlined, TeamOutlined,
} from '@ant-design/icons';
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
