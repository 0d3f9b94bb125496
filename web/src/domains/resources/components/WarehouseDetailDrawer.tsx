/**
 * A warehouse in tabs: basics with a small map, its current stock batches (GET /api/v1/stock/batches?warehouseId=),
 * minimum stock per material (every minimum set with its usable stock from GET /api/v1/warehouses/:id/minimums,
 * set/edit/remove through PUT /api/v1/warehouses/:id/minimums/:materialId, 0 removes), change history and attachments.
 */
import { useCallback, useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert, App, Button, type ButtonProps, Checkbox, Descriptions, Drawer, Empty, Form, InputNumber, Popconfirm, Space, Table, Tabs, Tag, Typography, type TableColumnsType,
} from 'antd';
import { useAuth } from '../../../app/auth.tsx';
import { DataTable } from '../../../components/DataTable.tsx';
import { api, ApiError, errorMessage } from '../../../lib/api.ts';
import { applyServerErrors } from '../../../lib/forms.ts';
import { formatDateTime, formatNumber } from '../../../lib/format.ts';
import { common, defineMessages, useI18n } from '../../../lib/i18n.tsx';
import { required } from '../../../lib/validators.ts';
import { rm } from '../messages.ts';
import { sm } from '../messages-stock.ts';
import type { Material, StockBatch, Warehouse } from '../types.ts';
import { BasicsMap, formatPoint, useRecordTabs } from './shared.tsx';
import { MaterialSelect } from './StockPickers.tsx';
import { ExpiryCell, Qty, ReserveModeTag, WarehouseLevelTag } from './StockTags.tsx';
import { TraceDrawer } from './TraceDrawer.tsx';

function Basics({ w }: { w: Warehouse }) {
  const { t, locale } = useI18n();
  return (
    <>
      <Descriptions column={2} size="small" bordered data-testid="warehouse-detail-fields">
        <Descriptions.Item label={t(sm.warehouseName)} span={2}>{w.name}</Descriptions.Item>
        <Descriptions.Item label={t(sm.level)}><WarehouseLevelTag level={w.level} /></Descriptions.Item>
        <Descriptions.Item label={t(rm.region)}>{w.regionName}</Descriptions.Item>
        <Descriptions.Item label={t(sm.ownerOrg)} span={2}>{w.orgName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t(sm.managerName)}>{w.managerName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t(sm.managerPhone)}>{w.managerPhone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t(sm.address)} span={2}>{w.address ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t(sm.areaM2)}>{w.areaM2 == null ? '—' : formatNumber(w.areaM2, locale, 1)}</Descriptions.Item>
        <Descriptions.Item label={t(sm.batchCount)}>{w.batchCount}</Descriptions.Item>
        <Descriptions.Item label={t(rm.location)} span={2}>{formatPoint(w.location, t(rm.noLocation))}</Descriptions.Item>
        {w.note && <Descriptions.Item label={t(rm.note)} span={2}>{w.note}</Descriptions.Item>}
        <Descriptions.Item label={t(common.updatedAt)} span={2}>{formatDateTime(w.updatedAt, locale)}</Descriptions.Item>
      </Descriptions>
      <BasicsMap point={w.location} name={w.name} color="#d97706" testId="warehouse-map" />
    </>
  );
}

function Stock({ w, reloadKey }: { w: Warehouse; reloadKey: number }) {
  const { t } = useI18n();
  const [inStock, setInStock] = useState(true);
  const [trace, setTrace] = useState<string | null>(null);
  const columns = useMemo<TableColumnsType<StockBatch>>(() => [
    { title: t(sm.material), dataIndex: 'materialName', key: 'materialName', sorter: true, render: (v: string, b) => <span>{v}{b.spec ? <Typography.Text type="secondary"> · {b.spec}</Typography.Text> : null}</span> },
    { title: t(sm.batchNo), dataIndex: 'batchNo', key: 'batchNo', width: 100 },
    { title: t(sm.quantity), dataIndex: 'quantity', key: 'quantity', sorter: true, align: 'right', width: 110, render: (v: number, b) => <Qty n={v} unit={b.unit} /> },
    { title: t(sm.expiryDate), dataIndex: 'expiryDate', key: 'expiryDate', sorter: true, width: 200, render: (v: string | null) => <ExpiryCell date={v} /> },
    { title: t(sm.reserveMode), dataIndex: 'reserveMode', key: 'reserveMode', width: 100, render: (v: string) => <ReserveModeTag mode={v} /> },
    {
      title: t(common.actions), key: 'actions', width: 70,
      render: (_v, b) => <Button type="link" size="small" onClick={() => setTrace(b.id)} data-testid="batch-trace">{t(sm.trace)}</Button>,
    },
  ], [t]);
  return (
    <>
      <DataTable<StockBatch>
        key={reloadKey}
        testId="warehouse-batches"
        endpoint="/api/v1/stock/batches"
        rowKey="id"
        size="small"
        columns={columns}
        filters={{ warehouseId: w.id, inStock: inStock || undefined }}
        searchPlaceholder={t(sm.batchSearch)}
        defaultPageSize={10}
        toolbar={<Checkbox checked={inStock} onChange={(e) => setInStock(e.target.checked)} data-testid="warehouse-batches-instock">{t(sm.inStockOnly)}</Checkbox>}
      />
      <TraceDrawer batchId={trace} onClose={() => setTrace(null)} />
    </>
  );
}

interface MinimumValues { materialId: string | null; minQuantity: number | null }

/** One row of GET /api/v1/warehouses/:id/minimums (`usable` = unexpired stock). */
interface WarehouseMinimum {
  materialId: string;
  materialName: string;
  spec: string | null;
  unit: string;
  minQuantity: number;
  usable: number;
  below: boolean;
}

const mm = defineMessages({
  minimumsSet: ['已设置的最低储备', 'Minimums set for this warehouse'],
  minimumsNone: ['本仓库尚未设置最低储备', 'No minimum is set for this warehouse'],
  usable: ['可用库存（未过期）', 'Usable (unexpired)'],
  below: ['低于最低储备', 'Below minimum'],
  enough: ['充足', 'Sufficient'],
  remove: ['移除', 'Remove'],
  removeConfirm: ['取消 {material} 的最低储备？', 'Remove the minimum stock of {material}?'],
  positive: ['最低储备量须大于 0（移除请点“移除”）', 'The minimum must be above 0 (use Remove to clear it)'],
});

const MIN_FIELDS = ['materialId', 'minQuantity'] as const;

function Minimums({ w, writable, onChanged }: { w: Warehouse; writable: boolean; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<MinimumValues>();
  const [material, setMaterial] = useState<Material | null>(null);
  const [rows, setRows] = useState<WarehouseMinimum[]>([]);
  const [loading, setLoading] = useState(false);
  const [saving, setSaving] = useState<string | null>(null); // 'form' or the material id of a row
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ materialId: string; value: number | null } | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    setLoading(true);
    api.get<WarehouseMinimum[]>(`/api/v1/warehouses/${w.id}/minimums`)
      .then((r) => {
        if (!live) return;
        setRows(r);
        setError(null);
      })
      .catch((err: unknown) => live && setError(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [w.id, tick]);

  /** PUT the minimum (0 removes it), then reload the list and the history. */
  const put = async (materialId: string, minQuantity: number, name: string): Promise<void> => {
    await api.put(`/api/v1/warehouses/${w.id}/minimums/${materialId}`, { minQuantity });
    message.success(minQuantity === 0 ? t(sm.minimumCleared, { material: name }) : t(sm.minimumSaved, { material: name, n: formatNumber(minQuantity, locale, 2) }));
    setTick((n) => n + 1);
    onChanged();
  };

  const saveForm = async () => {
    let v: MinimumValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving('form');
    try {
      const name = material?.name ?? rows.find((r) => r.materialId === v.materialId)?.materialName ?? '';
      await put(v.materialId!, v.minQuantity!, name);
      form.resetFields();
      setMaterial(null);
    } catch (err) {
      const rest = applyServerErrors(form, err, MIN_FIELDS);
      if (rest.length) message.error(rest.join('；'));
      else if (!(err instanceof ApiError) || !err.errors.length) message.error(errorMessage(err));
    } finally {
      setSaving(null);
    }
  };

  const saveRow = async (r: WarehouseMinimum, value: number | null) => {
    if (value == null || !(value > 0)) {
      message.error(t(mm.positive));
      return;
    }
    setSaving(r.materialId);
    try {
      await put(r.materialId, value, r.materialName);
      setEditing(null);
    } catch (err) {
      message.error(err instanceof ApiError && err.errors.length ? err.errors.map((e) => e.message).join('；') : errorMessage(err));
    } finally {
      setSaving(null);
    }
  };

  const remove = async (r: WarehouseMinimum) => {
    setSaving(r.materialId);
    try {
      await put(r.materialId, 0, r.materialName);
      setEditing((e) => (e?.materialId === r.materialId ? null : e));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(null);
    }
  };

  const columns: TableColumnsType<WarehouseMinimum> = [
    {
      title: t(sm.material), dataIndex: 'materialName', key: 'materialName',
      render: (v: string, r) => <span>{v}{r.spec ? <Typography.Text type="secondary"> · {r.spec}</Typography.Text> : null}</span>,
    },
    { title: t(mm.usable), dataIndex: 'usable', key: 'usable', align: 'right', width: 150, render: (v: number, r) => <Qty n={v} unit={r.unit} /> },
    {
      title: t(sm.minQty), dataIndex: 'minQuantity', key: 'minQuantity', align: 'right', width: 150,
      render: (v: number, r) => editing?.materialId === r.materialId
        ? (
          <InputNumber
            size="small"
            autoFocus
            min={0.01}
            max={1e9}
            precision={2}
            style={{ width: 130 }}
            suffix={r.unit}
            value={editing.value}
            onChange={(value) => setEditing({ materialId: r.materialId, value })}
            onPressEnter={() => void saveRow(r, editing.value)}
            data-testid="warehouse-minimum-row-quantity"
          />
        )
        : <span data-testid="warehouse-minimum-row-min" data-quantity={v}><Qty n={v} unit={r.unit} /></span>,
    },
    {
      title: t(common.status), key: 'below', width: 180,
      render: (_v, r) => r.below
        ? (
          <Space size={4} wrap>
            <Tag color="red" data-testid="warehouse-minimum-below">{t(mm.below)}</Tag>
            <Typography.Text type="danger">{t(sm.shortBy, { n: formatNumber(r.minQuantity - r.usable, locale, 2) })}</Typography.Text>
          </Space>
        )
        : <Tag color="green">{t(mm.enough)}</Tag>,
    },
    ...(writable ? [{
      title: t(common.actions), key: 'actions', width: 120,
      render: (_v: unknown, r: WarehouseMinimum) => editing?.materialId === r.materialId
        ? (
          <Space size={0}>
            <Button type="link" size="small" loading={saving === r.materialId} onClick={() => void saveRow(r, editing.value)} data-testid="warehouse-minimum-row-save">{t(common.save)}</Button>
            <Button type="link" size="small" onClick={() => setEditing(null)} data-testid="warehouse-minimum-row-cancel">{t(common.cancel)}</Button>
          </Space>
        )
        : (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setEditing({ materialId: r.materialId, value: r.minQuantity })} data-testid="warehouse-minimum-row-edit">{t(common.edit)}</Button>
            <Popconfirm
              title={t(mm.removeConfirm, { material: r.materialName })}
              onConfirm={() => remove(r)}
              okText={t(mm.remove)}
              cancelText={t(common.cancel)}
              okButtonProps={{ danger: true, 'data-testid': 'warehouse-minimum-remove-confirm' } as ButtonProps}
            >
              <Button type="link" size="small" danger loading={saving === r.materialId} data-testid="warehouse-minimum-row-remove">{t(mm.remove)}</Button>
            </Popconfirm>
          </Space>
        ),
    }] : []),
  ];

  return (
    <div data-testid="warehouse-minimums">
      <Typography.Paragraph type="secondary">{t(sm.minimumsHint)}</Typography.Paragraph>
      {writable && (
        <Form form={form} layout="inline" style={{ marginBottom: 16, rowGap: 8 }} autoComplete="off" data-testid="warehouse-minimum-form">
          <Form.Item name="materialId" rules={[required(t, sm.material, true)]}>
            <MaterialSelect
              placeholder={t(sm.material)}
              style={{ width: 260 }}
              onPick={setMaterial}
              data-testid="warehouse-minimum-material"
            />
          </Form.Item>
          <Form.Item
            name="minQuantity"
            rules={[{ required: true, message: t(common.required, { field: t(sm.minQuantity) }) }, { type: 'number', min: 0, max: 1e9, message: t(common.badFormat, { field: t(sm.minQuantity) }) }]}
          >
            <InputNumber placeholder={t(sm.minQuantity)} min={0} max={1e9} precision={2} style={{ width: 150 }} suffix={material?.unit} data-testid="warehouse-minimum-quantity" />
          </Form.Item>
          <Button type="primary" loading={saving === 'form'} onClick={() => void saveForm()} data-testid="warehouse-minimum-save">{t(sm.minimumSave)}</Button>
        </Form>
      )}
      <Typography.Title level={5}>{t(mm.minimumsSet)}</Typography.Title>
      {error && <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} style={{ marginBottom: 12 }} />}
      <Table<WarehouseMinimum>
        rowKey="materialId"
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(mm.minimumsNone)} /> }}
        onRow={(r) => ({ 'data-testid': 'warehouse-minimum-row', 'data-material-id': r.materialId, 'data-below': String(r.below) }) as HTMLAttributes<HTMLElement>}
        columns={columns}
      />
    </div>
  );
}

export function WarehouseDetailDrawer({ warehouse, onClose, onEdit, reloadKey }: {
  warehouse: Warehouse | null;
  onClose: () => void;
  onEdit?: (w: Warehouse) => void;
  reloadKey: number;
}) {
  const { t } = useI18n();
  const { can } = useAuth();
  const recordTabs = useRecordTabs();
  const [tab, setTab] = useState('basics');
  const [tick, setTick] = useState(0);
  const writable = can('resources:write');
  const id = warehouse?.id;
  useEffect(() => setTab('basics'), [id]);
  const bump = useCallback(() => setTick((n) => n + 1), []);

  return (
    <Drawer
      open={!!warehouse}
      onClose={onClose}
      size={820}
      title={warehouse ? `${t(sm.warehouseDetail)} · ${warehouse.name}` : ''}
      destroyOnHidden
      data-testid="warehouse-detail"
      extra={warehouse && (
        <Space>
          <Link to={`/resources/stock?warehouseId=${warehouse.id}`} data-testid="warehouse-detail-ledger">{t(sm.stockTitle)}</Link>
          {writable && onEdit && <Button onClick={() => onEdit(warehouse)} data-testid="warehouse-detail-edit">{t(common.edit)}</Button>}
        </Space>
      )}
    >
      {warehouse && (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'basics', label: <span data-testid="warehouse-tab-basics">{t(rm.basics)}</span>, children: <Basics w={warehouse} /> },
            { key: 'stock', label: <span data-testid="warehouse-tab-stock">{`${t(sm.tabStock)} (${warehouse.batchCount})`}</span>, children: <Stock w={warehouse} reloadKey={reloadKey} /> },
            { key: 'minimums', label: <span data-testid="warehouse-tab-minimums">{t(sm.tabMinimums)}</span>, children: <Minimums w={warehouse} writable={writable} onChanged={bump} /> },
            ...recordTabs({ entityType: 'warehouse', id: warehouse.id, reloadKey: reloadKey + tick, historyLabel: t(sm.tabHistory), testIdPrefix: 'warehouse' }),
          ]}
        />
      )}
    </Drawer>
  );
}
