/**
 * An enterprise's risk points and major hazard sources as small tables inside its file, with 新建
 * (the form drawers with the enterprise fixed) and a click on a row to edit.
 */
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { Alert, Button, Empty, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../../lib/api.ts';
import { formatNumber } from '../../../lib/format.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import type { Page } from '../../../lib/types.ts';
import { km, RESPONSIBLE_LEVEL_LABELS, UNIT_TYPE_LABELS } from '../messages.ts';
import type { MajorHazard, RiskPoint } from '../types.ts';
import { MajorHazardFormDrawer } from './MajorHazardFormDrawer.tsx';
import { GradeTag, RiskLevelTag } from './RiskTags.tsx';
import { RiskPointFormDrawer } from './RiskPointFormDrawer.tsx';

function useList<T>(endpoint: string, enterpriseId: string, reloadKey: number) {
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    api.get<Page<T>>(endpoint, { enterpriseId, pageSize: 200 })
      .then((r) => {
        if (!live) return;
        setItems(r.items);
        setError(null);
      })
      .catch((err: unknown) => live && setError(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [endpoint, enterpriseId, reloadKey, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { items, loading, error, reload };
}

export function EnterprisePoints({ enterpriseId, writable, onChanged, reloadKey }: { enterpriseId: string; writable: boolean; onChanged: () => void; reloadKey: number }) {
  const { t, locale } = useI18n();
  const { items, loading, error, reload } = useList<RiskPoint>('/api/v1/risk-points', enterpriseId, reloadKey);
  const [form, setForm] = useState<{ point: RiskPoint | null } | null>(null);
  return (
    <div data-testid="enterprise-points">
      {error && <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} style={{ marginBottom: 12 }} />}
      {writable && (
        <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setForm({ point: null })} data-testid="enterprise-point-add">{t(km.pointCreate)}</Button>
      )}
      <Table<RiskPoint>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(km.pointsEmpty)} /> }}
        onRow={(p) => ({ 'data-testid': 'enterprise-point-row', onClick: writable ? () => setForm({ point: p }) : undefined, style: writable ? { cursor: 'pointer' } : undefined }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t(km.pointName), dataIndex: 'name', key: 'name' },
          { title: t(km.position), dataIndex: 'position', key: 'position', render: (v: string | null) => v || '—' },
          { title: t(km.method), dataIndex: 'method', key: 'method', width: 60 },
          { title: t(km.score), dataIndex: 'score', key: 'score', width: 80, align: 'right', render: (v: number) => formatNumber(v, locale, 3) },
          { title: t(km.riskLevel), dataIndex: 'level', key: 'level', width: 100, render: (v: RiskPoint['level']) => <RiskLevelTag level={v} /> },
          { title: t(km.responsibleLevel), dataIndex: 'responsibleLevel', key: 'responsibleLevel', width: 80, render: (v: RiskPoint['responsibleLevel']) => t(RESPONSIBLE_LEVEL_LABELS[v]) },
          { title: t(km.responsiblePerson), dataIndex: 'responsiblePerson', key: 'responsiblePerson', width: 90 },
        ]}
      />
      <RiskPointFormDrawer
        open={!!form}
        point={form?.point ?? null}
        enterpriseId={enterpriseId}
        onClose={() => setForm(null)}
        onSaved={() => {
          reload();
          onChanged();
        }}
      />
    </div>
  );
}

export function EnterpriseHazards({ enterpriseId, writable, onChanged, reloadKey }: { enterpriseId: string; writable: boolean; onChanged: () => void; reloadKey: number }) {
  const { t, locale } = useI18n();
  const { items, loading, error, reload } = useList<MajorHazard>('/api/v1/major-hazards', enterpriseId, reloadKey);
  const [form, setForm] = useState<{ hazard: MajorHazard | null } | null>(null);
  return (
    <div data-testid="enterprise-hazards">
      {error && <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} style={{ marginBottom: 12 }} />}
      {writable && (
        <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setForm({ hazard: null })} data-testid="enterprise-hazard-add">{t(km.hazardCreate)}</Button>
      )}
      <Table<MajorHazard>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(km.hazardsEmpty)} /> }}
        onRow={(h) => ({ 'data-testid': 'enterprise-hazard-row', onClick: writable ? () => setForm({ hazard: h }) : undefined, style: writable ? { cursor: 'pointer' } : undefined }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t(km.hazardName), dataIndex: 'name', key: 'name' },
          { title: t(km.unitType), dataIndex: 'unitType', key: 'unitType', width: 90, render: (v: MajorHazard['unitType']) => t(UNIT_TYPE_LABELS[v]) },
          { title: t(km.chemicals), key: 'chemicals', render: (_v, h) => h.chemicals.map((c) => `${c.name} ${formatNumber(c.quantityT, locale, 3)} t`).join('、') },
          { title: 'R', dataIndex: 'r', key: 'r', width: 80, align: 'right', render: (v: number) => formatNumber(v, locale, 2) },
          { title: t(km.grade), dataIndex: 'grade', key: 'grade', width: 90, render: (v: MajorHazard['grade']) => <GradeTag grade={v} /> },
        ]}
      />
      <MajorHazardFormDrawer
        open={!!form}
        hazard={form?.hazard ?? null}
        enterpriseId={enterpriseId}
        onClose={() => setForm(null)}
        onSaved={() => {
          reload();
          onChanged();
        }}
      />
    </div>
  );
}
