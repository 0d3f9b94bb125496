/** API shapes of dual prevention, part 1 (docs/api.md "Dual prevention, part 1"). */
import type { GeoPoint } from '../../lib/types.ts';

export type RiskLevel = 'major' | 'large' | 'general' | 'low';
export type RiskColour = 'red' | 'orange' | 'yellow' | 'blue';
export type Scale = 'large' | 'medium' | 'small' | 'micro';
export type MajorHazardGrade = 1 | 2 | 3 | 4;

export interface Enterprise {
  id: string;
  name: string;
  shortName: string | null;
  creditCode: string | null;
  regionCode: string;
  regionName: string;
  industryCodes: string[];
  address: string | null;
  location: GeoPoint | null;
  contactName: string | null;
  contactPhone: string | null;
  scale: Scale | null;
  employees: number | null;
  legalRep: string | null;
  legalRepPhone: string | null;
  safetyManager: string | null;
  safetyManagerPhone: string | null;
  standardLevel: 1 | 2 | 3 | null;
  hazchem: boolean;
  regulatorOrgIds: string[];
  regulatorNames: string[];
  riskLevel: RiskLevel | null;
  riskPointCount: number;
  majorHazardCount: number;
  majorHazardGrade: MajorHazardGrade | null;
  licencesExpiring: number;
  isDemo: boolean;
  updatedAt: string;
}

export type LicenceKind = 'safety_production' | 'hazchem_business' | 'hazchem_use' | 'hazchem_registration' | 'mining' | 'fireworks' | 'other';
export type LicenceStatus = 'valid' | 'expiring' | 'expired';

export interface Licence {
  id: string;
  kind: LicenceKind;
  number: string;
  issuer: string | null;
  validFrom: string | null;
  validTo: string | null;
  status: LicenceStatus | null;
}

export interface HazardChemical {
  name: string;
  cas: string | null;
  category: string;
  quantityT: number;
  criticalQuantityT: number;
  beta: number;
  ratio: number;
}

export interface MajorHazard {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  regionCode: string;
  regionName: string;
  name: string;
  unitType: 'storage' | 'production';
  exposedPeople: number;
  chemicals: HazardChemical[];
  s: number;
  alpha: number;
  r: number;
  isMajorHazard: boolean;
  grade: MajorHazardGrade | null;
  location: GeoPoint | null;
  note: string | null;
  updatedAt: string;
}

export interface HazardCategoryRef {
  code: string;
  label: string;
  criticalQuantityT: number;
  beta: number;
}

export interface NamedChemicalRef {
  /** The GB 18218 Table 1 name (stored and matched). */
  name: string;
  /** The name in the caller's language. */
  label: string;
  aliases: string[];
  cas: string | string[] | null;
  category: string;
  criticalQuantityT: number;
}

export interface MajorHazardReference {
  categories: HazardCategoryRef[];
  chemicals: NamedChemicalRef[];
}

export type AssessmentMethod = 'LEC' | 'LS';
export type ResponsibleLevel = 'company' | 'workshop' | 'team' | 'post';

export interface RiskPoint {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  regionCode: string;
  name: string;
  position: string | null;
  hazardFactors: string[];
  accidentTypes: string[];
  method: AssessmentMethod;
  L: number;
  E: number | null;
  C: number | null;
  S: number | null;
  score: number;
  level: RiskLevel;
  colour: RiskColour;
  controlMeasures: string;
  responsibleLevel: ResponsibleLevel;
  responsiblePerson: string;
  reviewDate: string | null;
  point: GeoPoint | null;
  updatedAt: string;
}

export interface ScoreOption {
  value: number;
  label: string;
}

export interface RiskReference {
  lec: { L: ScoreOption[]; E: ScoreOption[]; C: ScoreOption[] };
  ls: { L: ScoreOption[]; S: ScoreOption[] };
  accidentTypes: { code: string; name: string }[];
  levels: { level: RiskLevel; colour: RiskColour; label: string }[];
}

export interface SummaryRow {
  key: string;
  name: string;
  enterprises: number;
  major: number;
  large: number;
  general: number;
  low: number;
  unassessed: number;
  points: { major: number; large: number; general: number; low: number };
}
