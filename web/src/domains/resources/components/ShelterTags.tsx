/** Small shelter widgets shared by the list, the detail drawer and the resource map. */
import { Progress, Tag, Typography } from 'antd';
import { formatNumber } from '../../../lib/format.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { shm, SHELTER_KIND_COLORS, SHELTER_KIND_LABELS, SHELTER_STATUS_COLORS, SHELTER_STATUS_LABELS } from '../messages-shelters.ts';

export function ShelterStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  const label = SHELTER_STATUS_LABELS[status];
  return <Tag color={SHELTER_STATUS_COLORS[status]} data-testid="shelter-status-tag" data-status={status}>{label ? t(label) : status}</Tag>;
}

export function ShelterKindTag({ kind }: { kind: string }) {
  const { t } = useI18n();
  const label = SHELTER_KIND_LABELS[kind];
  return <Tag color={SHELTER_KIND_COLORS[kind]}>{label ? t(label) : kind}</Tag>;
}

/**
 * Occupancy against capacity as a bar with "occupancy/capacity"; red once the shelter holds more
 * people than its capacity (an override), amber above 90 %.
 */
export function OccupancyBar({ occupancy, capacity, width = 150 }: { occupancy: number; capacity: number; width?: number }) {
  const { t, locale } = useI18n();
  const over = occupancy > capacity;
  const pct = capacity > 0 ? (occupancy / capacity) * 100 : occupancy > 0 ? 100 : 0;
  const color = over ? '#dc2626' : pct >= 90 ? '#f59e0b' : '#16a34a';
  return (
    <div style={{ width }} data-testid="shelter-occupancy" data-occupancy={occupancy} data-capacity={capacity} data-over={over ? 'true' : 'false'}>
      <Progress percent={Math.min(pct, 100)} showInfo={false} size="small" strokeColor={color} status={over ? 'exception' : 'normal'} style={{ marginBottom: 0 }} />
      <Typography.Text style={{ fontSize: 12, color: over ? '#dc2626' : undefined }} data-testid="shelter-occupancy-text">
        {formatNumber(occupancy, locale)}/{formatNumber(capacity, locale)}
        {over && ` · ${t(shm.overCapacity, { n: formatNumber(occupancy - capacity, locale) })}`}
      </Typography.Text>
    </div>
  );
}
