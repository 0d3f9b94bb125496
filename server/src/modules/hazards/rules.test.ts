import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ROLES, type Role } from '../../platform/permissions.ts';
import {
  alphaFor, assessMajorHazard, assessmentProblems, availableActions, betaFor, checkTreatmentPlan, closureRate,
  criticalQuantityFor, DAY_MS, DEFAULT_ESCALATION_STEPS, endOfLocalDay, enterpriseRiskLevel, escalationStep,
  escalationsDue, FIVE_ITEMS, gradeFromR, HAZARD_STATUSES, HAZARD_TRANSITIONS, identifyMajorHazard, isOverdue,
  LEC_C_OPTIONS, LEC_E_OPTIONS, LEC_L_OPTIONS, lecBand, lecLevel, LS_BANDS_B, LS_SCORES, lsLevel, overdueDays,
  RISK_LEVEL_META, riskLevel, rValue, transition,
  type FiveItem, type HazardAction, type HazardActionType, type HazardActor, type HazardErrorCode, type HazardRole,
  type HazardState, type HazardStatus, type InventoryItem, type TreatmentPlan,
} from './rules.ts';

// rules.ts keeps its own copy of the role names (it imports nothing); these two lines only compile
// while HazardRole and platform's Role are the same set.
const toRole = (r: HazardRole): Role => r;
const toHazardRole = (r: Role): HazardRole => r;
void toRole; void toHazardRole;

const chem = (name: string, category: InventoryItem['chemical']['category'], quantityT: number, extra: { cas?: string; criticalQuantityT?: number } = {}): InventoryItem =>
  ({ chemical: { name, category, ...extra }, quantityT });

describe('GB 18218-2018: identification and grading of major hazard sources', () => {
  it('grades domain.md\'s worked example: SO₂ 200 t (Q 20, β 2), 60 people (α 1.5) → R 30 → 三级', () => {
    const unit = { items: [chem('二氧化硫', 'J3', 200)], exposedPeople: 60 };
    const a = assessMajorHazard(unit);
    assert.equal(a.s, 10); // 200 / 20
    assert.equal(a.isMajorHazard, true);
    assert.equal(a.alpha, 1.5);
    assert.equal(a.items[0]!.beta, 2);
    assert.equal(a.r, 30); // 1.5 × 2 × 10
    assert.equal(a.grade, 3);
  });

  it('sums a mixture: 液氯 30 t + 液氨 20 t, 150 people → S 8, R 56 → 二级', () => {
    // S = 30/5 + 20/10 = 6 + 2 = 8; Σβq/Q = 4·6 + 2·2 = 28; α(150) = 2 → R = 56.
    const a = assessMajorHazard({ items: [chem('液氯', 'J3', 30), chem('液氨', 'J3', 20)], exposedPeople: 150 });
    assert.deepEqual([a.s, a.alpha, a.r, a.grade], [8, 2, 56, 2]);
    assert.deepEqual(a.items.map((i) => [i.criticalQuantityT, i.beta]), [[5, 4], [10, 2]]);
  });

  it('a mixture below its critical quantities is not a major hazard source and is not graded', () => {
    // 汽油 100/200 + 甲醇 200/500 = 0.5 + 0.4 = 0.9 < 1.
    const a = assessMajorHazard({ items: [chem('汽油', 'W5.1', 100), chem('甲醇', 'W5.3', 200)], exposedPeople: 10 });
    assert.equal(a.s, 0.9);
    assert.equal(a.isMajorHazard, false);
    assert.equal(a.grade, null);
  });

  it('S = 1 exactly is a major hazard source; with nobody exposed (α 0.5) it is 四级', () => {
    // 汽油 100/200 + 甲醇 250/500 = 1; Σβq/Q = 1.5·0.5 + 1·0.5 = 1.25; R = 0.5 × 1.25 = 0.625.
    const a = assessMajorHazard({ items: [chem('汽油', 'W5.1', 100), chem('甲醇', 'W5.3', 250)], exposedPeople: 0 });
    assert.deepEqual([a.s, a.isMajorHazard, a.alpha, a.r, a.grade], [1, true, 0.5, 0.625, 4]);
    assert.equal(identifyMajorHazard([chem('液氯', 'J3', 4.999)]).isMajorHazard, false);
    assert.equal(identifyMajorHazard([chem('液氯', 'J3', 5)]).isMajorHazard, true);
  });

  it('grades LPG 500 t with 35 people as 三级 and phosgene 3 t with 120 people as 一级', () => {
    // LPG: S = 500/50 = 10, β 1.5 (易燃气体 W2), α 1.2 → R = 18.
    assert.deepEqual(pick(assessMajorHazard({ items: [chem('液化石油气', 'W2', 500)], exposedPeople: 35 })), { s: 10, r: 18, grade: 3 });
    // 光气: S = 3/0.3 = 10, β 20, α 2 → R = 400.
    assert.deepEqual(pick(assessMajorHazard({ items: [chem('光气', 'J1', 3)], exposedPeople: 120 })), { s: 10, r: 400, grade: 1 });
  });

  it('grades a chemical not named in Table 1 or 3 by its category (Table 2 Q, Table 4 β)', () => {
    // W1.1 explosive: Q 1, β 2; 5 t, 40 people (α 1.2) → R = 1.2 × 2 × 5 = 12 → 三级.
    assert.deepEqual(pick(assessMajorHazard({ items: [chem('某爆炸品', 'W1.1', 5)], exposedPeople: 40 })), { s: 5, r: 12, grade: 3 });
    // W5.4 flammable liquid: Q 5000, β 1; 20000 t, 10 people → R = 4 → 四级.
    assert.deepEqual(pick(assessMajorHazard({ items: [chem('某闪点60℃液体', 'W5.4', 20000)], exposedPeople: 10 })), { s: 4, r: 4, grade: 4 });
  });

  it('keeps an exact boundary exact despite floating point: R = 100 → 一级', () => {
    assert.notEqual(1.2 * (4 * (250 / 12)), 100); // the raw arithmetic misses 100
    const rv = rValue([chem('X', 'J1', 250, { criticalQuantityT: 12 })], 30); // 1.2 × 4 × 250/12 = 100
    assert.equal(rv.r, 100);
    assert.equal(gradeFromR(rv.r), 1);
  });

  it('gradeFromR: 一级 ≥ 100, 二级 [50,100), 三级 [10,50), 四级 < 10', () => {
    const cases: [number, number][] = [[1000, 1], [100, 1], [99.999, 2], [50, 2], [49.999, 3], [10, 3], [9.999, 4], [0, 4]];
    for (const [r, g] of cases) assert.equal(gradeFromR(r), g, `R = ${r}`);
    assert.throws(() => gradeFromR(Number.NaN), RangeError);
  });

  it('alphaFor follows the exposed-population bands and rejects impossible counts', () => {
    const cases: [number, number][] = [[0, 0.5], [1, 1], [29, 1], [30, 1.2], [49, 1.2], [50, 1.5], [99, 1.5], [100, 2], [5000, 2]];
    for (const [n, a] of cases) assert.equal(alphaFor(n), a, `${n} people`);
    for (const bad of [-1, 1.5, Number.NaN]) assert.throws(() => alphaFor(bad), RangeError);
  });

  it('betaFor: Table 3 by name, alias or CAS; otherwise Table 4 by category', () => {
    assert.equal(betaFor({ name: '液氯', category: 'J3' }), 4);
    assert.equal(betaFor({ name: '氯气', category: 'W4' }), 4);
    assert.equal(betaFor({ name: 'hydrogen sulphide', cas: '7783-06-4', category: 'J3' }), 5);
    assert.equal(betaFor({ name: '光气', category: 'J1' }), 20);
    assert.equal(betaFor({ name: '氨', category: 'W2' }), 2); // Table 3 wins over the W2 β of 1.5
    assert.equal(betaFor({ name: '异氰酸甲酯', category: 'J4' }), 20);
    assert.equal(betaFor({ name: '某剧毒气体', category: 'J1' }), 4);
    assert.equal(betaFor({ name: '某有毒气体', category: 'J3' }), 2);
    assert.equal(betaFor({ name: '天然气', category: 'W2' }), 1.5);
    assert.equal(betaFor({ name: '汽油', category: 'W5.1' }), 1.5);
    assert.equal(betaFor({ name: '甲醇', category: 'W5.3' }), 1);
    assert.equal(betaFor({ name: '某爆炸品', category: 'W1.3' }), 2);
    assert.equal(betaFor({ name: '氯乙烯', category: 'W2' }), 1.5); // not 氯's β: names match exactly
  });

  it('criticalQuantityFor: the caller\'s Q, else Table 1 by CAS/name/alias, else Table 2 by category', () => {
    assert.equal(criticalQuantityFor({ name: '液氨', category: 'J3' }), 10);
    assert.equal(criticalQuantityFor({ name: '甲烷，天然气', category: 'W2' }), 50); // full-width comma
    assert.equal(criticalQuantityFor({ name: '液化天然气', category: 'W2' }), 50);
    assert.equal(criticalQuantityFor({ name: 'whatever', cas: '75-01-4', category: 'W2' }), 50); // 氯乙烯
    assert.equal(criticalQuantityFor({ name: '硫化氢', category: 'J3' }), 5);
    assert.equal(criticalQuantityFor({ name: '汽油', category: 'W5.3' }), 200); // Table 1 beats the category's 1000
    assert.equal(criticalQuantityFor({ name: '某易燃液体', category: 'W5.4' }), 5000);
    assert.equal(criticalQuantityFor({ name: '液氨', category: 'J3', criticalQuantityT: 7 }), 7);
    assert.throws(() => criticalQuantityFor({ name: 'x', category: 'J1', criticalQuantityT: 0 }), RangeError);
  });

  it('rejects negative or non-finite quantities; an empty unit is not a major hazard source', () => {
    assert.throws(() => identifyMajorHazard([chem('液氯', 'J3', -1)]), RangeError);
    assert.throws(() => rValue([chem('液氯', 'J3', Number.POSITIVE_INFINITY)], 10), RangeError);
    assert.deepEqual(pick(assessMajorHazard({ items: [], exposedPeople: 10 })), { s: 0, r: 0, grade: null });
  });

  const item = fc.record({
    category: fc.constantFrom('J1', 'J3', 'W2', 'W5.1', 'W5.3', 'W1.1' as const),
    q: fc.double({ min: 0, max: 10_000, noNaN: true }),
    Q: fc.constantFrom(0.3, 1, 5, 10, 50, 200, 500, 5000),
  });
  const toItems = (xs: { category: InventoryItem['chemical']['category']; q: number; Q: number }[]) =>
    xs.map((x, i) => chem(`c${i}`, x.category, x.q, { criticalQuantityT: x.Q }));

  it('property: adding stock never lowers S or R, and a major hazard source is exactly S ≥ 1', () => {
    fc.assert(fc.property(fc.array(item, { maxLength: 6 }), item, fc.integer({ min: 0, max: 300 }), (xs, extra, people) => {
      const before = assessMajorHazard({ items: toItems(xs), exposedPeople: people });
      const after = assessMajorHazard({ items: toItems([...xs, extra]), exposedPeople: people });
      assert.ok(after.s >= before.s && after.r >= before.r);
      assert.equal(after.isMajorHazard, after.s >= 1);
      // β ≥ 1 and α ≥ 0.5, so R ≥ S/2; α ≤ 2 and β ≤ 4 here, so R ≤ 8·S (+ rounding).
      assert.ok(after.r >= after.s / 2 - 1e-6 && after.r <= 8 * after.s + 1e-6);
    }), { seed: 18218 });
  });

  it('property: gradeFromR is monotone (a larger R never gives a milder grade)', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), (a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      assert.ok(gradeFromR(hi) <= gradeFromR(lo));
    }), { seed: 18218 });
  });
});

function pick(a: { s: number; r: number; grade: number | null }) {
  return { s: a.s, r: a.r, grade: a.grade };
}

describe('risk grading: LEC, LS and the four colours', () => {
  it('LEC examples: D = L·E·C, graded by the Graham–Kinney bands folded into four colours', () => {
    const cases: [number, number, number, number, string, string][] = [
      [6, 6, 15, 540, 'major', 'extreme'],
      [3, 3, 40, 360, 'major', 'extreme'],
      [10, 10, 3, 300, 'large', 'high'],
      [3, 6, 15, 270, 'large', 'high'],
      [10, 6, 3, 180, 'large', 'high'],
      [10, 1, 15, 150, 'general', 'significant'],
      [3, 3, 15, 135, 'general', 'significant'],
      [10, 0.5, 15, 75, 'general', 'significant'],
      [10, 1, 7, 70, 'low', 'moderate'],
      [1, 6, 7, 42, 'low', 'moderate'],
      [6, 0.5, 7, 21, 'low', 'moderate'],
      [10, 2, 1, 20, 'low', 'slight'],
      [0.1, 0.5, 1, 0.05, 'low', 'slight'],
    ];
    for (const [L, E, C, d, level, band] of cases) {
      const r = riskLevel({ method: 'LEC', L, E, C });
      assert.deepEqual([r.score, r.level, r.lecBand], [d, level, band], `L${L} E${E} C${C}`);
      assert.equal(r.colour, RISK_LEVEL_META[r.level].colour);
    }
    const red = riskLevel({ method: 'LEC', L: 6, E: 6, C: 15 });
    assert.deepEqual([red.colour, red.labelZh], ['red', '重大风险']);
  });

  it('lecLevel and lecBand are exclusive at the upper bound of each band (D ≤ 320 is not 重大)', () => {
    assert.deepEqual([320, 320.001, 160, 160.001, 70, 70.001].map((d) => lecLevel(d)), ['large', 'major', 'general', 'large', 'low', 'general']);
    assert.deepEqual([20, 20.001].map((d) => lecBand(d).band), ['slight', 'moderate']);
  });

  it('LS variant A (default): 20–25 红, 15–16 橙, 9–12 黄, 1–8 蓝', () => {
    const cases: [number, number, string][] = [[5, 5, 'major'], [5, 4, 'major'], [4, 4, 'large'], [3, 5, 'large'], [3, 4, 'general'], [3, 3, 'general'], [2, 4, 'low'], [1, 1, 'low']];
    for (const [L, S, level] of cases) assert.equal(riskLevel({ method: 'LS', L, S }).level, level, `${L}×${S}`);
    assert.deepEqual(riskLevel({ method: 'LS', L: 2, S: 5 }), { method: 'LS', score: 10, level: 'general', colour: 'yellow', labelZh: '一般风险', labelEn: 'General risk' });
  });

  it('LS variant B (option): 20–25 红, 10–16 橙, 4–9 黄, 1–3 蓝', () => {
    const cases: [number, number, string][] = [[4, 5, 'major'], [4, 4, 'large'], [2, 5, 'large'], [3, 3, 'general'], [2, 2, 'general'], [1, 3, 'low']];
    for (const [L, S, level] of cases) assert.equal(riskLevel({ method: 'LS', L, S }, { lsBands: LS_BANDS_B }).level, level, `${L}×${S}`);
    assert.equal(lsLevel(9, LS_BANDS_B), 'general');
  });

  it('rejects scores outside the allowed sets, naming the fields', () => {
    assert.deepEqual(assessmentProblems({ method: 'LEC', L: 2, E: 6, C: 50 }).map((p) => p.field), ['L', 'C']);
    assert.deepEqual(assessmentProblems({ method: 'LEC', L: 3, E: 4, C: 15 }).map((p) => p.field), ['E']);
    assert.deepEqual(assessmentProblems({ method: 'LS', L: 0, S: 2.5 }).map((p) => p.field), ['L', 'S']);
    assert.deepEqual(assessmentProblems({ method: 'LS', L: 6, S: 5 }).map((p) => p.field), ['L']);
    assert.deepEqual(assessmentProblems({ method: 'LEC', L: 0.1, E: 0.5, C: 1 }), []);
    assert.throws(() => riskLevel({ method: 'LEC', L: 2, E: 6, C: 15 }), RangeError);
    assert.throws(() => riskLevel({ method: 'LS', L: 3, S: 6 }), RangeError);
  });

  it('an enterprise takes the highest level of its risk points; none yet → null', () => {
    assert.equal(enterpriseRiskLevel([]), null);
    assert.equal(enterpriseRiskLevel([{ level: 'low' }, { level: 'general' }, { level: 'low' }]), 'general');
    assert.equal(enterpriseRiskLevel([{ level: 'low' }, { level: 'major' }, { level: 'large' }]), 'major');
  });

  const rank = (l: keyof typeof RISK_LEVEL_META) => RISK_LEVEL_META[l].rank;
  const lecValues = { L: LEC_L_OPTIONS.map((o) => o.value), E: LEC_E_OPTIONS.map((o) => o.value), C: LEC_C_OPTIONS.map((o) => o.value) };

  it('property: raising any one LEC score never lowers the level', () => {
    const pickFrom = (xs: number[]) => fc.constantFrom(...xs);
    fc.assert(fc.property(pickFrom(lecValues.L), pickFrom(lecValues.E), pickFrom(lecValues.C), fc.constantFrom('L', 'E', 'C' as const), fc.nat(),
      (L, E, C, which, k) => {
        const base = { L, E, C };
        const higher = lecValues[which].filter((v) => v >= base[which]);
        const raised = { ...base, [which]: higher[k % higher.length]! };
        assert.ok(rank(riskLevel({ method: 'LEC', ...raised }).level) <= rank(riskLevel({ method: 'LEC', ...base }).level));
      }), { seed: 4 });
  });

  it('property: raising L or S never lowers the LS level, in both variants', () => {
    const s = fc.constantFrom(...LS_SCORES);
    fc.assert(fc.property(s, s, s, fc.boolean(), fc.boolean(), (L, S, up, raiseL, variantB) => {
      const opts = variantB ? { lsBands: LS_BANDS_B } : {};
      const base = riskLevel({ method: 'LS', L, S }, opts);
      const raised = raiseL ? riskLevel({ method: 'LS', L: Math.max(L, up), S }, opts) : riskLevel({ method: 'LS', L, S: Math.max(S, up) }, opts);
      assert.ok(rank(raised.level) <= rank(base.level));
    }), { seed: 5 });
  });
});

// ─── The hazard closed loop ──────────────────────────────────────────────────────────────────────

const NOW = new Date('2025-06-01T02:00:00Z');
const LATER = new Date('2025-06-30T15:59:59.999Z');
const ENT = 'org-enterprise-1';
const FULL_PLAN: TreatmentPlan = {
  responsibleUnit: '鄯善某化工有限公司', responsiblePerson: '王经理', measures: '更换泄漏阀门并加装可燃气体报警仪',
  fundsYuan: 120_000, deadline: LATER, contingencyPlan: '罐区泄漏专项应急预案(附件)',
};

function hazard(over: Partial<HazardState> = {}): HazardState {
  return { status: 'pending', grade: 'general', orgId: ENT, deadline: null, plan: null, submittedBy: null, ...over };
}

/** One actor per role, from an organisation that is not the hazard's (except the enterprise). */
function actorFor(role: Role): HazardActor {
  return { userId: `u-${role}`, roles: [role], orgId: role === 'enterprise' ? ENT : `org-of-${role}` };
}
const OTHER_ENTERPRISE: HazardActor = { userId: 'u-ent-2', roles: ['enterprise'], orgId: 'org-enterprise-2' };

function actionOf(type: HazardActionType): HazardAction {
  if (type === 'assign') return { type, plan: { responsibleUnit: 'x', responsiblePerson: 'y', deadline: LATER } };
  if (type === 'verify_reject') return { type, reason: '阀门仍有渗漏' };
  return { type };
}

type Outcome = 'ok' | HazardErrorCode;
/** Expected outcome per action and role, when the hazard is in the action's source status. */
const EXPECTED: Record<HazardActionType, Record<Role | 'other_enterprise', Outcome>> = {
  assign: {
    admin: 'role_not_allowed', duty_officer: 'role_not_allowed', commander: 'role_not_allowed',
    bureau_staff: 'ok', regulator: 'ok', township: 'ok', enterprise: 'ok', inspector: 'ok',
    informant: 'role_not_allowed', team_contact: 'role_not_allowed', other_enterprise: 'not_responsible_unit',
  },
  submit: {
    admin: 'role_not_allowed', duty_officer: 'role_not_allowed', commander: 'role_not_allowed',
    bureau_staff: 'not_responsible_unit', regulator: 'not_responsible_unit', township: 'not_responsible_unit',
    enterprise: 'ok', inspector: 'role_not_allowed', informant: 'role_not_allowed', team_contact: 'role_not_allowed',
    other_enterprise: 'not_responsible_unit',
  },
  verify_pass: {
    admin: 'role_not_allowed', duty_officer: 'role_not_allowed', commander: 'role_not_allowed',
    bureau_staff: 'ok', regulator: 'ok', township: 'ok', enterprise: 'role_not_allowed', inspector: 'ok',
    informant: 'role_not_allowed', team_contact: 'role_not_allowed', other_enterprise: 'role_not_allowed',
  },
  verify_reject: {
    admin: 'role_not_allowed', duty_officer: 'role_not_allowed', commander: 'role_not_allowed',
    bureau_staff: 'ok', regulator: 'ok', township: 'ok', enterprise: 'role_not_allowed', inspector: 'ok',
    informant: 'role_not_allowed', team_contact: 'role_not_allowed', other_enterprise: 'role_not_allowed',
  },
};
const EXPECTED_TO: Record<HazardActionType, HazardStatus> = { assign: 'rectifying', submit: 'verifying', verify_pass: 'closed', verify_reject: 'rectifying' };
const SOURCE: Record<HazardActionType, HazardStatus> = { assign: 'pending', submit: 'rectifying', verify_pass: 'verifying', verify_reject: 'verifying' };

describe('hazard closed loop: every transition, per role', () => {
  const actors: [string, HazardActor][] = [...ROLES.map((r): [string, HazardActor] => [r, actorFor(r)]), ['other_enterprise', OTHER_ENTERPRISE]];

  for (const type of Object.keys(EXPECTED) as HazardActionType[]) {
    for (const [name, actor] of actors) {
      const want = EXPECTED[type][name as Role | 'other_enterprise'];
      it(`${type} from ${SOURCE[type]} by ${name}: ${want}`, () => {
        const h = hazard({ status: SOURCE[type], deadline: SOURCE[type] === 'pending' ? null : LATER, submittedBy: SOURCE[type] === 'verifying' ? 'u-enterprise' : null });
        const r = transition(h, actionOf(type), actor, NOW);
        if (want === 'ok') {
          assert.ok(r.ok, JSON.stringify(r));
          assert.equal(r.hazard.status, EXPECTED_TO[type]);
          assert.deepEqual([r.entry.from, r.entry.to, r.entry.action, r.entry.actorId, r.entry.actorRole, r.entry.at],
            [SOURCE[type], EXPECTED_TO[type], type, actor.userId, name, NOW]);
          assert.equal(h.status, SOURCE[type], 'the input is not mutated');
        } else {
          assert.equal(r.ok, false);
          if (!r.ok) {
            assert.equal(r.code, want);
            assert.equal(r.status, 403);
            assert.ok(r.message.zh.length > 0 && r.message.en.length > 0);
          }
        }
      });
    }
    it(`${type} from any other status is invalid_transition for every role`, () => {
      for (const status of HAZARD_STATUSES.filter((s) => s !== SOURCE[type])) {
        for (const [name, actor] of actors) {
          const r = transition(hazard({ status, deadline: LATER }), actionOf(type), actor, NOW);
          assert.equal(r.ok ? 'ok' : r.code, 'invalid_transition', `${type} from ${status} by ${name}`);
          if (!r.ok) assert.equal(r.status, 409);
        }
      }
    });
  }

  it('the transition table is the four-state loop with one way back', () => {
    assert.deepEqual(HAZARD_TRANSITIONS, {
      assign: { from: 'pending', to: 'rectifying' }, submit: { from: 'rectifying', to: 'verifying' },
      verify_pass: { from: 'verifying', to: 'closed' }, verify_reject: { from: 'verifying', to: 'rectifying' },
    });
  });

  it('availableActions lists what each actor may do now; 已销号 is terminal for everyone', () => {
    assert.deepEqual(availableActions(hazard(), actorFor('enterprise')), ['assign']);
    assert.deepEqual(availableActions(hazard({ status: 'rectifying' }), actorFor('enterprise')), ['submit']);
    assert.deepEqual(availableActions(hazard({ status: 'rectifying' }), actorFor('township')), []);
    assert.deepEqual(availableActions(hazard({ status: 'verifying' }), actorFor('township')), ['verify_pass', 'verify_reject']);
    assert.deepEqual(availableActions(hazard({ status: 'verifying' }), actorFor('enterprise')), []);
    for (const role of ROLES) assert.deepEqual(availableActions(hazard({ status: 'closed' }), actorFor(role)), [], role);
  });

  it('walks the whole loop with a rejection: 待整改 → 整改中 → 待验收 → 整改中 → 待验收 → 已销号', () => {
    const town = actorFor('township');
    const ent = actorFor('enterprise');
    let h = hazard();
    const step = (a: HazardAction, who: HazardActor, at: Date) => {
      const r = transition(h, a, who, at);
      assert.ok(r.ok, JSON.stringify(r));
      h = r.hazard;
      return r.entry;
    };
    const t = (d: string) => new Date(`2025-06-${d}T08:00:00+08:00`);
    step({ type: 'assign', plan: { responsibleUnit: '设备部', responsiblePerson: '李工', deadline: LATER }, photoIds: ['before-1'] }, town, t('01'));
    assert.deepEqual([h.status, h.deadline], ['rectifying', LATER]);
    const sub = step({ type: 'submit', note: '已更换', photoIds: ['after-1', 'after-2'] }, ent, t('10'));
    assert.deepEqual([h.status, h.submittedBy, h.submittedAt, sub.photoIds, sub.note], ['verifying', 'u-enterprise', t('10'), ['after-1', 'after-2'], '已更换']);
    const rej = step({ type: 'verify_reject', reason: '  仍有渗漏  ' }, town, t('11'));
    assert.deepEqual([h.status, h.submittedBy, rej.note], ['rectifying', null, '仍有渗漏']);
    step({ type: 'submit' }, ent, t('20'));
    step({ type: 'verify_pass', note: '复查合格' }, town, t('21'));
    assert.deepEqual([h.status, h.closedAt], ['closed', t('21')]);
  });
});

describe('hazard closed loop: units, supervision and payload rules', () => {
  it('a government office responsible for its own facility submits, and may not verify it itself', () => {
    const own: HazardActor = { userId: 'u-t1', roles: ['township'], orgId: 'org-town-1' };
    const h = hazard({ orgId: 'org-town-1', status: 'rectifying', deadline: LATER });
    const sub = transition(h, { type: 'submit' }, own, NOW);
    assert.ok(sub.ok);
    const self = transition(sub.hazard, { type: 'verify_pass' }, own, NOW);
    assert.equal(self.ok ? 'ok' : self.code, 'own_rectification');
    const colleague: HazardActor = { userId: 'u-t1b', roles: ['township'], orgId: 'org-town-1' };
    const byColleague = transition(sub.hazard, { type: 'verify_reject', reason: 'x' }, colleague, NOW);
    assert.equal(byColleague.ok ? 'ok' : byColleague.code, 'own_rectification');
    const bureau: HazardActor = { userId: 'u-b', roles: ['bureau_staff'], orgId: 'org-bureau' };
    assert.ok(transition(sub.hazard, { type: 'verify_pass' }, bureau, NOW).ok);
  });

  it('nobody verifies their own submission, even from another unit', () => {
    const moved: HazardActor = { userId: 'u-x', roles: ['township'], orgId: 'org-town-2' };
    const r = transition(hazard({ status: 'verifying', submittedBy: 'u-x' }), { type: 'verify_pass' }, moved, NOW);
    assert.equal(r.ok ? 'ok' : r.code, 'own_rectification');
  });

  it('under 挂牌督办 only the supervising unit verifies', () => {
    const h = hazard({ status: 'verifying', grade: 'major', plan: FULL_PLAN, deadline: LATER, supervisingOrgId: 'org-bureau', submittedBy: 'u-enterprise' });
    const town = transition(h, { type: 'verify_pass' }, actorFor('township'), NOW);
    assert.equal(town.ok ? 'ok' : town.code, 'not_supervising_unit');
    const rejTown = transition(h, { type: 'verify_reject', reason: 'x' }, actorFor('township'), NOW);
    assert.equal(rejTown.ok ? 'ok' : rejTown.code, 'not_supervising_unit');
    const bureau: HazardActor = { userId: 'u-b', roles: ['bureau_staff'], orgId: 'org-bureau' };
    assert.ok(transition(h, { type: 'verify_pass' }, bureau, NOW).ok);
  });

  it('a hazard without a responsible unit cannot be assigned', () => {
    const h = hazard({ orgId: null });
    const town = transition(h, actionOf('assign'), actorFor('township'), NOW);
    assert.deepEqual(town.ok ? 'ok' : [town.code, town.status], ['no_responsible_unit', 409]);
    const ent = transition(h, actionOf('assign'), actorFor('enterprise'), NOW);
    assert.equal(ent.ok ? 'ok' : ent.code, 'not_responsible_unit');
  });

  it('a 一般隐患 needs a responsible unit and person and a deadline, nothing more', () => {
    const r = transition(hazard(), { type: 'assign', plan: { responsiblePerson: '李工' } }, actorFor('township'), NOW);
    assert.deepEqual(r.ok ? 'ok' : [r.code, r.status, r.missing], ['plan_incomplete', 422, ['responsibility', 'deadline']]);
    const ok = transition(hazard(), { type: 'assign', plan: { responsibleUnit: '设备部', responsiblePerson: '李工', deadline: LATER } }, actorFor('township'), NOW);
    assert.ok(ok.ok);
  });

  it('the assignment deadline must be in the future', () => {
    for (const deadline of [NOW, new Date(NOW.getTime() - 1)]) {
      const r = transition(hazard(), { type: 'assign', plan: { ...FULL_PLAN, deadline } }, actorFor('township'), NOW);
      assert.deepEqual(r.ok ? 'ok' : [r.code, r.status], ['deadline_not_in_future', 400]);
    }
    assert.ok(transition(hazard(), { type: 'assign', plan: { ...FULL_PLAN, deadline: new Date(NOW.getTime() + 1) } }, actorFor('township'), NOW).ok);
  });

  it('rejecting needs a reason and may set a new future deadline', () => {
    const h = hazard({ status: 'verifying', deadline: LATER, plan: FULL_PLAN, submittedBy: 'u-enterprise' });
    for (const reason of ['', '   ']) {
      const r = transition(h, { type: 'verify_reject', reason }, actorFor('township'), NOW);
      assert.equal(r.ok ? 'ok' : r.code, 'reason_required');
    }
    const past = transition(h, { type: 'verify_reject', reason: 'x', deadline: NOW }, actorFor('township'), NOW);
    assert.equal(past.ok ? 'ok' : past.code, 'deadline_not_in_future');
    const newDeadline = new Date('2025-07-15T15:59:59.999Z');
    const r = transition(h, { type: 'verify_reject', reason: 'x', deadline: newDeadline }, actorFor('township'), NOW);
    assert.ok(r.ok);
    assert.deepEqual([r.hazard.deadline, r.hazard.plan?.deadline, r.hazard.plan?.measures], [newDeadline, newDeadline, FULL_PLAN.measures]);
  });
});

describe('重大隐患: 五到位 (责任、措施、资金、时限、预案)', () => {
  const major = (plan: TreatmentPlan | null = null) => hazard({ grade: 'major', plan });

  it('checkTreatmentPlan lists the missing items in order; a complete plan lacks nothing', () => {
    assert.deepEqual(checkTreatmentPlan(null), [...FIVE_ITEMS]);
    assert.deepEqual(checkTreatmentPlan({}), ['responsibility', 'measures', 'funds', 'deadline', 'contingency']);
    assert.deepEqual(checkTreatmentPlan(FULL_PLAN), []);
  });

  it('each item alone is detected, including blank text, zero funds and an invalid date', () => {
    const broken: [FiveItem, TreatmentPlan][] = [
      ['responsibility', { ...FULL_PLAN, responsiblePerson: '  ' }],
      ['responsibility', { ...FULL_PLAN, responsibleUnit: null }],
      ['measures', { ...FULL_PLAN, measures: '' }],
      ['funds', { ...FULL_PLAN, fundsYuan: 0 }],
      ['funds', { ...FULL_PLAN, fundsYuan: -5 }],
      ['funds', { ...FULL_PLAN, fundsYuan: Number.NaN }],
      ['deadline', { ...FULL_PLAN, deadline: new Date('not a date') }],
      ['deadline', { ...FULL_PLAN, deadline: undefined }],
      ['contingency', { ...FULL_PLAN, contingencyPlan: undefined }],
    ];
    for (const [item, plan] of broken) assert.deepEqual(checkTreatmentPlan(plan), [item], item);
  });

  it('a 重大隐患 cannot leave 待整改 without all five items, for any role that may assign', () => {
    for (const role of ['township', 'regulator', 'bureau_staff', 'inspector', 'enterprise'] as const) {
      for (const item of FIVE_ITEMS) {
        const plan: TreatmentPlan = { ...FULL_PLAN };
        if (item === 'responsibility') plan.responsiblePerson = null;
        if (item === 'measures') plan.measures = null;
        if (item === 'funds') plan.fundsYuan = null;
        if (item === 'deadline') plan.deadline = null;
        if (item === 'contingency') plan.contingencyPlan = null;
        const r = transition(major(), { type: 'assign', plan }, actorFor(role), NOW);
        assert.equal(r.ok, false, `${role} without ${item}`);
        if (!r.ok) {
          assert.deepEqual([r.code, r.missing], ['plan_incomplete', [item]]);
          assert.match(r.message.zh, /五到位/);
        }
      }
      const ok = transition(major(), { type: 'assign', plan: FULL_PLAN }, actorFor(role), NOW);
      assert.ok(ok.ok, role);
      assert.deepEqual([ok.hazard.status, ok.hazard.deadline, ok.hazard.plan], ['rectifying', LATER, FULL_PLAN]);
    }
  });

  it('the plan already on the hazard counts; the action\'s fields complete or override it', () => {
    const partial: TreatmentPlan = { responsibleUnit: 'u', responsiblePerson: 'p', measures: 'm', fundsYuan: 1 };
    const missing = transition(major(partial), { type: 'assign' }, actorFor('township'), NOW);
    assert.deepEqual(missing.ok ? 'ok' : missing.missing, ['deadline', 'contingency']);
    const done = transition(major(partial), { type: 'assign', plan: { deadline: LATER, contingencyPlan: 'plan.pdf', measures: 'm2' } }, actorFor('township'), NOW);
    assert.ok(done.ok);
    assert.deepEqual(done.hazard.plan, { ...partial, deadline: LATER, contingencyPlan: 'plan.pdf', measures: 'm2' });
  });

  it('property: whatever actions anyone tries, the loop stays on its graph and no 重大隐患 is rectified without 五到位', () => {
    const roleArb = fc.constantFrom<Role | 'other'>(...ROLES, 'other');
    const planArb = fc.record({
      responsibleUnit: fc.option(fc.constantFrom('u', ' ')), responsiblePerson: fc.option(fc.constantFrom('p', '')),
      measures: fc.option(fc.constant('m')), fundsYuan: fc.option(fc.constantFrom(0, 10)),
      deadline: fc.option(fc.constantFrom(NOW, LATER)), contingencyPlan: fc.option(fc.constant('c')),
    }, { requiredKeys: [] });
    const actionArb: fc.Arbitrary<HazardAction> = fc.oneof(
      planArb.map((plan) => ({ type: 'assign' as const, plan: plan as TreatmentPlan })),
      fc.constant({ type: 'submit' as const }),
      fc.constant({ type: 'verify_pass' as const }),
      fc.constantFrom('', 'bad').map((reason) => ({ type: 'verify_reject' as const, reason })),
    );
    fc.assert(fc.property(fc.constantFrom('general', 'major' as const), fc.array(fc.tuple(actionArb, roleArb), { maxLength: 25 }), (grade, steps) => {
      let h = hazard({ grade });
      for (const [a, role] of steps) {
        const actor = role === 'other' ? OTHER_ENTERPRISE : actorFor(role);
        const r = transition(h, a, actor, NOW);
        if (!r.ok) continue;
        assert.equal(r.entry.from, h.status);
        assert.deepEqual(HAZARD_TRANSITIONS[a.type], { from: r.entry.from, to: r.entry.to });
        if (r.hazard.status === 'rectifying' && grade === 'major') assert.deepEqual(checkTreatmentPlan(r.hazard.plan), []);
        if (a.type === 'submit') assert.equal(actor.orgId, ENT);
        if (r.hazard.status === 'closed') assert.notEqual(actor.orgId, ENT);
        h = r.hazard;
      }
    }), { seed: 16, numRuns: 300 });
  });
});

describe('overdue and escalation (controllable clock)', () => {
  const DEADLINE = endOfLocalDay('2025-06-30'); // 2025-06-30 23:59:59.999 +08:00
  const at = (ms: number) => new Date(DEADLINE.getTime() + ms);
  const rectifying = { status: 'rectifying' as const, deadline: DEADLINE };

  it('a date-only deadline ends at local midnight (+08:00 by default)', () => {
    assert.equal(DEADLINE.toISOString(), '2025-06-30T15:59:59.999Z');
    assert.equal(endOfLocalDay('2025-06-30', 0).toISOString(), '2025-06-30T23:59:59.999Z');
    assert.throws(() => endOfLocalDay('30/06/2025'), RangeError);
  });

  it('overdue only after the deadline, and only while not yet submitted', () => {
    assert.equal(isOverdue(rectifying, at(0)), false);
    assert.equal(isOverdue(rectifying, at(1)), true);
    assert.equal(isOverdue({ status: 'pending', deadline: DEADLINE }, at(1)), true);
    assert.equal(isOverdue({ status: 'verifying', deadline: DEADLINE }, at(DAY_MS)), false);
    assert.equal(isOverdue({ status: 'closed', deadline: DEADLINE }, at(DAY_MS)), false);
    assert.equal(isOverdue({ status: 'rectifying', deadline: null }, at(DAY_MS)), false);
    assert.deepEqual([overdueDays(rectifying, at(0)), overdueDays(rectifying, at(1)), overdueDays(rectifying, at(DAY_MS)), overdueDays(rectifying, at(2.5 * DAY_MS))], [null, 0, 1, 2]);
  });

  it('default steps: owner when overdue, township from 3 days, bureau from 7 days — exactly at the boundaries', () => {
    const cases: [number, string | null][] = [
      [0, null], [1, 'owner'], [3 * DAY_MS - 1, 'owner'], [3 * DAY_MS, 'township'],
      [7 * DAY_MS - 1, 'township'], [7 * DAY_MS, 'bureau'], [60 * DAY_MS, 'bureau'],
    ];
    for (const [ms, want] of cases) assert.equal(escalationStep(rectifying, at(ms))?.step.notify ?? null, want, `+${ms} ms`);
    assert.equal(escalationStep({ status: 'verifying', deadline: DEADLINE }, at(10 * DAY_MS)), null);
  });

  it('custom steps: nothing before the first step even though overdue', () => {
    const steps = [{ afterDays: 1, notify: 'township' as const }, { afterDays: 2, notify: 'bureau' as const }];
    assert.equal(escalationStep(rectifying, at(DAY_MS - 1), steps), null);
    assert.deepEqual(escalationStep(rectifying, at(DAY_MS), steps), { index: 0, step: steps[0] });
    assert.deepEqual(escalationStep(rectifying, at(2 * DAY_MS), steps), { index: 1, step: steps[1] });
  });

  it('rejects steps that are negative or not strictly increasing', () => {
    assert.throws(() => escalationStep(rectifying, at(1), [{ afterDays: -1, notify: 'owner' }]), RangeError);
    assert.throws(() => escalationStep(rectifying, at(1), [{ afterDays: 3, notify: 'owner' }, { afterDays: 3, notify: 'bureau' }]), RangeError);
  });

  it('escalationsDue catches up on missed steps in order and never repeats a sent one', () => {
    const notify = (xs: { index: number; step: { notify: string } }[]) => xs.map((x) => `${x.index}:${x.step.notify}`);
    assert.deepEqual(notify(escalationsDue(rectifying, at(8 * DAY_MS), null)), ['0:owner', '1:township', '2:bureau']);
    assert.deepEqual(notify(escalationsDue(rectifying, at(4 * DAY_MS), 0)), ['1:township']);
    assert.deepEqual(notify(escalationsDue(rectifying, at(4 * DAY_MS), 1)), []);
    assert.deepEqual(notify(escalationsDue(rectifying, at(10 * DAY_MS), 2)), []);
    assert.deepEqual(escalationsDue(rectifying, at(0), null), []);
  });

  it('property: the escalation step never goes down as time passes', () => {
    fc.assert(fc.property(fc.integer({ min: -DAY_MS, max: 20 * DAY_MS }), fc.integer({ min: 0, max: 20 * DAY_MS }), (t, dt) => {
      const a = escalationStep(rectifying, at(t), DEFAULT_ESCALATION_STEPS)?.index ?? -1;
      const b = escalationStep(rectifying, at(t + dt), DEFAULT_ESCALATION_STEPS)?.index ?? -1;
      assert.ok(b >= a);
    }), { seed: 7 });
  });

  it('closure rate = closed ÷ found; nothing found → null', () => {
    assert.equal(closureRate(0, 0), null);
    assert.equal(closureRate(3, 4), 0.75);
    assert.equal(closureRate(4, 4), 1);
    for (const [c, f] of [[5, 4], [-1, 3], [1.5, 3]] as const) assert.throws(() => closureRate(c, f), RangeError);
  });
});
