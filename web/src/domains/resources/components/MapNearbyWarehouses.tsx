/**
 * 附近资源 · 物资仓库: warehouses holding the given materials and quantities, nearest first
 * (GET /api/v1/warehouses/with-items, items as `materialId:quantity` pairs); shows each warehouse's
 * usable quantity of every item against the need.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Checkbox, Empty, Form, InputNumber, List, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../../lib/api.ts';
import { formatNumber } from '../../../lib/format.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { rm } from '../messages.ts';
import { shm } from '../messages-shelters.ts';
import type { WarehouseWithItems } from '../types.ts';
import { km, type NearbyHits, type NearbyTabProps } from './MapNearbyShared.tsx';
import { MaterialSelect } from './StockPickers.tsx';
import { WarehouseLevelTag } from './StockTags.tsx';

interface Need { key: number; materialId: string | null; quantity: number | null }

export function MapNearbyWarehouses({ at, onHits, onSelect }: NearbyTabProps) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const nextKey = useRef(1);
  const [needs, setNeeds] = useState<Need[]>([{ key: 0, materialId: null, quantity: null }]);
  const [k, setK] = useState<number | null>(5);
  const [all, setAll] = useState(false);
  const [radius, setRadius] = useState<number | null>(null);
  const [querying, setQuerying] = useState(false);
  const [result, setResult] = useState<{ at: [number, number]; items: WarehouseWithItems[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const hits: NearbyHits | null = result && {
      at: result.at,
      hits: result.items.filter((x) => x.location).map((x) => ({ kind: 'warehouse', id: x.id, name: x.name, distanceM: x.distanceM, point: x.location!.coordinates })),
    };
    onHits(hits);
  }, [result, onHits]);
  useEffect(() => {
    if (!at) {
      setResult(null);
      setError(null);
    }
  }, [at]);

  const update = (key: number, patch: Partial<Need>) => setNeeds((ns) => ns.map((n) => (n.key === key ? { ...n, ...patch } : n)));

  const run = async () => {
    if (!at) {
      message.warning(t(rm.nearestPointRequired));
      return;
    }
    const complete = needs.filter((n) => n.materialId && n.quantity != null && n.quantity > 0);
    if (!complete.length) {
      message.warning(t(shm.needItemsRequired));
      return;
    }
    // One pair per material (quantities of a repeated material add up); at most two decimals.
    const byMaterial = new Map<string, number>();
    for (const n of complete) byMaterial.set(n.materialId!, (byMaterial.get(n.materialId!) ?? 0) + n.quantity!);
    const items = [...byMaterial].map(([id, q]) => `${id}:${Number(q.toFixed(2))}`).join(',');
    setQuerying(true);
    setError(null);
    try {
      const r = await api.get<WarehouseWithItems[]>('/api/v1/warehouses/with-items', { lon: at[0], lat: at[1], items, k: k ?? 5, all: all || undefined, radiusKm: radius ?? undefined });
      setResult({ at, items: r });
    } catch (err) {
      setResult(null);
      setError(errorMessage(err));
    } finally {
      setQuerying(false);
    }
  };

  return (
    <>
      <Form layout="vertical" size="small" autoComplete="off" onFinish={() => void run()}>
        <Form.Item label={t(shm.needItems)} style={{ marginBottom: 8 }}>
          {needs.map((n) => (
            <div key={n.key} style={{ display: 'flex', gap: 4, marginBottom: 4 }} data-testid="nearby-item-row">
              <MaterialSelect
                value={n.materialId}
                onChange={(v) => update(n.key, { materialId: v ?? null })}
                placeholder={t(shm.material)}
                style={{ flex: 1, minWidth: 0 }}
                data-testid="nearby-item-material"
              />
              <InputNumber value={n.quantity} onChange={(v) => update(n.key, { quantity: v })} min={0.01} max={1e9} precision={2} placeholder={t(shm.quantity)}
                style={{ width: 90 }} data-testid="nearby-item-qty" />
              <Button type="text" icon={<DeleteOutlined />} disabled={needs.length === 1} onClick={() => setNeeds((ns) => ns.filter((x) => x.key !== n.key))} aria-label={t(shm.remove)} />
            </div>
          ))}
          <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => setNeeds((ns) => [...ns, { key: nextKey.current++, materialId: null, quantity: null }])} block data-testid="nearby-item-add">
            {t(shm.kitAdd)}
          </Button>
        </Form.Item>
        <div style={{ display: 'flex', gap: 8 }}>
          <Form.Item label={t(rm.nearestK)} style={{ flex: 1, marginBottom: 8 }}>
            <InputNumber data-testid="nearby-wh-k" value={k} onChange={(v) => setK(v)} min={1} max={50} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t(rm.nearestRadius)} style={{ flex: 1, marginBottom: 8 }}>
            <InputNumber data-testid="nearby-wh-radius" value={radius} onChange={(v) => setRadius(v)} min={0.1} max={2000} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item style={{ marginBottom: 8 }}>
          <Checkbox checked={all} onChange={(e) => setAll(e.target.checked)} data-testid="nearby-wh-all">{t(shm.coversAllOnly)}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={querying} data-testid="nearby-wh-submit">{t(shm.warehousesSubmit)}</Button>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="nearby-wh-error" />}
      {result && (
        <div style={{ marginTop: 12 }} data-testid="nearby-wh-results">
          <Typography.Text strong>{t(shm.warehousesFound, { n: result.items.length })}</Typography.Text>
          {result.items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(shm.warehousesEmpty)} />
          ) : (
            <List
              size="small"
              dataSource={result.items}
              renderItem={(x, i) => (
                <List.Item
                  data-testid="nearby-wh-result"
                  data-distance-m={x.distanceM}
                  style={{ cursor: 'pointer', paddingInline: 4, display: 'block' }}
                  onClick={() => onSelect('warehouse', x.id)}
                >
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                    <Typography.Text strong>{i + 1}. {x.name}</Typography.Text>
                    <Tag color="blue" style={{ marginInlineEnd: 0, flex: 'none' }}>{t(rm.distanceKm, { d: km(x.distanceM) })}</Tag>
                  </div>
                  <Space size={4} wrap style={{ marginTop: 2 }}>
                    <WarehouseLevelTag level={x.level} />
                    <Tag color={x.coversAll ? 'green' : 'orange'}>{t(x.coversAll ? shm.coversAll : shm.coversPart)}</Tag>
                    {x.managerPhone && <Typography.Text type="secondary" style={{ fontSize: 12 }}>☎ {x.managerPhone}</Typography.Text>}
                  </Space>
                  {x.items.map((it) => (
                    <div key={it.materialId} style={{ fontSize: 12, color: it.available < it.needed ? '#dc2626' : '#475569' }} data-testid="nearby-wh-item">
                      {t(shm.availableOf, { name: it.materialName, a: formatNumber(it.available, locale, 2), n: formatNumber(it.needed, locale, 2), unit: it.unit })}
                    </div>
                  ))}
                </List.Item>
              )}
            />
          )}
        </div>
      )}
    </>
  );
}
