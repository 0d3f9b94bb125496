/** 附近资源 · 有余位的场所: GET /api/v1/shelters/nearest (min free places, classes, open only, k, radius). */
import { useState, type HTMLAttributes } from 'react';
import { Checkbox, Form, InputNumber, Select, Space, Typography } from 'antd';
import { api } from '../../../lib/api.ts';
import { formatNumber } from '../../../lib/format.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { enumOptions } from '../dicts.ts';
import { rm } from '../messages.ts';
import { shm, SHELTER_KIND_LABELS, SHELTER_KINDS } from '../messages-shelters.ts';
import type { NearestShelter } from '../types.ts';
import { NearbyForm, NearbyResults, useNearbyQuery, type NearbyHit, type NearbyTabProps } from './MapNearbyShared.tsx';
import { ShelterKindTag, ShelterStatusTag } from './ShelterTags.tsx';

const toHit = (x: NearestShelter): NearbyHit | null => (x.location ? { kind: 'shelter', id: x.id, name: x.name, distanceM: x.distanceM, point: x.location.coordinates } : null);

export function MapNearbyShelters({ at, onHits, onSelect }: NearbyTabProps) {
  const { t, locale } = useI18n();
  const [minFree, setMinFree] = useState<number | null>(100);
  const [kinds, setKinds] = useState<string[]>([]);
  const [openOnly, setOpenOnly] = useState(false);
  const [k, setK] = useState<number | null>(5);
  const [radius, setRadius] = useState<number | null>(null);
  const query = useNearbyQuery(at, onHits, toHit);

  const run = () => void query.run((p) => api.get<NearestShelter[]>('/api/v1/shelters/nearest', {
    lon: p[0], lat: p[1], k: k ?? 5, minFree: minFree ?? 1, kind: kinds.length ? kinds : undefined, status: openOnly ? 'open' : undefined, radiusKm: radius ?? undefined,
  }));

  return (
    <>
      <NearbyForm onRun={run} querying={query.querying} submitLabel={t(shm.sheltersSubmit)} testIdPrefix="nearby-sh">
        <div style={{ display: 'flex', gap: 8 }}>
          <Form.Item label={t(shm.minFree)} style={{ flex: 1, marginBottom: 8 }}>
            <InputNumber data-testid="nearby-sh-minfree" value={minFree} onChange={(v) => setMinFree(v)} min={1} max={1_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t(rm.nearestK)} style={{ width: 90, marginBottom: 8 }}>
            <InputNumber data-testid="nearby-sh-k" value={k} onChange={(v) => setK(v)} min={1} max={50} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item label={t(shm.shelterKinds)} style={{ marginBottom: 8 }}>
          <Select mode="multiple" allowClear data-testid="nearby-sh-kind" value={kinds} onChange={setKinds} options={enumOptions(SHELTER_KINDS, SHELTER_KIND_LABELS, t)} />
        </Form.Item>
        <Form.Item label={t(rm.nearestRadius)} style={{ marginBottom: 8 }}>
          <InputNumber data-testid="nearby-sh-radius" value={radius} onChange={(v) => setRadius(v)} min={0.1} max={2000} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item style={{ marginBottom: 8 }}>
          <Checkbox checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} data-testid="nearby-sh-open-only">{t(shm.openOnly)}</Checkbox>
        </Form.Item>
      </NearbyForm>
      <NearbyResults
        query={query}
        testIdPrefix="nearby-sh"
        distanceTestId="nearby-sh-distance"
        found={(n) => t(shm.sheltersFound, { n })}
        empty={t(shm.sheltersEmpty)}
        onOpen={(x) => onSelect('shelter', x.id)}
        itemAttrs={(x) => ({ 'data-free': x.free }) as HTMLAttributes<HTMLElement>}
      >
        {(x) => (
          <Space size={4} wrap style={{ marginTop: 2 }}>
            <ShelterKindTag kind={x.kind} />
            <ShelterStatusTag status={x.status} />
            <Typography.Text style={{ fontSize: 12 }}>{t(shm.freeOf, { free: formatNumber(x.free, locale), cap: formatNumber(x.capacity, locale) })}</Typography.Text>
          </Space>
        )}
      </NearbyResults>
    </>
  );
}
