import { Typography } from 'antd';
import { common, useI18n } from '../lib/i18n.tsx';

function pretty(v: unknown): string {
  if (v === null || v === undefined) return '—';
  return JSON.stringify(v, null, 2);
}

/** Before/after JSON of an audit entry, side by side; keys that changed are marked. */
export function JsonDiff({ before, after, testId = 'json-diff' }: { before: unknown; after: unknown; testId?: string }) {
  const { t } = useI18n();
  const b = (before && typeof before === 'object' ? before : null) as Record<string, unknown> | null;
  const a = (after && typeof after === 'object' ? after : null) as Record<string, unknown> | null;
  const changed = new Set<string>();
  if (b && a) for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) if (JSON.stringify(b[k]) !== JSON.stringify(a[k])) changed.add(k);
  const box = { margin: 0, padding: 8, background: '#f8fafc', border: '1px solid #e2e8f0', borderRadius: 4, fontSize: 12, maxHeight: 320, overflow: 'auto', whiteSpace: 'pre-wrap' as const, wordBreak: 'break-all' as const };
  return (
    <div data-testid={testId} style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
      <div>
        <Typography.Text type="secondary">{t(common.before)}</Typography.Text>
        <pre style={box} data-testid={`${testId}-before`}>{pretty(before)}</pre>
      </div>
      <div>
        <Typography.Text type="secondary">{t(common.after)}</Typography.Text>
        <pre style={box} data-testid={`${testId}-after`}>{pretty(after)}</pre>
      </div>
      {changed.size > 0 && (
        <Typography.Text type="secondary" style={{ gridColumn: '1 / span 2', fontSize: 12 }}>
          Δ {[...changed].join(', ')}
        </Typography.Text>
      )}
    </div>
  );
}
