import { useCallback, useMemo, useRef, useState } from 'react';
import { Button, Card, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { DataTable, type DataTableHandle } from '../../../components/DataTable.tsx';
import { ImportButton } from '../../../components/ImportButton.tsx';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { TeamDetailDrawer, TeamStatusTag } from '../components/TeamDetailDrawer.tsx';
import { TeamFormDrawer } from '../components/TeamFormDrawer.tsx';
import { enumOptions, useDict } from '../dicts.ts';
import { rm, TEAM_CATEGORIES, TEAM_CATEGORY_LABELS, TEAM_STATUS_LABELS, TEAM_STATUSES } from '../messages.ts';
import type { Team } from '../types.ts';

const CATEGORY_COLORS: Record<string, string> = { comprehensive: 'red', professional: 'blue', enterprise: 'orange', social: 'purple', volunteer: 'cyan' };

export default function TeamsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const specialties = useDict('team_specialty');
  const tableRef = useRef<DataTableHandle>(null);
  const [category, setCategory] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [specialty, setSpecialty] = useState<string | undefined>();
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<Team | null>(null);
  const [detail, setDetail] = useState<Team | null>(null);
  const [historyTick, setHistoryTick] = useState(0);
  const writable = can('resources:write');

  const openEdit = useCallback((tm: Team) => {
    setEditing(tm);
    setFormOpen(true);
  }, []);

  const columns = useMemo<TableColumnsType<Team>>(() => [
    {
      title: t(rm.teamName), dataIndex: 'name', key: 'name', sorter: true, ellipsis: true, width: 220,
      render: (v: string, tm) => <Typography.Link onClick={() => setDetail(tm)} data-testid="team-open">{v}</Typography.Link>,
    },
    {
      title: t(rm.category), dataIndex: 'category', key: 'category', width: 140,
      render: (v: string) => <Tag color={CATEGORY_COLORS[v]}>{TEAM_CATEGORY_LABELS[v] ? t(TEAM_CATEGORY_LABELS[v]) : v}</Tag>,
    },
    {
      title: t(rm.specialties), dataIndex: 'specialties', key: 'specialties',
      render: (v: string[]) => <Space size={[0, 4]} wrap>{v.map((s) => <Tag key={s} style={{ marginInlineEnd: 4 }}>{specialties.label(s)}</Tag>)}</Space>,
    },
    { title: t(rm.headcount), dataIndex: 'headcount', key: 'headcount', sorter: true, width: 90, align: 'right' },
    { title: t(rm.status), dataIndex: 'status', key: 'status', sorter: true, width: 90, render: (v: string) => <TeamStatusTag status={v} /> },
    { title: t(rm.region), dataIndex: 'regionName', key: 'regionName', width: 120 },
    { title: t(rm.leaderName), dataIndex: 'leaderName', key: 'leaderName', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t(rm.dutyPhone), dataIndex: 'dutyPhone', key: 'dutyPhone', width: 130, render: (v: string | null, tm) => v ?? tm.leaderPhone ?? '—' },
    {
      title: t(common.actions), key: 'actions', width: writable ? 130 : 70, fixed: 'right',
      render: (_v, tm) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDetail(tm)} data-testid="team-detail-btn">{t(common.detail)}</Button>
          {writable && <Button type="link" size="small" onClick={() => openEdit(tm)} data-testid="team-edit">{t(common.edit)}</Button>}
        </Space>
      ),
    },
  ], [t, specialties, writable, openEdit]);

  const onChanged = useCallback((tm: Team) => {
    tableRef.current?.reload();
    setHistoryTick((n) => n + 1);
    setDetail((d) => (d?.id === tm.id ? tm : d));
  }, []);

  return (
    <Card title={t(rm.teamsTitle)} data-testid="teams-page">
      <DataTable<Team>
        ref={tableRef}
        testId="teams-table"
        endpoint="/api/v1/teams"
        rowKey="id"
        columns={columns}
        filters={{ category, status, specialty }}
        searchPlaceholder={t(rm.teamSearch)}
        scrollX={1250}
        toolbar={
          <>
            <Select allowClear placeholder={t(rm.filterCategory)} style={{ width: 160 }} value={category} onChange={setCategory}
              options={enumOptions(TEAM_CATEGORIES, TEAM_CATEGORY_LABELS, t)} data-testid="teams-filter-category" />
            <Select allowClear placeholder={t(rm.filterStatus)} style={{ width: 130 }} value={status} onChange={setStatus}
              options={enumOptions(TEAM_STATUSES, TEAM_STATUS_LABELS, t)} data-testid="teams-filter-status" />
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t(rm.filterSpecialty)} style={{ width: 170 }} value={specialty}
              onChange={setSpecialty} options={specialties.options} data-testid="teams-filter-specialty" />
          </>
        }
        actions={writable && (
          <>
            <ImportButton kind="teams" onDone={() => tableRef.current?.reload()} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setFormOpen(true); }} data-testid="teams-create">
              {t(rm.teamCreate)}
            </Button>
          </>
        )}
      />
      <TeamFormDrawer
        open={formOpen}
        team={editing}
        onClose={() => setFormOpen(false)}
        onSaved={(tm) => {
          setFormOpen(false);
          onChanged(tm);
        }}
      />
      <TeamDetailDrawer team={detail} onClose={() => setDetail(null)} onChanged={onChanged} onEdit={writable ? openEdit : undefined} reloadKey={historyTick} />
    </Card>
  );
}
