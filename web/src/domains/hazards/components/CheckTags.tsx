/** Tags of a check: its kind, an item's answer, the counts and whether the failures are hazards yet. */
import { Space, Tag, Typography } from 'antd';
import { useI18n } from '../../../lib/i18n.tsx';
import { CHECK_ANSWER_COLORS, CHECK_ANSWER_LABELS, CHECK_KIND_COLORS, CHECK_KIND_LABELS, cm } from '../messages.ts';
import type { CheckAnswer, CheckKind, CheckRecord } from '../types.ts';

export function CheckKindTag({ kind }: { kind: CheckKind }) {
  const { t } = useI18n();
  return <Tag color={CHECK_KIND_COLORS[kind]} data-testid="check-kind-tag">{t(CHECK_KIND_LABELS[kind])}</Tag>;
}

export function CheckAnswerTag({ answer }: { answer: CheckAnswer }) {
  const { t } = useI18n();
  return <Tag color={CHECK_ANSWER_COLORS[answer]} data-testid="check-answer-tag" data-answer={answer}>{t(CHECK_ANSWER_LABELS[answer])}</Tag>;
}

/** Pass / fail / n/a counts, the failures in red, and how many of them are hazards already. */
export function CheckCounts({ c }: { c: CheckRecord }) {
  const { t } = useI18n();
  return (
    <Space size={6} style={{ whiteSpace: 'nowrap' }} data-testid="check-counts">
      <span style={{ color: '#16a34a' }}>{t(cm.passCount)} {c.passCount}</span>
      <span style={{ color: c.failCount ? '#dc2626' : '#64748b', fontWeight: c.failCount ? 600 : undefined }}>{t(cm.failCount)} {c.failCount}</span>
      <span style={{ color: '#64748b' }}>{t(cm.naCount)} {c.naCount}</span>
    </Space>
  );
}

/** Whether the failures are hazards yet: "n 项待转隐患" or "均已转为隐患". */
export function CheckConversion({ c }: { c: CheckRecord }) {
  const { t } = useI18n();
  if (!c.failCount) return <span>—</span>;
  return c.openFailures > 0
    ? <Typography.Text type="danger" data-testid="check-open-failures">{t(cm.openFailures, { n: c.openFailures })}</Typography.Text>
    : <Typography.Text type="success">{t(cm.allConverted)} ({c.hazardCount})</Typography.Text>;
}
