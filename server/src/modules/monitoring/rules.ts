/**
 * Monitoring and alarms (监测预警) domain rules — pure functions and data, no I/O, no imports.
 *
 *   1. The sensor-type catalogue: code, zh/en label, default unit, usual alarm sides and, where
 *      ../shared/domain.md gives them, default or derived thresholds.
 *   2. Threshold configuration (低低/低/高/高高, any subset) with deadband, minimum duration and
 *      offline timeout, and its validation into field errors.
 *   3. The per-sensor alarm state machine: normal → pending → alarm level → recovered, offline,
 *      with hysteresis, minimum duration and one alarm per episode.
 *   4. The 消警 closed loop of an alarm case: raised → acknowledged → feedback → closed.
 *   5. The escalation ladder for unacknowledged alarms.
 *   6. Health figures: online rate, gaps, flat lines, alarms per day, false-alarm share, MTTA/MTTC.
 *
 * Every instant is epoch milliseconds (UTC), so a state is plain JSON that can sit in a DB row;
 * durations in configuration are seconds. The clock is always passed in. Nothing is mutated.
 * Sources and verification status as in domain.md: [V] verified, [P] partly, [U] unverified; [U]
 * and [P] values are exported data, never buried in logic. See docs/monitoring-rules.md.
 */

export type VerificationStatus = 'V' | 'P' | 'U';
export interface Bilingual { zh: string; en: string }

const SECOND_MS = 1000;
export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

// ─── Alarm levels ────────────────────────────────────────────────────────────────────────────────

/** 低低 / 低 / 高 / 高高 (LL / L / H / HH, the DCS/SIS convention). [U] domain.md §5.3, §12.2 */
export const ALARM_LEVELS = ['lowLow', 'low', 'high', 'highHigh'] as const;
export type AlarmLevel = (typeof ALARM_LEVELS)[number];
export type AlarmSide = 'low' | 'high';

export interface AlarmLevelMeta {
  side: AlarmSide;
  /** 1 = pre-alarm (L, H), 2 = interlock/trip level (LL, HH). */
  severity: 1 | 2;
  short: 'LL' | 'L' | 'H' | 'HH';
  label: Bilingual;
}

export const ALARM_LEVEL_META: Readonly<Record<AlarmLevel, AlarmLevelMeta>> = {
  lowLow: { side: 'low', severity: 2, short: 'LL', label: { zh: '低低', en: 'Low-low' } },
  low: { side: 'low', severity: 1, short: 'L', label: { zh: '低', en: 'Low' } },
  high: { side: 'high', severity: 1, short: 'H', label: { zh: '高', en: 'High' } },
  highHigh: { side: 'high', severity: 2, short: 'HH', label: { zh: '高高', en: 'High-high' } },
};

/** The levels of each side, least severe first. */
const SIDE_LEVELS: Readonly<Record<AlarmSide, readonly [AlarmLevel, AlarmLevel]>> = {
  low: ['low', 'lowLow'],
  high: ['high', 'highHigh'],
};

export type WarningColour = 'blue' | 'yellow' | 'orange' | 'red';

/**
 * Platform colour of each level: H/L → 黄, HH/LL → 红. domain.md §12.2 calls this "a common
 * choice; project decision, not a standard" — a default a deployment may replace.
 */
export const DEFAULT_ALARM_LEVEL_COLOURS: Readonly<Record<AlarmLevel, WarningColour>> = {
  lowLow: 'red', low: 'yellow', high: 'yellow', highHigh: 'red',
};

// ─── 1. Sensor types ─────────────────────────────────────────────────────────────────────────────

export const SENSOR_TYPES = [
  'liquid_level', 'temperature', 'pressure', 'flow', 'combustible_gas', 'toxic_gas',
  'phreatic_line', 'pond_water_level', 'dry_beach_length', 'displacement', 'rainfall',
  'water_level', 'wind_speed', 'pore_pressure', 'seepage_flow', 'turbidity',
] as const;
export type SensorType = (typeof SENSOR_TYPES)[number];

export interface Thresholds {
  lowLow?: number | null;
  low?: number | null;
  high?: number | null;
  highHigh?: number | null;
}

export interface SensorTypeEntry {
  code: SensorType;
  label: Bilingual;
  /** Default unit; a sensor may declare another (e.g. a tank level in % instead of m). */
  unit: string;
  /** The sides on which this quantity usually alarms (a form hint; any subset remains valid). */
  sides: readonly AlarmSide[];
  /** Default thresholds, only where domain.md gives a number. */
  defaults?: Thresholds;
  /** Upper bounds a set point should not exceed ("≤" in the standard), per level. */
  setPointLimits?: Partial<Record<AlarmLevel, number>>;
  /** Level names used for this type instead of 低/高 (e.g. 一级/二级报警 for gas detectors). */
  levelLabels?: Partial<Record<AlarmLevel, Bilingual>>;
  /** Where the type, unit and values come from (domain.md section), and how sure it is. */
  source: string;
  status: VerificationStatus;
}

const GAS_LEVEL_LABELS: Partial<Record<AlarmLevel, Bilingual>> = {
  high: { zh: '一级报警', en: 'Level-1 alarm' },
  highHigh: { zh: '二级报警', en: 'Level-2 alarm' },
};

/**
 * The catalogue. Items of major-hazard tank farms: domain.md §5.3 / §12.2 [U]; tailings-pond
 * items: §6.2 / §12.1 [V] (GB 50863 §5.5.2). Units follow domain.md §12.1 where it gives them;
 * the others (MPa, m³/h, m/s, NTU, °C) are our choice of customary unit.
 */
export const SENSOR_TYPE_CATALOGUE: Readonly<Record<SensorType, SensorTypeEntry>> = {
  liquid_level: { code: 'liquid_level', label: { zh: '液位', en: 'Liquid level' }, unit: 'm', sides: ['low', 'high'], source: 'domain.md §5.3, §12.2 (LL/L/H/HH)', status: 'U' },
  temperature: { code: 'temperature', label: { zh: '温度', en: 'Temperature' }, unit: '°C', sides: ['low', 'high'], source: 'domain.md §5.3, §12.2 (H/HH; L for refrigerated tanks)', status: 'U' },
  pressure: { code: 'pressure', label: { zh: '压力', en: 'Pressure' }, unit: 'MPa', sides: ['low', 'high'], source: 'domain.md §5.3, §12.2 (H/HH; L/LL for vacuum or refrigerated storage)', status: 'U' },
  flow: { code: 'flow', label: { zh: '流量', en: 'Flow' }, unit: 'm³/h', sides: ['low', 'high'], source: 'domain.md §5.3', status: 'U' },
  combustible_gas: {
    code: 'combustible_gas', label: { zh: '可燃气体', en: 'Combustible gas' }, unit: '%LEL', sides: ['high'],
    defaults: { high: 25, highHigh: 50 }, setPointLimits: { high: 25, highHigh: 50 }, levelLabels: GAS_LEVEL_LABELS,
    source: 'domain.md §5.3, §12.2: GB/T 50493-2019 一级报警 ≤ 25 %LEL, 二级报警 ≤ 50 %LEL', status: 'U',
  },
  toxic_gas: {
    code: 'toxic_gas', label: { zh: '有毒气体', en: 'Toxic gas' }, unit: 'ppm', sides: ['high'], levelLabels: GAS_LEVEL_LABELS,
    source: 'domain.md §5.3, §12.2: GB/T 50493-2019 一级 ≤ 100 % OEL, 二级 ≤ 200 % OEL and ≤ 10 % IDLH; OEL per gas (GBZ 2.1, not in domain.md) — see toxicGasThresholds()', status: 'U',
  },
  phreatic_line: {
    code: 'phreatic_line', label: { zh: '浸润线(埋深)', en: 'Phreatic line (burial depth)' }, unit: 'm', sides: ['low'],
    source: 'domain.md §6.2, §6.3, §12.1: alarms when the burial depth falls below the threshold; red = GB 50863 minimum depth (site table, not in domain.md), orange = 1.1 × red — see phreaticLineThresholds()', status: 'V',
  },
  pond_water_level: {
    code: 'pond_water_level', label: { zh: '库水位', en: 'Pond water level' }, unit: 'm', sides: ['high'],
    source: 'domain.md §6.3, §12.1: thresholds from the design documents (design flood level, pre-flood control level)', status: 'V',
  },
  dry_beach_length: {
    code: 'dry_beach_length', label: { zh: '干滩长度', en: 'Dry beach length' }, unit: 'm', sides: ['low'],
    source: 'domain.md §6.3, §12.1: alarms when below the minimum of GB 50863 (by dam type and grade, not in domain.md)', status: 'V',
  },
  displacement: {
    code: 'displacement', label: { zh: '位移', en: 'Displacement' }, unit: 'mm', sides: ['high'],
    source: 'domain.md §6.3, §12.1: dam and landslide-body displacement; landslide orange = 80 % of red — see landslideDisplacementThresholds()', status: 'V',
  },
  rainfall: {
    code: 'rainfall', label: { zh: '雨量', en: 'Rainfall' }, unit: 'mm', sides: ['high'],
    source: 'domain.md §6.3, §12.1: 1 h / 24 h totals; yellow = the 暴雨 rainfall of the meteorological service (value not in domain.md)', status: 'V',
  },
  water_level: { code: 'water_level', label: { zh: '水位', en: 'Water level' }, unit: 'm', sides: ['low', 'high'], source: 'product.md (monitoring stations); no thresholds in domain.md', status: 'U' },
  wind_speed: { code: 'wind_speed', label: { zh: '风速', en: 'Wind speed' }, unit: 'm/s', sides: ['high'], source: 'product.md (monitoring stations); no thresholds in domain.md', status: 'U' },
  pore_pressure: { code: 'pore_pressure', label: { zh: '孔隙水压力', en: 'Pore water pressure' }, unit: 'kPa', sides: ['high'], source: 'domain.md §6.2, §12.1 (三等 and above wet ponds, where necessary)', status: 'V' },
  seepage_flow: { code: 'seepage_flow', label: { zh: '渗透水量', en: 'Seepage flow' }, unit: 'L/s', sides: ['high'], source: 'domain.md §6.2, §12.1 (三等 and above wet ponds, where necessary)', status: 'V' },
  turbidity: { code: 'turbidity', label: { zh: '浑浊度', en: 'Turbidity' }, unit: 'NTU', sides: ['high'], source: 'domain.md §6.2, §12.1 (unit not given there; NTU is ours)', status: 'V' },
};

/** The name of a level for a sensor type: 一级报警 for a gas detector's H, 高 otherwise. */
export function levelLabel(type: SensorType, level: AlarmLevel): Bilingual {
  return SENSOR_TYPE_CATALOGUE[type].levelLabels?.[level] ?? ALARM_LEVEL_META[level].label;
}

/**
 * Toxic-gas set points from the gas's occupational exposure limit (OEL) and, if known, its IDLH,
 * in the sensor's unit: 一级 (H) = 100 % OEL, 二级 (HH) = min(200 % OEL, 10 % IDLH). These are the
 * highest values GB/T 50493-2019 allows [U, domain.md §5.3]. Throws RangeError on a non-positive
 * input or when 10 % IDLH leaves no room above the OEL.
 */
export function toxicGasThresholds(oel: number, idlh?: number): { high: number; highHigh: number } {
  if (!(Number.isFinite(oel) && oel > 0)) throw new RangeError('OEL must be a positive number');
  if (idlh !== undefined && !(Number.isFinite(idlh) && idlh > 0)) throw new RangeError('IDLH must be a positive number');
  const highHigh = idlh === undefined ? 2 * oel : Math.min(2 * oel, idlh / 10);
  if (highHigh <= oel) throw new RangeError('10 % of IDLH is not above the OEL: set the thresholds by hand');
  return { high: oel, highHigh };
}

/**
 * Tailings-pond phreatic line (burial depth, alarms downward): red = the minimum burial depth of
 * GB 50863's table for the pond, orange = 1.1 × red [V, domain.md §6.3]. Mapped onto the two
 * levels of the low side: orange → 低 (low), red → 低低 (lowLow) — our mapping, see the doc.
 */
export function phreaticLineThresholds(redDepthM: number): { low: number; lowLow: number } {
  if (!(Number.isFinite(redDepthM) && redDepthM > 0)) throw new RangeError('the red burial depth must be a positive number');
  return { low: round9(1.1 * redDepthM), lowLow: redDepthM };
}

/**
 * Landslide-body displacement in the reservoir area: orange = 80 % of red [V, domain.md §6.3].
 * orange → 高 (high), red → 高高 (highHigh) — our mapping, see the doc.
 */
export function landslideDisplacementThresholds(redMm: number): { high: number; highHigh: number } {
  if (!(Number.isFinite(redMm) && redMm > 0)) throw new RangeError('the red displacement must be a positive number');
  return { high: round9(0.8 * redMm), highHigh: redMm };
}

function round9(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

// ─── 2. Threshold configuration ──────────────────────────────────────────────────────────────────

export interface AlarmConfig extends Thresholds {
  /** Hysteresis, in the sensor's unit: a level is left only past threshold ∓ deadband. ≥ 0. */
  deadband: number;
  /** A level is raised only after the value stays beyond its threshold this long. ≥ 0. */
  minDurationSec: number;
  /** Offline when no reading for longer than this. > 0. */
  offlineTimeoutSec: number;
}

/**
 * Timing defaults when a sensor gives none: no deadband, no delay, offline after 15 minutes.
 * A project default, not a standard: domain.md gives no upload interval or offline timeout.
 */
export const DEFAULT_ALARM_TIMING: Readonly<Pick<AlarmConfig, 'deadband' | 'minDurationSec' | 'offlineTimeoutSec'>> = {
  deadband: 0, minDurationSec: 0, offlineTimeoutSec: 900,
};

/** A starting configuration for a new sensor of this type: its catalogue thresholds and the timing defaults. */
export function defaultAlarmConfig(type: SensorType): AlarmConfig {
  return { ...DEFAULT_ALARM_TIMING, ...(SENSOR_TYPE_CATALOGUE[type].defaults ?? {}) };
}

export interface FieldError { path: keyof AlarmConfig; message: Bilingual }

const present = (x: number | null | undefined): x is number => x !== undefined && x !== null;
const fmt = (x: number) => String(x);

/**
 * Field errors of a threshold configuration, [] when valid: each threshold present is finite; the
 * present ones are strictly ordered 低低 < 低 < 高 < 高高; the deadband is ≥ 0 and smaller than
 * every gap between neighbouring thresholds (else leaving one level would jump over the next);
 * minDurationSec ≥ 0; offlineTimeoutSec > 0.
 */
export function validateAlarmConfig(c: AlarmConfig): FieldError[] {
  const errors: FieldError[] = [];
  const set: AlarmLevel[] = [];
  for (const level of ALARM_LEVELS) {
    const v = c[level];
    if (!present(v)) continue;
    if (!Number.isFinite(v)) {
      errors.push({ path: level, message: { zh: `${ALARM_LEVEL_META[level].label.zh}报警值必须是有限数值`, en: `${level} must be a finite number` } });
      continue;
    }
    const prev = set.at(-1);
    if (prev !== undefined && !(v > c[prev]!)) {
      errors.push({ path: level, message: {
        zh: `${ALARM_LEVEL_META[level].label.zh}报警值必须大于${ALARM_LEVEL_META[prev].label.zh}报警值(${fmt(c[prev]!)})`,
        en: `${level} must be greater than ${prev} (${fmt(c[prev]!)})`,
      } });
      continue;
    }
    set.push(level);
  }
  if (!(Number.isFinite(c.deadband) && c.deadband >= 0)) {
    errors.push({ path: 'deadband', message: { zh: '回差(死区)必须是不小于 0 的数值', en: 'deadband must be a number ≥ 0' } });
  } else if (errors.length === 0 && set.length >= 2) {
    const gap = Math.min(...set.slice(1).map((l, i) => c[l]! - c[set[i]!]!));
    if (!(c.deadband < gap)) {
      errors.push({ path: 'deadband', message: {
        zh: `回差(死区)必须小于相邻报警值之间的最小间距(${fmt(gap)})`,
        en: `deadband must be smaller than the smallest gap between thresholds (${fmt(gap)})`,
      } });
    }
  }
  if (!(Number.isFinite(c.minDurationSec) && c.minDurationSec >= 0)) {
    errors.push({ path: 'minDurationSec', message: { zh: '最短持续时间必须是不小于 0 的秒数', en: 'minDurationSec must be a number of seconds ≥ 0' } });
  }
  if (!(Number.isFinite(c.offlineTimeoutSec) && c.offlineTimeoutSec > 0)) {
    errors.push({ path: 'offlineTimeoutSec', message: { zh: '离线超时必须是大于 0 的秒数', en: 'offlineTimeoutSec must be a number of seconds > 0' } });
  }
  return errors;
}

/**
 * Advice, not errors: thresholds above the set-point limits of the type's standard (e.g. a
 * combustible-gas 一级 set above 25 %LEL). The limits are [U] (domain.md §5.3), so a deployment
 * may decide to warn, to refuse, or to ignore.
 */
export function setPointAdvice(type: SensorType, t: Thresholds): FieldError[] {
  const entry = SENSOR_TYPE_CATALOGUE[type];
  const out: FieldError[] = [];
  for (const level of ALARM_LEVELS) {
    const limit = entry.setPointLimits?.[level];
    const v = t[level];
    if (limit === undefined || !present(v) || v <= limit) continue;
    const name = levelLabel(type, level);
    out.push({ path: level, message: {
      zh: `${name.zh}设定值 ${fmt(v)} ${entry.unit} 高于标准上限 ${fmt(limit)} ${entry.unit}`,
      en: `${name.en} set point ${fmt(v)} ${entry.unit} is above the standard's limit of ${fmt(limit)} ${entry.unit}`,
    } });
  }
  return out;
}

// ─── 3. The per-sensor alarm state machine ───────────────────────────────────────────────────────

export type SensorStatus = 'normal' | 'pending' | 'alarm' | 'offline';

/** One alarm episode: from its raise to its recovery. `seq` numbers the sensor's episodes from 1. */
export interface Episode {
  seq: number;
  startedAt: number;
  /** The level now. */
  level: AlarmLevel;
  /** The most severe level reached in this episode. */
  peak: AlarmLevel;
}

/** Since when the value has been beyond each level's threshold, in consecutive readings (null: it is not). */
export type ExcursionRuns = Record<AlarmLevel, number | null>;

/**
 * The alarm state of one sensor. Plain JSON: store it in the sensor's row and update it with
 * `… WHERE sensor_id = $1 AND version = $old` so that two consumers never both apply a transition.
 */
export interface SensorAlarmState {
  /** +1 on every change; unchanged when a reading is ignored. */
  version: number;
  status: SensorStatus;
  /** The open episode; kept while the sensor is offline (the value is unknown, not normal). */
  episode: Episode | null;
  /** A level crossed whose minimum duration is not met yet: from normal, or an escalation. */
  pending: { level: AlarmLevel; since: number } | null;
  runs: ExcursionRuns;
  /** Number of episodes raised so far (the last `episode.seq`). */
  episodeSeq: number;
  lastReadingTs: number | null;
  lastValue: number | null;
  /** From when silence counts before the first reading (the sensor's registration). */
  watchSince: number;
  offlineSince: number | null;
}

export type ReadingQuality = 'good' | 'bad';
export interface Reading { ts: number; value: number; quality?: ReadingQuality }

export type AlarmEvent =
  | { type: 'raise'; episode: number; level: AlarmLevel; at: number; value: number; excursionSince: number }
  | { type: 'escalate'; episode: number; from: AlarmLevel; to: AlarmLevel; at: number; value: number }
  | { type: 'deescalate'; episode: number; from: AlarmLevel; to: AlarmLevel; at: number; value: number }
  | { type: 'recover'; episode: number; from: AlarmLevel; at: number; value: number; startedAt: number }
  | { type: 'offline'; at: number; lastReadingTs: number | null; episode: number | null }
  | { type: 'back_online'; at: number; offlineSince: number };
export type AlarmEventType = AlarmEvent['type'];

export type IgnoredReason = 'out_of_order' | 'bad_quality' | 'invalid_reading';

export interface EvaluateResult {
  state: SensorAlarmState;
  events: AlarmEvent[];
  /** Set when the reading was ignored; `state` is then the input state itself. */
  ignored?: IgnoredReason;
}

const NO_RUNS: ExcursionRuns = { lowLow: null, low: null, high: null, highHigh: null };

/** The state of a newly registered sensor: normal, no readings; silence counts from `createdAt`. */
export function initialSensorState(createdAt: number): SensorAlarmState {
  return {
    version: 0, status: 'normal', episode: null, pending: null, runs: { ...NO_RUNS }, episodeSeq: 0,
    lastReadingTs: null, lastValue: null, watchSince: createdAt, offlineSince: null,
  };
}

/** Entry condition: the value is at or beyond the threshold (≥ 高, ≤ 低). */
function beyond(level: AlarmLevel, v: number, c: Thresholds): boolean {
  const t = c[level];
  if (!present(t)) return false;
  return ALARM_LEVEL_META[level].side === 'high' ? v >= t : v <= t;
}

/** Hold condition: the level is kept until the value crosses back past threshold ∓ deadband. */
function holds(level: AlarmLevel, v: number, c: AlarmConfig): boolean {
  const t = c[level];
  if (!present(t)) return false;
  return ALARM_LEVEL_META[level].side === 'high' ? v >= t - c.deadband : v <= t + c.deadband;
}

const severity = (l: AlarmLevel) => ALARM_LEVEL_META[l].severity;
const sideOf = (l: AlarmLevel) => ALARM_LEVEL_META[l].side;
const moreSevere = (a: AlarmLevel, b: AlarmLevel) => (severity(a) >= severity(b) ? a : b);

/** The most severe level whose run has lasted at least the minimum duration, if any. */
function qualifiedLevel(runs: ExcursionRuns, ts: number, minMs: number): AlarmLevel | null {
  let best: AlarmLevel | null = null;
  for (const level of ALARM_LEVELS) {
    const since = runs[level];
    if (since !== null && ts - since >= minMs && (best === null || severity(level) > severity(best))) best = level;
  }
  return best;
}

/** The most severe level the value is beyond now (its run is open), if any. */
function crossedLevel(runs: ExcursionRuns): AlarmLevel | null {
  let best: AlarmLevel | null = null;
  for (const level of ALARM_LEVELS) if (runs[level] !== null && (best === null || severity(level) > severity(best))) best = level;
  return best;
}

/**
 * Feeds one reading to a sensor's state. Ignored (state returned as is, no events): a non-finite
 * ts or value; ts ≤ the last reading's ts (out of order or duplicate); quality 'bad'.
 *
 * Otherwise, in order: back online if offline; the excursion runs are updated (a run starts at the
 * first reading at or beyond a threshold and is reset by any reading back inside it, by the sensor
 * going offline, or by a silence longer than the offline timeout); then, with an open episode:
 * escalate when a more severe level of the same side has lasted minDurationSec; else keep the level
 * while the value has not crossed back past threshold ∓ deadband; else de-escalate to the less
 * severe level of the same side that still holds; else recover (the episode ends). With no open
 * episode, raise the most severe level whose run has lasted minDurationSec — one raise per episode.
 */
export function evaluate(state: SensorAlarmState, reading: Reading, config: AlarmConfig): EvaluateResult {
  const { ts, value } = reading;
  if (!Number.isFinite(ts) || !Number.isFinite(value)) return { state, events: [], ignored: 'invalid_reading' };
  if (state.lastReadingTs !== null && ts <= state.lastReadingTs) return { state, events: [], ignored: 'out_of_order' };
  if (reading.quality === 'bad') return { state, events: [], ignored: 'bad_quality' };

  const events: AlarmEvent[] = [];
  if (state.status === 'offline') events.push({ type: 'back_online', at: ts, offlineSince: state.offlineSince ?? ts });

  const silence = state.lastReadingTs !== null && ts - state.lastReadingTs > config.offlineTimeoutSec * SECOND_MS;
  const base = state.status === 'offline' || silence ? NO_RUNS : state.runs;
  const runs: ExcursionRuns = { ...NO_RUNS };
  for (const level of ALARM_LEVELS) runs[level] = beyond(level, value, config) ? (base[level] ?? ts) : null;

  const qualified = qualifiedLevel(runs, ts, config.minDurationSec * SECOND_MS);
  let episode = state.episode;
  let episodeSeq = state.episodeSeq;

  if (episode) {
    const current = episode.level;
    const [lesser, greater] = SIDE_LEVELS[sideOf(current)];
    if (qualified !== null && sideOf(qualified) === sideOf(current) && severity(qualified) > severity(current)) {
      events.push({ type: 'escalate', episode: episode.seq, from: current, to: qualified, at: ts, value });
      episode = { ...episode, level: qualified, peak: moreSevere(episode.peak, qualified) };
    } else if (!holds(current, value, config)) {
      if (current === greater && holds(lesser, value, config)) {
        events.push({ type: 'deescalate', episode: episode.seq, from: current, to: lesser, at: ts, value });
        episode = { ...episode, level: lesser };
      } else {
        events.push({ type: 'recover', episode: episode.seq, from: current, at: ts, value, startedAt: episode.startedAt });
        episode = null;
      }
    }
  }
  if (episode === null && qualified !== null) {
    episodeSeq += 1;
    events.push({ type: 'raise', episode: episodeSeq, level: qualified, at: ts, value, excursionSince: runs[qualified]! });
    episode = { seq: episodeSeq, startedAt: ts, level: qualified, peak: qualified };
  }

  const crossed = crossedLevel(runs);
  const pending = crossed !== null && (episode === null || (sideOf(crossed) === sideOf(episode.level) && severity(crossed) > severity(episode.level)))
    ? { level: crossed, since: runs[crossed]! }
    : null;
  const status: SensorStatus = episode ? 'alarm' : pending ? 'pending' : 'normal';
  return {
    state: {
      version: state.version + 1, status, episode, pending, runs, episodeSeq,
      lastReadingTs: ts, lastValue: value, watchSince: state.watchSince, offlineSince: null,
    },
    events,
  };
}

/**
 * The offline check a periodic job runs: offline when now − last reading (or registration, before
 * any reading) > offlineTimeoutSec. The open episode, if any, is kept (the value is unknown, not
 * back to normal); runs and pending are cleared (readings are no longer consecutive). An offline
 * sensor stays offline, with no further event, until its next accepted reading.
 */
export function checkOffline(state: SensorAlarmState, now: number, config: Pick<AlarmConfig, 'offlineTimeoutSec'>): { state: SensorAlarmState; events: AlarmEvent[] } {
  if (state.status === 'offline') return { state, events: [] };
  const ref = state.lastReadingTs ?? state.watchSince;
  if (!(now - ref > config.offlineTimeoutSec * SECOND_MS)) return { state, events: [] };
  return {
    state: { ...state, version: state.version + 1, status: 'offline', pending: null, runs: { ...NO_RUNS }, offlineSince: now },
    events: [{ type: 'offline', at: now, lastReadingTs: state.lastReadingTs, episode: state.episode?.seq ?? null }],
  };
}

// ─── 4. The 消警 closed loop ─────────────────────────────────────────────────────────────────────

/** The roles of platform/permissions.ts (kept in step by rules.test.ts; rules.ts imports nothing). */
export type AlarmRole =
  | 'admin' | 'duty_officer' | 'commander' | 'bureau_staff' | 'regulator'
  | 'township' | 'enterprise' | 'inspector' | 'informant' | 'team_contact';

export const ALARM_CASE_STATUSES = ['raised', 'acknowledged', 'feedback', 'closed'] as const;
export type AlarmCaseStatus = (typeof ALARM_CASE_STATUSES)[number];
export const ALARM_CASE_STATUS_LABELS: Readonly<Record<AlarmCaseStatus, Bilingual>> = {
  raised: { zh: '待确认', en: 'Raised' },
  acknowledged: { zh: '已确认', en: 'Acknowledged' },
  feedback: { zh: '已反馈', en: 'Feedback given' },
  closed: { zh: '已消警', en: 'Closed' },
};

/** Disposal causes of the issue: 工艺波动/设备故障/误报/真实险情/其他. */
export const DISPOSAL_CAUSES = ['process_fluctuation', 'equipment_fault', 'false_alarm', 'real_danger', 'other'] as const;
export type DisposalCause = (typeof DISPOSAL_CAUSES)[number];
export const DISPOSAL_CAUSE_LABELS: Readonly<Record<DisposalCause, Bilingual>> = {
  process_fluctuation: { zh: '工艺波动', en: 'Process fluctuation' },
  equipment_fault: { zh: '设备故障', en: 'Equipment fault' },
  false_alarm: { zh: '误报', en: 'False alarm' },
  real_danger: { zh: '真实险情', en: 'Real danger' },
  other: { zh: '其他', en: 'Other' },
};

export interface DisposalFeedback {
  cause: DisposalCause;
  /** Required when the cause is 其他. */
  causeNote: string | null;
  measures: string;
  photoIds: string[];
  by: string;
  at: number;
}

/** What the closed loop needs to know about an alarm case (the service maps its row to this). */
export interface AlarmCase {
  status: AlarmCaseStatus;
  /** The unit that owns the sensor (enterprise, or the office of a monitoring station); null if none. */
  orgId: string | null;
  raisedAt: number;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  feedback: DisposalFeedback | null;
  closedAt: number | null;
  closedBy: string | null;
  /** Who confirmed a 真实险情 (by closing it). */
  confirmedBy: string | null;
  /** When the sensor recovered — information only: recovery never closes the case. */
  recoveredAt: number | null;
}

export interface AlarmActor { userId: string; roles: readonly AlarmRole[]; orgId: string | null }

export type AlarmCaseAction =
  | { type: 'acknowledge'; note?: string }
  | { type: 'feedback'; cause: DisposalCause; causeNote?: string; measures: string; photoIds?: readonly string[]; note?: string }
  /** A supervisor sends the feedback back (退回) for another one; a reason is required. */
  | { type: 'return'; reason: string }
  | { type: 'close'; note?: string };
export type AlarmCaseActionType = AlarmCaseAction['type'];

export const ALARM_CASE_ACTION_LABELS: Readonly<Record<AlarmCaseActionType, Bilingual>> = {
  acknowledge: { zh: '确认', en: 'Acknowledge' },
  feedback: { zh: '处置反馈', en: 'Give disposal feedback' },
  return: { zh: '退回反馈', en: 'Return the feedback' },
  close: { zh: '消警', en: 'Close' },
};

/** The statuses each action may start from, and where it leads. */
export const ALARM_CASE_TRANSITIONS: Readonly<Record<AlarmCaseActionType, { from: readonly AlarmCaseStatus[]; to: AlarmCaseStatus }>> = {
  acknowledge: { from: ['raised'], to: 'acknowledged' },
  feedback: { from: ['acknowledged'], to: 'feedback' },
  return: { from: ['feedback'], to: 'acknowledged' },
  close: { from: ['feedback'], to: 'closed' },
};

/**
 * Role policy (a project decision; the issue names the loop, product.md the escalation path):
 * - acknowledge: the owning unit's enterprise users, or a supervisor — township/park, department
 *   regulator, bureau duty officer or bureau staff (the service checks their scope);
 * - feedback: the owning unit (any participating role whose organisation is the case's `orgId`);
 *   when the sensor has no owning unit, a supervisor;
 * - return (退回, feedback → acknowledged): a supervisor not of the owning unit, with a reason — the
 *   only way to change a cause once given, so an owner cannot turn its own 真实险情 into 误报 and close it;
 * - close: the owning unit or a supervisor — except a 真实险情, which only a regulator or bureau
 *   staff of another unit may close, their closing being the confirmation;
 * - admin, commanders, inspectors, informants and team contacts take no part.
 */
export const ALARM_SUPERVISOR_ROLES: readonly AlarmRole[] = ['township', 'regulator', 'duty_officer', 'bureau_staff'];
export const ALARM_OWNER_ROLES: readonly AlarmRole[] = ['enterprise', 'township', 'regulator', 'duty_officer', 'bureau_staff'];
export const REAL_DANGER_CONFIRMER_ROLES: readonly AlarmRole[] = ['regulator', 'bureau_staff'];

export interface AlarmTimelineEntry {
  at: number;
  action: AlarmCaseActionType;
  from: AlarmCaseStatus;
  to: AlarmCaseStatus;
  actorId: string;
  actorRole: AlarmRole;
  note: string | null;
  photoIds: string[];
}

export type AlarmCaseErrorCode =
  | 'invalid_transition' | 'role_not_allowed' | 'not_owner_unit' | 'confirmation_required'
  | 'own_confirmation' | 'own_review' | 'invalid_cause' | 'cause_note_required' | 'measures_required'
  | 'reason_required';

export const ALARM_CASE_ERROR_STATUS: Readonly<Record<AlarmCaseErrorCode, number>> = {
  invalid_transition: 409,
  role_not_allowed: 403,
  not_owner_unit: 403,
  confirmation_required: 403,
  own_confirmation: 403,
  own_review: 403,
  invalid_cause: 400,
  cause_note_required: 400,
  measures_required: 400,
  reason_required: 400,
};

export interface AlarmCaseError { ok: false; code: AlarmCaseErrorCode; status: number; message: Bilingual }
export type AlarmCaseResult = { ok: true; alarm: AlarmCase; entry: AlarmTimelineEntry } | AlarmCaseError;

function refuse(code: AlarmCaseErrorCode, zh: string, en: string): AlarmCaseError {
  return { ok: false, code, status: ALARM_CASE_ERROR_STATUS[code], message: { zh, en } };
}

const filled = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim().length > 0;

/** Who may take this action on this case: the role that allows it, or the refusal. */
function authoriseAlarm(type: AlarmCaseActionType, a: AlarmCase, actor: AlarmActor): AlarmRole | AlarmCaseError {
  const ownUnit = a.orgId !== null && actor.orgId === a.orgId;
  const has = (roles: readonly AlarmRole[]) => actor.roles.find((r) => roles.includes(r));
  const notOwner = () => refuse('not_owner_unit', '只能处置本单位传感器的报警', 'Only the unit that owns the sensor may do this');
  if (type === 'acknowledge') {
    const role = has(ALARM_SUPERVISOR_ROLES) ?? (ownUnit ? has(['enterprise']) : undefined);
    if (role) return role;
    return actor.roles.includes('enterprise') ? notOwner() : refuse('role_not_allowed', '当前角色不能确认报警', 'Your role may not acknowledge alarms');
  }
  if (type === 'feedback') {
    const role = a.orgId === null ? has(ALARM_SUPERVISOR_ROLES) : has(ALARM_OWNER_ROLES);
    if (!role) return refuse('role_not_allowed', '当前角色不能填写处置反馈', 'Your role may not give disposal feedback');
    if (a.orgId !== null && !ownUnit) return notOwner();
    return role;
  }
  if (type === 'return') {
    const role = has(ALARM_SUPERVISOR_ROLES);
    if (!role) return refuse('role_not_allowed', '当前角色不能退回处置反馈', 'Your role may not return disposal feedback');
    if (ownUnit) return refuse('own_review', '不能退回本单位的处置反馈', 'You may not return the feedback of your own unit');
    return role;
  }
  if (a.feedback?.cause === 'real_danger') {
    const role = has(REAL_DANGER_CONFIRMER_ROLES);
    if (!role) return refuse('confirmation_required', '真实险情须经行业监管部门或应急管理局确认后方可消警', 'A real danger is closed only on confirmation by a regulator or the bureau');
    if (ownUnit) return refuse('own_confirmation', '不能确认本单位的真实险情', 'You may not confirm a real danger of your own unit');
    return role;
  }
  const role = has(ALARM_SUPERVISOR_ROLES) ?? (ownUnit ? has(ALARM_OWNER_ROLES) : undefined);
  if (role) return role;
  return actor.roles.includes('enterprise') ? notOwner() : refuse('role_not_allowed', '当前角色不能消警', 'Your role may not close alarms');
}

/** The actions this actor may take on this case now (for buttons); payload rules not applied. */
export function availableAlarmActions(a: AlarmCase, actor: AlarmActor): AlarmCaseActionType[] {
  return (Object.keys(ALARM_CASE_TRANSITIONS) as AlarmCaseActionType[]).filter(
    (t) => ALARM_CASE_TRANSITIONS[t].from.includes(a.status) && typeof authoriseAlarm(t, a, actor) === 'string',
  );
}

/**
 * Applies one step of the 消警 loop. Checks, in order: the action is allowed in the current status;
 * the actor's role and unit (see ALARM_SUPERVISOR_ROLES); the payload (a known cause, a note for
 * 其他, non-blank measures; a reason to return). Returns the next case and its timeline entry, or a refusal with a
 * stable code and zh/en message. Pure: `now` (epoch ms) is the clock; the input is not mutated.
 */
export function alarmTransition(a: AlarmCase, action: AlarmCaseAction, actor: AlarmActor, now: number): AlarmCaseResult {
  const t = ALARM_CASE_TRANSITIONS[action.type];
  if (!t.from.includes(a.status)) {
    return refuse('invalid_transition',
      `报警处于「${ALARM_CASE_STATUS_LABELS[a.status].zh}」,不能${ALARM_CASE_ACTION_LABELS[action.type].zh}`,
      `An alarm in status "${ALARM_CASE_STATUS_LABELS[a.status].en}" cannot be: ${ALARM_CASE_ACTION_LABELS[action.type].en.toLowerCase()}`);
  }
  const role = authoriseAlarm(action.type, a, actor);
  if (typeof role !== 'string') return role;

  const next: AlarmCase = { ...a, status: t.to };
  let note: string | null = 'note' in action && filled(action.note) ? action.note.trim() : null;
  let photoIds: string[] = [];
  switch (action.type) {
    case 'acknowledge':
      next.acknowledgedAt = now;
      next.acknowledgedBy = actor.userId;
      break;
    case 'feedback': {
      if (!(DISPOSAL_CAUSES as readonly string[]).includes(action.cause)) {
        return refuse('invalid_cause', '请选择报警原因', 'Choose a cause from the list');
      }
      if (action.cause === 'other' && !filled(action.causeNote)) {
        return refuse('cause_note_required', '原因为「其他」时须说明具体原因', 'Describe the cause when it is "other"');
      }
      if (!filled(action.measures)) return refuse('measures_required', '请填写处置措施', 'Describe the measures taken');
      photoIds = [...(action.photoIds ?? [])];
      next.feedback = {
        cause: action.cause, causeNote: filled(action.causeNote) ? action.causeNote.trim() : null,
        measures: action.measures.trim(), photoIds: [...photoIds], by: actor.userId, at: now,
      };
      break;
    }
    case 'return':
      if (!filled(action.reason)) return refuse('reason_required', '退回须填写原因', 'A reason is required to return the feedback');
      next.feedback = null;
      note = action.reason.trim();
      break;
    case 'close':
      next.closedAt = now;
      next.closedBy = actor.userId;
      if (a.feedback?.cause === 'real_danger') next.confirmedBy = actor.userId;
      break;
  }
  const entry: AlarmTimelineEntry = { at: now, action: action.type, from: a.status, to: t.to, actorId: actor.userId, actorRole: role, note, photoIds };
  return { ok: true, alarm: next, entry };
}

/**
 * Records the sensor's recovery on its case: information only, the status is unchanged (the case
 * still needs its acknowledgement, feedback and close). Keeps the first recovery time.
 */
export function recordRecovery(a: AlarmCase, at: number): AlarmCase {
  return a.recoveredAt !== null ? a : { ...a, recoveredAt: at };
}

// ─── 5. Escalation of unacknowledged alarms ──────────────────────────────────────────────────────

export type AlarmEscalationTarget = 'owner' | 'regulator_township' | 'duty_room';
export interface AlarmEscalationStep { afterMinutes: number; notify: AlarmEscalationTarget }

export const ALARM_ESCALATION_TARGET_LABELS: Readonly<Record<AlarmEscalationTarget, Bilingual>> = {
  owner: { zh: '传感器所属单位', en: 'the unit that owns the sensor' },
  regulator_township: { zh: '行业监管部门和属地乡镇', en: 'the regulating department and the township' },
  duty_room: { zh: '应急管理局值班室', en: 'the bureau duty room' },
};

/**
 * Default ladder of the issue: at raise → the owning unit; unacknowledged 15 min → the regulating
 * department and township; 30 min → the bureau duty room. A project default (issue 5), not a
 * standard; a deployment configures its own.
 */
export const DEFAULT_ALARM_ESCALATION_STEPS: readonly AlarmEscalationStep[] = [
  { afterMinutes: 0, notify: 'owner' },
  { afterMinutes: 15, notify: 'regulator_township' },
  { afterMinutes: 30, notify: 'duty_room' },
];

/** Throws RangeError unless the steps are non-negative and strictly increasing. */
export function checkEscalationSteps(steps: readonly AlarmEscalationStep[]): void {
  steps.forEach((s, i) => {
    if (!(Number.isFinite(s.afterMinutes) && s.afterMinutes >= 0)) throw new RangeError('afterMinutes must be a non-negative number');
    if (i > 0 && s.afterMinutes <= steps[i - 1]!.afterMinutes) throw new RangeError('escalation steps must be in strictly increasing afterMinutes');
  });
}

/**
 * The highest step reached by an alarm still unacknowledged (status 'raised'): a step is reached
 * once now − raisedAt ≥ afterMinutes. null once acknowledged (or later) or before the first step.
 */
export function escalationStep(
  alarm: Pick<AlarmCase, 'status' | 'raisedAt'>, now: number, steps: readonly AlarmEscalationStep[] = DEFAULT_ALARM_ESCALATION_STEPS,
): { index: number; step: AlarmEscalationStep } | null {
  checkEscalationSteps(steps);
  if (alarm.status !== 'raised') return null;
  const waited = now - alarm.raisedAt;
  for (let index = steps.length - 1; index >= 0; index--) {
    const step = steps[index]!;
    if (waited >= step.afterMinutes * MINUTE_MS) return { index, step };
  }
  return null;
}

/**
 * Steps reached but not yet notified, for a job that stores the last step it notified
 * (`lastStepNotified`, null for none): after a pause it catches up on every missed step, in
 * order, and never repeats one.
 */
export function dueSteps(
  alarm: Pick<AlarmCase, 'status' | 'raisedAt'>, lastStepNotified: number | null, now: number,
  steps: readonly AlarmEscalationStep[] = DEFAULT_ALARM_ESCALATION_STEPS,
): { index: number; step: AlarmEscalationStep }[] {
  const reached = escalationStep(alarm, now, steps);
  if (!reached) return [];
  const from = lastStepNotified === null ? 0 : lastStepNotified + 1;
  return steps.slice(from, reached.index + 1).map((step, i) => ({ index: from + i, step }));
}

// ─── 6. Health figures ───────────────────────────────────────────────────────────────────────────

/** A half-open window [from, to) of epoch ms. */
export interface TimeWindow { from: number; to: number }

function checkWindow(w: TimeWindow): void {
  if (!(Number.isFinite(w.from) && Number.isFinite(w.to) && w.to >= w.from)) throw new RangeError('the window must have finite from ≤ to');
}

/**
 * Online rate over a window: split [from, to) into slots of the expected reporting interval (the
 * last slot may be shorter) and count the slots holding at least one reading. null for an empty
 * window. Pass the timestamps of readings accepted from the sensor.
 */
export function onlineRate(readingTs: readonly number[], window: TimeWindow, expectedIntervalSec: number): number | null {
  checkWindow(window);
  if (!(Number.isFinite(expectedIntervalSec) && expectedIntervalSec > 0)) throw new RangeError('the expected interval must be > 0 seconds');
  const span = window.to - window.from;
  if (span === 0) return null;
  const slotMs = expectedIntervalSec * SECOND_MS;
  const slots = Math.ceil(span / slotMs);
  const covered = new Set<number>();
  for (const ts of readingTs) if (ts >= window.from && ts < window.to) covered.add(Math.floor((ts - window.from) / slotMs));
  return covered.size / slots;
}

export interface Gap { from: number; to: number; durationSec: number }

/**
 * Silences longer than maxGapSec inside [from, to): between the window start and the first
 * reading, between consecutive readings, and between the last reading and the window end.
 */
export function readingGaps(readingTs: readonly number[], window: TimeWindow, maxGapSec: number): Gap[] {
  checkWindow(window);
  if (!(Number.isFinite(maxGapSec) && maxGapSec >= 0)) throw new RangeError('maxGapSec must be ≥ 0');
  const inside = readingTs.filter((ts) => ts >= window.from && ts < window.to).sort((a, b) => a - b);
  const gaps: Gap[] = [];
  let prev = window.from;
  for (const ts of [...inside, window.to]) {
    if (ts - prev > maxGapSec * SECOND_MS) gaps.push({ from: prev, to: ts, durationSec: (ts - prev) / SECOND_MS });
    prev = ts;
  }
  return gaps;
}

export interface FlatRun { from: number; to: number; count: number; value: number }

/**
 * Flat lines: runs of consecutive readings (by time) whose values stay within `tolerance` of each
 * other (0: identical — zero variance) with at least `minCount` readings and, if given, lasting at
 * least `minDurationSec`. A stuck sensor shows as a run that reaches its latest reading.
 */
export function flatLines(
  readings: readonly { ts: number; value: number }[],
  opts: { minCount: number; minDurationSec?: number; tolerance?: number },
): FlatRun[] {
  const tolerance = opts.tolerance ?? 0;
  const minDurationMs = (opts.minDurationSec ?? 0) * SECOND_MS;
  if (!(Number.isInteger(opts.minCount) && opts.minCount >= 2)) throw new RangeError('minCount must be an integer ≥ 2');
  if (!(tolerance >= 0) || !(minDurationMs >= 0)) throw new RangeError('tolerance and minDurationSec must be ≥ 0');
  const sorted = [...readings].sort((a, b) => a.ts - b.ts);
  const runs: FlatRun[] = [];
  let start = 0;
  let lo = Infinity;
  let hi = -Infinity;
  const close = (end: number) => {
    const count = end - start;
    if (count >= opts.minCount && sorted[end - 1]!.ts - sorted[start]!.ts >= minDurationMs) {
      runs.push({ from: sorted[start]!.ts, to: sorted[end - 1]!.ts, count, value: sorted[start]!.value });
    }
  };
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i]!.value;
    const nlo = Math.min(lo, v);
    const nhi = Math.max(hi, v);
    if (nhi - nlo > tolerance) {
      close(i);
      start = i;
      lo = v;
      hi = v;
    } else {
      lo = nlo;
      hi = nhi;
    }
  }
  if (sorted.length) close(sorted.length);
  return runs;
}

/** Alarms raised in [from, to) per 24 h of the window; null for an empty window. */
export function alarmsPerDay(raisedAt: readonly number[], window: TimeWindow): number | null {
  checkWindow(window);
  if (window.to === window.from) return null;
  const count = raisedAt.filter((t) => t >= window.from && t < window.to).length;
  return count / ((window.to - window.from) / DAY_MS);
}

/**
 * Share of false alarms (cause 误报) among the cases whose cause is known (feedback given); null
 * when no case has feedback yet.
 */
export function falseAlarmShare(cases: readonly Pick<AlarmCase, 'feedback'>[]): number | null {
  const known = cases.filter((c) => c.feedback !== null);
  if (!known.length) return null;
  return known.filter((c) => c.feedback!.cause === 'false_alarm').length / known.length;
}

function meanSeconds(pairs: readonly [number, number][]): number | null {
  if (!pairs.length) return null;
  return pairs.reduce((s, [from, to]) => s + (to - from), 0) / pairs.length / SECOND_MS;
}

/** Mean time from raise to acknowledgement, in seconds, over the acknowledged cases; null if none. */
export function meanTimeToAcknowledgeSec(cases: readonly Pick<AlarmCase, 'raisedAt' | 'acknowledgedAt'>[]): number | null {
  return meanSeconds(cases.flatMap((c) => (c.acknowledgedAt === null ? [] : [[c.raisedAt, c.acknowledgedAt] as [number, number]])));
}

/** Mean time from raise to close, in seconds, over the closed cases; null if none. */
export function meanTimeToCloseSec(cases: readonly Pick<AlarmCase, 'raisedAt' | 'closedAt'>[]): number | null {
  return meanSeconds(cases.flatMap((c) => (c.closedAt === null ? [] : [[c.raisedAt, c.closedAt] as [number, number]])));
}
