/**
 * 重大危险源 (GB 18218-2018): every unit in the caller's scope with its grade (一级 red … 四级 blue), R
 * and S; filters by enterprise, grade and region; export; create/edit drawer with the chemicals table.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { Button, Card, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { DataTable, type DataTableHandle } from '../../../components/DataTable.tsx';
import { RegionTreeSelect } from '../../../components/RegionTreeSelect.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { EnterpriseDetailDrawer } from '../components/EnterpriseDetailDrawer.tsx';
import { EnterpriseSelect } from '../components/EnterpriseSelect.tsx';
import { GradeFilter } from '../components/filters.tsx';
import { MajorHazardFormDrawer } from '../components/MajorHazardFormDrawer.tsx';
import { GradeTag } from '../components/RiskTags.tsx';
import { useOpenEnterprise } from '../components/useOpenEnterprise.ts';
import { km, UNIT_TYPE_LABELS } from '../messages.ts';
import type { MajorHazard, MajorHazardGrade } from '../types.ts';

export default function MajorHazardsPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const tableRef = useRef<DataTableHandle>(null);
  const [enterpriseId, setEnterpriseId] = useState<string | undefined>();
  const [grade, setGrade] = useState<MajorHazardGrade | undefined>();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [form, setForm] = useState<{ hazard: MajorHazard | null } | null>(null);
  const { enterprise, open: openEnterprise, close: closeEnterprise, onChanged: onEnterpriseChanged } = useOpenEnterprise(() => tableRef.current?.reload());
  const writable = can('risks:write');

  const columns = useMemo<TableColumnsType<MajorHazard>>(() => [
    {
      title: t(km.hazardName), dataIndex: 'name', key: 'name', sorter: true, ellipsis: true, width: 170,
      render: (v: string, h) => (writable ? <Typography.Link onClick={() => setForm({ hazard: h })} data-testid="major-hazard-open">{v}</Typography.Link> : v),
    },
    {
      title: t(km.enterprise), dataIndex: 'enterpriseName', key: 'enterpriseName', ellipsis: true, width: 220,
      render: (v: string, h) => <Typography.Link onClick={() => openEnterprise(h.enterpriseId)}>{v}</Typography.Link>,
    },
    { title: t(km.grade), dataIndex: 'grade', key: 'grade', sorter: true, width: 100, render: (v: MajorHazardGrade | null) => <GradeTag grade={v} /> },
    { title: 'R', dataIndex: 'r', key: 'r', sorter: true, width: 80, align: 'right', render: (v: number) => <b>{formatNumber(v, locale, 2)}</b> },
    { title: 'S', dataIndex: 's', key: 's', width: 70, align: 'right', render: (v: number) => formatNumber(v, locale, 3) },
    { title: 'α', dataIndex: 'alpha', key: 'alpha', width: 50, align: 'right', render: (v: number) => formatNumber(v, locale, 2) },
    {
      title: t(km.chemicals), key: 'chemicals', ellipsis: true, width: 220,
      render: (_v, h) => h.chemicals.map((c) => `${c.name} ${formatNumber(c.quantityT, locale, 3)} t`).join('、'),
    },
    { title: t(km.exposedPeopleShort), dataIndex: 'exposedPeople', key: 'exposedPeople', width: 80, align: 'right' },
    { title: t(km.unitType), dataIndex: 'unitType', key: 'unitType', width: 90, render: (v: MajorHazard['unitType']) => t(UNIT_TYPE_LABELS[v]) },
    { title: t(km.region), dataIndex: 'regionName', key: 'regionName', width: 110 },
    ...(writable ? [{
      title: t(common.actions), key: 'actions', width: 70, fixed: 'right' as const,
      render: (_v: unknown, h: MajorHazard) => <Button type="link" size="small" onClick={() => setForm({ hazard: h })} data-testid="major-hazard-edit">{t(common.edit)}</Button>,
    }] : []),
  ], [t, locale, writable, openEnterprise]);

  const onSaved = useCallback(() => tableRef.current?.reload(), []);

  return (
    <Card title={t(km.hazardsTitle)} data-testid="major-hazards-page">
      <DataTable<MajorHazard>
        ref={tableRef}
        testId="major-hazards-table"
        endpoint="/api/v1/major-hazards"
        rowKey="id"
        columns={columns}
        filters={{ enterpriseId, grade, regionCode }}
        searchPlaceholder={t(km.hazardSearch)}
        scrollX={1400}
        toolbar={
          <>
            <EnterpriseSelect placeholder={t(km.filterEnterprise)} style={{ width: 220 }} value={enterpriseId ?? null} onChange={(v) => setEnterpriseId(v ?? undefined)} data-testid="major-hazards-filter-enterprise" />
            <GradeFilter value={grade} onChange={setGrade} testId="major-hazards-filter-grade" />
            <RegionTreeSelect allowClear placeholder={t(km.filterRegion)} style={{ width: 170 }} value={regionCode} onChange={(v) => setRegionCode(v ?? undefined)} data-testid="major-hazards-filter-region" />
          </>
        }
        actions={writable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ hazard: null })} data-testid="major-hazards-create">{t(km.hazardCreate)}</Button>
        )}
      />
      <MajorHazardFormDrawer open={!!form} hazard={form?.hazard ?? null} onClose={() => setForm(null)} onSaved={onSaved} />
      <EnterpriseDetailDrawer enterprise={enterprise} onClose={closeEnterprise} onChanged={onEnterpriseChanged} />
    </Card>
  );
}
