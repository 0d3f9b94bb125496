/**
 * 隐患台账 (dynamic ledger): every hazard in the caller's scope with status tabs, filters (grade,
 * source, region, overdue, supervised), export, 登记隐患 and the detail drawer (`?open=<id>` opens
 * it, as notifications link here). Overdue rows are red with a 超期 tag.
 */
import { useMemo, useRef, useState } from 'react';
import { Button, Card, Select, Space, Switch, Tabs, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { DataTable, type DataTableHandle } from '../../../components/DataTable.tsx';
import { RegionTreeSelect } from '../../../components/RegionTreeSelect.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { useOpenParam } from '../../../lib/useOpenParam.ts';
import { HazardDetailDrawer } from '../components/HazardDetailDrawer.tsx';
import { HazardFormDrawer } from '../components/HazardFormDrawer.tsx';
import { HazardGradeTag, OverdueTag, StatusTag } from '../components/HazardTags.tsx';
import { CATEGORY_LABELS, GRADE_LABELS, GRADES, hm, SOURCE_LABELS, SOURCES, STATUS_LABELS, STATUSES } from '../messages.ts';
import type { Hazard, HazardGrade, HazardSource, HazardStatus } from '../types.ts';

export default function HazardsPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const tableRef = useRef<DataTableHandle>(null);
  const [status, setStatus] = useState<HazardStatus | 'all'>('all');
  const [grade, setGrade] = useState<HazardGrade | undefined>();
  const [source, setSource] = useState<HazardSource | undefined>();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [supervised, setSupervised] = useState(false);
  const [creating, setCreating] = useState(false);
  const [openId, open] = useOpenParam();


  const columns = useMemo<TableColumnsType<Hazard>>(() => [
    {
      title: t(hm.code), dataIndex: 'code', key: 'code', sorter: true, width: 170,
      render: (v: string, h) => (
        <Space size={4}>
          <Typography.Link onClick={() => open(h.id)} data-testid="hazard-open">{v}</Typography.Link>
          {h.overdue && <OverdueTag />}
        </Space>
      ),
    },
    { title: t(hm.title), dataIndex: 'title', key: 'title', ellipsis: true, width: 220, render: (v: string) => <span data-testid="hazard-row-title">{v}</span> },
    { title: t(hm.enterprise), dataIndex: 'enterpriseName', key: 'enterpriseName', ellipsis: true, width: 200, render: (v: string | null) => v ?? '—' },
    { title: t(hm.status), dataIndex: 'status', key: 'status', width: 90, render: (v: HazardStatus) => <StatusTag status={v} /> },
    { title: t(hm.grade), dataIndex: 'grade', key: 'grade', width: 100, render: (v: HazardGrade, h) => <Space size={2}><HazardGradeTag grade={v} />{h.supervisingOrgId && <Typography.Text type="danger">{t(hm.supervised)}</Typography.Text>}</Space> },
    { title: t(hm.category), dataIndex: 'category', key: 'category', width: 130, ellipsis: true, render: (v: Hazard['category']) => t(CATEGORY_LABELS[v]) },
    { title: t(hm.source), dataIndex: 'source', key: 'source', width: 90, render: (v: HazardSource) => t(SOURCE_LABELS[v]) },
    { title: t(hm.region), dataIndex: 'regionName', key: 'regionName', width: 110, ellipsis: true },
    { title: t(hm.foundAt), dataIndex: 'foundAt', key: 'foundAt', sorter: true, width: 150, render: (v: string) => formatDateTime(v, locale) },
    {
      title: t(hm.deadline), dataIndex: 'deadline', key: 'deadline', sorter: true, width: 150,
      render: (v: string | null, h) => <span style={h.overdue ? { color: '#dc2626', fontWeight: 600 } : undefined}>{v ? formatDateTime(v, locale) : '—'}</span>,
    },
  ], [t, locale, open]);

  const filters = {
    status: status === 'all' ? undefined : status, grade, source, regionCode,
    overdue: overdue ? true : undefined, supervised: supervised ? true : undefined,
  };

  return (
    <Card title={t(hm.ledgerTitle)} data-testid="hazards-page">
      {/* DataTable has no row class hook: an overdue row is the one carrying the 超期 tag. */}
      <style>{'[data-testid="hazards-table"] tr:has([data-testid="hazard-overdue-tag"]) > td { background: #fef2f2 !important; }'}</style>
      <Tabs
        activeKey={status}
        onChange={(k) => setStatus(k as HazardStatus | 'all')}
        data-testid="hazards-status-tabs"
        items={[...STATUSES.map((s) => ({ key: s, label: <span data-testid={`hazards-tab-${s}`}>{t(STATUS_LABELS[s])}</span> })), { key: 'all', label: <span data-testid="hazards-tab-all">{t(hm.all)}</span> }]}
      />
      <DataTable<Hazard>
        ref={tableRef}
        testId="hazards-table"
        endpoint="/api/v1/hazards"
        rowKey="id"
        columns={columns}
        filters={filters}
        searchPlaceholder={t(hm.search)}
        scrollX={1500}
        toolbar={
          <>
            <Select<HazardGrade> allowClear placeholder={t(hm.filterGrade)} style={{ width: 130 }} value={grade} onChange={(v) => setGrade(v ?? undefined)}
              data-testid="hazards-filter-grade" options={GRADES.map((g) => ({ value: g, label: t(GRADE_LABELS[g]), title: t(GRADE_LABELS[g]) }))} />
            <Select<HazardSource> allowClear placeholder={t(hm.filterSource)} style={{ width: 130 }} value={source} onChange={(v) => setSource(v ?? undefined)}
              data-testid="hazards-filter-source" options={SOURCES.map((s) => ({ value: s, label: t(SOURCE_LABELS[s]), title: t(SOURCE_LABELS[s]) }))} />
            <RegionTreeSelect allowClear placeholder={t(hm.filterRegion)} style={{ width: 170 }} value={regionCode} onChange={(v) => setRegionCode(v ?? undefined)} data-testid="hazards-filter-region" />
            <Space size={4}><Switch size="small" checked={overdue} onChange={setOverdue} data-testid="hazards-filter-overdue" />{t(hm.overdueOnly)}</Space>
            <Space size={4}><Switch size="small" checked={supervised} onChange={setSupervised} data-testid="hazards-filter-supervised" />{t(hm.supervisedOnly)}</Space>
          </>
        }
        actions={can('hazards:write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="hazards-create">{t(hm.create)}</Button>
        )}
      />
      <HazardFormDrawer open={creating} onClose={() => setCreating(false)} onSaved={(h) => {
        tableRef.current?.reload();
        open(h.id);
      }} />
      <HazardDetailDrawer hazardId={openId} onClose={() => open(null)} onChanged={() => tableRef.current?.reload()} />
    </Card>
  );
}
