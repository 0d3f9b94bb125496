/** API shapes of the monitoring module, part 1 (server/src/modules/monitoring/sensors.ts, alarms.ts). */
import type { GeoPoint } from '../../lib/types.ts';

export const SENSOR_TYPES = [
  'liquid_level', 'temperature', 'pressure', 'flow', 'combustible_gas', 'toxic_gas',
  'phreatic_line', 'pond_water_level', 'dry_beach_length', 'displacement', 'rainfall',
  'water_level', 'wind_speed', 'pore_pressure', 'seepage_flow', 'turbidity',
] as const;
export type SensorType = (typeof SENSOR_TYPES)[number];

export const SENSOR_STATUSES = ['normal', 'pending', 'alarm', 'offline'] as const;
export type SensorStatus = (typeof SENSOR_STATUSES)[number];

export const ALARM_LEVELS = ['lowLow', 'low', 'high', 'highHigh'] as const;
export type AlarmLevel = (typeof ALARM_LEVELS)[number];
/** An alarm case's level: a threshold level, or `offline` for a silent sensor. */
export type AlarmCaseLevel = AlarmLevel | 'offline';

export const ALARM_STATUSES = ['raised', 'acknowledged', 'feedback', 'closed'] as const;
export type AlarmStatus = (typeof ALARM_STATUSES)[number];

export const DISPOSAL_CAUSES = ['process_fluctuation', 'equipment_fault', 'false_alarm', 'real_danger', 'other'] as const;
export type DisposalCause = (typeof DISPOSAL_CAUSES)[number];

export type AlarmActionType = 'acknowledge' | 'feedback' | 'return' | 'close';

export interface Thresholds {
  lowLow: number | null;
  low: number | null;
  high: number | null;
  highHigh: number | null;
}

export interface Sensor extends Thresholds {
  id: string;
  code: string;
  name: string;
  type: SensorType;
  unit: string;
  regionCode: string;
  regionName: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  majorHazardId: string | null;
  majorHazardName: string | null;
  location: GeoPoint | null;
  mqttClientId: string | null;
  deadband: number;
  minDurationSec: number;
  offlineTimeoutSec: number;
  enabled: boolean;
  status: SensorStatus;
  level: AlarmLevel | null;
  lastValue: number | null;
  lastReadingAt: string | null;
  openAlarms: number;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

/** POST /api/v1/sensors answers with the device token, shown this once (null: shares another sensor's device). */
export type CreatedSensor = Sensor & { deviceToken: string | null };

export interface AlarmFeedback {
  cause: DisposalCause;
  causeNote: string | null;
  measures: string;
  photoIds: string[];
  by: string;
  at: string;
}

export interface Alarm {
  id: string;
  sensorId: string;
  sensorCode: string;
  sensorName: string;
  sensorType: SensorType;
  unit: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  regionCode: string;
  regionName: string;
  episode: number;
  level: AlarmCaseLevel;
  peakLevel: AlarmCaseLevel;
  value: number | null;
  threshold: number | null;
  raisedAt: string;
  recoveredAt: string | null;
  status: AlarmStatus;
  acknowledgedAt: string | null;
  acknowledgedByName: string | null;
  feedback: AlarmFeedback | null;
  closedAt: string | null;
  closedByName: string | null;
  confirmedByName: string | null;
}

export interface AlarmEvent {
  action: string;
  actionLabel: string;
  fromStatus: string | null;
  toStatus: string;
  actorName: string;
  actorRole: string | null;
  note: string | null;
  photoIds: string[];
  at: string;
}
