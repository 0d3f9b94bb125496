/** Small display pieces of the stock pages: level, reserve mode, movement kind and expiry tags, quantities. */
import { Space, Tag, Typography } from 'antd';
import { formatNumber } from '../../../lib/format.ts';
import { useI18n, type Msg } from '../../../lib/i18n.tsx';
import {
  MOVEMENT_KIND_COLORS, MOVEMENT_KIND_LABELS, RESERVE_MODE_COLORS, RESERVE_MODE_LABELS, sm, WAREHOUSE_LEVEL_COLORS, WAREHOUSE_LEVEL_LABELS,
} from '../messages-stock.ts';

/** Days from today (local calendar) until a YYYY-MM-DD date; negative when it lies in the past. */
export function daysUntil(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const now = new Date();
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((Date.UTC(y!, m! - 1, d!) - today) / 86_400_000);
}

/** Today plus `days` as YYYY-MM-DD (local calendar). */
export function isoDateIn(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function label(t: (m: Msg) => string, labels: Record<string, Msg>, v: string): string {
  return labels[v] ? t(labels[v]) : v;
}

export function WarehouseLevelTag({ level }: { level: string }) {
  const { t } = useI18n();
  return <Tag color={WAREHOUSE_LEVEL_COLORS[level]} data-testid="warehouse-level-tag">{label(t, WAREHOUSE_LEVEL_LABELS, level)}</Tag>;
}

export function ReserveModeTag({ mode }: { mode: string }) {
  const { t } = useI18n();
  return <Tag color={RESERVE_MODE_COLORS[mode]}>{label(t, RESERVE_MODE_LABELS, mode)}</Tag>;
}

export function MovementKindTag({ kind }: { kind: string }) {
  const { t } = useI18n();
  return <Tag color={MOVEMENT_KIND_COLORS[kind]} data-testid="movement-kind-tag" data-kind={kind}>{label(t, MOVEMENT_KIND_LABELS, kind)}</Tag>;
}

/** The expiry date, with a red 已过期 or an orange "N 天后到期" tag when it is within `warnDays`. */
export function ExpiryCell({ date, warnDays = 30 }: { date: string | null; warnDays?: number }) {
  const { t } = useI18n();
  if (!date) return <>—</>;
  const days = daysUntil(date);
  if (days < 0) {
    return (
      <Space size={4} data-testid="expiry-state" data-state="expired">
        <Typography.Text type="danger">{date}</Typography.Text>
        <Tag color="red">{t(sm.expired)}</Tag>
      </Space>
    );
  }
  if (days <= warnDays) {
    return (
      <Space size={4} data-testid="expiry-state" data-state="expiring">
        <Typography.Text type="warning">{date}</Typography.Text>
        <Tag color="orange">{days === 0 ? t(sm.expiresToday) : t(sm.expiringIn, { n: days })}</Tag>
      </Space>
    );
  }
  return <span>{date}</span>;
}

/** A quantity with its unit in the UI language's number format (up to two decimals). */
export function Qty({ n, unit, signed = false }: { n: number; unit?: string; signed?: boolean }) {
  const { locale } = useI18n();
  const text = formatNumber(Math.abs(n), locale, 2);
  const sign = signed ? (n > 0 ? '+' : n < 0 ? '−' : '') : n < 0 ? '−' : '';
  return (
    <Typography.Text type={signed ? (n < 0 ? 'danger' : 'success') : undefined} style={{ whiteSpace: 'nowrap' }}>
      {sign}{text}{unit ? ` ${unit}` : ''}
    </Typography.Text>
  );
}
