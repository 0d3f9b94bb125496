/**
 * 库存预警 (GET /api/v1/stock/alerts): materials below their warehouse minimum, batches expiring within
 * N days, and expired batches, in the user's scope. Batch alerts open the trace or a rotation/scrap;
 * below-minimum alerts open a receipt into that warehouse.
 */
import { useCallback, useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Card, Empty, InputNumber, Segmented, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { api, errorMessage } from '../../../lib/api.ts';
import { formatNumber } from '../../../lib/format.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { MovementFormDrawer } from '../components/MovementFormDrawer.tsx';
import { WarehouseSelect } from '../components/StockPickers.tsx';
import { ExpiryCell, Qty } from '../components/StockTags.tsx';
import { TraceDrawer } from '../components/TraceDrawer.tsx';
import { ALERT_KIND_COLORS, ALERT_KIND_LABELS, ALERT_KINDS, MOVEMENT_FORM_LABELS, sm, type MovementForm } from '../messages-stock.ts';
import type { BatchTrace, MovementResult, StockAlert, StockBatch } from '../types.ts';

interface Draft { kind: MovementForm; batch: StockBatch | null; warehouseId: string | null; materialId: string | null }

export default function StockAlertsPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const writable = can('resources:write');
  const [kind, setKind] = useState<string>('all');
  const [days, setDays] = useState<number>(30);
  const [warehouseId, setWarehouseId] = useState<string | undefined>();
  const [items, setItems] = useState<StockAlert[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [traceId, setTraceId] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<StockAlert[]>('/api/v1/stock/alerts', { days, kind: kind === 'all' ? undefined : kind, warehouseId }, { signal: ctrl.signal })
      .then((r) => {
        setItems(r);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setError(errorMessage(err));
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, [days, kind, warehouseId, tick, locale]);

  /** Opens a movement on an alert's batch (the trace carries the batch record). */
  const openOnBatch = useCallback(async (k: MovementForm, batchId: string) => {
    try {
      const tr = await api.get<BatchTrace>(`/api/v1/stock/batches/${batchId}/trace`);
      setDraft({ kind: k, batch: tr.batch, warehouseId: null, materialId: null });
    } catch (err) {
      message.error(errorMessage(err));
    }
  }, [message]);

  const onDone = useCallback((_r: MovementResult) => {
    setDraft(null);
    setTick((n) => n + 1);
  }, []);

  const columns = useMemo<TableColumnsType<StockAlert>>(() => [
    {
      title: t(sm.alertKind), dataIndex: 'kind', key: 'kind', width: 110,
      render: (v: string) => <Tag color={ALERT_KIND_COLORS[v]} data-testid="alert-kind" data-kind={v}>{ALERT_KIND_LABELS[v] ? t(ALERT_KIND_LABELS[v]) : v}</Tag>,
    },
    { title: t(sm.warehouse), dataIndex: 'warehouseName', key: 'warehouseName', ellipsis: true },
    { title: t(sm.material), dataIndex: 'materialName', key: 'materialName', ellipsis: true, width: 110 },
    { title: t(sm.batchNo), dataIndex: 'batchNo', key: 'batchNo', width: 100, render: (v: string | null) => v ?? '—' },
    { title: t(sm.available), dataIndex: 'quantity', key: 'quantity', width: 110, align: 'right', render: (v: number, a) => <Qty n={v} unit={a.unit} /> },
    {
      title: t(sm.minQty), dataIndex: 'minQuantity', key: 'minQuantity', width: 180,
      render: (v: number | null, a) => (v == null ? '—' : (
        <Space size={4}>
          <Qty n={v} unit={a.unit} />
          {a.kind === 'below_minimum' && <Typography.Text type="danger">{t(sm.shortBy, { n: formatNumber(v - a.quantity, locale, 2) })}</Typography.Text>}
        </Space>
      )),
    },
    { title: t(sm.expiryDate), dataIndex: 'expiryDate', key: 'expiryDate', width: 185, render: (v: string | null) => <ExpiryCell date={v} warnDays={days} /> },
    {
      title: t(common.actions), key: 'actions', width: writable ? 130 : 70, fixed: 'right',
      render: (_v, a) => a.batchId ? (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setTraceId(a.batchId)} data-testid="alert-trace">{t(sm.trace)}</Button>
          {writable && (
            <Button type="link" size="small" onClick={() => void openOnBatch(a.kind === 'expired' ? 'scrap' : 'rotate', a.batchId!)} data-testid="alert-handle">
              {t(MOVEMENT_FORM_LABELS[a.kind === 'expired' ? 'scrap' : 'rotate'])}
            </Button>
          )}
        </Space>
      ) : writable ? (
        <Button type="link" size="small" onClick={() => setDraft({ kind: 'receive', batch: null, warehouseId: a.warehouseId, materialId: a.materialId })} data-testid="alert-receive">
          {t(MOVEMENT_FORM_LABELS.receive)}
        </Button>
      ) : null,
    },
  ], [t, locale, days, writable, openOnBatch]);

  return (
    <Card title={t(sm.alertsTitle)} data-testid="stock-alerts-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 12 }}>
        <Segmented<string>
          value={kind}
          onChange={setKind}
          data-testid="stock-alerts-kind"
          options={[
            { value: 'all', label: <span data-testid="stock-alerts-kind-all">{t(common.all)}</span> },
            ...ALERT_KINDS.map((k) => ({ value: k, label: <span data-testid={`stock-alerts-kind-${k}`}>{t(ALERT_KIND_LABELS[k]!)}</span> })),
          ]}
        />
        <Space size={4}>
          <InputNumber
            min={1}
            max={365}
            precision={0}
            value={days}
            onChange={(v) => v && setDays(v)}
            style={{ width: 90 }}
            data-testid="stock-alerts-days"
            aria-label={t(sm.days)}
          />
          <Typography.Text type="secondary">{t(sm.daysSuffix)}</Typography.Text>
        </Space>
        <WarehouseSelect placeholder={t(sm.filterWarehouse)} style={{ width: 240 }} value={warehouseId ?? null}
          onChange={(v) => setWarehouseId(v ?? undefined)} data-testid="stock-alerts-filter-warehouse" />
        <div style={{ flex: 1 }} />
        <Typography.Text type="secondary" data-testid="stock-alerts-count">{t(sm.alertsCount, { n: items.length })}</Typography.Text>
        <Button icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)} aria-label={t(common.reload)} data-testid="stock-alerts-reload" />
      </div>
      {error && <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} style={{ marginBottom: 12 }} />}
      <Table<StockAlert>
        data-testid="stock-alerts-table"
        rowKey={(a) => `${a.kind}-${a.warehouseId}-${a.materialId}-${a.batchId ?? ''}`}
        loading={loading}
        columns={columns}
        dataSource={items}
        scroll={{ x: 1100 }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => t(common.total, { n }) }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(sm.alertsEmpty)} /> }}
        onRow={() => ({ 'data-testid': 'stock-alerts-row' }) as HTMLAttributes<HTMLElement>}
      />
      <TraceDrawer batchId={traceId} onClose={() => setTraceId(null)} reloadKey={tick} />
      <MovementFormDrawer
        open={!!draft}
        kind={draft?.kind ?? 'receive'}
        batch={draft?.batch ?? null}
        warehouseId={draft?.warehouseId}
        materialId={draft?.materialId}
        onClose={() => setDraft(null)}
        onDone={onDone}
      />
    </Card>
  );
}
