import type { ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { common, useI18n } from '../lib/i18n.tsx';
import { useAuth } from './auth.tsx';
import { shell } from './messages.ts';

export function FullPageSpin() {
  const { t } = useI18n();
  return (
    <div style={{ height: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" description={t(shell.loadingApp)} />
    </div>
  );
}

/** Signed-in users only; others go to /login?next=… */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, user } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <FullPageSpin />;
  if (!user) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`} replace />;
  }
  return <>{children}</>;
}

export function Forbidden() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t(common.noPermission)}
      extra={<Link to="/"><Button type="primary">{t(common.backHome)}</Button></Link>}
    />
  );
}

/** Pages whose permission the user lacks show a 403 (the server refuses the data anyway). */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { can } = useAuth();
  return can(permission) ? <>{children}</> : <Forbidden />;
}

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t(common.notFound)}
      extra={<Link to="/"><Button type="primary">{t(common.backHome)}</Button></Link>}
    />
  );
}
