/**
 * 风险点 (一企一清单): every risk point in the caller's scope with its four-colour level and score;
 * filters by enterprise, level and region; export; create/edit drawer (LEC or LS).
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { Button, Card, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { DataTable, type DataTableHandle } from '../../../components/DataTable.tsx';
import { RegionTreeSelect } from '../../../components/RegionTreeSelect.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { EnterpriseDetailDrawer } from '../components/EnterpriseDetailDrawer.tsx';
import { EnterpriseSelect } from '../components/EnterpriseSelect.tsx';
import { RiskLevelFilter } from '../components/filters.tsx';
import { RiskLevelTag } from '../components/RiskTags.tsx';
import { RiskPointFormDrawer } from '../components/RiskPointFormDrawer.tsx';
import { useOpenEnterprise } from '../components/useOpenEnterprise.ts';
import { km, RESPONSIBLE_LEVEL_LABELS } from '../messages.ts';
import { useRiskReference } from '../reference.ts';
import type { RiskLevel, RiskPoint } from '../types.ts';

export default function RiskPointsPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { data: ref } = useRiskReference();
  const tableRef = useRef<DataTableHandle>(null);
  const [enterpriseId, setEnterpriseId] = useState<string | undefined>();
  const [level, setLevel] = useState<RiskLevel | undefined>();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [form, setForm] = useState<{ point: RiskPoint | null } | null>(null);
  const { enterprise, open: openEnterprise, close: closeEnterprise, onChanged: onEnterpriseChanged } = useOpenEnterprise(() => tableRef.current?.reload());
  const writable = can('risks:write');

  const accidentName = useMemo(() => {
    const m = new Map((ref?.accidentTypes ?? []).map((a) => [a.code, a.name]));
    return (code: string) => m.get(code) ?? code;
  }, [ref]);

  const columns = useMemo<TableColumnsType<RiskPoint>>(() => [
    {
      title: t(km.pointName), dataIndex: 'name', key: 'name', sorter: true, ellipsis: true, width: 180,
      render: (v: string, p) => (writable ? <Typography.Link onClick={() => setForm({ point: p })} data-testid="risk-point-open">{v}</Typography.Link> : v),
    },
    {
      title: t(km.enterprise), dataIndex: 'enterpriseName', key: 'enterpriseName', ellipsis: true, width: 220,
      render: (v: string, p) => <Typography.Link onClick={() => openEnterprise(p.enterpriseId)}>{v}</Typography.Link>,
    },
    { title: t(km.position), dataIndex: 'position', key: 'position', width: 120, ellipsis: true, render: (v: string | null) => v || '—' },
    { title: t(km.riskLevel), dataIndex: 'level', key: 'level', sorter: true, width: 110, render: (v: RiskLevel) => <RiskLevelTag level={v} /> },
    {
      title: t(km.score), dataIndex: 'score', key: 'score', sorter: true, width: 150,
      render: (v: number, p) => <span><Tag>{p.method}</Tag>{formatNumber(v, locale, 3)}</span>,
    },
    {
      title: t(km.hazardFactors), dataIndex: 'hazardFactors', key: 'hazardFactors', width: 200,
      render: (v: string[]) => <Space size={[0, 4]} wrap>{v.map((f) => <Tag key={f}>{f}</Tag>)}</Space>,
    },
    { title: t(km.accidentTypes), dataIndex: 'accidentTypes', key: 'accidentTypes', width: 180, render: (v: string[]) => v.map(accidentName).join(locale === 'en-US' ? ', ' : '、') || '—' },
    { title: t(km.controlMeasures), dataIndex: 'controlMeasures', key: 'controlMeasures', ellipsis: true, width: 200 },
    {
      title: t(km.responsiblePerson), key: 'responsible', width: 130,
      render: (_v, p) => `${t(RESPONSIBLE_LEVEL_LABELS[p.responsibleLevel])} · ${p.responsiblePerson}`,
    },
    { title: t(km.reviewDate), dataIndex: 'reviewDate', key: 'reviewDate', sorter: true, width: 110, render: (v: string | null) => v || '—' },
    ...(writable ? [{
      title: t(common.actions), key: 'actions', width: 70, fixed: 'right' as const,
      render: (_v: unknown, p: RiskPoint) => <Button type="link" size="small" onClick={() => setForm({ point: p })} data-testid="risk-point-edit">{t(common.edit)}</Button>,
    }] : []),
  ], [t, locale, writable, openEnterprise, accidentName]);

  const onSaved = useCallback(() => tableRef.current?.reload(), []);

  return (
    <Card title={t(km.pointsTitle)} data-testid="risk-points-page">
      <DataTable<RiskPoint>
        ref={tableRef}
        testId="risk-points-table"
        endpoint="/api/v1/risk-points"
        rowKey="id"
        columns={columns}
        filters={{ enterpriseId, level, regionCode }}
        searchPlaceholder={t(km.pointSearch)}
        scrollX={1700}
        toolbar={
          <>
            <EnterpriseSelect placeholder={t(km.filterEnterprise)} style={{ width: 220 }} value={enterpriseId ?? null} onChange={(v) => setEnterpriseId(v ?? undefined)} data-testid="risk-points-filter-enterprise" />
            <RiskLevelFilter value={level} onChange={setLevel} testId="risk-points-filter-level" />
            <RegionTreeSelect allowClear placeholder={t(km.filterRegion)} style={{ width: 170 }} value={regionCode} onChange={(v) => setRegionCode(v ?? undefined)} data-testid="risk-points-filter-region" />
          </>
        }
        actions={writable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ point: null })} data-testid="risk-points-create">{t(km.pointCreate)}</Button>
        )}
      />
      <RiskPointFormDrawer open={!!form} point={form?.point ?? null} onClose={() => setForm(null)} onSaved={onSaved} />
      <EnterpriseDetailDrawer enterprise={enterprise} onClose={closeEnterprise} onChanged={onEnterpriseChanged} />
    </Card>
  );
}
