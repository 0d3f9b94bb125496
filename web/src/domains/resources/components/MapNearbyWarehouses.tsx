/**
 * 附近资源 · 物资仓库: warehouses holding the given materials and quantities, nearest first
 * (GET /api/v1/warehouses/with-items, items as `materialId:quantity` pairs); shows each warehouse's
 * usable quantity of every item against the need.
 */
import { useRef, useState } from 'react';
import { App, Button, Checkbox, Form, InputNumber, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../../lib/api.ts';
import { formatNumber } from '../../../lib/format.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { shm } from '../messages-shelters.ts';
import type { WarehouseWithItems } from '../types.ts';
import { NearbyForm, NearbyKRadius, NearbyResults, useNearbyQuery, type NearbyHit, type NearbyTabProps } from './MapNearbyShared.tsx';
import { MaterialSelect } from './StockPickers.tsx';
import { WarehouseLevelTag } from './StockTags.tsx';

interface Need { key: number; materialId: string | null; quantity: number | null }

const toHit = (x: WarehouseWithItems): NearbyHit | null => (x.location ? { kind: 'warehouse', id: x.id, name: x.name, distanceM: x.distanceM, point: x.location.coordinates } : null);

/** The needs as `materialId:quantity` pairs, one per material (a repeated material adds up), at most two decimals; null when none is complete. */
function itemsParam(needs: Need[]): string | null {
  const byMaterial = new Map<string, number>();
  for (const n of needs) {
    if (n.materialId && n.quantity != null && n.quantity > 0) byMaterial.set(n.materialId, (byMaterial.get(n.materialId) ?? 0) + n.quantity);
  }
  return byMaterial.size ? [...byMaterial].map(([id, q]) => `${id}:${Number(q.toFixed(2))}`).join(',') : null;
}

export function MapNearbyWarehouses({ at, onHits, onSelect }: NearbyTabProps) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const nextKey = useRef(1);
  const [needs, setNeeds] = useState<Need[]>([{ key: 0, materialId: null, quantity: null }]);
  const [k, setK] = useState<number | null>(5);
  const [all, setAll] = useState(false);
  const [radius, setRadius] = useState<number | null>(null);
  const query = useNearbyQuery(at, onHits, toHit);

  const update = (key: number, patch: Partial<Need>) => setNeeds((ns) => ns.map((n) => (n.key === key ? { ...n, ...patch } : n)));

  const run = () => {
    const items = itemsParam(needs);
    // Without a point the query itself warns about the point first.
    if (at && !items) {
      message.warning(t(shm.needItemsRequired));
      return;
    }
    void query.run((p) => api.get<WarehouseWithItems[]>('/api/v1/warehouses/with-items', { lon: p[0], lat: p[1], items, k: k ?? 5, all: all || undefined, radiusKm: radius ?? undefined }));
  };

  return (
    <>
      <NearbyForm onRun={run} querying={query.querying} submitLabel={t(shm.warehousesSubmit)} testIdPrefix="nearby-wh">
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
        <NearbyKRadius k={k} onK={setK} radius={radius} onRadius={setRadius} testIdPrefix="nearby-wh" />
        <Form.Item style={{ marginBottom: 8 }}>
          <Checkbox checked={all} onChange={(e) => setAll(e.target.checked)} data-testid="nearby-wh-all">{t(shm.coversAllOnly)}</Checkbox>
        </Form.Item>
      </NearbyForm>
      <NearbyResults
        query={query}
        testIdPrefix="nearby-wh"
        found={(n) => t(shm.warehousesFound, { n })}
        empty={t(shm.warehousesEmpty)}
        onOpen={(x) => onSelect('warehouse', x.id)}
      >
        {(x) => (
          <>
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
          </>
        )}
      </NearbyResults>
    </>
  );
}
