/** Coloured tags of the four-colour scheme: risk level (红/橙/黄/蓝), major hazard grade, licence status. */
import { Tag } from 'antd';
import { useI18n } from '../../../lib/i18n.tsx';
import {
  GRADE_HEX, GRADE_LABELS, GRADE_TEXT_HEX, km, LICENCE_STATUS_COLORS, LICENCE_STATUS_LABELS, RISK_HEX, RISK_LEVEL_LABELS, RISK_TEXT_HEX, UNASSESSED_HEX,
} from '../messages.ts';
import type { LicenceStatus, MajorHazardGrade, RiskLevel } from '../types.ts';

export function RiskLevelTag({ level, testId = 'risk-level-tag' }: { level: RiskLevel | null; testId?: string }) {
  const { t } = useI18n();
  if (!level) {
    return <Tag variant="solid" color={UNASSESSED_HEX} data-testid={testId} data-level="none">{t(km.unassessed)}</Tag>;
  }
  return (
    <Tag variant="solid" color={RISK_HEX[level]} style={{ color: RISK_TEXT_HEX[level] }} data-testid={testId} data-level={level}>
      {t(RISK_LEVEL_LABELS[level])}
    </Tag>
  );
}

/** 一级 (red) … 四级 (blue); a unit below the critical quantities (grade null) shows as grey. */
export function GradeTag({ grade, testId = 'hazard-grade-tag' }: { grade: MajorHazardGrade | null; testId?: string }) {
  const { t } = useI18n();
  if (!grade) return <Tag data-testid={testId} data-grade="none">{t(km.notMajor)}</Tag>;
  return (
    <Tag variant="solid" color={GRADE_HEX[grade]} style={{ color: GRADE_TEXT_HEX[grade] }} data-testid={testId} data-grade={grade}>
      {t(GRADE_LABELS[grade])}
    </Tag>
  );
}

export function LicenceStatusTag({ status }: { status: LicenceStatus | null }) {
  const { t } = useI18n();
  if (!status) return <span data-testid="licence-status" data-status="none">—</span>;
  return <Tag color={LICENCE_STATUS_COLORS[status]} data-testid="licence-status" data-status={status}>{t(LICENCE_STATUS_LABELS[status])}</Tag>;
}
