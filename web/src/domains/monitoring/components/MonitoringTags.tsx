/** Tags of the monitoring pages: sensor status, alarm level and alarm status; the thresholds summary. */
import { Tag } from 'antd';
import { useI18n } from '../../../lib/i18n.tsx';
import {
  ALARM_STATUS_COLORS, ALARM_STATUS_LABELS, LEVEL_COLORS, levelLabel, mm, SENSOR_STATUS_COLORS, SENSOR_STATUS_LABELS, THRESHOLD_SHORT,
} from '../messages.ts';
import { ALARM_LEVELS, type AlarmCaseLevel, type AlarmLevel, type AlarmStatus, type SensorStatus, type SensorType, type Thresholds } from '../types.ts';

/** Sensor state: normal green, pending gold, alarm red with its level, offline grey. */
export function SensorStatusTag({ status, level, type }: { status: SensorStatus; level?: AlarmLevel | null; type?: SensorType }) {
  const { t } = useI18n();
  const text = status === 'alarm' && level ? `${t(SENSOR_STATUS_LABELS.alarm)} · ${t(levelLabel(type, level))}` : t(SENSOR_STATUS_LABELS[status]);
  return <Tag color={SENSOR_STATUS_COLORS[status]} data-testid="sensor-status-tag" data-status={status}>{text}</Tag>;
}

export function AlarmLevelTag({ level, type }: { level: AlarmCaseLevel; type?: SensorType }) {
  const { t } = useI18n();
  return <Tag color={LEVEL_COLORS[level]} data-testid="alarm-level-tag" data-level={level}>{t(levelLabel(type, level))}</Tag>;
}

export function AlarmStatusTag({ status }: { status: AlarmStatus }) {
  const { t } = useI18n();
  return <Tag color={ALARM_STATUS_COLORS[status]} data-testid="alarm-status-tag" data-status={status}>{t(ALARM_STATUS_LABELS[status])}</Tag>;
}

/** "低 1 / 高 8 / 高高 9 m", or 未设阈值. */
export function ThresholdSummary({ thresholds, unit }: { thresholds: Thresholds; unit: string }) {
  const { t } = useI18n();
  const parts = ALARM_LEVELS.filter((l) => thresholds[l] !== null && thresholds[l] !== undefined).map((l) => `${t(THRESHOLD_SHORT[l])} ${thresholds[l]}`);
  if (!parts.length) return <span style={{ color: '#94a3b8' }}>{t(mm.noThresholds)}</span>;
  return <span data-testid="sensor-thresholds">{`${parts.join(' / ')} ${unit}`}</span>;
}
