import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ROLES, type Role } from '../../platform/permissions.ts';
import {
  ALARM_CASE_STATUSES, ALARM_CASE_TRANSITIONS, ALARM_LEVEL_META, ALARM_LEVELS, alarmsPerDay, alarmTransition,
  availableAlarmActions, checkOffline, DAY_MS, DEFAULT_ALARM_ESCALATION_STEPS, DEFAULT_ALARM_LEVEL_COLOURS,
  defaultAlarmConfig, dueSteps, escalationStep, evaluate, falseAlarmShare, flatLines, initialSensorState,
  landslideDisplacementThresholds, levelLabel, meanTimeToAcknowledgeSec, meanTimeToCloseSec, MINUTE_MS, onlineRate,
  phreaticLineThresholds, readingGaps, recordRecovery, SENSOR_TYPE_CATALOGUE, SENSOR_TYPES, setPointAdvice,
  toxicGasThresholds, validateAlarmConfig,
  type AlarmActor, type AlarmCase, type AlarmCaseAction, type AlarmCaseActionType, type AlarmCaseErrorCode,
  type AlarmCaseStatus, type AlarmConfig, type AlarmEvent, type AlarmLevel, type AlarmRole, type DisposalCause,
  type Reading, type SensorAlarmState,
} from './rules.ts';

// rules.ts keeps its own copy of the role names (it imports nothing); these two lines only compile
// while AlarmRole and platform's Role are the same set.
const toRole = (r: AlarmRole): Role => r;
const toAlarmRole = (r: Role): AlarmRole => r;
void toRole; void toAlarmRole;

const T0 = Date.parse('2025-06-01T00:00:00Z');
const s = (sec: number) => T0 + sec * 1000;

/** A tank: 低低 10, 低 20, 高 80, 高高 90, deadband 2, no delay, offline after 5 min. */
const TANK: AlarmConfig = { lowLow: 10, low: 20, high: 80, highHigh: 90, deadband: 2, minDurationSec: 0, offlineTimeoutSec: 300 };
const cfg = (over: Partial<AlarmConfig> = {}): AlarmConfig => ({ ...TANK, ...over });

function trace(events: readonly AlarmEvent[]): string[] {
  return events.map((e) => {
    switch (e.type) {
      case 'raise': return `raise:${e.level}#${e.episode}`;
      case 'escalate':
      case 'deescalate': return `${e.type}:${e.from}>${e.to}#${e.episode}`;
      case 'recover': return `recover:${e.from}#${e.episode}`;
      case 'offline': return `offline${e.episode === null ? '' : `#${e.episode}`}`;
      case 'back_online': return 'back_online';
    }
  });
}

/** A step fed to the state machine: a reading, or an offline check at a time (seconds from T0). */
type Step = { at: number; value: number; quality?: 'good' | 'bad' } | { checkAt: number };

/** Readings of `values` every `every` seconds from `from` seconds. */
const series = (values: readonly number[], every = 10, from = 0): Step[] => values.map((value, i) => ({ at: from + i * every, value }));

interface Fed { state: SensorAlarmState; events: AlarmEvent[]; perStep: string[][] }

function feed(steps: readonly Step[], config: AlarmConfig, start: SensorAlarmState = initialSensorState(T0)): Fed {
  let state = start;
  const events: AlarmEvent[] = [];
  const perStep: string[][] = [];
  for (const step of steps) {
    const r = 'checkAt' in step
      ? checkOffline(state, s(step.checkAt), config)
      : evaluate(state, { ts: s(step.at), value: step.value, ...(step.quality ? { quality: step.quality } : {}) }, config);
    state = r.state;
    events.push(...r.events);
    perStep.push(trace(r.events));
  }
  return { state, events, perStep };
}

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object') {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

// ─── 1. Catalogue ────────────────────────────────────────────────────────────────────────────────

describe('sensor-type catalogue', () => {
  it('has one entry per type with its own code, bilingual label, unit and source', () => {
    assert.deepEqual(Object.keys(SENSOR_TYPE_CATALOGUE).sort(), [...SENSOR_TYPES].sort());
    for (const type of SENSOR_TYPES) {
      const e = SENSOR_TYPE_CATALOGUE[type];
      assert.equal(e.code, type);
      assert.ok(e.label.zh && e.label.en && e.unit && e.source, type);
      assert.ok(['V', 'P', 'U'].includes(e.status), type);
      assert.ok(e.sides.length > 0, type);
    }
  });

  it('covers every type the issue names', () => {
    const zh = SENSOR_TYPES.map((t) => SENSOR_TYPE_CATALOGUE[t].label.zh);
    for (const name of ['液位', '温度', '压力', '可燃气体', '有毒气体', '浸润线', '库水位', '干滩长度', '位移', '雨量', '水位', '风速']) {
      assert.ok(zh.some((l) => l.startsWith(name)), name);
    }
  });

  it('combustible gas: 一级 25 %LEL, 二级 50 %LEL by default (GB/T 50493-2019), named 一级/二级报警', () => {
    const gas = SENSOR_TYPE_CATALOGUE.combustible_gas;
    assert.deepEqual([gas.unit, gas.defaults], ['%LEL', { high: 25, highHigh: 50 }]);
    assert.deepEqual(levelLabel('combustible_gas', 'high'), { zh: '一级报警', en: 'Level-1 alarm' });
    assert.deepEqual(levelLabel('combustible_gas', 'highHigh').zh, '二级报警');
    assert.deepEqual(levelLabel('liquid_level', 'highHigh').zh, '高高');
    const c = defaultAlarmConfig('combustible_gas');
    assert.deepEqual([c.high, c.highHigh, c.low, c.lowLow], [25, 50, undefined, undefined]);
  });

  it('tailings-pond depth and beach length alarm downward; a default configuration of every type is valid', () => {
    assert.deepEqual(SENSOR_TYPE_CATALOGUE.phreatic_line.sides, ['low']);
    assert.deepEqual(SENSOR_TYPE_CATALOGUE.dry_beach_length.sides, ['low']);
    for (const type of SENSOR_TYPES) assert.deepEqual(validateAlarmConfig(defaultAlarmConfig(type)), [], type);
  });

  it('derived thresholds: phreatic line orange = 1.1 × red, landslide orange = 80 % of red', () => {
    assert.deepEqual(phreaticLineThresholds(5), { low: 5.5, lowLow: 5 });
    assert.deepEqual(phreaticLineThresholds(3), { low: 3.3, lowLow: 3 }); // 1.1 × 3 is 3.3000000000000003 unrounded
    assert.deepEqual(landslideDisplacementThresholds(100), { high: 80, highHigh: 100 });
    assert.deepEqual(validateAlarmConfig({ ...phreaticLineThresholds(5), deadband: 0.2, minDurationSec: 0, offlineTimeoutSec: 3600 }), []);
    for (const bad of [0, -1, Number.NaN]) {
      assert.throws(() => phreaticLineThresholds(bad), RangeError);
      assert.throws(() => landslideDisplacementThresholds(bad), RangeError);
    }
  });

  it('toxic gas: 一级 = 100 % OEL, 二级 = min(200 % OEL, 10 % IDLH)', () => {
    assert.deepEqual(toxicGasThresholds(10), { high: 10, highHigh: 20 });
    assert.deepEqual(toxicGasThresholds(10, 150), { high: 10, highHigh: 15 });
    assert.deepEqual(toxicGasThresholds(10, 1000), { high: 10, highHigh: 20 });
    assert.throws(() => toxicGasThresholds(10, 100), RangeError); // 10 % IDLH = OEL: no room for 二级
    for (const bad of [0, -5, Number.POSITIVE_INFINITY]) assert.throws(() => toxicGasThresholds(bad), RangeError);
  });

  it('setPointAdvice flags gas set points above the standard\'s limits, and nothing else', () => {
    const advice = setPointAdvice('combustible_gas', { high: 30, highHigh: 50 });
    assert.deepEqual(advice.map((a) => a.path), ['high']);
    assert.match(advice[0]!.message.zh, /一级报警.*30.*25/);
    assert.deepEqual(setPointAdvice('combustible_gas', { high: 25, highHigh: 50 }), []);
    assert.deepEqual(setPointAdvice('combustible_gas', { high: 20, highHigh: 60 }).map((a) => a.path), ['highHigh']);
    assert.deepEqual(setPointAdvice('liquid_level', { high: 1e6 }), []);
  });

  it('level meta and default colours: L/H 黄, LL/HH 红; each side has one pre-alarm and one trip level', () => {
    assert.deepEqual(DEFAULT_ALARM_LEVEL_COLOURS, { lowLow: 'red', low: 'yellow', high: 'yellow', highHigh: 'red' });
    assert.deepEqual(ALARM_LEVELS.map((l) => `${ALARM_LEVEL_META[l].side}${ALARM_LEVEL_META[l].severity}`), ['low2', 'low1', 'high1', 'high2']);
  });
});

// ─── 2. Threshold validation ─────────────────────────────────────────────────────────────────────

describe('threshold configuration: validateAlarmConfig', () => {
  const timing = { deadband: 0, minDurationSec: 0, offlineTimeoutSec: 60 };

  it('accepts any ordered subset, including none', () => {
    const valid: Partial<AlarmConfig>[] = [
      {}, { high: 80 }, { low: 20 }, { lowLow: -5, highHigh: 5 }, { low: 20, high: 80 },
      { lowLow: 10, low: 20, high: 80, highHigh: 90 }, { low: null, high: 1 }, { high: 80, highHigh: 80.5 },
    ];
    for (const t of valid) assert.deepEqual(validateAlarmConfig({ ...timing, ...t }), [], JSON.stringify(t));
  });

  it('names the offending field, table-driven', () => {
    const cases: [Partial<AlarmConfig>, string[]][] = [
      [{ low: 20, high: 20 }, ['high']],
      [{ lowLow: 30, low: 20 }, ['low']],
      [{ low: 50, high: 40, highHigh: 45 }, ['high', 'highHigh']], // each is compared with the last valid threshold (低 50)
      [{ low: 50, high: 40, highHigh: 60 }, ['high']],
      [{ high: 90, highHigh: 80 }, ['highHigh']],
      [{ high: Number.NaN }, ['high']],
      [{ highHigh: Number.POSITIVE_INFINITY }, ['highHigh']],
      [{ deadband: -0.1 }, ['deadband']],
      [{ deadband: Number.NaN }, ['deadband']],
      [{ lowLow: 10, low: 20, high: 80, highHigh: 90, deadband: 10 }, ['deadband']], // equal to the smallest gap
      [{ low: 20, high: 25, deadband: 5 }, ['deadband']],
      [{ minDurationSec: -1 }, ['minDurationSec']],
      [{ minDurationSec: Number.NaN }, ['minDurationSec']],
      [{ offlineTimeoutSec: 0 }, ['offlineTimeoutSec']],
      [{ offlineTimeoutSec: -60 }, ['offlineTimeoutSec']],
      [{ low: 20, high: 10, deadband: -1, minDurationSec: -1, offlineTimeoutSec: 0 }, ['high', 'deadband', 'minDurationSec', 'offlineTimeoutSec']],
    ];
    for (const [over, paths] of cases) {
      const errors = validateAlarmConfig({ ...timing, ...over });
      assert.deepEqual(errors.map((e) => e.path), paths, JSON.stringify(over));
      for (const e of errors) assert.ok(e.message.zh.length > 0 && e.message.en.length > 0);
    }
  });

  it('a deadband just below the smallest gap is fine; messages give the values', () => {
    assert.deepEqual(validateAlarmConfig({ ...TANK, deadband: 9.99 }), []);
    const [e] = validateAlarmConfig({ ...TANK, deadband: 10 });
    assert.match(e!.message.zh, /10/);
    const [order] = validateAlarmConfig({ ...timing, low: 20, high: 20 });
    assert.equal(order!.message.zh, '高报警值必须大于低报警值(20)');
    assert.equal(order!.message.en, 'high must be greater than low (20)');
  });
});

// ─── 3. State machine ────────────────────────────────────────────────────────────────────────────

describe('alarm state machine: transitions (no minimum duration)', () => {
  // [name, config, values every 10 s, expected events as "reading index:event", final status, final level]
  const cases: [string, AlarmConfig, number[], string[], string, AlarmLevel | null][] = [
    ['stays normal inside the band', TANK, [50, 79.5, 20.5, 79.999], [], 'normal', null],
    ['exactly at 高 raises (the entry is inclusive)', TANK, [50, 80], ['1:raise:high#1'], 'alarm', 'high'],
    ['exactly at 低 raises 低', TANK, [50, 20], ['1:raise:low#1'], 'alarm', 'low'],
    ['hysteresis: at 高 − deadband it stays, just past it it recovers', TANK, [80, 79, 78, 77.99], ['0:raise:high#1', '3:recover:high#1'], 'normal', null],
    ['hysteresis on the low side: at 低 + deadband it stays', TANK, [20, 21, 22, 22.01], ['0:raise:low#1', '3:recover:low#1'], 'normal', null],
    ['escalates to 高高 and back within one episode', TANK, [80, 90, 89, 88, 87.5, 85, 77],
      ['0:raise:high#1', '1:escalate:high>highHigh#1', '4:deescalate:highHigh>high#1', '6:recover:high#1'], 'normal', null],
    ['a jump straight to 高高 is one raise, then moves between levels', TANK, [95, 85, 95],
      ['0:raise:highHigh#1', '1:deescalate:highHigh>high#1', '2:escalate:high>highHigh#1'], 'alarm', 'highHigh'],
    ['from 高高 straight back to normal is one recovery', TANK, [95, 50], ['0:raise:highHigh#1', '1:recover:highHigh#1'], 'normal', null],
    ['低 → 低低 → 低 → normal', TANK, [15, 5, 12, 13, 22, 23],
      ['0:raise:low#1', '1:escalate:low>lowLow#1', '3:deescalate:lowLow>low#1', '5:recover:low#1'], 'normal', null],
    ['a jump across the band ends the episode and raises a new one', TANK, [85, 15], ['0:raise:high#1', '1:recover:high#1', '1:raise:low#2'], 'alarm', 'low'],
    ['a second excursion is a second episode', TANK, [85, 50, 85], ['0:raise:high#1', '1:recover:high#1', '2:raise:high#2'], 'alarm', 'high'],
    ['only 高 configured: 1000 is 高, not more', { high: 80, deadband: 0, minDurationSec: 0, offlineTimeoutSec: 60 }, [1000, 80, 79.9],
      ['0:raise:high#1', '2:recover:high#1'], 'normal', null],
    ['no thresholds: never alarms', { deadband: 0, minDurationSec: 0, offlineTimeoutSec: 60 }, [-1e9, 0, 1e9], [], 'normal', null],
    ['deadband 0: leaves exactly below the threshold', cfg({ deadband: 0 }), [80, 80, 79.999], ['0:raise:high#1', '2:recover:high#1'], 'normal', null],
  ];
  for (const [name, config, values, want, status, level] of cases) {
    it(name, () => {
      const r = feed(series(values), config);
      assert.deepEqual(r.perStep.flatMap((evs, i) => evs.map((e) => `${i}:${e}`)), want);
      assert.equal(r.state.status, status);
      assert.equal(r.state.episode?.level ?? null, level);
    });
  }

  it('events carry the episode, the time and the value; the episode remembers its peak', () => {
    const r = feed(series([50, 85, 95, 85, 70]), TANK);
    assert.deepEqual(r.events, [
      { type: 'raise', episode: 1, level: 'high', at: s(10), value: 85, excursionSince: s(10) },
      { type: 'escalate', episode: 1, from: 'high', to: 'highHigh', at: s(20), value: 95 },
      { type: 'deescalate', episode: 1, from: 'highHigh', to: 'high', at: s(30), value: 85 },
      { type: 'recover', episode: 1, from: 'high', at: s(40), value: 70, startedAt: s(10) },
    ]);
    const mid = feed(series([50, 85, 95, 85]), TANK).state;
    assert.deepEqual(mid.episode, { seq: 1, startedAt: s(10), level: 'high', peak: 'highHigh' });
    assert.equal(r.state.episodeSeq, 1);
  });

  it('the state is plain JSON and its version grows by one per accepted reading', () => {
    const r = feed(series([50, 85, 95]), TANK);
    assert.equal(r.state.version, 3);
    assert.deepEqual(JSON.parse(JSON.stringify(r.state)), r.state);
    assert.deepEqual(initialSensorState(T0), {
      version: 0, status: 'normal', episode: null, pending: null, runs: { lowLow: null, low: null, high: null, highHigh: null },
      episodeSeq: 0, lastReadingTs: null, lastValue: null, watchSince: T0, offlineSince: null,
    });
  });

  it('a threshold removed during an episode ends or lowers it at the next reading', () => {
    const inHH = feed(series([95]), TANK).state;
    const noHH = cfg({ highHigh: null });
    assert.deepEqual(trace(evaluate(inHH, { ts: s(10), value: 95 }, noHH).events), ['deescalate:highHigh>high#1']);
    const noHigh = cfg({ high: null, highHigh: null });
    assert.deepEqual(trace(evaluate(inHH, { ts: s(10), value: 95 }, noHigh).events), ['recover:highHigh#1']);
  });
});

describe('alarm state machine: minimum duration', () => {
  const D30 = cfg({ minDurationSec: 30 });

  it('raises only once the value has stayed beyond the threshold for minDurationSec', () => {
    const r = feed(series([85, 85, 85, 85]), D30);
    assert.deepEqual(r.perStep, [[], [], [], ['raise:high#1']]);
    const raise = r.events[0]!;
    assert.equal(raise.type === 'raise' ? raise.excursionSince : null, s(0));
    const before = feed(series([85, 85, 85]), D30).state;
    assert.deepEqual([before.status, before.pending], ['pending', { level: 'high', since: s(0) }]);
  });

  it('a reading back inside the threshold resets the count, even within the deadband', () => {
    const r = feed(series([85, 85, 79, 85, 85, 85, 85]), D30);
    assert.deepEqual(r.perStep.map((e) => e.join()), ['', '', '', '', '', '', 'raise:high#1']);
    const back = feed(series([85, 85, 79]), D30).state;
    assert.deepEqual([back.status, back.pending], ['normal', null]);
  });

  it('counts time, not readings: sparse readings raise at the first reading ≥ d after the start', () => {
    const r = feed([{ at: 0, value: 85 }, { at: 29, value: 85 }, { at: 31, value: 85 }], D30);
    assert.deepEqual(r.perStep, [[], [], ['raise:high#1']]);
  });

  it('each level has its own count: 高 is raised first, 高高 follows when it has lasted too', () => {
    const r = feed(series([85, 95, 95, 95, 95]), D30);
    assert.deepEqual(r.perStep, [[], [], [], ['raise:high#1'], ['escalate:high>highHigh#1']]);
    const mid = feed(series([85, 95, 95, 95]), D30).state;
    assert.deepEqual([mid.status, mid.episode?.level, mid.pending], ['alarm', 'high', { level: 'highHigh', since: s(10) }]);
  });

  it('straight to 高高 for the whole duration raises 高高', () => {
    assert.deepEqual(feed(series([95, 95, 95, 95]), D30).perStep, [[], [], [], ['raise:highHigh#1']]);
  });

  it('recovery is not delayed: only the hysteresis applies', () => {
    assert.deepEqual(feed(series([85, 85, 85, 85, 77]), D30).perStep.at(-1), ['recover:high#1']);
  });

  it('ignored readings do not break the count; a silence longer than the offline timeout does', () => {
    const withBad: Step[] = [{ at: 0, value: 85 }, { at: 10, value: 50, quality: 'bad' }, { at: 20, value: 85 }, { at: 30, value: 85 }];
    assert.deepEqual(feed(withBad, D30).perStep.at(-1), ['raise:high#1']);
    const silent: Step[] = [{ at: 0, value: 85 }, { at: 10, value: 85 }, { at: 400, value: 85 }, { at: 420, value: 85 }, { at: 430, value: 85 }];
    assert.deepEqual(feed(silent, D30).perStep, [[], [], [], [], ['raise:high#1']]);
  });
});

describe('alarm state machine: ignored readings', () => {
  const inAlarm = feed(series([50, 85]), TANK).state;

  it('out of order or duplicate timestamps are ignored and the state is returned as is', () => {
    for (const ts of [s(5), s(10)]) {
      const r = evaluate(inAlarm, { ts, value: 50 }, TANK);
      assert.equal(r.ignored, 'out_of_order');
      assert.equal(r.state, inAlarm);
      assert.deepEqual(r.events, []);
    }
    assert.equal(evaluate(inAlarm, { ts: s(11), value: 50 }, TANK).ignored, undefined);
  });

  it('a bad-quality reading changes nothing, not even the last reading time', () => {
    const r = evaluate(inAlarm, { ts: s(20), value: 50, quality: 'bad' }, TANK);
    assert.deepEqual([r.ignored, r.state === inAlarm, r.events], ['bad_quality', true, []]);
    const good = evaluate(inAlarm, { ts: s(20), value: 50, quality: 'good' }, TANK);
    assert.deepEqual(trace(good.events), ['recover:high#1']);
  });

  it('non-finite values or times are ignored as invalid', () => {
    for (const reading of [{ ts: s(20), value: Number.NaN }, { ts: s(20), value: Number.POSITIVE_INFINITY }, { ts: Number.NaN, value: 50 }] as Reading[]) {
      const r = evaluate(inAlarm, reading, TANK);
      assert.deepEqual([r.ignored, r.state === inAlarm], ['invalid_reading', true]);
    }
  });
});

describe('alarm state machine: offline and back online', () => {
  it('a sensor that never reports goes offline after the timeout from its registration', () => {
    const st = initialSensorState(T0);
    assert.deepEqual(checkOffline(st, s(300), TANK), { state: st, events: [] });
    const r = checkOffline(st, s(300) + 1, TANK);
    assert.deepEqual(r.events, [{ type: 'offline', at: s(300) + 1, lastReadingTs: null, episode: null }]);
    assert.deepEqual([r.state.status, r.state.offlineSince, r.state.version], ['offline', s(300) + 1, 1]);
  });

  it('offline strictly after the timeout from the last reading; only once', () => {
    const st = feed(series([50, 50]), TANK).state; // last reading at 10 s
    assert.deepEqual(checkOffline(st, s(310), TANK).events, []);
    const off = checkOffline(st, s(311), TANK);
    assert.deepEqual(off.events, [{ type: 'offline', at: s(311), lastReadingTs: s(10), episode: null }]);
    const again = checkOffline(off.state, s(5000), TANK);
    assert.deepEqual([again.state === off.state, again.events], [true, []]);
  });

  it('back online with the next reading; a normal value keeps the sensor normal', () => {
    const r = feed([...series([50]), { checkAt: 400 }, { at: 500, value: 50 }], TANK);
    assert.deepEqual(r.perStep, [[], ['offline'], ['back_online']]);
    assert.deepEqual(r.events[1], { type: 'back_online', at: s(500), offlineSince: s(400) });
    assert.deepEqual([r.state.status, r.state.offlineSince], ['normal', null]);
  });

  it('going offline keeps the open episode: no second raise when it comes back still in alarm', () => {
    const r = feed([...series([85]), { checkAt: 400 }, { at: 500, value: 86 }, { at: 510, value: 70 }], TANK);
    assert.deepEqual(r.perStep, [['raise:high#1'], ['offline#1'], ['back_online'], ['recover:high#1']]);
    const off = feed([...series([85]), { checkAt: 400 }], TANK).state;
    assert.deepEqual([off.status, off.episode?.level], ['offline', 'high']);
  });

  it('back online with a normal value ends the episode', () => {
    const r = feed([...series([95]), { checkAt: 400 }, { at: 500, value: 50 }], TANK);
    assert.deepEqual(r.perStep.at(-1), ['back_online', 'recover:highHigh#1']);
  });

  it('offline clears a pending excursion: the minimum duration starts again after it', () => {
    const d = cfg({ minDurationSec: 30 });
    const r = feed([...series([85, 85]), { checkAt: 311 }, ...series([85, 85, 85, 85], 10, 320)], d);
    assert.deepEqual(r.perStep, [[], [], ['offline'], ['back_online'], [], [], ['raise:high#1']]);
  });
});

// ─── 3b. Properties ──────────────────────────────────────────────────────────────────────────────

type Op =
  | { kind: 'reading'; dt: number; value: number; bad: boolean; backwards: boolean }
  | { kind: 'check'; dt: number };

const configArb: fc.Arbitrary<AlarmConfig> = fc.record({
  lowLow: fc.option(fc.constant(10)), low: fc.option(fc.constant(20)), high: fc.option(fc.constant(80)), highHigh: fc.option(fc.constant(90)),
  deadband: fc.constantFrom(0, 0.5, 2, 9.5), minDurationSec: fc.constantFrom(0, 10, 60), offlineTimeoutSec: fc.constantFrom(60, 300),
});
const valueArb = fc.oneof(
  fc.double({ min: 0, max: 100, noNaN: true }),
  fc.constantFrom(10, 20, 80, 90, 7.5, 12, 22, 78, 88, 92.5, 18, 82),
);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('reading' as const), dt: fc.integer({ min: 1, max: 400 }), value: valueArb, bad: fc.integer({ min: 0, max: 7 }).map((n) => n === 0), backwards: fc.constant(false) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reading' as const), dt: fc.integer({ min: 0, max: 100 }), value: valueArb, bad: fc.constant(false), backwards: fc.constant(true) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('check' as const), dt: fc.integer({ min: 0, max: 600 }) }) },
);

interface Applied { state: SensorAlarmState; events: AlarmEvent[]; accepted: boolean; reading?: Reading; check?: number }

/** Runs ops from a fresh state; `onStep` sees each step's input state and result. */
function runOps(ops: readonly Op[], config: AlarmConfig, onStep?: (before: SensorAlarmState, a: Applied) => void): SensorAlarmState {
  let state = initialSensorState(T0);
  let clock = T0;
  for (const op of ops) {
    const before = state;
    if (op.kind === 'check') {
      clock += op.dt * 1000;
      const r = checkOffline(state, clock, config);
      state = r.state;
      onStep?.(before, { state, events: r.events, accepted: true, check: clock });
    } else {
      const ts = op.backwards ? (state.lastReadingTs ?? T0) - op.dt * 1000 : (clock += op.dt * 1000);
      const reading: Reading = { ts, value: op.value, quality: op.bad ? 'bad' : 'good' };
      const r = evaluate(state, reading, config);
      state = r.state;
      onStep?.(before, { state, events: r.events, accepted: r.ignored === undefined, reading });
    }
  }
  return state;
}

describe('alarm state machine: properties', () => {
  it('property (a): values oscillating within the deadband around 高 never raise more than once', () => {
    fc.assert(fc.property(
      fc.constantFrom(0.5, 1, 2, 4), fc.constantFrom(0, 30, 120),
      fc.array(fc.record({ dt: fc.integer({ min: 1, max: 400 }), u: fc.double({ min: -1, max: 1, noNaN: true }), check: fc.boolean() }), { maxLength: 60 }),
      (deadband, minDurationSec, steps) => {
        const config: AlarmConfig = { lowLow: 10, low: 20, high: 80, highHigh: 100, deadband, minDurationSec, offlineTimeoutSec: 300 };
        const ops: Op[] = steps.map((x) => (x.check ? { kind: 'check', dt: x.dt } : { kind: 'reading', dt: x.dt, value: 80 + x.u * deadband, bad: false, backwards: false }));
        let raises = 0;
        let recovers = 0;
        runOps(ops, config, (_b, a) => {
          raises += a.events.filter((e) => e.type === 'raise').length;
          recovers += a.events.filter((e) => e.type === 'recover').length;
        });
        assert.ok(raises <= 1, `${raises} raises`);
        assert.equal(recovers, 0);
      }), { seed: 50493, numRuns: 300 });
  });

  it('property (b): at most one open episode; every recover, escalate or de-escalate belongs to the open one', () => {
    fc.assert(fc.property(configArb, fc.array(opArb, { maxLength: 80 }), (config, ops) => {
      assert.deepEqual(validateAlarmConfig(config), []);
      let open: number | null = null;
      let raises = 0;
      runOps(ops, config, (before, a) => {
        for (const e of a.events) {
          if (e.type === 'raise') {
            assert.equal(open, null, 'raise while an episode is open');
            raises += 1;
            assert.equal(e.episode, raises);
            open = e.episode;
          } else if (e.type === 'recover') {
            assert.equal(e.episode, open, 'recover without its raise');
            open = null;
          } else if (e.type === 'escalate' || e.type === 'deescalate') {
            assert.equal(e.episode, open);
            assert.equal(ALARM_LEVEL_META[e.from].side, ALARM_LEVEL_META[e.to].side);
            assert.equal(ALARM_LEVEL_META[e.to].severity > ALARM_LEVEL_META[e.from].severity, e.type === 'escalate');
          }
        }
        const st = a.state;
        assert.equal(st.episode?.seq ?? null, open);
        assert.equal(st.episodeSeq, raises);
        if (st.status === 'alarm') assert.ok(st.episode);
        if (st.status === 'normal') assert.deepEqual([st.episode, st.pending], [null, null]);
        if (st.status === 'pending') assert.ok(st.episode === null && st.pending !== null);
        if (st.status === 'offline') assert.ok(st.offlineSince !== null && st.pending === null);
        if (st.episode) assert.ok(ALARM_LEVEL_META[st.episode.peak].severity >= ALARM_LEVEL_META[st.episode.level].severity);
        assert.equal(st.version, st === before ? before.version : before.version + 1);
        if (!a.accepted) assert.equal(st, before);
      });
    }), { seed: 2260, numRuns: 400 });
  });

  it('property (c): evaluate and checkOffline are deterministic and never mutate their input', () => {
    fc.assert(fc.property(configArb, fc.array(opArb, { maxLength: 40 }), valueArb, fc.integer({ min: -50, max: 500 }), (config, ops, value, dt) => {
      const state = runOps(ops, config);
      const snapshot = structuredClone(state);
      const frozen = deepFreeze(structuredClone(state));
      const frozenConfig = deepFreeze({ ...config });
      const reading = deepFreeze({ ts: (state.lastReadingTs ?? T0) + dt * 1000, value });
      const a = evaluate(frozen, reading, frozenConfig); // a write to a frozen object throws in ESM (strict mode)
      const b = evaluate(frozen, reading, frozenConfig);
      assert.deepEqual(a, b);
      assert.deepEqual(frozen, snapshot);
      const now = (state.lastReadingTs ?? T0) + Math.abs(dt) * 1000;
      assert.deepEqual(checkOffline(frozen, now, frozenConfig), checkOffline(frozen, now, frozenConfig));
      assert.deepEqual(frozen, snapshot);
    }), { seed: 35561, numRuns: 300 });
  });

  it('property (d): with minDurationSec = d, no level is raised or escalated to before d seconds of consecutive excursion', () => {
    const beyondLevel = (level: AlarmLevel, v: number, c: AlarmConfig) => {
      const t = c[level];
      if (t === undefined || t === null) return false;
      return ALARM_LEVEL_META[level].side === 'high' ? v >= t : v <= t;
    };
    fc.assert(fc.property(configArb.filter((c) => c.minDurationSec > 0), fc.array(opArb, { maxLength: 80 }), (config, ops) => {
      // An independent record of the accepted readings since the sensor was last offline.
      let history: Reading[] = [];
      runOps(ops, config, (before, a) => {
        if (a.check !== undefined) {
          if (a.state.status === 'offline' && before.status !== 'offline') history = [];
          return;
        }
        if (!a.accepted) return;
        history.push(a.reading!);
        for (const e of a.events) {
          const level = e.type === 'raise' ? e.level : e.type === 'escalate' ? e.to : null;
          if (level === null) continue;
          // Walk back over consecutive readings beyond the level, without a silence longer than the timeout.
          let i = history.length - 1;
          while (i > 0 && beyondLevel(level, history[i - 1]!.value, config)
            && history[i]!.ts - history[i - 1]!.ts <= config.offlineTimeoutSec * 1000) i--;
          assert.ok(beyondLevel(level, a.reading!.value, config));
          assert.ok(a.reading!.ts - history[i]!.ts >= config.minDurationSec * 1000,
            `${e.type} ${level} after ${(a.reading!.ts - history[i]!.ts) / 1000} s < ${config.minDurationSec} s`);
        }
      });
    }), { seed: 18218, numRuns: 400 });
  });

  it('property (d) is not vacuous: the generated runs do raise alarms under a minimum duration', () => {
    let raised = 0;
    fc.assert(fc.property(configArb.filter((c) => c.minDurationSec > 0 && c.high !== null), fc.array(opArb, { minLength: 40, maxLength: 80 }), (config, ops) => {
      runOps(ops, config, (_b, a) => { raised += a.events.filter((e) => e.type === 'raise').length; });
    }), { seed: 18218, numRuns: 200 });
    assert.ok(raised > 10, `only ${raised} raises generated`);
  });
});

// ─── 4. The 消警 closed loop ─────────────────────────────────────────────────────────────────────

const NOW = s(3600);
const ENT = 'org-enterprise-1';

function alarmCase(over: Partial<AlarmCase> = {}): AlarmCase {
  return {
    status: 'raised', orgId: ENT, raisedAt: s(0), acknowledgedAt: null, acknowledgedBy: null, feedback: null,
    closedAt: null, closedBy: null, confirmedBy: null, recoveredAt: null, ...over,
  };
}
const feedbackOf = (cause: DisposalCause) => ({ cause, causeNote: null, measures: '已复位', photoIds: [], by: 'u-enterprise', at: s(60) });
const inStatus = (status: AlarmCaseStatus, cause: DisposalCause = 'false_alarm'): AlarmCase =>
  alarmCase({
    status,
    acknowledgedAt: status === 'raised' ? null : s(30), acknowledgedBy: status === 'raised' ? null : 'u-township',
    feedback: status === 'feedback' || status === 'closed' ? feedbackOf(cause) : null,
  });

/** One actor per role, from an organisation that is not the sensor's owner (except the enterprise). */
function actorFor(role: Role): AlarmActor {
  return { userId: `u-${role}`, roles: [role], orgId: role === 'enterprise' ? ENT : `org-of-${role}` };
}
const OTHER_ENTERPRISE: AlarmActor = { userId: 'u-ent-2', roles: ['enterprise'], orgId: 'org-enterprise-2' };

type Scenario = 'acknowledge' | 'feedback' | 'return' | 'close' | 'close_real_danger';
const SCENARIO: Record<Scenario, { from: AlarmCaseStatus; cause?: DisposalCause; action: AlarmCaseAction; to: AlarmCaseStatus }> = {
  acknowledge: { from: 'raised', action: { type: 'acknowledge' }, to: 'acknowledged' },
  feedback: { from: 'acknowledged', action: { type: 'feedback', cause: 'process_fluctuation', measures: '调整进料阀开度', photoIds: ['p1'] }, to: 'feedback' },
  return: { from: 'feedback', action: { type: 'return', reason: '措施不具体' }, to: 'acknowledged' },
  close: { from: 'feedback', cause: 'false_alarm', action: { type: 'close' }, to: 'closed' },
  close_real_danger: { from: 'feedback', cause: 'real_danger', action: { type: 'close', note: '现场核实,险情已排除' }, to: 'closed' },
};

type Outcome = 'ok' | AlarmCaseErrorCode;
const R = 'role_not_allowed' as const;
const N = 'not_owner_unit' as const;
const C = 'confirmation_required' as const;
/** Expected outcome per scenario and role (plus an enterprise that does not own the sensor). */
const EXPECTED: Record<Scenario, Record<Role | 'other_enterprise', Outcome>> = {
  acknowledge: {
    admin: R, duty_officer: 'ok', commander: R, bureau_staff: 'ok', regulator: 'ok', township: 'ok',
    enterprise: 'ok', inspector: R, informant: R, team_contact: R, other_enterprise: N,
  },
  feedback: {
    admin: R, duty_officer: N, commander: R, bureau_staff: N, regulator: N, township: N,
    enterprise: 'ok', inspector: R, informant: R, team_contact: R, other_enterprise: N,
  },
  return: {
    admin: R, duty_officer: 'ok', commander: R, bureau_staff: 'ok', regulator: 'ok', township: 'ok',
    enterprise: R, inspector: R, informant: R, team_contact: R, other_enterprise: R,
  },
  close: {
    admin: R, duty_officer: 'ok', commander: R, bureau_staff: 'ok', regulator: 'ok', township: 'ok',
    enterprise: 'ok', inspector: R, informant: R, team_contact: R, other_enterprise: N,
  },
  close_real_danger: {
    admin: C, duty_officer: C, commander: C, bureau_staff: 'ok', regulator: 'ok', township: C,
    enterprise: C, inspector: C, informant: C, team_contact: C, other_enterprise: C,
  },
};

describe('消警 closed loop: every step, per role', () => {
  const actors: [Role | 'other_enterprise', AlarmActor][] = [...ROLES.map((r): [Role, AlarmActor] => [r, actorFor(r)]), ['other_enterprise', OTHER_ENTERPRISE]];

  for (const scenario of Object.keys(EXPECTED) as Scenario[]) {
    const sc = SCENARIO[scenario];
    for (const [name, actor] of actors) {
      const want = EXPECTED[scenario][name];
      it(`${scenario} from ${sc.from} by ${name}: ${want}`, () => {
        const a = deepFreeze(inStatus(sc.from, sc.cause));
        const r = alarmTransition(a, sc.action, actor, NOW);
        if (want === 'ok') {
          assert.ok(r.ok, JSON.stringify(r));
          assert.equal(r.alarm.status, sc.to);
          assert.deepEqual([r.entry.from, r.entry.to, r.entry.action, r.entry.actorId, r.entry.actorRole, r.entry.at],
            [sc.from, sc.to, sc.action.type, actor.userId, name === 'other_enterprise' ? 'enterprise' : name, NOW]);
          assert.equal(a.status, sc.from, 'the input is not mutated');
        } else {
          assert.equal(r.ok, false);
          if (!r.ok) {
            assert.deepEqual([r.code, r.status], [want, 403]);
            assert.ok(r.message.zh.length > 0 && r.message.en.length > 0);
          }
        }
      });
    }
  }

  for (const type of Object.keys(ALARM_CASE_TRANSITIONS) as AlarmCaseActionType[]) {
    it(`${type} from any other status is invalid_transition for every role`, () => {
      const action = Object.values(SCENARIO).find((x) => x.action.type === type)!.action;
      for (const status of ALARM_CASE_STATUSES.filter((st) => !ALARM_CASE_TRANSITIONS[type].from.includes(st))) {
        for (const [name, actor] of actors) {
          const r = alarmTransition(inStatus(status), action, actor, NOW);
          assert.deepEqual(r.ok ? 'ok' : [r.code, r.status], ['invalid_transition', 409], `${type} from ${status} by ${name}`);
        }
      }
    });
  }

  it('the transition table: acknowledge, feedback, close, and a way back from feedback', () => {
    assert.deepEqual(ALARM_CASE_TRANSITIONS, {
      acknowledge: { from: ['raised'], to: 'acknowledged' },
      feedback: { from: ['acknowledged'], to: 'feedback' },
      return: { from: ['feedback'], to: 'acknowledged' },
      close: { from: ['feedback'], to: 'closed' },
    });
  });

  it('availableAlarmActions lists what each actor may do now; 已消警 is terminal', () => {
    assert.deepEqual(availableAlarmActions(inStatus('raised'), actorFor('enterprise')), ['acknowledge']);
    assert.deepEqual(availableAlarmActions(inStatus('acknowledged'), actorFor('enterprise')), ['feedback']);
    assert.deepEqual(availableAlarmActions(inStatus('acknowledged'), actorFor('township')), []);
    assert.deepEqual(availableAlarmActions(inStatus('feedback'), actorFor('enterprise')), ['close']);
    assert.deepEqual(availableAlarmActions(inStatus('feedback', 'real_danger'), actorFor('enterprise')), []);
    assert.deepEqual(availableAlarmActions(inStatus('feedback', 'real_danger'), actorFor('township')), ['return']);
    assert.deepEqual(availableAlarmActions(inStatus('feedback', 'real_danger'), actorFor('regulator')), ['return', 'close']);
    for (const role of ROLES) assert.deepEqual(availableAlarmActions(inStatus('closed'), actorFor(role)), [], role);
  });
});

describe('消警 closed loop: payload, confirmation and recovery', () => {
  const ent = actorFor('enterprise');
  const acked = inStatus('acknowledged');

  it('feedback records cause, measures and photos; timestamps and actors are set on each step', () => {
    const ack = alarmTransition(inStatus('raised'), { type: 'acknowledge', note: '  已通知班长 ' }, actorFor('duty_officer'), s(100));
    assert.ok(ack.ok);
    assert.deepEqual([ack.alarm.acknowledgedAt, ack.alarm.acknowledgedBy, ack.entry.note], [s(100), 'u-duty_officer', '已通知班长']);
    const fb = alarmTransition(ack.alarm, { type: 'feedback', cause: 'equipment_fault', measures: ' 更换探头 ', photoIds: ['a', 'b'] }, ent, s(200));
    assert.ok(fb.ok);
    assert.deepEqual(fb.alarm.feedback, { cause: 'equipment_fault', causeNote: null, measures: '更换探头', photoIds: ['a', 'b'], by: 'u-enterprise', at: s(200) });
    assert.deepEqual(fb.entry.photoIds, ['a', 'b']);
    const close = alarmTransition(fb.alarm, { type: 'close' }, ent, s(300));
    assert.ok(close.ok);
    assert.deepEqual([close.alarm.closedAt, close.alarm.closedBy, close.alarm.confirmedBy], [s(300), 'u-enterprise', null]);
  });

  it('rejects an unknown cause, 其他 without a description, and blank measures', () => {
    const cases: [AlarmCaseAction, AlarmCaseErrorCode][] = [
      [{ type: 'feedback', cause: 'aliens' as DisposalCause, measures: 'x' }, 'invalid_cause'],
      [{ type: 'feedback', cause: 'other', measures: 'x' }, 'cause_note_required'],
      [{ type: 'feedback', cause: 'other', causeNote: '  ', measures: 'x' }, 'cause_note_required'],
      [{ type: 'feedback', cause: 'false_alarm', measures: '   ' }, 'measures_required'],
    ];
    for (const [action, code] of cases) {
      const r = alarmTransition(acked, action, ent, NOW);
      assert.deepEqual(r.ok ? 'ok' : [r.code, r.status], [code, 400], JSON.stringify(action));
    }
    const other = alarmTransition(acked, { type: 'feedback', cause: 'other', causeNote: '停电', measures: '恢复供电' }, ent, NOW);
    assert.ok(other.ok);
    assert.equal(other.alarm.feedback?.causeNote, '停电');
  });

  it('a 真实险情 closes only on confirmation by a regulator or the bureau, who is recorded', () => {
    let a = inStatus('acknowledged');
    const fb = alarmTransition(a, { type: 'feedback', cause: 'real_danger', measures: '启动现场处置方案,关闭紧急切断阀' }, ent, s(200));
    assert.ok(fb.ok);
    a = fb.alarm;
    for (const role of ['enterprise', 'township', 'duty_officer'] as const) {
      const r = alarmTransition(a, { type: 'close' }, actorFor(role), s(300));
      assert.equal(r.ok ? 'ok' : r.code, 'confirmation_required', role);
    }
    const again = alarmTransition(a, { type: 'feedback', cause: 'false_alarm', measures: 'x' }, ent, s(300));
    assert.equal(again.ok ? 'ok' : again.code, 'invalid_transition'); // the owner cannot rewrite the cause
    const ok = alarmTransition(a, { type: 'close', note: '已核实' }, actorFor('regulator'), s(400));
    assert.ok(ok.ok);
    assert.deepEqual([ok.alarm.status, ok.alarm.confirmedBy, ok.alarm.closedBy, ok.entry.note], ['closed', 'u-regulator', 'u-regulator', '已核实']);
  });

  it('nobody confirms a 真实险情 of their own unit, nor returns their own unit\'s feedback', () => {
    const station = { ...inStatus('feedback', 'real_danger'), orgId: 'org-bureau' };
    const own: AlarmActor = { userId: 'u-b1', roles: ['bureau_staff'], orgId: 'org-bureau' };
    const r = alarmTransition(station, { type: 'close' }, own, NOW);
    assert.deepEqual(r.ok ? 'ok' : [r.code, r.status], ['own_confirmation', 403]);
    const ret = alarmTransition(station, { type: 'return', reason: 'x' }, own, NOW);
    assert.deepEqual(ret.ok ? 'ok' : [ret.code, ret.status], ['own_review', 403]);
    assert.ok(alarmTransition(station, { type: 'close' }, actorFor('regulator'), NOW).ok);
  });

  it('return needs a reason, clears the feedback and lets the owner give a new one', () => {
    const a = inStatus('feedback', 'real_danger');
    for (const reason of ['', '  ']) {
      const r = alarmTransition(a, { type: 'return', reason }, actorFor('township'), NOW);
      assert.deepEqual(r.ok ? 'ok' : [r.code, r.status], ['reason_required', 400]);
    }
    const ret = alarmTransition(a, { type: 'return', reason: ' 现场核实为探头进水 ' }, actorFor('township'), NOW);
    assert.ok(ret.ok);
    assert.deepEqual([ret.alarm.status, ret.alarm.feedback, ret.entry.note, ret.alarm.acknowledgedBy], ['acknowledged', null, '现场核实为探头进水', 'u-township']);
    const fb = alarmTransition(ret.alarm, { type: 'feedback', cause: 'equipment_fault', measures: '更换探头' }, actorFor('enterprise'), NOW);
    assert.ok(fb.ok);
    assert.ok(alarmTransition(fb.alarm, { type: 'close' }, actorFor('enterprise'), NOW).ok);
  });

  it('a sensor without an owning unit: supervisors give the feedback', () => {
    const a = { ...inStatus('acknowledged'), orgId: null };
    assert.ok(alarmTransition(a, SCENARIO.feedback.action, actorFor('township'), NOW).ok);
    const ent2 = alarmTransition(a, SCENARIO.feedback.action, actorFor('enterprise'), NOW);
    assert.equal(ent2.ok ? 'ok' : ent2.code, 'role_not_allowed');
  });

  it('the sensor\'s recovery does not close the case, at any step', () => {
    for (const status of ['raised', 'acknowledged', 'feedback'] as const) {
      const a = deepFreeze(inStatus(status));
      const rec = recordRecovery(a, s(500));
      assert.deepEqual([rec.status, rec.closedAt, rec.recoveredAt], [status, null, s(500)]);
      assert.equal(recordRecovery(rec, s(900)).recoveredAt, s(500), 'the first recovery is kept');
      assert.equal(a.recoveredAt, null);
    }
  });

  it('property: whatever anyone tries, the loop stays on its graph and a 真实险情 is only closed by a confirmer', () => {
    const actorArb = fc.oneof(fc.constantFrom(...ROLES).map(actorFor), fc.constant(OTHER_ENTERPRISE));
    const actionArb: fc.Arbitrary<AlarmCaseAction> = fc.oneof(
      fc.constant({ type: 'acknowledge' as const }),
      fc.record({ type: fc.constant('feedback' as const), cause: fc.constantFrom(...(['process_fluctuation', 'equipment_fault', 'false_alarm', 'real_danger', 'other'] as const)), measures: fc.constantFrom('m', ' '), causeNote: fc.constantFrom('n', '') }),
      fc.record({ type: fc.constant('return' as const), reason: fc.constantFrom('r', '') }),
      fc.constant({ type: 'close' as const }),
    );
    fc.assert(fc.property(fc.array(fc.tuple(actionArb, actorArb), { maxLength: 30 }), (steps) => {
      let a = alarmCase();
      for (const [action, actor] of steps) {
        const r = alarmTransition(a, action, actor, NOW);
        if (!r.ok) continue;
        assert.ok(ALARM_CASE_TRANSITIONS[action.type].from.includes(a.status));
        assert.equal(r.alarm.status, ALARM_CASE_TRANSITIONS[action.type].to);
        if (r.alarm.status === 'closed') {
          assert.ok(r.alarm.feedback !== null && r.alarm.acknowledgedAt !== null);
          if (r.alarm.feedback.cause === 'real_danger') {
            assert.ok(['regulator', 'bureau_staff'].includes(r.entry.actorRole));
            assert.equal(r.alarm.confirmedBy, actor.userId);
          }
        }
        a = r.alarm;
      }
    }), { seed: 110, numRuns: 300 });
  });
});

// ─── 5. Escalation ───────────────────────────────────────────────────────────────────────────────

describe('escalation of unacknowledged alarms (controllable clock)', () => {
  const RAISED = s(0);
  const at = (ms: number) => RAISED + ms;
  const raised = { status: 'raised' as const, raisedAt: RAISED };

  it('default ladder: owner at raise, department and township from 15 min, duty room from 30 min — at the exact boundaries', () => {
    const cases: [number, string | null][] = [
      [-1, null], [0, 'owner'], [15 * MINUTE_MS - 1, 'owner'], [15 * MINUTE_MS, 'regulator_township'],
      [30 * MINUTE_MS - 1, 'regulator_township'], [30 * MINUTE_MS, 'duty_room'], [DAY_MS, 'duty_room'],
    ];
    for (const [ms, want] of cases) assert.equal(escalationStep(raised, at(ms))?.step.notify ?? null, want, `+${ms} ms`);
    assert.deepEqual(DEFAULT_ALARM_ESCALATION_STEPS.map((x) => x.afterMinutes), [0, 15, 30]);
  });

  it('stops once the alarm is acknowledged (or further along)', () => {
    for (const status of ['acknowledged', 'feedback', 'closed'] as const) {
      assert.equal(escalationStep({ status, raisedAt: RAISED }, at(DAY_MS)), null, status);
      assert.deepEqual(dueSteps({ status, raisedAt: RAISED }, null, at(DAY_MS)), [], status);
    }
  });

  it('custom steps: nothing before the first one', () => {
    const steps = [{ afterMinutes: 5, notify: 'regulator_township' as const }, { afterMinutes: 10, notify: 'duty_room' as const }];
    assert.equal(escalationStep(raised, at(5 * MINUTE_MS - 1), steps), null);
    assert.deepEqual(escalationStep(raised, at(5 * MINUTE_MS), steps), { index: 0, step: steps[0] });
    assert.deepEqual(escalationStep(raised, at(10 * MINUTE_MS), steps), { index: 1, step: steps[1] });
  });

  it('rejects steps that are negative or not strictly increasing', () => {
    assert.throws(() => escalationStep(raised, at(0), [{ afterMinutes: -1, notify: 'owner' }]), RangeError);
    assert.throws(() => escalationStep(raised, at(0), [{ afterMinutes: 15, notify: 'owner' }, { afterMinutes: 15, notify: 'duty_room' }]), RangeError);
  });

  it('dueSteps catches up after a pause, in order, and never repeats', () => {
    const names = (xs: { index: number; step: { notify: string } }[]) => xs.map((x) => `${x.index}:${x.step.notify}`);
    assert.deepEqual(names(dueSteps(raised, null, at(31 * MINUTE_MS))), ['0:owner', '1:regulator_township', '2:duty_room']);
    assert.deepEqual(names(dueSteps(raised, 0, at(16 * MINUTE_MS))), ['1:regulator_township']);
    assert.deepEqual(names(dueSteps(raised, 1, at(16 * MINUTE_MS))), []);
    assert.deepEqual(names(dueSteps(raised, 2, at(DAY_MS))), []);
    assert.deepEqual(names(dueSteps(raised, null, at(0))), ['0:owner']);
  });

  it('property: a job run at any increasing times notifies each reached step exactly once, in order', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 40 * MINUTE_MS }), { maxLength: 12 }), (times) => {
      let last: number | null = null;
      const sent: number[] = [];
      let prevIndex = -1;
      for (const t of [...times].sort((x, y) => x - y)) {
        const reached = escalationStep(raised, at(t))?.index ?? -1;
        assert.ok(reached >= prevIndex, 'the step never goes down');
        prevIndex = reached;
        for (const d of dueSteps(raised, last, at(t))) {
          sent.push(d.index);
          last = d.index;
        }
      }
      assert.deepEqual(sent, Array.from({ length: prevIndex + 1 }, (_, i) => i));
    }), { seed: 15 });
  });
});

// ─── 6. Health figures ───────────────────────────────────────────────────────────────────────────

describe('sensor health and alarm-fatigue figures (hand-computed examples)', () => {
  const HOUR = { from: s(0), to: s(3600) };

  it('online rate: one reading a minute for an hour with 15 minutes missing → 45/60 = 0.75', () => {
    const ts = Array.from({ length: 60 }, (_, k) => k).filter((k) => k < 10 || k > 24).map((k) => s(k * 60 + 5));
    assert.equal(ts.length, 45);
    assert.equal(onlineRate(ts, HOUR, 60), 0.75);
  });

  it('online rate counts slots, not readings; readings outside [from, to) do not count; a short last slot counts', () => {
    assert.equal(onlineRate([s(0), s(30), s(59)], HOUR, 60), 1 / 60);
    assert.equal(onlineRate([s(-1), s(3600)], HOUR, 60), 0);
    assert.equal(onlineRate([s(0), s(130)], { from: s(0), to: s(150) }, 60), 2 / 3);
    assert.equal(onlineRate([], { from: s(0), to: s(0) }, 60), null);
    assert.throws(() => onlineRate([], HOUR, 0), RangeError);
    assert.throws(() => onlineRate([], { from: s(10), to: s(0) }, 60), RangeError);
  });

  it('gaps: silences longer than the limit, including at both ends of the window', () => {
    const w = { from: s(0), to: s(600) };
    const want = [{ from: s(160), to: s(400), durationSec: 240 }, { from: s(460), to: s(600), durationSec: 140 }];
    assert.deepEqual(readingGaps([s(100), s(160), s(400), s(460)], w, 120), want);
    assert.deepEqual(readingGaps([s(460), s(100), s(400), s(160)], w, 120), want);
    assert.deepEqual(readingGaps([s(200)], w, 120), [{ from: s(0), to: s(200), durationSec: 200 }, { from: s(200), to: s(600), durationSec: 400 }]);
    assert.deepEqual(readingGaps([], w, 600), []);
    assert.deepEqual(readingGaps([], w, 599), [{ from: s(0), to: s(600), durationSec: 600 }]);
  });

  it('flat lines: runs of identical values of at least n readings (and a minimum duration if given)', () => {
    const r = [1, 2, 2, 2, 2, 3, 3, 4].map((value, i) => ({ ts: s(i * 10), value }));
    assert.deepEqual(flatLines(r, { minCount: 3 }), [{ from: s(10), to: s(40), count: 4, value: 2 }]);
    assert.deepEqual(flatLines(r, { minCount: 2 }).map((x) => [x.value, x.count]), [[2, 4], [3, 2]]);
    assert.equal(flatLines(r, { minCount: 2, minDurationSec: 30 }).length, 1);
    assert.equal(flatLines(r, { minCount: 2, minDurationSec: 31 }).length, 0);
    assert.deepEqual(flatLines([...r].reverse(), { minCount: 3 }), flatLines(r, { minCount: 3 }));
    assert.throws(() => flatLines(r, { minCount: 1 }), RangeError);
  });

  it('flat lines with a tolerance; a stuck sensor\'s run reaches its latest reading', () => {
    const r = [5.0, 5.05, 4.98, 5.1, 7].map((value, i) => ({ ts: s(i), value }));
    assert.deepEqual(flatLines(r, { minCount: 3, tolerance: 0.1 }), [{ from: s(0), to: s(2), count: 3, value: 5 }]);
    assert.deepEqual(flatLines(r, { minCount: 3 }), []);
    const edge = [1, 1.5, 1.25, 1.75].map((value, i) => ({ ts: s(i), value }));
    assert.deepEqual(flatLines(edge, { minCount: 2, tolerance: 0.5 }).map((x) => x.count), [3]); // a range of exactly the tolerance is flat
    const stuck = [3, 4, 4, 4, 4, 4].map((value, i) => ({ ts: s(i * 60), value }));
    assert.equal(flatLines(stuck, { minCount: 5 }).at(-1)?.to, stuck.at(-1)!.ts);
  });

  it('alarms per day: 14 alarms in a 7-day window → 2 per day', () => {
    const w = { from: s(0), to: s(0) + 7 * DAY_MS };
    const inside = Array.from({ length: 14 }, (_, i) => s(0) + i * 12 * 3_600_000);
    assert.equal(alarmsPerDay([...inside, s(-1), w.to], w), 2);
    assert.equal(alarmsPerDay([], { from: s(0), to: s(0) }), null);
  });

  it('false-alarm share among the cases with a known cause: 1 of 4 → 0.25', () => {
    const cases = [feedbackOf('false_alarm'), feedbackOf('real_danger'), feedbackOf('process_fluctuation'), feedbackOf('process_fluctuation'), null]
      .map((feedback) => ({ feedback }));
    assert.equal(falseAlarmShare(cases), 0.25);
    assert.equal(falseAlarmShare([{ feedback: null }]), null);
  });

  it('mean time to acknowledge and to close, over the cases that got there', () => {
    const cases = [
      { raisedAt: s(0), acknowledgedAt: s(60), closedAt: s(600) },
      { raisedAt: s(1000), acknowledgedAt: s(1180), closedAt: s(2800) },
      { raisedAt: s(5000), acknowledgedAt: null, closedAt: null },
    ];
    assert.equal(meanTimeToAcknowledgeSec(cases), 120);
    assert.equal(meanTimeToCloseSec(cases), 1200);
    assert.equal(meanTimeToAcknowledgeSec([cases[2]!]), null);
    assert.equal(meanTimeToCloseSec([]), null);
  });
});
