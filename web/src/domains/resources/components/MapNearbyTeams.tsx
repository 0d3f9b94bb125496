/** 附近资源 · 最近队伍: GET /api/v1/teams/nearest for the picked point (specialties, statuses, k, radius). */
import { useState } from 'react';
import { Form, Select, Typography } from 'antd';
import { api } from '../../../lib/api.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { enumOptions, type DictOptions } from '../dicts.ts';
import { rm, TEAM_STATUS_LABELS, TEAM_STATUSES } from '../messages.ts';
import type { NearestTeam } from '../types.ts';
import { NearbyForm, NearbyKRadius, NearbyResults, useNearbyQuery, type NearbyHit, type NearbyTabProps } from './MapNearbyShared.tsx';
import { TeamStatusTag } from './TeamDetailDrawer.tsx';

const toHit = (x: NearestTeam): NearbyHit | null => (x.base ? { kind: 'team', id: x.id, name: x.name, distanceM: x.distanceM, point: x.base.coordinates } : null);

export function MapNearbyTeams({ at, onHits, onSelect, specialties }: NearbyTabProps & { specialties: DictOptions }) {
  const { t } = useI18n();
  const [spec, setSpec] = useState<string[]>([]);
  const [statuses, setStatuses] = useState<string[]>(['standby']);
  const [k, setK] = useState<number | null>(3);
  const [radius, setRadius] = useState<number | null>(null);
  const query = useNearbyQuery(at, onHits, toHit);

  const run = () => void query.run((p) => api.get<NearestTeam[]>('/api/v1/teams/nearest', {
    lon: p[0], lat: p[1], k: k ?? 3, specialty: spec, status: statuses.length ? statuses : undefined, radiusKm: radius ?? undefined,
  }));

  return (
    <>
      <NearbyForm onRun={run} querying={query.querying} submitLabel={t(rm.nearestSubmit)} testIdPrefix="nearest">
        <Form.Item label={t(rm.nearestSpecialties)} style={{ marginBottom: 8 }}>
          <Select mode="multiple" allowClear data-testid="nearest-specialties" value={spec} onChange={setSpec} options={specialties.options}
            showSearch={{ optionFilterProp: 'label' }} maxTagCount="responsive" />
        </Form.Item>
        <Form.Item label={t(rm.nearestStatus)} style={{ marginBottom: 8 }}>
          <Select mode="multiple" allowClear data-testid="nearest-status" value={statuses} onChange={setStatuses} options={enumOptions(TEAM_STATUSES, TEAM_STATUS_LABELS, t)} />
        </Form.Item>
        <NearbyKRadius k={k} onK={setK} radius={radius} onRadius={setRadius} testIdPrefix="nearest" />
      </NearbyForm>
      <NearbyResults
        query={query}
        testIdPrefix="nearest"
        distanceTestId="nearest-result-distance"
        found={(n) => t(rm.nearestResultCount, { n })}
        empty={t(rm.nearestEmpty)}
        onOpen={(x) => onSelect('team', x.id)}
        title={(x) => <TeamStatusTag status={x.status} />}
      >
        {(x) => (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {x.specialties.map(specialties.label).join('、')}{x.dutyPhone || x.leaderPhone ? ` · ☎ ${x.dutyPhone ?? x.leaderPhone}` : ''}
          </Typography.Text>
        )}
      </NearbyResults>
    </>
  );
}
