/**
 * 库存台账: stock batches (warehouse × material × batch) and the movement ledger, with the six
 * ledger operations (one drawer, kind switch) and the batch trace. `?warehouseId=` (the link of the
 * low-stock notifications) pre-filters both tabs; `?tab=movements` opens the ledger.
 */
import { useCallback, useMemo, useRef, useState, type ComponentProps } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, DatePicker, Dropdown, Select, Space, Tabs, Typography, type TableColumnsType } from 'antd';
import { DownOutlined, ExportOutlined, ImportOutlined, NodeIndexOutlined } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { DataTable, type DataTableHandle } from '../../../components/DataTable.tsx';
import { ImportButton } from '../../../components/ImportButton.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { MovementFormDrawer } from '../components/MovementFormDrawer.tsx';
import { MaterialSelect, WarehouseSelect } from '../components/StockPickers.tsx';
import { ExpiryCell, isoDateIn, MovementKindTag, Qty, ReserveModeTag } from '../components/StockTags.tsx';
import { TraceDrawer } from '../components/TraceDrawer.tsx';
import { enumOptions } from '../dicts.ts';
import {
  MOVEMENT_FORM_LABELS, MOVEMENT_FORMS, MOVEMENT_KIND_LABELS, MOVEMENT_KINDS, RESERVE_MODE_LABELS, RESERVE_MODES, sm, type MovementForm,
} from '../messages-stock.ts';
import type { MovementResult, StockBatch, StockMovement } from '../types.ts';

type Range = Parameters<NonNullable<ComponentProps<typeof DatePicker.RangePicker>['onChange']>>[0];
const EXPIRY_WINDOWS = [30, 90, 180];

interface MovementDraft { kind: MovementForm; batch: StockBatch | null }

export default function StockPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const writable = can('resources:write');
  const batchesRef = useRef<DataTableHandle>(null);
  const movementsRef = useRef<DataTableHandle>(null);

  const warehouseId = params.get('warehouseId') ?? undefined;
  const tab = params.get('tab') === 'movements' ? 'movements' : 'batches';
  const setParam = useCallback((key: string, value: string | undefined) => {
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    }, { replace: true });
  }, [setParams]);

  const [materialId, setMaterialId] = useState<string | undefined>();
  const [reserveMode, setReserveMode] = useState<string | undefined>();
  const [expiryWithin, setExpiryWithin] = useState<number | undefined>();
  const [inStock, setInStock] = useState(true);
  const [kind, setKind] = useState<string | undefined>();
  const [range, setRange] = useState<Range>(null);
  const [draft, setDraft] = useState<MovementDraft | null>(null);
  const [traceId, setTraceId] = useState<string | null>(null);
  const [traceTick, setTraceTick] = useState(0);
  const [last, setLast] = useState<{ docNo: string; kind: MovementForm } | null>(null);

  const open = useCallback((k: MovementForm, batch: StockBatch | null = null) => setDraft({ kind: k, batch }), []);

  const onDone = useCallback((r: MovementResult, k: MovementForm) => {
    setDraft(null);
    setLast({ docNo: r.docNo, kind: k });
    batchesRef.current?.reload();
    movementsRef.current?.reload();
    setTraceTick((n) => n + 1);
  }, []);

  const onImported = useCallback(() => {
    batchesRef.current?.reload();
    movementsRef.current?.reload();
  }, []);

  const batchColumns = useMemo<TableColumnsType<StockBatch>>(() => [
    { title: t(sm.warehouse), dataIndex: 'warehouseName', key: 'warehouseName', ellipsis: true },
    {
      title: t(sm.material), dataIndex: 'materialName', key: 'materialName', sorter: true, ellipsis: true, width: 170,
      render: (v: string, b) => <span>{v}{b.spec ? <Typography.Text type="secondary"> · {b.spec}</Typography.Text> : null}</span>,
    },
    { title: t(sm.batchNo), dataIndex: 'batchNo', key: 'batchNo', width: 100 },
    {
      title: t(sm.quantity), dataIndex: 'quantity', key: 'quantity', sorter: true, width: 110, align: 'right',
      render: (v: number, b) => <span data-testid="batch-quantity" data-quantity={v}><Qty n={v} unit={b.unit} /></span>,
    },
    { title: t(sm.productionDate), dataIndex: 'productionDate', key: 'productionDate', width: 105, render: (v: string | null) => v ?? '—' },
    { title: t(sm.expiryDate), dataIndex: 'expiryDate', key: 'expiryDate', sorter: true, width: 185, render: (v: string | null) => <ExpiryCell date={v} /> },
    { title: t(sm.reserveMode), dataIndex: 'reserveMode', key: 'reserveMode', width: 95, render: (v: string) => <ReserveModeTag mode={v} /> },
    {
      title: t(common.actions), key: 'actions', width: writable ? 185 : 80, fixed: 'right',
      render: (_v, b) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<NodeIndexOutlined />} onClick={() => setTraceId(b.id)} data-testid="batch-trace">{t(sm.trace)}</Button>
          {writable && b.quantity > 0 && (
            <Button type="link" size="small" onClick={() => open('issue', b)} data-testid="batch-issue">{t(MOVEMENT_FORM_LABELS.issue)}</Button>
          )}
          {writable && (
            <Dropdown
              trigger={['click']}
              menu={{
                items: (['transfer', 'adjust', 'scrap', 'rotate', 'receive'] as const)
                  .filter((k) => k === 'adjust' || k === 'receive' || b.quantity > 0)
                  .map((k) => ({ key: k, label: <span data-testid={`batch-action-${k}`}>{t(MOVEMENT_FORM_LABELS[k])}</span> })),
                onClick: ({ key }) => open(key as MovementForm, b),
              }}
            >
              <Button type="link" size="small" data-testid="batch-more">{t(sm.more)} <DownOutlined /></Button>
            </Dropdown>
          )}
        </Space>
      ),
    },
  ], [t, writable, open]);

  const movementColumns = useMemo<TableColumnsType<StockMovement>>(() => [
    { title: t(sm.docNo), dataIndex: 'docNo', key: 'docNo', width: 170, render: (v: string) => <Typography.Text copyable={{ text: v }} data-testid="movement-doc-no">{v}</Typography.Text> },
    { title: t(sm.kind), dataIndex: 'kind', key: 'kind', width: 100, render: (v: string) => <MovementKindTag kind={v} /> },
    { title: t(sm.time), dataIndex: 'createdAt', key: 'createdAt', sorter: true, width: 150, render: (v: string) => formatDateTime(v, locale) },
    { title: t(sm.warehouse), dataIndex: 'warehouseName', key: 'warehouseName', ellipsis: true, width: 190 },
    { title: t(sm.material), dataIndex: 'materialName', key: 'materialName', width: 120 },
    {
      title: t(sm.batchNo), dataIndex: 'batchNo', key: 'batchNo', width: 100,
      render: (v: string, m) => <Typography.Link onClick={() => setTraceId(m.batchId)} data-testid="movement-batch-trace">{v}</Typography.Link>,
    },
    { title: t(sm.delta), dataIndex: 'delta', key: 'delta', width: 110, align: 'right', render: (v: number, m) => <Qty n={v} unit={m.unit} signed /> },
    { title: t(sm.balanceAfter), dataIndex: 'balanceAfter', key: 'balanceAfter', width: 100, align: 'right', render: (v: number) => <Qty n={v} /> },
    {
      title: t(sm.destination), dataIndex: 'destinationName', key: 'destinationName', ellipsis: true, width: 170,
      render: (v: string | null, m) => (v ? `${v}${m.destinationId ? `（${m.destinationId}）` : ''}` : '—'),
    },
    { title: t(sm.reason), dataIndex: 'reason', key: 'reason', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t(sm.operator), dataIndex: 'operatorName', key: 'operatorName', width: 110 },
  ], [t, locale]);

  const warehouseFilter = (
    <WarehouseSelect
      placeholder={t(sm.filterWarehouse)}
      style={{ width: 230 }}
      value={warehouseId ?? null}
      onChange={(v) => setParam('warehouseId', v ?? undefined)}
      data-testid={`stock-${tab}-filter-warehouse`}
    />
  );

  return (
    <Card
      title={t(sm.stockTitle)}
      data-testid="stock-page"
      extra={writable && (
        <Space wrap>
          {/* The stock import books 入库 rows: both tabs change. */}
          <ImportButton kind="stock" onDone={onImported} />
          <Button type="primary" icon={<ImportOutlined />} onClick={() => open('receive')} data-testid="stock-action-receive">{t(MOVEMENT_FORM_LABELS.receive)}</Button>
          <Button icon={<ExportOutlined />} onClick={() => open('issue')} data-testid="stock-action-issue">{t(MOVEMENT_FORM_LABELS.issue)}</Button>
          {MOVEMENT_FORMS.filter((k) => k !== 'receive' && k !== 'issue').map((k) => (
            <Button key={k} onClick={() => open(k)} data-testid={`stock-action-${k}`}>{t(MOVEMENT_FORM_LABELS[k])}</Button>
          ))}
        </Space>
      )}
    >
      {last && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setLast(null) }}
          style={{ marginBottom: 12 }}
          data-testid="stock-last-doc"
          data-doc-no={last.docNo}
          title={t(sm.movementDone, { kind: t(MOVEMENT_FORM_LABELS[last.kind]), docNo: last.docNo })}
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(k) => setParam('tab', k === 'movements' ? k : undefined)}
        items={[
          {
            key: 'batches',
            label: <span data-testid="stock-tab-batches">{t(sm.tabBatches)}</span>,
            children: (
              <DataTable<StockBatch>
                ref={batchesRef}
                testId="stock-batches"
                endpoint="/api/v1/stock/batches"
                rowKey="id"
                columns={batchColumns}
                filters={{
                  warehouseId, materialId, reserveMode, inStock: inStock || undefined,
                  expiringBefore: expiryWithin ? isoDateIn(expiryWithin) : undefined,
                }}
                searchPlaceholder={t(sm.batchSearch)}
                scrollX={1130}
                toolbar={
                  <>
                    {warehouseFilter}
                    <MaterialSelect placeholder={t(sm.filterMaterial)} style={{ width: 190 }} value={materialId ?? null}
                      onChange={(v) => setMaterialId(v ?? undefined)} data-testid="stock-batches-filter-material" />
                    <Select allowClear placeholder={t(sm.filterReserveMode)} style={{ width: 140 }} value={reserveMode} onChange={setReserveMode}
                      options={enumOptions(RESERVE_MODES, RESERVE_MODE_LABELS, t)} data-testid="stock-batches-filter-reserveMode" />
                    <Select allowClear placeholder={t(sm.filterExpiry)} style={{ width: 230 }} value={expiryWithin} onChange={setExpiryWithin}
                      popupMatchSelectWidth={false}
                      options={EXPIRY_WINDOWS.map((n) => ({ value: n, label: t(sm.expiryWithin, { n }) }))} data-testid="stock-batches-filter-expiry" />
                    <Checkbox checked={inStock} onChange={(e) => setInStock(e.target.checked)} data-testid="stock-batches-instock">{t(sm.inStockOnly)}</Checkbox>
                  </>
                }
              />
            ),
          },
          {
            key: 'movements',
            label: <span data-testid="stock-tab-movements">{t(sm.tabMovements)}</span>,
            children: (
              <DataTable<StockMovement>
                ref={movementsRef}
                testId="stock-movements"
                endpoint="/api/v1/stock/movements"
                rowKey="id"
                columns={movementColumns}
                filters={{ warehouseId, kind, from: range?.[0]?.startOf('day').toISOString(), to: range?.[1]?.endOf('day').toISOString() }}
                searchPlaceholder={t(sm.movementSearch)}
                scrollX={1550}
                toolbar={
                  <>
                    {warehouseFilter}
                    <Select allowClear placeholder={t(sm.filterKind)} style={{ width: 140 }} value={kind} onChange={setKind}
                      options={enumOptions(MOVEMENT_KINDS, MOVEMENT_KIND_LABELS, t)} data-testid="stock-movements-filter-kind" />
                    <DatePicker.RangePicker value={range} onChange={setRange} data-testid="stock-movements-filter-range" />
                  </>
                }
              />
            ),
          },
        ]}
      />
      <MovementFormDrawer
        open={!!draft}
        kind={draft?.kind ?? 'receive'}
        batch={draft?.batch ?? null}
        warehouseId={warehouseId}
        onClose={() => setDraft(null)}
        onDone={onDone}
      />
      <TraceDrawer batchId={traceId} onClose={() => setTraceId(null)} reloadKey={traceTick} />
    </Card>
  );
}
