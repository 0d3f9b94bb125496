/**
 * Texts of the monitoring pages (监测点, 报警中心), zh-CN with en-US. The sensor-type labels and
 * default units are a copy of SENSOR_TYPE_CATALOGUE in server/src/modules/monitoring/rules.ts (the
 * web does not import server code): keep the two in step.
 */
import { defineMessages, type Msg } from '../../lib/i18n.tsx';
import type { AlarmActionType, AlarmCaseLevel, AlarmLevel, AlarmStatus, DisposalCause, SensorStatus, SensorType } from './types.ts';

/** Navigation entries (used by app/nav.tsx). */
export const monnav = defineMessages({
  group: ['监测预警', 'Monitoring'],
  sensors: ['监测点', 'Sensors'],
  alarms: ['报警中心', 'Alarm centre'],
});

export const mm = defineMessages({
  sensorsTitle: ['监测点', 'Sensors'],
  alarmsTitle: ['报警中心', 'Alarm centre'],
  searchSensors: ['编码、名称或企业', 'Code, name or enterprise'],
  code: ['监测点编码', 'Code'],
  codeHelp: ['设备上报读数时使用，全局唯一（字母、数字、. _ -）', 'Used by the device when it reports; unique (letters, digits, . _ -)'],
  codeBad: ['编码须以字母或数字开头，2–64 位，只含字母、数字、. _ -', '2–64 letters, digits, . _ - starting with a letter or digit'],
  name: ['名称', 'Name'],
  type: ['监测类型', 'Type'],
  unit: ['单位', 'Unit'],
  enterprise: ['所属企业', 'Enterprise'],
  enterpriseHelp: ['不选企业时为监测站，须选择所属区域', 'Without an enterprise it is a station: choose its region'],
  region: ['所属区域', 'Region'],
  thresholds: ['报警阈值', 'Thresholds'],
  thresholdsHelp: ['按 低低 < 低 < 高 < 高高 填写，可只填其中几项；都不填时采用该类型的缺省阈值（如有）', 'Increasing 低低 < 低 < 高 < 高高, any subset; none given: the type\'s defaults (if any)'],
  thresholdsEditHelp: ['按 低低 < 低 < 高 < 高高 填写，清空的项不再报警；修改留痕', 'Increasing 低低 < 低 < 高 < 高高; a cleared one no longer alarms; changes are audited'],
  noThresholds: ['未设阈值', 'No thresholds'],
  deadband: ['回差（死区）', 'Deadband'],
  deadbandHelp: ['恢复时须越过阈值的幅度，须小于相邻阈值之差', 'How far back past the threshold counts as recovered; smaller than the smallest gap'],
  minDurationSec: ['最短持续时间（秒）', 'Minimum duration (s)'],
  minDurationHelp: ['超限持续达到该时间才报警，0 为立即报警', 'An excursion must last this long before it alarms; 0 alarms at once'],
  offlineTimeoutSec: ['离线判定时间（秒）', 'Offline after (s)'],
  enabled: ['启用', 'Enabled'],
  disabled: ['停用', 'Disabled'],
  status: ['状态', 'Status'],
  lastValue: ['最新值', 'Last value'],
  lastReadingAt: ['最新读数时间', 'Last reading'],
  openAlarms: ['未消警报警', 'Open alarms'],
  majorHazard: ['重大危险源', 'Major hazard'],
  filterType: ['按类型筛选', 'Filter by type'],
  filterStatus: ['按状态筛选', 'Filter by status'],
  filterLevel: ['按级别筛选', 'Filter by level'],
  create: ['登记监测点', 'Register a sensor'],
  edit: ['修改阈值', 'Edit thresholds'],
  editTitle: ['修改监测点 · {code}', 'Edit sensor · {code}'],
  created: ['已登记监测点 {code}', 'Sensor {code} registered'],
  saved: ['已保存', 'Saved'],
  sensorDetail: ['监测点详情', 'Sensor'],
  basics: ['基本信息', 'Basics'],
  sensorAlarms: ['报警记录', 'Alarms'],
  noAlarms: ['暂无报警', 'No alarms'],
  tokenTitle: ['设备令牌', 'Device token'],
  tokenWarn: ['设备令牌只显示这一次，平台只保存其摘要。请立即复制并配置到设备，关闭后无法再查看。', 'The device token is shown only this once (only its hash is stored). Copy it into the device now: it cannot be shown again.'],
  tokenShared: ['该监测点与已有设备共用令牌，无新令牌。', 'This sensor shares an existing device\'s token: no new token.'],
  tokenUsage: ['设备上报：POST /api/v1/ingest/readings，请求头 Authorization: Bearer <设备令牌>', 'Devices report with POST /api/v1/ingest/readings and the header Authorization: Bearer <token>'],
  tokenCopied: ['已复制', 'Copied'],
  tokenDone: ['我已保存令牌', 'I have saved the token'],
  // Alarms
  searchAlarms: ['监测点编码、名称或企业', 'Sensor code, name or enterprise'],
  tabOpen: ['未消警', 'Open'],
  all: ['全部', 'All'],
  raisedAt: ['报警时间', 'Raised at'],
  sensor: ['监测点', 'Sensor'],
  level: ['报警级别', 'Level'],
  peakLevel: ['最高级别', 'Peak level'],
  valueThreshold: ['测量值 / 阈值', 'Value / threshold'],
  recovered: ['恢复', 'Recovered'],
  recoveredAt: ['恢复时间', 'Recovered at'],
  notRecovered: ['未恢复', 'Not recovered'],
  alarmDetail: ['报警详情', 'Alarm'],
  episode: ['报警序号', 'Episode'],
  acknowledgedAt: ['确认时间', 'Acknowledged at'],
  acknowledgedBy: ['确认人', 'Acknowledged by'],
  feedback: ['处置反馈', 'Disposal feedback'],
  feedbackAt: ['反馈时间', 'Given at'],
  cause: ['报警原因', 'Cause'],
  causeNote: ['具体原因', 'Cause details'],
  causeNoteHelp: ['原因为「其他」时必填', 'Required when the cause is "other"'],
  measures: ['处置措施', 'Measures taken'],
  reason: ['退回原因', 'Reason'],
  note: ['备注', 'Note'],
  closedAt: ['消警时间', 'Closed at'],
  closedBy: ['消警人', 'Closed by'],
  confirmedBy: ['险情确认人', 'Danger confirmed by'],
  timeline: ['处置过程', 'Timeline'],
  done: ['已{action}', '{action}: done'],
  refreshHint: ['每 10 秒自动刷新', 'Refreshes every 10 s'],
  realDangerHint: ['真实险情须由行业监管部门或应急管理局确认后消警', 'A real danger is closed only by a regulator or the bureau'],
  confirmAck: ['确认已收到该报警并开始处置', 'Confirm that the alarm is received and being handled'],
  confirmClose: ['确认该报警已处置完毕，消警', 'Confirm that the alarm is handled and close it'],
});

/** Sensor types: label and default unit (copy of rules.ts SENSOR_TYPE_CATALOGUE). */
export const SENSOR_TYPE_INFO: Record<SensorType, { label: Msg; unit: string }> = {
  liquid_level: { label: ['液位', 'Liquid level'], unit: 'm' },
  temperature: { label: ['温度', 'Temperature'], unit: '°C' },
  pressure: { label: ['压力', 'Pressure'], unit: 'MPa' },
  flow: { label: ['流量', 'Flow'], unit: 'm³/h' },
  combustible_gas: { label: ['可燃气体', 'Combustible gas'], unit: '%LEL' },
  toxic_gas: { label: ['有毒气体', 'Toxic gas'], unit: 'ppm' },
  phreatic_line: { label: ['浸润线(埋深)', 'Phreatic line (burial depth)'], unit: 'm' },
  pond_water_level: { label: ['库水位', 'Pond water level'], unit: 'm' },
  dry_beach_length: { label: ['干滩长度', 'Dry beach length'], unit: 'm' },
  displacement: { label: ['位移', 'Displacement'], unit: 'mm' },
  rainfall: { label: ['雨量', 'Rainfall'], unit: 'mm' },
  water_level: { label: ['水位', 'Water level'], unit: 'm' },
  wind_speed: { label: ['风速', 'Wind speed'], unit: 'm/s' },
  pore_pressure: { label: ['孔隙水压力', 'Pore water pressure'], unit: 'kPa' },
  seepage_flow: { label: ['渗透水量', 'Seepage flow'], unit: 'L/s' },
  turbidity: { label: ['浑浊度', 'Turbidity'], unit: 'NTU' },
};

/** Short threshold names for summaries ("低 1 / 高 8 / 高高 9 m"). */
export const THRESHOLD_SHORT: Record<AlarmLevel, Msg> = {
  lowLow: ['低低', 'LL'], low: ['低', 'L'], high: ['高', 'H'], highHigh: ['高高', 'HH'],
};

/** Form labels of the thresholds. */
export const THRESHOLD_LABELS: Record<AlarmLevel, Msg> = {
  lowLow: ['低低报', 'Low-low'], low: ['低报', 'Low'], high: ['高报', 'High'], highHigh: ['高高报', 'High-high'],
};

/** Alarm levels of a case (incl. offline). Gas detectors name H/HH 一级/二级报警 (GAS_LEVEL_LABELS in rules.ts). */
export const LEVEL_LABELS: Record<AlarmCaseLevel, Msg> = {
  lowLow: ['低低报', 'Low-low'], low: ['低报', 'Low'], high: ['高报', 'High'], highHigh: ['高高报', 'High-high'], offline: ['离线', 'Offline'],
};
const GAS_LEVEL_LABELS: Partial<Record<AlarmCaseLevel, Msg>> = {
  high: ['一级报警', 'Level-1 alarm'], highHigh: ['二级报警', 'Level-2 alarm'],
};
export function levelLabel(type: SensorType | null | undefined, level: AlarmCaseLevel): Msg {
  const gas = type === 'combustible_gas' || type === 'toxic_gas';
  return (gas ? GAS_LEVEL_LABELS[level] : undefined) ?? LEVEL_LABELS[level];
}
/** 高高/低低 red, 高/低 orange, offline grey. */
export const LEVEL_COLORS: Record<AlarmCaseLevel, string> = {
  lowLow: 'red', highHigh: 'red', low: 'orange', high: 'orange', offline: 'default',
};

export const SENSOR_STATUS_LABELS: Record<SensorStatus, Msg> = {
  normal: ['正常', 'Normal'], pending: ['待确认超限', 'Pending'], alarm: ['报警', 'Alarm'], offline: ['离线', 'Offline'],
};
export const SENSOR_STATUS_COLORS: Record<SensorStatus, string> = {
  normal: 'green', pending: 'gold', alarm: 'red', offline: 'default',
};

export const ALARM_STATUS_LABELS: Record<AlarmStatus, Msg> = {
  raised: ['待确认', 'Raised'], acknowledged: ['已确认', 'Acknowledged'], feedback: ['已反馈', 'Feedback given'], closed: ['已消警', 'Closed'],
};
export const ALARM_STATUS_COLORS: Record<AlarmStatus, string> = {
  raised: 'red', acknowledged: 'orange', feedback: 'blue', closed: 'green',
};

export const CAUSE_LABELS: Record<DisposalCause, Msg> = {
  process_fluctuation: ['工艺波动', 'Process fluctuation'],
  equipment_fault: ['设备故障', 'Equipment fault'],
  false_alarm: ['误报', 'False alarm'],
  real_danger: ['真实险情', 'Real danger'],
  other: ['其他', 'Other'],
};

export const ACTION_LABELS: Record<AlarmActionType, Msg> = {
  acknowledge: ['确认', 'Acknowledge'], feedback: ['处置反馈', 'Give feedback'], return: ['退回', 'Return'], close: ['消警', 'Close'],
};
