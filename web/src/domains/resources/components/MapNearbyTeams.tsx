/** 附近资源 · 最近队伍: GET /api/v1/teams/nearest for the picked point (specialties, statuses, k, radius). */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Empty, Form, InputNumber, List, Select, Tag, Typography } from 'antd';
import { api, errorMessage } from '../../../lib/api.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { enumOptions, type DictOptions } from '../dicts.ts';
import { rm, TEAM_STATUS_LABELS, TEAM_STATUSES } from '../messages.ts';
import type { NearestTeam } from '../types.ts';
import { km, type NearbyHits, type NearbyTabProps } from './MapNearbyShared.tsx';
import { TeamStatusTag } from './TeamDetailDrawer.tsx';

export function MapNearbyTeams({ at, onHits, onSelect, specialties }: NearbyTabProps & { specialties: DictOptions }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [spec, setSpec] = useState<string[]>([]);
  const [statuses, setStatuses] = useState<string[]>(['standby']);
  const [k, setK] = useState<number | null>(3);
  const [radius, setRadius] = useState<number | null>(null);
  const [querying, setQuerying] = useState(false);
  const [result, setResult] = useState<{ at: [number, number]; teams: NearestTeam[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const hits: NearbyHits | null = result && {
      at: result.at,
      hits: result.teams.filter((x) => x.base).map((x) => ({ kind: 'team', id: x.id, name: x.name, distanceM: x.distanceM, point: x.base!.coordinates })),
    };
    onHits(hits);
  }, [result, onHits]);
  // A cleared point clears the answer.
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
      const r = await api.get<NearestTeam[]>('/api/v1/teams/nearest', {
        lon: at[0], lat: at[1], k: k ?? 3, specialty: spec, status: statuses.length ? statuses : undefined, radiusKm: radius ?? undefined,
      });
      setResult({ at, teams: r });
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
        <Form.Item label={t(rm.nearestSpecialties)} style={{ marginBottom: 8 }}>
          <Select mode="multiple" allowClear data-testid="nearest-specialties" value={spec} onChange={setSpec} options={specialties.options}
            showSearch={{ optionFilterProp: 'label' }} maxTagCount="responsive" />
        </Form.Item>
        <Form.Item label={t(rm.nearestStatus)} style={{ marginBottom: 8 }}>
          <Select mode="multiple" allowClear data-testid="nearest-status" value={statuses} onChange={setStatuses} options={enumOptions(TEAM_STATUSES, TEAM_STATUS_LABELS, t)} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 8 }}>
          <Form.Item label={t(rm.nearestK)} style={{ flex: 1, marginBottom: 8 }}>
            <InputNumber data-testid="nearest-k" value={k} onChange={(v) => setK(v)} min={1} max={50} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t(rm.nearestRadius)} style={{ flex: 1, marginBottom: 8 }}>
            <InputNumber data-testid="nearest-radius" value={radius} onChange={(v) => setRadius(v)} min={0.1} max={2000} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Button type="primary" htmlType="submit" loading={querying} data-testid="nearest-submit">{t(rm.nearestSubmit)}</Button>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="nearest-error" />}
      {result && (
        <div style={{ marginTop: 12 }} data-testid="nearest-results">
          <Typography.Text strong>{t(rm.nearestResultCount, { n: result.teams.length })}</Typography.Text>
          {result.teams.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(rm.nearestEmpty)} />
          ) : (
            <List
              size="small"
              dataSource={result.teams}
              renderItem={(x, i) => (
                <List.Item
                  data-testid="nearest-result"
                  data-distance-m={x.distanceM}
                  style={{ cursor: 'pointer', paddingInline: 4 }}
                  onClick={() => onSelect('team', x.id)}
                  extra={<Tag color="blue" data-testid="nearest-result-distance" style={{ marginInlineEnd: 0 }}>{t(rm.distanceKm, { d: km(x.distanceM) })}</Tag>}
                >
                  <div style={{ minWidth: 0 }}>
                    <div>
                      <Typography.Text strong>{i + 1}. {x.name}</Typography.Text> <TeamStatusTag status={x.status} />
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {x.specialties.map(specialties.label).join('、')}{x.dutyPhone || x.leaderPhone ? ` · ☎ ${x.dutyPhone ?? x.leaderPhone}` : ''}
                    </Typography.Text>
                  </div>
                </List.Item>
              )}
            />
          )}
        </div>
      )}
    </>
  );
}
