import { useMemo, useState, type ComponentProps } from 'react';
import { Alert, App, Button, Card, DatePicker, Input, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { ACTION_LABELS, ENTITY_LABELS } from '../../../components/auditLabels.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { JsonDiff } from '../../../components/JsonDiff.tsx';
import { api, errorMessage } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { defineMessages, useI18n } from '../../../lib/i18n.tsx';
import type { AuditEntry, AuditVerify } from '../../../lib/types.ts';

const m = defineMessages({
  title: ['审计日志', 'Audit log'],
  seq: ['序号', 'Seq'],
  at: ['时间', 'Time'],
  actor: ['操作人', 'Actor'],
  action: ['操作', 'Action'],
  entityType: ['对象类型', 'Entity type'],
  entity: ['对象', 'Entity'],
  summary: ['摘要', 'Summary'],
  ip: ['IP', 'IP'],
  actorFilter: ['操作人', 'Actor'],
  actionFilter: ['操作类型', 'Action'],
  entityFilter: ['对象类型', 'Entity type'],
  searchPlaceholder: ['摘要、操作人或对象 ID', 'Summary, actor or entity id'],
  verify: ['校验哈希链', 'Verify hash chain'],
  verifyOk: ['哈希链完整：共 {rows} 条，最新序号 {seq}', 'The hash chain is intact: {rows} entries, head #{seq}'],
  verifyBad: ['哈希链校验发现 {n} 处问题', 'The hash chain check found {n} problem(s)'],
  headHash: ['链头哈希：{h}', 'Head hash: {h}'],
  problemSeq: ['序号 {seq}：{p}', '#{seq}: {p}'],
  hash: ['哈希', 'Hash'],
  requestId: ['请求 ID', 'Request id'],
  noChange: ['无数据变更内容', 'No before/after data'],
  start: ['开始时间', 'From'],
  end: ['截止时间', 'To'],
});

type Range = Parameters<NonNullable<ComponentProps<typeof DatePicker.RangePicker>['onChange']>>[0];

export default function AuditPage() {
  const { t, locale } = useI18n();
  const { isAdmin } = useAuth();
  const { modal } = App.useApp();
  const [actorName, setActorName] = useState<string | undefined>();
  const [action, setAction] = useState<string | undefined>();
  const [entityType, setEntityType] = useState<string | undefined>();
  const [range, setRange] = useState<Range>(null);
  const [verifying, setVerifying] = useState(false);

  const from = range?.[0]?.toISOString();
  const to = range?.[1]?.toISOString();

  const columns = useMemo<TableColumnsType<AuditEntry>>(() => [
    { title: t(m.seq), dataIndex: 'seq', key: 'seq', sorter: true, width: 80 },
    { title: t(m.at), dataIndex: 'at', key: 'at', sorter: true, width: 170, render: (v: string) => formatDateTime(v, locale, true) },
    { title: t(m.actor), dataIndex: 'actorName', key: 'actorName', width: 130 },
    {
      title: t(m.action), dataIndex: 'action', key: 'action', width: 110,
      render: (v: string) => <Tag color={v === 'create' ? 'green' : v === 'update' ? 'blue' : v.includes('fail') || v.includes('lock') ? 'red' : 'default'}>{ACTION_LABELS[v] ? t(ACTION_LABELS[v]!) : v}</Tag>,
    },
    { title: t(m.entityType), dataIndex: 'entityType', key: 'entityType', width: 110, render: (v: string) => (ENTITY_LABELS[v] ? t(ENTITY_LABELS[v]!) : v) },
    { title: t(m.summary), dataIndex: 'summary', key: 'summary', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t(m.ip), dataIndex: 'ip', key: 'ip', width: 120, render: (v: string | null) => v ?? '—' },
  ], [t, locale]);

  const verify = async () => {
    setVerifying(true);
    try {
      const r = await api.get<AuditVerify>('/api/v1/audit/verify');
      const content = (
        <div data-testid="audit-verify-result" data-ok={r.ok ? 'true' : 'false'}>
          <Typography.Paragraph>{r.ok ? t(m.verifyOk, { rows: r.rows, seq: r.headSeq }) : t(m.verifyBad, { n: r.problems.length })}</Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>{t(m.headHash, { h: r.headHash })}</Typography.Paragraph>
          {r.problems.slice(0, 50).map((p) => <div key={`${p.seq}-${p.problem}`}>{t(m.problemSeq, { seq: p.seq, p: p.problem })}</div>)}
        </div>
      );
      if (r.ok) modal.success({ title: t(m.verify), content, width: 520 });
      else modal.error({ title: t(m.verify), content, width: 560 });
    } catch (err) {
      modal.error({ title: t(m.verify), content: errorMessage(err) });
    } finally {
      setVerifying(false);
    }
  };

  return (
    <Card title={t(m.title)} data-testid="audit-page">
      <DataTable<AuditEntry>
        testId="audit-table"
        endpoint="/api/v1/audit"
        rowKey="seq"
        columns={columns}
        defaultSort="-seq"
        searchPlaceholder={t(m.searchPlaceholder)}
        filters={{ actorName, action, entityType, from, to }}
        size="small"
        toolbar={
          <>
            <Input
              allowClear
              placeholder={t(m.actorFilter)}
              style={{ width: 130 }}
              onChange={(e) => setActorName(e.target.value.trim() || undefined)}
              data-testid="audit-filter-actor"
            />
            <Select
              allowClear
              placeholder={t(m.actionFilter)}
              style={{ width: 130 }}
              value={action}
              onChange={setAction}
              options={Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label: t(label) }))}
              data-testid="audit-filter-action"
            />
            <Select
              allowClear
              placeholder={t(m.entityFilter)}
              style={{ width: 130 }}
              value={entityType}
              onChange={setEntityType}
              options={Object.entries(ENTITY_LABELS).map(([value, label]) => ({ value, label: t(label) }))}
              data-testid="audit-filter-entity"
            />
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              value={range}
              onChange={setRange}
              placeholder={[t(m.start), t(m.end)]}
              data-testid="audit-filter-range"
            />
          </>
        }
        actions={isAdmin && (
          <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()} data-testid="audit-verify">
            {t(m.verify)}
          </Button>
        )}
        expandable={{
          expandedRowRender: (e) => (
            <div data-testid="audit-expanded">
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8, wordBreak: 'break-all' }}>
                {t(m.entity)}: {e.entityType} {e.entityId ?? ''} · {t(m.requestId)}: {e.requestId ?? '—'} · {t(m.hash)}: {e.hash}
              </Typography.Paragraph>
              {e.before == null && e.after == null ? <Alert type="info" title={t(m.noChange)} /> : <JsonDiff before={e.before} after={e.after} testId="audit-diff" />}
            </div>
          ),
        }}
      />
    </Card>
  );
}
