/** Filter controls the dual-prevention lists share: risk level (with its colour) and major hazard grade. */
import { Select } from 'antd';
import { useI18n } from '../../../lib/i18n.tsx';
import { GRADE_HEX, GRADE_LABELS, GRADES, km, RISK_HEX, RISK_LEVEL_LABELS, RISK_LEVELS } from '../messages.ts';
import type { MajorHazardGrade, RiskLevel } from '../types.ts';

const dot = (color: string) => <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 2, background: color, marginInlineEnd: 6, verticalAlign: -1 }} />;

export function RiskLevelFilter({ value, onChange, testId }: { value: RiskLevel | undefined; onChange: (v: RiskLevel | undefined) => void; testId: string }) {
  const { t } = useI18n();
  return (
    <Select<RiskLevel>
      allowClear
      placeholder={t(km.filterLevel)}
      style={{ width: 150 }}
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      data-testid={testId}
      options={RISK_LEVELS.map((l) => ({ value: l, label: <span>{dot(RISK_HEX[l])}{t(RISK_LEVEL_LABELS[l])}</span>, title: t(RISK_LEVEL_LABELS[l]) }))}
    />
  );
}

export function GradeFilter({ value, onChange, testId }: { value: MajorHazardGrade | undefined; onChange: (v: MajorHazardGrade | undefined) => void; testId: string }) {
  const { t } = useI18n();
  return (
    <Select<MajorHazardGrade>
      allowClear
      placeholder={t(km.filterGrade)}
      style={{ width: 130 }}
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      data-testid={testId}
      options={GRADES.map((g) => ({ value: g, label: <span>{dot(GRADE_HEX[g])}{t(GRADE_LABELS[g])}</span>, title: t(GRADE_LABELS[g]) }))}
    />
  );
}
