/**
 * Dual prevention (双重预防) domain rules — pure functions and data, no I/O, no imports.
 *
 *   1. GB 18218-2018 major hazard sources: identification S = Σ qᵢ/Qᵢ ≥ 1, grading
 *      R = α · Σ βᵢ·qᵢ/Qᵢ → 一级…四级.
 *   2. Risk points: LEC (D = L·E·C) and LS matrix (R = L·S) → 重大/较大/一般/低 = 红/橙/黄/蓝;
 *      an enterprise's level is the highest of its points.
 *   3. The hazard (隐患) closed loop 待整改 → 整改中 → 待验收 → 已销号 with role checks, the 五到位
 *      treatment plan for 重大隐患, overdue and escalation steps (the clock is always passed in).
 *
 * Sources and verification status are in comments: [V] verified, [P] partly, [U] unverified, as in
 * ../shared/domain.md §4–5. [P]/[U] values are exported constants (and parameters where a caller may
 * choose another variant) so a deployment can correct them without touching the logic.
 * See docs/hazards-rules.md.
 */

// ─── 1. GB 18218-2018 major hazard sources ───────────────────────────────────────────────────────

/** Hazard categories of GB 18218-2018 Table 2 (J = 健康危险 acute toxicity, W = 物理危险). */
export const HAZARD_CATEGORIES = [
  'J1', 'J2', 'J3', 'J4', 'J5',
  'W1.1', 'W1.2', 'W1.3', 'W2', 'W3', 'W4', 'W5.1', 'W5.2', 'W5.3', 'W5.4',
  'W6.1', 'W6.2', 'W7.1', 'W7.2', 'W8', 'W9.1', 'W9.2', 'W10', 'W11',
] as const;
export type HazardCategory = (typeof HAZARD_CATEGORIES)[number];

export interface CategoryEntry {
  labelZh: string;
  labelEn: string;
  /** Table 2 critical quantity Q (t) for chemicals not named in Table 1. [P] domain.md §5.2 */
  criticalQuantityT: number;
  /** Table 4 correction factor β for chemicals not named in Table 3. [P] domain.md §5.2 */
  beta: number;
}

/**
 * GB 18218-2018 Table 2 (Q) and Table 4 (β) by category, as listed in domain.md §5.2 — both [P]
 * (a calculator's code plus recollection). W4 is 200 t, not domain.md's 50 t: the 2009 edition had
 * 200 t for oxidising gases, Table 1 gives 氧 200 t, and domain.md flags its source as garbled [P].
 */
export const CATEGORY_TABLE: Readonly<Record<HazardCategory, CategoryEntry>> = {
  J1: { labelZh: '急性毒性 类别1,所有暴露途径,气体', labelEn: 'Acute toxicity Category 1, all exposure routes, gases', criticalQuantityT: 5, beta: 4 },
  J2: { labelZh: '急性毒性 类别1,所有暴露途径,固体、液体', labelEn: 'Acute toxicity Category 1, all exposure routes, solids and liquids', criticalQuantityT: 50, beta: 1 },
  J3: { labelZh: '急性毒性 类别2、3,所有暴露途径,气体', labelEn: 'Acute toxicity Categories 2 and 3, all exposure routes, gases', criticalQuantityT: 50, beta: 2 },
  J4: { labelZh: '急性毒性 类别2、3,吸入途径,液体(沸点≤35℃)', labelEn: 'Acute toxicity Categories 2 and 3, inhalation, liquids (boiling point ≤ 35 °C)', criticalQuantityT: 50, beta: 2 },
  J5: { labelZh: '急性毒性 类别2,所有暴露途径,液体(除J4外)、固体', labelEn: 'Acute toxicity Category 2, all exposure routes, liquids (other than J4) and solids', criticalQuantityT: 500, beta: 1 },
  'W1.1': { labelZh: '爆炸物 不稳定爆炸物、1.1项', labelEn: 'Explosives: unstable explosives, Division 1.1', criticalQuantityT: 1, beta: 2 },
  'W1.2': { labelZh: '爆炸物 1.2、1.3、1.5、1.6项', labelEn: 'Explosives: Divisions 1.2, 1.3, 1.5 and 1.6', criticalQuantityT: 10, beta: 2 },
  'W1.3': { labelZh: '爆炸物 1.4项', labelEn: 'Explosives: Division 1.4', criticalQuantityT: 50, beta: 2 },
  W2: { labelZh: '易燃气体 类别1、2', labelEn: 'Flammable gases Categories 1 and 2', criticalQuantityT: 10, beta: 1.5 },
  W3: { labelZh: '气溶胶 类别1、2(净重)', labelEn: 'Aerosols Categories 1 and 2 (net weight)', criticalQuantityT: 150, beta: 1 },
  W4: { labelZh: '氧化性气体 类别1', labelEn: 'Oxidizing gases Category 1', criticalQuantityT: 200, beta: 1 },
  'W5.1': { labelZh: '易燃液体 类别1;类别2、3工作温度高于沸点', labelEn: 'Flammable liquids Category 1; Categories 2 and 3 at a working temperature above the boiling point', criticalQuantityT: 10, beta: 1.5 },
  'W5.2': { labelZh: '易燃液体 类别2、3,具有引发重大事故的特殊工艺条件', labelEn: 'Flammable liquids Categories 2 and 3 under special process conditions that can cause a major accident', criticalQuantityT: 50, beta: 1 },
  'W5.3': { labelZh: '易燃液体 不属于W5.1、W5.2的其他类别2', labelEn: 'Flammable liquids: other Category 2 not in W5.1 or W5.2', criticalQuantityT: 1000, beta: 1 },
  'W5.4': { labelZh: '易燃液体 不属于W5.1、W5.2的其他类别3', labelEn: 'Flammable liquids: other Category 3 not in W5.1 or W5.2', criticalQuantityT: 5000, beta: 1 },
  'W6.1': { labelZh: '自反应物质和混合物 A型、B型', labelEn: 'Self-reactive substances and mixtures Types A and B', criticalQuantityT: 10, beta: 1.5 },
  'W6.2': { labelZh: '自反应物质和混合物 C型、D型、E型', labelEn: 'Self-reactive substances and mixtures Types C, D and E', criticalQuantityT: 50, beta: 1 },
  'W7.1': { labelZh: '有机过氧化物 A型、B型', labelEn: 'Organic peroxides Types A and B', criticalQuantityT: 10, beta: 1.5 },
  'W7.2': { labelZh: '有机过氧化物 C型、D型、E型、F型', labelEn: 'Organic peroxides Types C, D, E and F', criticalQuantityT: 50, beta: 1 },
  W8: { labelZh: '自燃液体、自燃固体 类别1', labelEn: 'Pyrophoric liquids and pyrophoric solids Category 1', criticalQuantityT: 50, beta: 1 },
  'W9.1': { labelZh: '氧化性固体和液体 类别1', labelEn: 'Oxidizing solids and liquids Category 1', criticalQuantityT: 50, beta: 1 },
  'W9.2': { labelZh: '氧化性固体和液体 类别2、3', labelEn: 'Oxidizing solids and liquids Categories 2 and 3', criticalQuantityT: 200, beta: 1 },
  W10: { labelZh: '易燃固体 类别1', labelEn: 'Flammable solids Category 1', criticalQuantityT: 200, beta: 1 },
  W11: { labelZh: '遇水放出易燃气体的物质和混合物 类别1、2', labelEn: 'Substances and mixtures which, in contact with water, emit flammable gases Categories 1 and 2', criticalQuantityT: 200, beta: 1 },
};

export interface ToxicGasBeta {
  nameZh: string;
  aliases: readonly string[];
  /** CAS numbers are our addition (well-known identifiers), not part of the standard's table. */
  cas: string;
  beta: number;
}

/** GB 18218-2018 Table 3 (= 令40号 Table 2): β of named toxic gases. [V] domain.md §5.2 */
export const TOXIC_GAS_BETA: readonly ToxicGasBeta[] = [
  { nameZh: '一氧化碳', aliases: [], cas: '630-08-0', beta: 2 },
  { nameZh: '二氧化硫', aliases: [], cas: '7446-09-5', beta: 2 },
  { nameZh: '氨', aliases: ['液氨', '氨气'], cas: '7664-41-7', beta: 2 },
  { nameZh: '环氧乙烷', aliases: [], cas: '75-21-8', beta: 2 },
  { nameZh: '氯化氢', aliases: [], cas: '7647-01-0', beta: 3 },
  { nameZh: '溴甲烷', aliases: [], cas: '74-83-9', beta: 3 },
  { nameZh: '氯', aliases: ['液氯', '氯气'], cas: '7782-50-5', beta: 4 },
  { nameZh: '硫化氢', aliases: [], cas: '7783-06-4', beta: 5 },
  { nameZh: '氟化氢', aliases: [], cas: '7664-39-3', beta: 5 },
  { nameZh: '二氧化氮', aliases: [], cas: '10102-44-0', beta: 10 },
  { nameZh: '氰化氢', aliases: [], cas: '74-90-8', beta: 10 },
  { nameZh: '碳酰氯', aliases: ['光气'], cas: '75-44-5', beta: 20 },
  { nameZh: '磷化氢', aliases: [], cas: '7803-51-2', beta: 20 },
  { nameZh: '异氰酸甲酯', aliases: [], cas: '624-83-9', beta: 20 },
];

export type VerificationStatus = 'V' | 'P' | 'U';

export interface NamedChemical {
  nameZh: string;
  /** English name for the en-US pickers (display only: the stored and matched name is nameZh). */
  nameEn: string;
  aliases: readonly string[];
  cas: readonly string[];
  /** GB 18218-2018 Table 1 critical quantity Q (t). */
  criticalQuantityT: number;
  /** Category used for β when the chemical is not in Table 3 (our classification, see `categoryStatus`). */
  category: HazardCategory;
  qStatus: VerificationStatus;
  categoryStatus: VerificationStatus;
}

/**
 * Common chemicals of GB 18218-2018 Table 1 with their critical quantities. Q values: domain.md
 * §5.2 / §13 (verified list: 氨 10, 氯 5, LPG 50, 汽油 200, 甲醇 500, 天然气 50, 苯 50, 光气 0.3;
 * the others [U]). Categories are our GHS reading, [U], and only matter for β where Table 3 does
 * not name the gas. 汽油 is taken as 易燃液体 类别1 (W5.1, β 1.5: initial boiling point ≤ 35 °C);
 * if a deployment classifies it 类别2 (W5.3) its β is 1 — a real difference in R.
 */
export const NAMED_CHEMICALS: readonly NamedChemical[] = [
  { nameZh: '氨', nameEn: 'Ammonia', aliases: ['液氨', '氨气'], cas: ['7664-41-7'], criticalQuantityT: 10, category: 'J3', qStatus: 'V', categoryStatus: 'U' },
  { nameZh: '氯', nameEn: 'Chlorine', aliases: ['液氯', '氯气'], cas: ['7782-50-5'], criticalQuantityT: 5, category: 'J3', qStatus: 'V', categoryStatus: 'U' },
  { nameZh: '碳酰氯', nameEn: 'Carbonyl chloride / phosgene', aliases: ['光气'], cas: ['75-44-5'], criticalQuantityT: 0.3, category: 'J1', qStatus: 'V', categoryStatus: 'U' },
  { nameZh: '二氧化硫', nameEn: 'Sulfur dioxide', aliases: [], cas: ['7446-09-5'], criticalQuantityT: 20, category: 'J3', qStatus: 'U', categoryStatus: 'U' },
  { nameZh: '环氧乙烷', nameEn: 'Ethylene oxide', aliases: [], cas: ['75-21-8'], criticalQuantityT: 10, category: 'W2', qStatus: 'U', categoryStatus: 'U' },
  { nameZh: '硫化氢', nameEn: 'Hydrogen sulfide', aliases: [], cas: ['7783-06-4'], criticalQuantityT: 5, category: 'J3', qStatus: 'U', categoryStatus: 'U' },
  { nameZh: '氰化氢', nameEn: 'Hydrogen cyanide', aliases: [], cas: ['74-90-8'], criticalQuantityT: 1, category: 'J1', qStatus: 'U', categoryStatus: 'U' },
  { nameZh: '氟化氢', nameEn: 'Hydrogen fluoride', aliases: [], cas: ['7664-39-3'], criticalQuantityT: 1, category: 'J3', qStatus: 'U', categoryStatus: 'U' },
  { nameZh: '氢', nameEn: 'Hydrogen', aliases: ['氢气'], cas: ['1333-74-0'], criticalQuantityT: 5, category: 'W2', qStatus: 'U', categoryStatus: 'U' },
  { nameZh: '液化石油气', nameEn: 'Liquefied petroleum gas (LPG)', aliases: ['LPG'], cas: ['68476-85-7'], criticalQuantityT: 50, category: 'W2', qStatus: 'V', categoryStatus: 'U' },
  { nameZh: '甲烷,天然气', nameEn: 'Methane, natural gas', aliases: ['甲烷', '天然气', '液化天然气', 'LNG'], cas: ['74-82-8', '8006-14-2'], criticalQuantityT: 50, category: 'W2', qStatus: 'V', categoryStatus: 'U' },
  // 氯乙烯 is not in domain.md; Q 50 t is from recollection of Table 1 (row 50). [U]
  { nameZh: '氯乙烯', nameEn: 'Vinyl chloride', aliases: [], cas: ['75-01-4'], criticalQuantityT: 50, category: 'W2', qStatus: 'U', categoryStatus: 'U' },
  { nameZh: '汽油', nameEn: 'Gasoline', aliases: ['乙醇汽油', '甲醇汽油'], cas: ['86290-81-5'], criticalQuantityT: 200, category: 'W5.1', qStatus: 'V', categoryStatus: 'U' },
  { nameZh: '甲醇', nameEn: 'Methanol', aliases: [], cas: ['67-56-1'], criticalQuantityT: 500, category: 'W5.3', qStatus: 'V', categoryStatus: 'U' },
  { nameZh: '苯', nameEn: 'Benzene', aliases: [], cas: ['71-43-2'], criticalQuantityT: 50, category: 'W5.3', qStatus: 'V', categoryStatus: 'U' },
  { nameZh: '甲苯', nameEn: 'Toluene', aliases: [], cas: ['108-88-3'], criticalQuantityT: 500, category: 'W5.3', qStatus: 'U', categoryStatus: 'U' },
];

/** Normalises a chemical name for lookup: no spaces, ASCII punctuation for full-width forms. */
function normName(s: string): string {
  return s.replace(/\s+/g, '').replace(/，/g, ',').replace(/（/g, '(').replace(/）/g, ')').toUpperCase();
}

function matches(entry: { nameZh: string; aliases: readonly string[] }, cas: readonly string[], ref: { name: string; cas?: string | undefined }): boolean {
  if (ref.cas && cas.includes(ref.cas.trim())) return true;
  const n = normName(ref.name);
  return normName(entry.nameZh) === n || entry.aliases.some((a) => normName(a) === n);
}

/** The Table 1 entry for a chemical, by CAS number first, then by name or alias. */
export function findNamedChemical(ref: { name: string; cas?: string | undefined }): NamedChemical | undefined {
  return NAMED_CHEMICALS.find((c) => matches(c, c.cas, ref));
}

/** A chemical as stored in a unit's inventory. */
export interface ChemicalRef {
  name: string;
  cas?: string | undefined;
  /** Table 2 category; decides Q (if not named in Table 1) and β (if not named in Table 3). */
  category: HazardCategory;
  /** Qᵢ in tonnes when the caller knows it (e.g. from a dictionary); otherwise looked up. */
  criticalQuantityT?: number | undefined;
}

export interface InventoryItem {
  chemical: ChemicalRef;
  /** qᵢ: the maximum quantity that can be present in the unit (design maximum), tonnes. */
  quantityT: number;
}

/**
 * Qᵢ of a chemical: the caller's value if given, else GB 18218-2018 Table 1 (by CAS or name),
 * else Table 2 by category.
 */
export function criticalQuantityFor(ref: ChemicalRef): number {
  if (ref.criticalQuantityT !== undefined) {
    if (!(Number.isFinite(ref.criticalQuantityT) && ref.criticalQuantityT > 0)) {
      throw new RangeError(`critical quantity of ${ref.name} must be a positive number of tonnes`);
    }
    return ref.criticalQuantityT;
  }
  return findNamedChemical(ref)?.criticalQuantityT ?? CATEGORY_TABLE[ref.category].criticalQuantityT;
}

/** βᵢ of a chemical: GB 18218-2018 Table 3 for the named toxic gases, else Table 4 by category. */
export function betaFor(ref: ChemicalRef): number {
  const gas = TOXIC_GAS_BETA.find((g) => matches(g, [g.cas], ref));
  return gas ? gas.beta : CATEGORY_TABLE[ref.category].beta;
}

/** Rounds to 9 decimals so that exact ratios (q = Q, R = 100) survive floating-point arithmetic. */
function round9(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

function checkQuantity(item: InventoryItem): void {
  if (!(Number.isFinite(item.quantityT) && item.quantityT >= 0)) {
    throw new RangeError(`quantity of ${item.chemical.name} must be a non-negative number of tonnes`);
  }
}

export interface IdentificationItem {
  name: string;
  quantityT: number;
  criticalQuantityT: number;
  /** qᵢ / Qᵢ */
  ratio: number;
}

export interface Identification {
  /** S = Σ qᵢ/Qᵢ, rounded to 9 decimals. */
  s: number;
  /** S ≥ 1: the unit is a 重大危险源. [U] domain.md §5.1 (consistent with the standard's method) */
  isMajorHazard: boolean;
  items: IdentificationItem[];
}

/**
 * GB 18218-2018 identification of one production or storage unit: S = Σ qᵢ/Qᵢ; a major hazard
 * source when S ≥ 1 (a single chemical at or above its critical quantity is the one-item case).
 * Throws RangeError on a negative or non-finite quantity.
 */
export function identifyMajorHazard(items: readonly InventoryItem[]): Identification {
  const rows = items.map((item) => {
    checkQuantity(item);
    const q = criticalQuantityFor(item.chemical);
    return { name: item.chemical.name, quantityT: item.quantityT, criticalQuantityT: q, ratio: item.quantityT / q };
  });
  const s = round9(rows.reduce((sum, r) => sum + r.ratio, 0));
  return { s, isMajorHazard: s >= 1, items: rows };
}

/** α bands by people exposed (within 500 m outside the plant boundary). [V] domain.md §5.2 */
export const ALPHA_BANDS: readonly { minPeople: number; alpha: number }[] = [
  { minPeople: 100, alpha: 2.0 },
  { minPeople: 50, alpha: 1.5 },
  { minPeople: 30, alpha: 1.2 },
  { minPeople: 1, alpha: 1.0 },
  { minPeople: 0, alpha: 0.5 },
];

/** α for the number of people exposed; throws RangeError unless it is a non-negative integer. */
export function alphaFor(exposedPeople: number): number {
  if (!(Number.isInteger(exposedPeople) && exposedPeople >= 0)) {
    throw new RangeError('exposed people must be a non-negative integer');
  }
  return ALPHA_BANDS.find((b) => exposedPeople >= b.minPeople)!.alpha;
}

export interface RValue {
  alpha: number;
  /** Σ βᵢ·qᵢ/Qᵢ */
  weightedSum: number;
  /** R = α · Σ βᵢ·qᵢ/Qᵢ, rounded to 9 decimals. */
  r: number;
  items: (IdentificationItem & { beta: number })[];
}

/** GB 18218-2018 grading index R = α · Σ βᵢ·qᵢ/Qᵢ for one unit. [V] domain.md §5.2 */
export function rValue(items: readonly InventoryItem[], exposedPeople: number): RValue {
  const alpha = alphaFor(exposedPeople);
  const rows = items.map((item) => {
    checkQuantity(item);
    const q = criticalQuantityFor(item.chemical);
    return { name: item.chemical.name, quantityT: item.quantityT, criticalQuantityT: q, ratio: item.quantityT / q, beta: betaFor(item.chemical) };
  });
  const weightedSum = rows.reduce((sum, r) => sum + r.beta * r.ratio, 0);
  return { alpha, weightedSum: round9(weightedSum), r: round9(alpha * weightedSum), items: rows };
}

export type MajorHazardGrade = 1 | 2 | 3 | 4;

/** R thresholds: 一级 R ≥ 100, 二级 50 ≤ R < 100, 三级 10 ≤ R < 50, 四级 R < 10. [V] domain.md §5.2 */
export const R_GRADE_THRESHOLDS: readonly { minR: number; grade: MajorHazardGrade }[] = [
  { minR: 100, grade: 1 },
  { minR: 50, grade: 2 },
  { minR: 10, grade: 3 },
];

export const MAJOR_HAZARD_GRADE_LABELS: Readonly<Record<MajorHazardGrade, { zh: string; en: string }>> = {
  1: { zh: '一级', en: 'Grade 1' },
  2: { zh: '二级', en: 'Grade 2' },
  3: { zh: '三级', en: 'Grade 3' },
  4: { zh: '四级', en: 'Grade 4' },
};

/** Grade 1 (一级, most severe) … 4 (四级) from R. */
export function gradeFromR(r: number): MajorHazardGrade {
  if (Number.isNaN(r)) throw new RangeError('R must be a number');
  return R_GRADE_THRESHOLDS.find((t) => r >= t.minR)?.grade ?? 4;
}

export interface MajorHazardAssessment extends Identification {
  alpha: number;
  r: number;
  /** null when the unit is not a major hazard source (S < 1): only major hazard sources are graded. */
  grade: MajorHazardGrade | null;
  items: (IdentificationItem & { beta: number })[];
}

/** Identification and grading of one unit together: what the module stores per unit. */
export function assessMajorHazard(unit: { items: readonly InventoryItem[]; exposedPeople: number }): MajorHazardAssessment {
  const { s, isMajorHazard } = identifyMajorHazard(unit.items);
  const rv = rValue(unit.items, unit.exposedPeople);
  return { s, isMajorHazard, alpha: rv.alpha, r: rv.r, grade: isMajorHazard ? gradeFromR(rv.r) : null, items: rv.items };
}

// ─── 2. Risk grading: LEC, LS, four colours ──────────────────────────────────────────────────────

export const RISK_LEVELS = ['major', 'large', 'general', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export type RiskColour = 'red' | 'orange' | 'yellow' | 'blue';

/** 重大=红, 较大=橙, 一般=黄, 低=蓝. [V] domain.md §4.2 */
export const RISK_LEVEL_META: Readonly<Record<RiskLevel, { colour: RiskColour; labelZh: string; labelEn: string; colourZh: string; rank: 1 | 2 | 3 | 4 }>> = {
  major: { colour: 'red', labelZh: '重大风险', labelEn: 'Major risk', colourZh: '红', rank: 1 },
  large: { colour: 'orange', labelZh: '较大风险', labelEn: 'Considerable risk', colourZh: '橙', rank: 2 },
  general: { colour: 'yellow', labelZh: '一般风险', labelEn: 'General risk', colourZh: '黄', rank: 3 },
  low: { colour: 'blue', labelZh: '低风险', labelEn: 'Low risk', colourZh: '蓝', rank: 4 },
};

/** LEC score options with their meanings. [V] domain.md §4.1 */
export const LEC_L_OPTIONS = [
  { value: 10, labelZh: '完全可以预料', labelEn: 'Might well be expected' },
  { value: 6, labelZh: '相当可能', labelEn: 'Quite possible' },
  { value: 3, labelZh: '可能,但不经常', labelEn: 'Possible but unusual' },
  { value: 1, labelZh: '可能性小,完全意外', labelEn: 'Only remotely possible, entirely unexpected' },
  { value: 0.5, labelZh: '很不可能,可以设想', labelEn: 'Very unlikely but conceivable' },
  { value: 0.2, labelZh: '极不可能', labelEn: 'Extremely unlikely' },
  { value: 0.1, labelZh: '实际不可能', labelEn: 'Practically impossible' },
] as const;
export const LEC_E_OPTIONS = [
  { value: 10, labelZh: '连续暴露', labelEn: 'Continuous exposure' },
  { value: 6, labelZh: '每天工作时间内暴露', labelEn: 'Daily exposure during working hours' },
  { value: 3, labelZh: '每周一次或偶然暴露', labelEn: 'Weekly or occasional exposure' },
  { value: 2, labelZh: '每月一次暴露', labelEn: 'Monthly exposure' },
  { value: 1, labelZh: '每年几次暴露', labelEn: 'A few exposures a year' },
  { value: 0.5, labelZh: '非常罕见地暴露', labelEn: 'Very rare exposure' },
] as const;
export const LEC_C_OPTIONS = [
  { value: 100, labelZh: '大灾难,许多人死亡', labelEn: 'Catastrophe, many deaths' },
  { value: 40, labelZh: '灾难,数人死亡', labelEn: 'Disaster, several deaths' },
  { value: 15, labelZh: '非常严重,一人死亡', labelEn: 'Very serious, one death' },
  { value: 7, labelZh: '严重,重伤', labelEn: 'Serious, severe injury' },
  { value: 3, labelZh: '重大,致残', labelEn: 'Considerable, disabling injury' },
  { value: 1, labelZh: '引人注目,需要救护', labelEn: 'Noticeable, first aid needed' },
] as const;
export const LS_SCORES = [1, 2, 3, 4, 5] as const;

/** Graham–Kinney hazard bands of D. [V] domain.md §4.1 */
export type LecBand = 'extreme' | 'high' | 'significant' | 'moderate' | 'slight';
export const LEC_BANDS: readonly { above: number; band: LecBand; labelZh: string }[] = [
  { above: 320, band: 'extreme', labelZh: '极其危险,不能继续作业' },
  { above: 160, band: 'high', labelZh: '高度危险,立即整改' },
  { above: 70, band: 'significant', labelZh: '显著危险,需要整改' },
  { above: 20, band: 'moderate', labelZh: '一般危险,需要注意' },
  { above: -Infinity, band: 'slight', labelZh: '稍有危险,可以接受' },
];

/** LEC → four levels: the level applies when D is strictly above the bound. */
export interface LecLevelBands { majorAbove: number; largeAbove: number; generalAbove: number }
/** D > 320 重大, 160 < D ≤ 320 较大, 70 < D ≤ 160 一般, D ≤ 70 低 (bottom two bands folded). [P] domain.md §4.1 */
export const LEC_LEVEL_BANDS: LecLevelBands = { majorAbove: 320, largeAbove: 160, generalAbove: 70 };

/** LS → four levels: the level applies from the bound up (inclusive). */
export interface LsLevelBands { majorFrom: number; largeFrom: number; generalFrom: number }
/** Variant A (common in enterprise 双重预防 guides): 20–25 / 15–16 / 9–12 / 1–8. [U] domain.md §4.2 */
export const LS_BANDS_A: LsLevelBands = { majorFrom: 20, largeFrom: 15, generalFrom: 9 };
/** Variant B (academic paper): 20–25 / 10–16 / 4–9 / 1–3. [V as cited] domain.md §4.2 */
export const LS_BANDS_B: LsLevelBands = { majorFrom: 20, largeFrom: 10, generalFrom: 4 };
/** The default LS variant. Band cut-offs vary by source (no national rule); a deployment may choose. */
export const LS_DEFAULT_BANDS: LsLevelBands = LS_BANDS_A;

export type RiskAssessmentInput =
  | { method: 'LEC'; L: number; E: number; C: number }
  | { method: 'LS'; L: number; S: number };

export interface RiskGradingOptions { lecBands?: LecLevelBands; lsBands?: LsLevelBands }

export interface RiskResult {
  method: 'LEC' | 'LS';
  /** D for LEC, R for LS. */
  score: number;
  level: RiskLevel;
  colour: RiskColour;
  labelZh: string;
  labelEn: string;
  /** The Graham–Kinney band (LEC only). */
  lecBand?: LecBand;
}

/** A score not in its allowed set: `{ field: 'L', allowed: [...] }`. */
export interface ScoreProblem { field: 'L' | 'E' | 'C' | 'S'; value: unknown; allowed: readonly number[] }

const values = (opts: readonly { value: number }[]) => opts.map((o) => o.value);

/** Why an assessment's scores are invalid (one entry per bad field), or [] when valid. */
export function assessmentProblems(a: RiskAssessmentInput): ScoreProblem[] {
  const check = (field: ScoreProblem['field'], value: number, allowed: readonly number[]) =>
    (allowed.includes(value) ? [] : [{ field, value, allowed }]);
  if (a.method === 'LEC') {
    return [...check('L', a.L, values(LEC_L_OPTIONS)), ...check('E', a.E, values(LEC_E_OPTIONS)), ...check('C', a.C, values(LEC_C_OPTIONS))];
  }
  return [...check('L', a.L, LS_SCORES), ...check('S', a.S, LS_SCORES)];
}

/** Graham–Kinney band of a D value. */
export function lecBand(d: number): { band: LecBand; labelZh: string } {
  const b = LEC_BANDS.find((x) => d > x.above)!;
  return { band: b.band, labelZh: b.labelZh };
}

/** Four-colour level of an LEC D value. */
export function lecLevel(d: number, bands: LecLevelBands = LEC_LEVEL_BANDS): RiskLevel {
  if (d > bands.majorAbove) return 'major';
  if (d > bands.largeAbove) return 'large';
  if (d > bands.generalAbove) return 'general';
  return 'low';
}

/** Four-colour level of an LS R value. */
export function lsLevel(r: number, bands: LsLevelBands = LS_DEFAULT_BANDS): RiskLevel {
  if (r >= bands.majorFrom) return 'major';
  if (r >= bands.largeFrom) return 'large';
  if (r >= bands.generalFrom) return 'general';
  return 'low';
}

/**
 * Grades one risk point. LEC: D = L·E·C (rounded to 3 decimals: the smallest step is 0.05);
 * LS: R = L·S. Throws RangeError when a score is outside its allowed set — call
 * `assessmentProblems` first to report field errors.
 */
export function riskLevel(a: RiskAssessmentInput, options: RiskGradingOptions = {}): RiskResult {
  const problems = assessmentProblems(a);
  if (problems.length) throw new RangeError(`invalid ${a.method} score: ${problems.map((p) => `${p.field}=${String(p.value)}`).join(', ')}`);
  const score = a.method === 'LEC' ? Math.round(a.L * a.E * a.C * 1000) / 1000 : a.L * a.S;
  const level = a.method === 'LEC' ? lecLevel(score, options.lecBands) : lsLevel(score, options.lsBands);
  const meta = RISK_LEVEL_META[level];
  const out: RiskResult = { method: a.method, score, level, colour: meta.colour, labelZh: meta.labelZh, labelEn: meta.labelEn };
  if (a.method === 'LEC') out.lecBand = lecBand(score).band;
  return out;
}

/** The more severe of two levels. */
export function maxRiskLevel(a: RiskLevel, b: RiskLevel): RiskLevel {
  return RISK_LEVEL_META[a].rank <= RISK_LEVEL_META[b].rank ? a : b;
}

/**
 * An enterprise's own risk level: the highest level among its risk points (the issue: "derives
 * from its points"; domain.md gives no other rule). null when it has no points yet.
 */
export function enterpriseRiskLevel(points: readonly { level: RiskLevel }[]): RiskLevel | null {
  return points.reduce<RiskLevel | null>((acc, p) => (acc === null ? p.level : maxRiskLevel(acc, p.level)), null);
}

// ─── 3. The hazard closed loop ───────────────────────────────────────────────────────────────────

/** The roles of platform/permissions.ts (kept in step by rules.test.ts; rules.ts imports nothing). */
export type HazardRole =
  | 'admin' | 'duty_officer' | 'commander' | 'bureau_staff' | 'regulator'
  | 'township' | 'enterprise' | 'inspector' | 'informant' | 'team_contact';

export const HAZARD_STATUSES = ['pending', 'rectifying', 'verifying', 'closed'] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];
export const HAZARD_STATUS_LABELS: Readonly<Record<HazardStatus, { zh: string; en: string }>> = {
  pending: { zh: '待整改', en: 'Pending' },
  rectifying: { zh: '整改中', en: 'Rectifying' },
  verifying: { zh: '待验收', en: 'Awaiting verification' },
  closed: { zh: '已销号', en: 'Closed' },
};

/** 一般事故隐患 / 重大事故隐患 (令16号 Art. 3). [V] domain.md §4.3 */
export type HazardGrade = 'general' | 'major';

export type HazardActionType = 'assign' | 'submit' | 'verify_pass' | 'verify_reject';
export const HAZARD_ACTION_LABELS: Readonly<Record<HazardActionType, { zh: string; en: string }>> = {
  assign: { zh: '下达整改', en: 'Assign rectification' },
  submit: { zh: '提交验收', en: 'Submit for verification' },
  verify_pass: { zh: '验收通过(销号)', en: 'Verify and close' },
  verify_reject: { zh: '验收不通过', en: 'Reject verification' },
};

/** The transition each action makes. */
export const HAZARD_TRANSITIONS: Readonly<Record<HazardActionType, { from: HazardStatus; to: HazardStatus }>> = {
  assign: { from: 'pending', to: 'rectifying' },
  submit: { from: 'rectifying', to: 'verifying' },
  verify_pass: { from: 'verifying', to: 'closed' },
  verify_reject: { from: 'verifying', to: 'rectifying' },
};

/**
 * Role policy (a project decision; domain.md names the loop but not who does each step):
 * - supervisors (township/park, department regulator, bureau staff, inspectors) assign
 *   rectifications in their scope and verify them; the service checks the scope;
 * - the responsible unit rectifies and submits: users whose organisation is the hazard's `orgId`
 *   (an enterprise, or a government office for a hazard in its own facility); an enterprise may
 *   also start the rectification of its own hazard (令16号 makes the unit responsible for fixing it);
 * - nobody verifies a rectification of their own organisation or their own submission; under
 *   挂牌督办 only the supervising unit verifies (it 销号);
 * - admin (IT), duty officers, commanders, informants and team contacts take no part.
 */
export const SUPERVISOR_ROLES: readonly HazardRole[] = ['township', 'regulator', 'bureau_staff', 'inspector'];
export const RECTIFIER_ROLES: readonly HazardRole[] = ['enterprise', 'township', 'regulator', 'bureau_staff'];

/** The 五到位 items, in their customary order 责任、措施、资金、时限、预案. [P] domain.md §4.3 */
export const FIVE_ITEMS = ['responsibility', 'measures', 'funds', 'deadline', 'contingency'] as const;
export type FiveItem = (typeof FIVE_ITEMS)[number];
export const FIVE_ITEM_LABELS: Readonly<Record<FiveItem, { zh: string; en: string }>> = {
  responsibility: { zh: '责任', en: 'responsible unit and person' },
  measures: { zh: '措施', en: 'measures' },
  funds: { zh: '资金', en: 'funds' },
  deadline: { zh: '时限', en: 'deadline' },
  contingency: { zh: '预案', en: 'contingency plan' },
};

/**
 * A rectification or treatment plan (治理方案, 令16号 Art. 15). For a 一般隐患 only the
 * responsibility and the deadline are required; a 重大隐患 needs all five items.
 */
export interface TreatmentPlan {
  /** 负责治理的机构 */
  responsibleUnit?: string | null;
  /** 负责治理的人员 */
  responsiblePerson?: string | null;
  /** 采取的方法和措施 */
  measures?: string | null;
  /** 经费: amount earmarked, yuan; must be > 0 to count as 到位 */
  fundsYuan?: number | null;
  /** 治理的时限 */
  deadline?: Date | null;
  /** 安全措施和应急预案: a summary or an attachment reference */
  contingencyPlan?: string | null;
}

const filled = (s: string | null | undefined): boolean => typeof s === 'string' && s.trim().length > 0;
const validDate = (d: Date | null | undefined): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

/** The 五到位 items missing from a plan, in order (empty when the plan is complete). */
export function checkTreatmentPlan(plan: TreatmentPlan | null | undefined): FiveItem[] {
  const p = plan ?? {};
  const present: Record<FiveItem, boolean> = {
    responsibility: filled(p.responsibleUnit) && filled(p.responsiblePerson),
    measures: filled(p.measures),
    funds: typeof p.fundsYuan === 'number' && Number.isFinite(p.fundsYuan) && p.fundsYuan > 0,
    deadline: validDate(p.deadline),
    contingency: filled(p.contingencyPlan),
  };
  return FIVE_ITEMS.filter((k) => !present[k]);
}

/** The items a plan needs before a hazard of this grade may leave 待整改. */
export function requiredPlanItems(grade: HazardGrade): readonly FiveItem[] {
  return grade === 'major' ? FIVE_ITEMS : ['responsibility', 'deadline'];
}

/** What the closed loop needs to know about a hazard (the service maps its row to this). */
export interface HazardState {
  status: HazardStatus;
  grade: HazardGrade;
  /** The unit responsible for rectification (usually the enterprise); null until triage sets it. */
  orgId: string | null;
  /** Rectification deadline (an instant; see `endOfLocalDay` for date-only deadlines). */
  deadline: Date | null;
  plan: TreatmentPlan | null;
  /** Under 挂牌督办: the supervising unit, which alone verifies. */
  supervisingOrgId?: string | null;
  submittedBy?: string | null;
  submittedAt?: Date | null;
  closedAt?: Date | null;
}

export interface HazardActor { userId: string; roles: readonly HazardRole[]; orgId: string | null }

export type HazardAction =
  /** Start the rectification; `plan` is merged over the hazard's current plan. */
  | { type: 'assign'; plan?: TreatmentPlan; note?: string; photoIds?: readonly string[] }
  /** Rectification done: photos after (整改后) belong here. */
  | { type: 'submit'; note?: string; photoIds?: readonly string[] }
  | { type: 'verify_pass'; note?: string; photoIds?: readonly string[] }
  /** Back to 整改中; a reason is required; a new deadline may be set. */
  | { type: 'verify_reject'; reason: string; deadline?: Date; photoIds?: readonly string[] };

export interface TimelineEntry {
  at: Date;
  action: HazardActionType;
  from: HazardStatus;
  to: HazardStatus;
  actorId: string;
  /** The role under which the actor was allowed to act. */
  actorRole: HazardRole;
  note: string | null;
  photoIds: string[];
}

export type HazardErrorCode =
  | 'invalid_transition' | 'role_not_allowed' | 'not_responsible_unit' | 'no_responsible_unit'
  | 'own_rectification' | 'not_supervising_unit' | 'plan_incomplete' | 'deadline_not_in_future'
  | 'reason_required';

/** Suggested HTTP status per error code, for the service's AppError. */
export const HAZARD_ERROR_STATUS: Readonly<Record<HazardErrorCode, number>> = {
  invalid_transition: 409,
  role_not_allowed: 403,
  not_responsible_unit: 403,
  no_responsible_unit: 409,
  own_rectification: 403,
  not_supervising_unit: 403,
  plan_incomplete: 422,
  deadline_not_in_future: 400,
  reason_required: 400,
};

export interface HazardError {
  ok: false;
  code: HazardErrorCode;
  status: number;
  message: { zh: string; en: string };
  /** plan_incomplete: the missing 五到位 items. */
  missing?: FiveItem[];
}

export type TransitionResult = { ok: true; hazard: HazardState; entry: TimelineEntry } | HazardError;

function fail(code: HazardErrorCode, zh: string, en: string, missing?: FiveItem[]): HazardError {
  const e: HazardError = { ok: false, code, status: HAZARD_ERROR_STATUS[code], message: { zh, en } };
  if (missing) e.missing = missing;
  return e;
}

/** Who may take this action on this hazard: the role that allows it, or the refusal. */
function authorise(type: HazardActionType, h: HazardState, actor: HazardActor): HazardRole | HazardError {
  const ownUnit = h.orgId !== null && actor.orgId === h.orgId;
  const has = (roles: readonly HazardRole[]) => actor.roles.find((r) => roles.includes(r));
  if (type === 'assign') {
    const role = has(SUPERVISOR_ROLES) ?? (ownUnit ? has(['enterprise']) : undefined);
    if (role) return role;
    return actor.roles.includes('enterprise')
      ? fail('not_responsible_unit', '只能处理本单位的隐患', 'Only the responsible unit may act on this hazard')
      : fail('role_not_allowed', '当前角色不能下达整改', 'Your role may not assign rectifications');
  }
  if (type === 'submit') {
    const role = has(RECTIFIER_ROLES);
    if (!role) return fail('role_not_allowed', '当前角色不能提交验收', 'Your role may not submit rectifications');
    if (!ownUnit) return fail('not_responsible_unit', '只有整改责任单位可以提交验收', 'Only the responsible unit may submit the rectification');
    return role;
  }
  const role = has(SUPERVISOR_ROLES);
  if (!role) return fail('role_not_allowed', '当前角色不能验收', 'Your role may not verify rectifications');
  if (ownUnit || (h.submittedBy != null && h.submittedBy === actor.userId)) {
    return fail('own_rectification', '不能验收本单位或本人提交的整改', 'You may not verify a rectification of your own unit or your own submission');
  }
  if (h.supervisingOrgId && actor.orgId !== h.supervisingOrgId) {
    return fail('not_supervising_unit', '挂牌督办隐患须由督办单位验收销号', 'A hazard under supervision is verified by its supervising unit');
  }
  return role;
}

/** The actions this actor may take on this hazard now (for buttons); payload rules not applied. */
export function availableActions(h: HazardState, actor: HazardActor): HazardActionType[] {
  return (Object.keys(HAZARD_TRANSITIONS) as HazardActionType[]).filter(
    (t) => HAZARD_TRANSITIONS[t].from === h.status && typeof authorise(t, h, actor) === 'string',
  );
}

function mergePlan(base: TreatmentPlan | null, over: TreatmentPlan | undefined): TreatmentPlan {
  const out: TreatmentPlan = { ...(base ?? {}) };
  for (const [k, v] of Object.entries(over ?? {}) as [keyof TreatmentPlan, TreatmentPlan[keyof TreatmentPlan]][]) {
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/**
 * Applies one action of the closed loop. Checks, in order: the action is allowed in the current
 * status; the actor's role and unit (see SUPERVISOR_ROLES); the payload (plan items, deadline in
 * the future, reject reason). Returns the next hazard state and its timeline entry, or an error
 * with a stable code and zh/en message. Pure: `now` is the clock.
 */
export function transition(h: HazardState, action: HazardAction, actor: HazardActor, now: Date): TransitionResult {
  const t = HAZARD_TRANSITIONS[action.type];
  if (h.status !== t.from) {
    return fail('invalid_transition',
      `隐患处于「${HAZARD_STATUS_LABELS[h.status].zh}」,不能${HAZARD_ACTION_LABELS[action.type].zh}`,
      `A hazard in status "${HAZARD_STATUS_LABELS[h.status].en}" cannot be: ${HAZARD_ACTION_LABELS[action.type].en.toLowerCase()}`);
  }
  const role = authorise(action.type, h, actor);
  if (typeof role !== 'string') return role;
  if (action.type === 'assign' && h.orgId === null) {
    return fail('no_responsible_unit', '隐患尚未确定整改责任单位', 'The hazard has no responsible unit yet');
  }

  const next: HazardState = { ...h, status: t.to };
  let note: string | null = 'note' in action && action.note !== undefined ? action.note : null;
  switch (action.type) {
    case 'assign': {
      const plan = mergePlan(h.plan, action.plan);
      const missing = checkTreatmentPlan(plan).filter((i) => requiredPlanItems(h.grade).includes(i));
      if (missing.length) {
        const list = missing.map((i) => FIVE_ITEM_LABELS[i]);
        return h.grade === 'major'
          ? fail('plan_incomplete', `重大隐患治理方案未做到五到位,缺少:${list.map((l) => l.zh).join('、')}`,
            `The treatment plan of a major hazard lacks: ${list.map((l) => l.en).join(', ')}`, missing)
          : fail('plan_incomplete', `整改安排缺少:${list.map((l) => l.zh).join('、')}`,
            `The rectification lacks: ${list.map((l) => l.en).join(', ')}`, missing);
      }
      if (plan.deadline!.getTime() <= now.getTime()) {
        return fail('deadline_not_in_future', '整改期限必须晚于当前时间', 'The deadline must be in the future');
      }
      next.plan = plan;
      next.deadline = plan.deadline!;
      break;
    }
    case 'submit':
      next.submittedBy = actor.userId;
      next.submittedAt = now;
      break;
    case 'verify_pass':
      next.closedAt = now;
      break;
    case 'verify_reject': {
      if (!filled(action.reason)) return fail('reason_required', '验收不通过须填写原因', 'A reason is required to reject');
      if (action.deadline !== undefined) {
        if (!validDate(action.deadline) || action.deadline.getTime() <= now.getTime()) {
          return fail('deadline_not_in_future', '新的整改期限必须晚于当前时间', 'The new deadline must be in the future');
        }
        next.deadline = action.deadline;
        next.plan = { ...(h.plan ?? {}), deadline: action.deadline };
      }
      next.submittedBy = null;
      next.submittedAt = null;
      note = action.reason.trim();
      break;
    }
  }
  const entry: TimelineEntry = {
    at: now, action: action.type, from: h.status, to: t.to, actorId: actor.userId, actorRole: role,
    note, photoIds: [...(action.photoIds ?? [])],
  };
  return { ok: true, hazard: next, entry };
}

// ─── Overdue and escalation ──────────────────────────────────────────────────────────────────────

export const DAY_MS = 86_400_000;

/**
 * A date-only deadline ('2025-06-30') as the last millisecond of that day at a UTC offset
 * (default +08:00, China), so the hazard is overdue from the next midnight.
 */
export function endOfLocalDay(isoDate: string, utcOffsetMinutes = 480): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new RangeError(`not a date: ${isoDate}`);
  const startUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(startUtc + DAY_MS - 1 - utcOffsetMinutes * 60_000);
}

/**
 * Overdue: the deadline has passed and the rectification has not been submitted (待整改 or 整改中).
 * A hazard awaiting verification is not overdue (the unit has done its part); a rejected one is
 * back in 整改中 and overdue again if its deadline has passed.
 */
export function isOverdue(h: Pick<HazardState, 'status' | 'deadline'>, now: Date): boolean {
  return (h.status === 'pending' || h.status === 'rectifying') && validDate(h.deadline) && now.getTime() > h.deadline.getTime();
}

/** Whole days overdue (0 on the first day past the deadline); null when not overdue. */
export function overdueDays(h: Pick<HazardState, 'status' | 'deadline'>, now: Date): number | null {
  return isOverdue(h, now) ? Math.floor((now.getTime() - h.deadline!.getTime()) / DAY_MS) : null;
}

export type EscalationTarget = 'owner' | 'township' | 'bureau';
export interface EscalationStep { afterDays: number; notify: EscalationTarget }

/**
 * Default steps: the responsible unit when overdue, the township/department after 3 days, the
 * bureau after 7. A project default, not a standard — deployments configure their own.
 */
export const DEFAULT_ESCALATION_STEPS: readonly EscalationStep[] = [
  { afterDays: 0, notify: 'owner' },
  { afterDays: 3, notify: 'township' },
  { afterDays: 7, notify: 'bureau' },
];

function checkSteps(steps: readonly EscalationStep[]): void {
  steps.forEach((s, i) => {
    if (!(Number.isFinite(s.afterDays) && s.afterDays >= 0)) throw new RangeError('afterDays must be a non-negative number');
    if (i > 0 && s.afterDays <= steps[i - 1]!.afterDays) throw new RangeError('escalation steps must be in strictly increasing afterDays');
  });
}

/**
 * The highest escalation step reached: a step is reached once the hazard is overdue and at least
 * `afterDays` × 24 h have passed since the deadline. null when not overdue or no step is reached.
 */
export function escalationStep(
  h: Pick<HazardState, 'status' | 'deadline'>, now: Date, steps: readonly EscalationStep[] = DEFAULT_ESCALATION_STEPS,
): { index: number; step: EscalationStep } | null {
  checkSteps(steps);
  if (!isOverdue(h, now)) return null;
  const late = now.getTime() - h.deadline!.getTime();
  for (let index = steps.length - 1; index >= 0; index--) {
    const step = steps[index]!;
    if (late >= step.afterDays * DAY_MS) return { index, step };
  }
  return null;
}

/**
 * Steps reached but not yet sent, for a job that records the last step it sent (`lastSentIndex`,
 * null for none): after a pause it catches up on every missed step, in order, and never repeats one.
 */
export function escalationsDue(
  h: Pick<HazardState, 'status' | 'deadline'>, now: Date, lastSentIndex: number | null,
  steps: readonly EscalationStep[] = DEFAULT_ESCALATION_STEPS,
): { index: number; step: EscalationStep }[] {
  const reached = escalationStep(h, now, steps);
  if (!reached) return [];
  const from = lastSentIndex === null ? 0 : lastSentIndex + 1;
  return steps.slice(from, reached.index + 1).map((step, i) => ({ index: from + i, step }));
}

/**
 * 隐患整改率 = closed ÷ found (customary definition, not in domain.md [U]); null when nothing was
 * found. Aggregate by summing numerators and denominators, never by averaging rates (domain.md §12).
 */
export function closureRate(closed: number, found: number): number | null {
  if (!(Number.isInteger(closed) && Number.isInteger(found) && closed >= 0 && closed <= found)) {
    throw new RangeError('closed and found must be integers with 0 ≤ closed ≤ found');
  }
  return found === 0 ? null : closed / found;
}
