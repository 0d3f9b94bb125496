/**
 * 企业档案 (一企一档): the enterprises in the caller's scope with their four-colour risk level, major
 * hazard grade and licence warnings; filters by region, industry, scale, level and 危化品; export;
 * create/edit drawer and the file with its tabs. `?open=<id>` opens a file (links from checks);
 * `&check=1` also starts a check there (the URL in an enterprise's QR code).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Card, Select, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { DataTable, type DataTableHandle } from '../../../components/DataTable.tsx';
import { IndustrySelect } from '../../../components/IndustrySelect.tsx';
import { RegionTreeSelect } from '../../../components/RegionTreeSelect.tsx';
import { api, errorMessage } from '../../../lib/api.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { useDict } from '../../resources/dicts.ts';
import { EnterpriseDetailDrawer } from '../components/EnterpriseDetailDrawer.tsx';
import { EnterpriseFormDrawer } from '../components/EnterpriseFormDrawer.tsx';
import { RiskLevelFilter } from '../components/filters.tsx';
import { GradeTag, RiskLevelTag } from '../components/RiskTags.tsx';
import { km, SCALE_LABELS, SCALES } from '../messages.ts';
import type { Enterprise, RiskLevel, Scale } from '../types.ts';

export default function EnterprisesPage() {
  const { t } = useI18n();
  const { can, user } = useAuth();
  const industries = useDict('industry');
  const tableRef = useRef<DataTableHandle>(null);
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [industry, setIndustry] = useState<string[]>([]);
  const [scale, setScale] = useState<Scale | undefined>();
  const [riskLevel, setRiskLevel] = useState<RiskLevel | undefined>();
  const [hazchem, setHazchem] = useState<string | undefined>();
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<Enterprise | null>(null);
  const [detail, setDetail] = useState<Enterprise | null>(null);
  const [tick, setTick] = useState(0);
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const openId = params.get('open');
  const startCheck = params.get('check') === '1';
  const writable = can('enterprises:write');
  // An enterprise account keeps its own file; it does not register others (the server refuses).
  const canCreate = writable && !user?.roles.includes('enterprise');

  const openEdit = useCallback((e: Enterprise) => {
    setEditing(e);
    setFormOpen(true);
  }, []);

  const columns = useMemo<TableColumnsType<Enterprise>>(() => [
    {
      title: t(km.name), dataIndex: 'name', key: 'name', sorter: true, ellipsis: true, width: 250,
      render: (v: string, e) => <Typography.Link onClick={() => setDetail(e)} data-testid="enterprise-open">{v}</Typography.Link>,
    },
    { title: t(km.riskLevel), dataIndex: 'riskLevel', key: 'riskLevel', width: 110, render: (v: RiskLevel | null) => <RiskLevelTag level={v} /> },
    {
      title: t(km.majorHazardGrade), dataIndex: 'majorHazardGrade', key: 'majorHazardGrade', width: 110,
      render: (v: Enterprise['majorHazardGrade'], e) => (e.majorHazardCount > 0 ? <Space size={2}><GradeTag grade={v} /><span>×{e.majorHazardCount}</span></Space> : '—'),
    },
    { title: t(km.riskPointCount), dataIndex: 'riskPointCount', key: 'riskPointCount', width: 80, align: 'right' },
    { title: t(km.creditCode), dataIndex: 'creditCode', key: 'creditCode', width: 190, render: (v: string | null) => <span style={{ fontFamily: 'monospace' }}>{v || '—'}</span> },
    { title: t(km.region), dataIndex: 'regionName', key: 'regionCode', sorter: true, width: 110 },
    {
      title: t(km.industries), dataIndex: 'industryCodes', key: 'industryCodes', width: 150, ellipsis: true,
      render: (v: string[]) => v.map((c) => `${c} ${industries.label(c)}`).join('、'),
    },
    { title: t(km.scale), dataIndex: 'scale', key: 'scale', width: 70, render: (v: Scale | null) => (v ? t(SCALE_LABELS[v]) : '—') },
    { title: t(km.hazchem), dataIndex: 'hazchem', key: 'hazchem', width: 90, render: (v: boolean) => (v ? <Tag color="volcano">{t(common.yes)}</Tag> : t(common.no)) },
    {
      title: t(km.licencesExpiring), dataIndex: 'licencesExpiring', key: 'licencesExpiring', width: 110, align: 'right',
      render: (v: number) => (v > 0 ? <Tooltip title={t(km.licencesExpiring)}><Tag color="orange" icon={<WarningOutlined />}>{v}</Tag></Tooltip> : '0'),
    },
    {
      title: t(common.actions), key: 'actions', width: writable ? 120 : 70, fixed: 'right',
      render: (_v, e) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDetail(e)} data-testid="enterprise-detail-btn">{t(common.detail)}</Button>
          {writable && <Button type="link" size="small" onClick={() => openEdit(e)} data-testid="enterprise-edit">{t(common.edit)}</Button>}
        </Space>
      ),
    },
  ], [t, writable, openEdit, industries]);

  // A link or a QR scan names the file to open.
  useEffect(() => {
    if (!openId) return;
    let live = true;
    api.get<Enterprise>(`/api/v1/enterprises/${openId}`)
      .then((e) => live && setDetail(e))
      .catch((err: unknown) => live && message.error(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [openId, message]);
  const dropParams = useCallback((...names: string[]) => {
    setParams((p) => {
      const n = new URLSearchParams(p);
      for (const k of names) n.delete(k);
      return n;
    }, { replace: true });
  }, [setParams]);
  const checkStarted = useCallback(() => dropParams('check'), [dropParams]);
  const closeDetail = useCallback(() => {
    setDetail(null);
    if (openId) dropParams('open', 'check');
  }, [openId, dropParams]);

  const onChanged = useCallback((e: Enterprise) => {
    tableRef.current?.reload();
    setTick((n) => n + 1);
    setDetail((d) => (d?.id === e.id ? e : d));
  }, []);

  return (
    <Card title={t(km.enterprisesTitle)} data-testid="enterprises-page">
      <DataTable<Enterprise>
        ref={tableRef}
        testId="enterprises-table"
        endpoint="/api/v1/enterprises"
        rowKey="id"
        columns={columns}
        filters={{ regionCode, industry: industry[0], scale, riskLevel, hazchem }}
        searchPlaceholder={t(km.enterpriseSearch)}
        scrollX={1500}
        toolbar={
          <>
            <RegionTreeSelect allowClear placeholder={t(km.filterRegion)} style={{ width: 170 }} value={regionCode} onChange={(v) => setRegionCode(v ?? undefined)} data-testid="enterprises-filter-region" />
            <IndustrySelect maxCount={1} placeholder={t(km.filterIndustry)} style={{ width: 200 }} value={industry} onChange={(v) => setIndustry(v ?? [])} data-testid="enterprises-filter-industry" />
            <Select allowClear placeholder={t(km.filterScale)} style={{ width: 120 }} value={scale} onChange={(v) => setScale(v ?? undefined)}
              options={SCALES.map((s) => ({ value: s, label: t(SCALE_LABELS[s]) }))} data-testid="enterprises-filter-scale" />
            <RiskLevelFilter value={riskLevel} onChange={setRiskLevel} testId="enterprises-filter-level" />
            <Select allowClear placeholder={t(km.filterHazchem)} style={{ width: 140 }} value={hazchem} onChange={(v) => setHazchem(v ?? undefined)}
              options={[{ value: 'true', label: `${t(km.hazchem)}：${t(common.yes)}` }, { value: 'false', label: `${t(km.hazchem)}：${t(common.no)}` }]} data-testid="enterprises-filter-hazchem" />
          </>
        }
        actions={canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setFormOpen(true); }} data-testid="enterprises-create">
            {t(km.enterpriseCreate)}
          </Button>
        )}
      />
      <EnterpriseFormDrawer
        open={formOpen}
        enterprise={editing}
        onClose={() => setFormOpen(false)}
        onSaved={(e) => {
          setFormOpen(false);
          onChanged(e);
        }}
      />
      <EnterpriseDetailDrawer
        enterprise={detail}
        onClose={closeDetail}
        onEdit={writable ? openEdit : undefined}
        onChanged={onChanged}
        reloadKey={tick}
        startCheck={startCheck && !!detail && detail.id === openId}
        onCheckStarted={checkStarted}
      />
    </Card>
  );
}
