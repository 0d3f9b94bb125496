/**
 * 检查记录 (隐患排查): every check in the caller's scope, newest first, with filters (kind, failed
 * only, region), export, 登记检查 and the record drawer (`?open=<id>` opens it), where a failed item
 * becomes a hazard.
 */
import { useMemo, useRef, useState } from 'react';
import { Button, Card, Select, Space, Switch, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { DataTable, type DataTableHandle } from '../../../components/DataTable.tsx';
import { RegionTreeSelect } from '../../../components/RegionTreeSelect.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { useOpenParam } from '../../../lib/useOpenParam.ts';
import { derivedCheckKind } from '../checks.ts';
import { CheckDetailDrawer } from '../components/CheckDetailDrawer.tsx';
import { CheckFormDrawer } from '../components/CheckFormDrawer.tsx';
import { CheckConversion, CheckCounts, CheckKindTag } from '../components/CheckTags.tsx';
import { CHECK_KIND_LABELS, CHECK_KINDS, cm } from '../messages.ts';
import type { CheckKind, CheckRecord } from '../types.ts';

export default function ChecksPage() {
  const { t, locale } = useI18n();
  const { can, user } = useAuth();
  const tableRef = useRef<DataTableHandle>(null);
  const [kind, setKind] = useState<CheckKind | undefined>();
  const [failed, setFailed] = useState(false);
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [openId, open] = useOpenParam();
  const mayRecord = can('hazards:write') && derivedCheckKind(user) !== null;


  const columns = useMemo<TableColumnsType<CheckRecord>>(() => [
    {
      title: t(cm.checkedAt), dataIndex: 'checkedAt', key: 'checkedAt', sorter: true, width: 140,
      render: (v: string, c) => <Typography.Link onClick={() => open(c.id)} data-testid="check-open">{formatDateTime(v, locale)}</Typography.Link>,
    },
    {
      title: t(cm.enterprise), dataIndex: 'enterpriseName', key: 'enterpriseName', sorter: true, ellipsis: true, width: 200,
      render: (v: string, c) => <Typography.Link onClick={() => open(c.id)} data-testid="check-row-enterprise">{v}</Typography.Link>,
    },
    { title: t(cm.kind), dataIndex: 'kind', key: 'kind', width: 100, render: (v: CheckKind) => <CheckKindTag kind={v} /> },
    { title: t(cm.template), dataIndex: 'templateName', key: 'templateName', ellipsis: true, width: 190 },
    {
      title: t(cm.checkedBy), key: 'checkedBy', ellipsis: { showTitle: false }, width: 110,
      render: (_v, c) => <Tooltip title={c.checkerOrgName}>{c.checkedByName}</Tooltip>,
    },
    { title: t(cm.result), key: 'counts', width: 185, render: (_v, c) => <CheckCounts c={c} /> },
    { title: t(cm.hazards), key: 'hazards', width: 125, render: (_v, c) => <CheckConversion c={c} /> },
    { title: t(cm.region), dataIndex: 'regionName', key: 'regionName', width: 100, ellipsis: true },
  ], [t, locale, open]);

  const filters = { kind, failed: failed ? true : undefined, regionCode };

  return (
    <Card title={t(cm.checksTitle)} data-testid="checks-page">
      <DataTable<CheckRecord>
        ref={tableRef}
        testId="checks-table"
        endpoint="/api/v1/checks"
        rowKey="id"
        columns={columns}
        filters={filters}
        searchPlaceholder={t(cm.checksSearch)}
        scrollX={1150}
        toolbar={
          <>
            <Select<CheckKind> allowClear placeholder={t(cm.filterKind)} style={{ width: 150 }} value={kind} onChange={(v) => setKind(v ?? undefined)}
              data-testid="checks-filter-kind" options={CHECK_KINDS.map((k) => ({ value: k, label: t(CHECK_KIND_LABELS[k]), title: t(CHECK_KIND_LABELS[k]) }))} />
            <RegionTreeSelect allowClear placeholder={t(cm.filterRegion)} style={{ width: 170 }} value={regionCode} onChange={(v) => setRegionCode(v ?? undefined)} data-testid="checks-filter-region" />
            <Space size={4}><Switch size="small" checked={failed} onChange={setFailed} data-testid="checks-filter-failed" />{t(cm.failedOnly)}</Space>
          </>
        }
        actions={mayRecord && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="checks-create">{t(cm.record)}</Button>
        )}
      />
      <CheckFormDrawer open={creating} onClose={() => setCreating(false)} onSaved={(c) => {
        tableRef.current?.reload();
        open(c.id);
      }} />
      <CheckDetailDrawer checkId={openId} onClose={() => open(null)} onChanged={() => tableRef.current?.reload()} />
    </Card>
  );
}
