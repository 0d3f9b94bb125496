import { Suspense, useEffect, useMemo, useState } from 'react';
import { Layout, Menu, Tag, Tooltip, Typography, type MenuProps } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../lib/i18n.tsx';
import { useAuth, useProductName } from './auth.tsx';
import { FullPageSpin } from './guards.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { shell } from './messages.ts';
import { NAV } from './nav.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { UserMenu } from './UserMenu.tsx';

const { Header, Sider, Content } = Layout;

type MenuItem = Required<MenuProps>['items'][number];

/** The signed-in shell: header (product name, demo tag, bell, language, user) and grouped side navigation. */
export function AppLayout() {
  const { t } = useI18n();
  const { can, meta } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const productName = useProductName();
  const [collapsed, setCollapsed] = useState(false);
  useEffect(() => {
    document.title = productName;
  }, [productName]);

  const items = useMemo<MenuItem[]>(() => {
    const out: MenuItem[] = [];
    for (const g of NAV) {
      const visible = g.items.filter((i) => !i.permission || can(i.permission));
      if (!visible.length) continue;
      const children: MenuItem[] = visible.map((i) => ({
        key: i.path,
        icon: i.icon,
        label: <span data-testid={i.testId}>{t(i.label)}</span>,
      }));
      if (g.label) out.push({ type: 'group', key: g.key, label: t(g.label), children });
      else out.push(...children);
    }
    return out;
  }, [can, t]);

  const selected = useMemo(() => {
    // The longest matching entry wins (/hazards/stats is not 隐患台账 at /hazards).
    const paths = NAV.flatMap((g) => g.items.map((i) => i.path)).filter((p) => p !== '/').sort((a, b) => b.length - a.length);
    return [paths.find((p) => location.pathname === p || location.pathname.startsWith(`${p}/`)) ?? '/'];
  }, [location.pathname]);

  return (
    <Layout style={{ minHeight: '100%' }}>
      <Header
        style={{
          display: 'flex', alignItems: 'center', gap: 16, padding: '0 16px', background: 'linear-gradient(90deg, #0b2a5b, #1d4ed8)',
          position: 'sticky', top: 0, zIndex: 100, height: 56, lineHeight: '56px',
        }}
      >
        <div style={{ display: 'flex', alignItems: 'center', gap: 10, minWidth: 0, flex: 1 }}>
          <div style={{ width: 30, height: 30, borderRadius: 6, background: '#c8102e', color: '#fff', display: 'flex', alignItems: 'center', justifyContent: 'center', fontWeight: 700, flex: 'none', lineHeight: 1 }}>应</div>
          <Typography.Text data-testid="product-name" ellipsis style={{ color: '#fff', fontSize: 18, fontWeight: 600 }}>
            {productName}
          </Typography.Text>
          {meta?.demo && (
            <Tooltip title={t(shell.demoTip)}>
              <Tag color="orange" data-testid="demo-tag" style={{ marginInlineStart: 4 }}>{t(['演示数据', 'Demo data'])}</Tag>
            </Tooltip>
          )}
        </div>
        <NotificationBell />
        <LanguageSwitch size="small" />
        <UserMenu />
      </Header>
      <Layout>
        <Sider
          width={208}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          theme="light"
          style={{ borderRight: '1px solid #e5e7eb' }}
        >
          <Menu
            mode="inline"
            data-testid="side-nav"
            selectedKeys={selected}
            items={items}
            onClick={(e) => navigate(e.key)}
            style={{ borderInlineEnd: 'none', paddingTop: 8 }}
          />
        </Sider>
        <Content style={{ padding: 16, minWidth: 0 }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
