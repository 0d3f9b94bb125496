import { useEffect, useState, type ReactNode } from 'react';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { ApartmentOutlined, EnvironmentOutlined, TeamOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useAuth, useProductName } from '../../../app/auth.tsx';
import { MapView } from '../../../components/MapView.tsx';
import { api } from '../../../lib/api.ts';
import { defineMessages, useI18n } from '../../../lib/i18n.tsx';

const m = defineMessages({
  welcome: ['您好，{name}', 'Hello, {name}'],
  intro: ['欢迎使用{product}。当前数据范围：{region}。', 'Welcome to the {product}. Your data scope: {region}.'],
  users: ['用户', 'Users'],
  orgs: ['组织机构', 'Organisations'],
  regions: ['行政区划', 'Regions'],
  map: ['辖区底图', 'Jurisdiction map'],
  demoSource: ['演示数据来源：{v}', 'Demo data source: {v}'],
});

interface Counter {
  key: string;
  permission: string;
  endpoint: string;
  label: readonly [string, string];
  icon: ReactNode;
  link: string;
}

const COUNTERS: Counter[] = [
  { key: 'users', permission: 'users:read', endpoint: '/api/v1/users/count', label: m.users, icon: <TeamOutlined />, link: '/users' },
  { key: 'orgs', permission: 'orgs:read', endpoint: '/api/v1/orgs/count', label: m.orgs, icon: <ApartmentOutlined />, link: '/orgs' },
  { key: 'regions', permission: 'regions:read', endpoint: '/api/v1/regions/count', label: m.regions, icon: <EnvironmentOutlined />, link: '/regions' },
];

export default function DashboardPage() {
  const { t } = useI18n();
  const { user, can, meta } = useAuth();
  const product = useProductName();
  const [counts, setCounts] = useState<Record<string, number | null>>({});
  const visible = COUNTERS.filter((c) => can(c.permission));

  useEffect(() => {
    let live = true;
    for (const c of COUNTERS) {
      if (!can(c.permission)) continue;
      api.get<{ total: number }>(c.endpoint)
        .then((r) => live && setCounts((s) => ({ ...s, [c.key]: r.total })))
        .catch(() => live && setCounts((s) => ({ ...s, [c.key]: null })));
    }
    return () => {
      live = false;
    };
  }, [can]);

  return (
    <div data-testid="dashboard">
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t(m.welcome, { name: user?.displayName ?? '' })}</Typography.Title>
      <Typography.Paragraph type="secondary">{t(m.intro, { product, region: user?.regionName ?? '' })}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {visible.map((c) => (
          <Col key={c.key} xs={24} sm={8}>
            <Link to={c.link}>
              <Card hoverable data-testid={`count-${c.key}`}>
                <Statistic title={t(c.label)} value={counts[c.key] ?? '—'} prefix={c.icon} loading={!(c.key in counts)} />
              </Card>
            </Link>
          </Col>
        ))}
        {can('regions:read') && (
          <Col span={24}>
            <Card title={t(m.map)} styles={{ body: { padding: 12 } }}>
              <MapView height={480} testId="dashboard-map" />
              {meta?.demo?.source && (
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }} ellipsis={{ rows: 2, expandable: true }}>
                  {t(m.demoSource, { v: meta.demo.source })}
                </Typography.Paragraph>
              )}
            </Card>
          </Col>
        )}
      </Row>
    </div>
  );
}
