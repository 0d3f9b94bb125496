/**
 * The 检查记录 tab of an enterprise's file: its checks, newest first (GET /api/v1/checks?enterpriseId=),
 * 开始检查 (the check form with the enterprise fixed; `autoStart` opens it at once, as a QR scan does),
 * and a click on a row opens the record, where failed items become hazards.
 */
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { Alert, Button, Empty, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { api, errorMessage } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import type { Page } from '../../../lib/types.ts';
import { derivedCheckKind } from '../checks.ts';
import { cm } from '../messages.ts';
import type { CheckKind, CheckRecord } from '../types.ts';
import { CheckDetailDrawer } from './CheckDetailDrawer.tsx';
import { CheckFormDrawer } from './CheckFormDrawer.tsx';
import { CheckConversion, CheckCounts, CheckKindTag } from './CheckTags.tsx';

export function CheckEnterpriseTab({ enterpriseId, autoStart = false, onAutoStarted }: {
  enterpriseId: string;
  /** Open the check form on mount (the file was opened by a QR scan). */
  autoStart?: boolean;
  onAutoStarted?: () => void;
}) {
  const { t, locale } = useI18n();
  const { can, user } = useAuth();
  const [items, setItems] = useState<CheckRecord[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [formOpen, setFormOpen] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const mayRecord = can('hazards:write') && derivedCheckKind(user) !== null;

  useEffect(() => {
    let live = true;
    setLoading(true);
    api.get<Page<CheckRecord>>('/api/v1/checks', { enterpriseId, sort: '-checkedAt', pageSize: 100 })
      .then((r) => {
        if (!live) return;
        setItems(r.items);
        setTotal(r.total);
        setError(null);
      })
      .catch((err: unknown) => live && setError(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [enterpriseId, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    if (!autoStart) return;
    if (mayRecord) setFormOpen(true);
    onAutoStarted?.();
  }, [autoStart, mayRecord, onAutoStarted]);

  return (
    <div data-testid="enterprise-checks">
      {error && <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} style={{ marginBottom: 12 }} />}
      {mayRecord && (
        <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setFormOpen(true)} data-testid="enterprise-check-start">{t(cm.start)}</Button>
      )}
      <Table<CheckRecord>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={items.length > 10 ? { pageSize: 10, showTotal: () => t(common.total, { n: total }) } : false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(cm.checksEmpty)} /> }}
        onRow={(c) => ({ 'data-testid': 'enterprise-check-row', onClick: () => setOpenId(c.id), style: { cursor: 'pointer' } }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t(cm.checkedAt), dataIndex: 'checkedAt', key: 'checkedAt', width: 140, render: (v: string) => formatDateTime(v, locale) },
          { title: t(cm.kind), dataIndex: 'kind', key: 'kind', width: 100, render: (v: CheckKind) => <CheckKindTag kind={v} /> },
          { title: t(cm.template), dataIndex: 'templateName', key: 'templateName', ellipsis: true },
          { title: t(cm.checkedBy), dataIndex: 'checkedByName', key: 'checkedByName', width: 100, ellipsis: true },
          { title: t(cm.result), key: 'counts', width: 180, render: (_v, c) => <CheckCounts c={c} /> },
          { title: t(cm.hazards), key: 'hazards', width: 120, render: (_v, c) => <CheckConversion c={c} /> },
        ]}
      />
      <CheckFormDrawer
        open={formOpen}
        enterpriseId={enterpriseId}
        onClose={() => setFormOpen(false)}
        onSaved={(c) => {
          reload();
          setOpenId(c.id);
        }}
      />
      <CheckDetailDrawer checkId={openId} onClose={() => setOpenId(null)} onChanged={reload} enterpriseLink={false} />
    </div>
  );
}
