/** A record's own change history (GET /api/v1/history/:entityType/:entityId), newest first. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Collapse, Empty, Spin, Tag, Timeline, Typography } from 'antd';
import { api, errorMessage } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { common, useI18n } from '../lib/i18n.tsx';
import type { AuditEntry, Page } from '../lib/types.ts';
import { ACTION_LABELS } from './auditLabels.ts';
import { JsonDiff } from './JsonDiff.tsx';

export function HistoryList({ entityType, entityId, reloadKey = 0 }: { entityType: string; entityId: string; reloadKey?: number }) {
  const { t, locale } = useI18n();
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (p: number) => {
    setLoading(true);
    try {
      const r = await api.get<Page<AuditEntry>>(`/api/v1/history/${entityType}/${encodeURIComponent(entityId)}`, { page: p });
      setItems((prev) => (p === 1 ? r.items : [...prev, ...r.items]));
      setTotal(r.total);
      setPage(p);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [entityType, entityId]);

  useEffect(() => {
    void load(1);
  }, [load, reloadKey]);

  if (error) return <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} />;
  if (!loading && items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(common.historyEmpty)} />;

  return (
    <Spin spinning={loading}>
      <Timeline
        data-testid="history-list"
        items={items.map((e) => ({
          key: e.seq,
          content: (
            <div data-testid="history-item">
              <div>
                <Tag color={e.action === 'create' ? 'green' : e.action === 'update' ? 'blue' : 'default'}>
                  {ACTION_LABELS[e.action] ? t(ACTION_LABELS[e.action]!) : e.action}
                </Tag>
                <Typography.Text>{e.summary ?? ''}</Typography.Text>
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(e.at, locale, true)} · {e.actorName} · #{e.seq}
              </Typography.Text>
              {(e.before != null || e.after != null) && (
                <Collapse
                  size="small"
                  ghost
                  items={[{ key: 'd', label: `${t(common.before)} / ${t(common.after)}`, children: <JsonDiff before={e.before} after={e.after} /> }]}
                />
              )}
            </div>
          ),
        }))}
      />
      {items.length < total && (
        <Button block onClick={() => void load(page + 1)} loading={loading}>{t(common.loadMore)}</Button>
      )}
    </Spin>
  );
}
