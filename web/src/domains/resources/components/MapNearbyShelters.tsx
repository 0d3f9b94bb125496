/** 附近资源 · 有余位的场所: GET /api/v1/shelters/nearest (min free places, classes, open only, k, radius). */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, Empty, Form, InputNumber, List, Select, Space, Tag, Typography } from 'antd';
import { api, errorMessage } from '../../../lib/api.ts';
import { formatNumber } from '../../../lib/format.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { enumOptions } from '../dicts.ts';
import { rm } from '../messages.ts';
import { shm, SHELTER_KIND_LABELS, SHELTER_KINDS } from '../messages-shelters.ts';
import type { NearestShelter } from '../types.ts';
import { km, type NearbyHits, type NearbyTabProps } from './MapNearbyShared.tsx';
import { ShelterKindTag, ShelterStatusTag } from './ShelterTags.tsx';

export function MapNearbyShelters({ at, onHits, onSelect }: NearbyTabProps) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [minFree, setMinFree] = useState<number | null>(100);
  const [kinds, setKinds] = useState<string[]>([]);
  const [openOnly, setOpenOnly] = useState(false);
  const [k, setK] = useState<number | null>(5);
  const [radius, setRadius] = useState<number | null>(null);
  const [querying, setQuerying] = useState(false);
  const [result, setResult] = useState<{ at: [number, number]; items: NearestShelter[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const hits: NearbyHits | null = result && {
      at: result.at,
      hits: result.items.filter((x) => x.location).map((x) => ({ kind: 'shelter', id: x.id, name: x.name, distanceM: x.distanceM, point: x.location!.coordinates })),
    };
    onHits(hits);
  }, [result, onHits]);
  useEffect(() => {
    if (!at) {
      setResult(null);
      setError(null);
    }
  }, [at]);

  const run = async () => {
    if (!at) {
      message.warning(t(rm.nearestPointRequired));
      return;
    }
    setQuerying(true);
    setError(null);
    try {
      const r = await api.get<NearestShelter[]>('/api/v1/shelters/nearest', {
        lon: at[0], lat: at[1], k: k ?? 5, minFree: minFree ?? 1, kind: kinds.length ? kinds : undefined, status: openOnly ? 'open' : undefined, radiusKm: radius ?? undefined,
      });
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
        <Button type="primary" htmlType="submit" loading={querying} data-testid="nearby-sh-submit">{t(shm.sheltersSubmit)}</Button>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="nearby-sh-error" />}
      {result && (
        <div style={{ marginTop: 12 }} data-testid="nearby-sh-results">
          <Typography.Text strong>{t(shm.sheltersFound, { n: result.items.length })}</Typography.Text>
          {result.items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(shm.sheltersEmpty)} />
          ) : (
            <List
              size="small"
              dataSource={result.items}
              renderItem={(x, i) => (
                <List.Item
                  data-testid="nearby-sh-result"
                  data-distance-m={x.distanceM}
                  data-free={x.free}
                  style={{ cursor: 'pointer', paddingInline: 4, display: 'block' }}
                  onClick={() => onSelect('shelter', x.id)}
                >
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                    <Typography.Text strong>{i + 1}. {x.name}</Typography.Text>
                    <Tag color="blue" style={{ marginInlineEnd: 0, flex: 'none' }} data-testid="nearby-sh-distance">{t(rm.distanceKm, { d: km(x.distanceM) })}</Tag>
                  </div>
                  <Space size={4} wrap style={{ marginTop: 2 }}>
                    <ShelterKindTag kind={x.kind} />
                    <ShelterStatusTag status={x.status} />
                    <Typography.Text style={{ fontSize: 12 }}>{t(shm.freeOf, { free: formatNumber(x.free, locale), cap: formatNumber(x.capacity, locale) })}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          )}
        </div>
      )}
    </>
  );
}
