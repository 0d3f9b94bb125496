/**
 * An enterprise's risk points and major hazard sources as small tables inside its file, with 新建
 * (the form drawers with the enterprise fixed) and a click on a row to edit.
 */
import { useCallback, useEffect, useState, type HTMLAttributes, type ReactNode } from 'react';
import { Alert, Button, Empty, Table, type TableColumnsType } from 'antd';
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

type ListProps = { enterpriseId: string; writable: boolean; onChanged: () => void; reloadKey: number };

/**
 * One of the file's lists: the records of `endpoint` for the enterprise, 新建 and click-to-edit in
 * the drawer `form` renders (record null = new).
 */
function EnterpriseRecords<T extends { id: string }>({ enterpriseId, writable, onChanged, reloadKey, endpoint, testId, addLabel, emptyText, columns, form }: ListProps & {
  endpoint: string;
  /** enterprise-points → enterprise-point-add / enterprise-point-row */
  testId: { list: string; add: string; row: string };
  addLabel: string;
  emptyText: string;
  columns: TableColumnsType<T>;
  form: (p: { open: boolean; record: T | null; onClose: () => void; onSaved: () => void }) => ReactNode;
}) {
  const { t } = useI18n();
  const { items, loading, error, reload } = useList<T>(endpoint, enterpriseId, reloadKey);
  const [editing, setEditing] = useState<{ record: T | null } | null>(null);
  return (
    <div data-testid={testId.list}>
      {error && <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} style={{ marginBottom: 12 }} />}
      {writable && (
        <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setEditing({ record: null })} data-testid={testId.add}>{addLabel}</Button>
      )}
      <Table<T>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
        onRow={(r) => ({ 'data-testid': testId.row, onClick: writable ? () => setEditing({ record: r }) : undefined, style: writable ? { cursor: 'pointer' } : undefined }) as HTMLAttributes<HTMLElement>}
        columns={columns}
      />
      {form({
        open: !!editing,
        record: editing?.record ?? null,
        onClose: () => setEditing(null),
        onSaved: () => {
          reload();
          onChanged();
        },
      })}
    </div>
  );
}

export function EnterprisePoints(props: ListProps) {
  const { t, locale } = useI18n();
  return (
    <EnterpriseRecords<RiskPoint>
      {...props}
      endpoint="/api/v1/risk-points"
      testId={{ list: 'enterprise-points', add: 'enterprise-point-add', row: 'enterprise-point-row' }}
      addLabel={t(km.pointCreate)}
      emptyText={t(km.pointsEmpty)}
      columns={[
        { title: t(km.pointName), dataIndex: 'name', key: 'name' },
        { title: t(km.position), dataIndex: 'position', key: 'position', render: (v: string | null) => v || '—' },
        { title: t(km.method), dataIndex: 'method', key: 'method', width: 60 },
        { title: t(km.score), dataIndex: 'score', key: 'score', width: 80, align: 'right', render: (v: number) => formatNumber(v, locale, 3) },
        { title: t(km.riskLevel), dataIndex: 'level', key: 'level', width: 100, render: (v: RiskPoint['level']) => <RiskLevelTag level={v} /> },
        { title: t(km.responsibleLevel), dataIndex: 'responsibleLevel', key: 'responsibleLevel', width: 80, render: (v: RiskPoint['responsibleLevel']) => t(RESPONSIBLE_LEVEL_LABELS[v]) },
        { title: t(km.responsiblePerson), dataIndex: 'responsiblePerson', key: 'responsiblePerson', width: 90 },
      ]}
      form={(f) => <RiskPointFormDrawer open={f.open} point={f.record} enterpriseId={props.enterpriseId} onClose={f.onClose} onSaved={f.onSaved} />}
    />
  );
}

export function EnterpriseHazards(props: ListProps) {
  const { t, locale } = useI18n();
  return (
    <EnterpriseRecords<MajorHazard>
      {...props}
      endpoint="/api/v1/major-hazards"
      testId={{ list: 'enterprise-hazards', add: 'enterprise-hazard-add', row: 'enterprise-hazard-row' }}
      addLabel={t(km.hazardCreate)}
      emptyText={t(km.hazardsEmpty)}
      columns={[
        { title: t(km.hazardName), dataIndex: 'name', key: 'name' },
        { title: t(km.unitType), dataIndex: 'unitType', key: 'unitType', width: 90, render: (v: MajorHazard['unitType']) => t(UNIT_TYPE_LABELS[v]) },
        { title: t(km.chemicals), key: 'chemicals', render: (_v, h) => h.chemicals.map((c) => `${c.name} ${formatNumber(c.quantityT, locale, 3)} t`).join('、') },
        { title: 'R', dataIndex: 'r', key: 'r', width: 80, align: 'right', render: (v: number) => formatNumber(v, locale, 2) },
        { title: t(km.grade), dataIndex: 'grade', key: 'grade', width: 90, render: (v: MajorHazard['grade']) => <GradeTag grade={v} /> },
      ]}
      form={(f) => <MajorHazardFormDrawer open={f.open} hazard={f.record} enterpriseId={props.enterpriseId} onClose={f.onClose} onSaved={f.onSaved} />}
    />
  );
}
