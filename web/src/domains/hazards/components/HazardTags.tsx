/** Status, grade and overdue tags of a hazard. */
import { Tag } from 'antd';
import { useI18n } from '../../../lib/i18n.tsx';
import { GRADE_LABELS, hm, STATUS_COLORS, STATUS_LABELS } from '../messages.ts';
import type { HazardGrade, HazardStatus } from '../types.ts';

export function StatusTag({ status }: { status: HazardStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLORS[status]} data-testid="hazard-status-tag">{t(STATUS_LABELS[status])}</Tag>;
}

export function HazardGradeTag({ grade }: { grade: HazardGrade }) {
  const { t } = useI18n();
  return <Tag color={grade === 'major' ? 'red' : 'default'}>{t(GRADE_LABELS[grade])}</Tag>;
}

export function OverdueTag() {
  const { t } = useI18n();
  return <Tag color="red" data-testid="hazard-overdue-tag">{t(hm.overdue)}</Tag>;
}
