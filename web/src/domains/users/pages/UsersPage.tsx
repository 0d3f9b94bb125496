import { useMemo, useRef, useState } from 'react';
import { Button, Card, Select, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { DataTable, type DataTableHandle } from '../../../components/DataTable.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import type { User } from '../../../lib/types.ts';
import { ResetPasswordModal } from '../components/ResetPasswordModal.tsx';
import { UserDetailDrawer } from '../components/UserDetailDrawer.tsx';
import { UserFormDrawer } from '../components/UserFormDrawer.tsx';
import { um } from '../messages.ts';

export default function UsersPage() {
  const { t, locale } = useI18n();
  const { meta, can, roleLabel } = useAuth();
  const tableRef = useRef<DataTableHandle>(null);
  const [role, setRole] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [detail, setDetail] = useState<User | null>(null);
  const [historyTick, setHistoryTick] = useState(0);
  const writable = can('users:write');

  const columns = useMemo<TableColumnsType<User>>(() => [
    {
      title: t(um.username), dataIndex: 'username', key: 'username', sorter: true, width: 150,
      render: (v: string, u) => (
        <Space size={4}>
          <Typography.Link onClick={() => setDetail(u)} data-testid="user-open">{v}</Typography.Link>
          {u.isDemo && <Tag style={{ marginInlineEnd: 0 }}>{t(um.demo)}</Tag>}
        </Space>
      ),
    },
    { title: t(um.displayName), dataIndex: 'displayName', key: 'displayName', sorter: true, width: 130 },
    {
      title: t(um.roles), dataIndex: 'roles', key: 'roles',
      render: (rs: string[]) => <Space size={[4, 4]} wrap>{rs.map((r) => <Tag key={r} color="blue">{roleLabel(r)}</Tag>)}</Space>,
    },
    { title: t(um.region), dataIndex: 'regionName', key: 'regionName', width: 120 },
    { title: t(um.org), dataIndex: 'orgName', key: 'orgName', ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: t(um.status), dataIndex: 'status', key: 'status', width: 110,
      render: (v: string, u) => (
        <Space size={4}>
          <Tag color={v === 'active' ? 'green' : 'default'}>{t(v === 'active' ? um.active : um.disabled)}</Tag>
          {u.locked && <Tag color="red">{t(um.locked)}</Tag>}
        </Space>
      ),
    },
    { title: t(um.lastLoginAt), dataIndex: 'lastLoginAt', key: 'lastLoginAt', sorter: true, width: 150, render: (v: string | null) => formatDateTime(v, locale) },
    { title: t(um.createdAt), dataIndex: 'createdAt', key: 'createdAt', sorter: true, width: 150, render: (v: string) => formatDateTime(v, locale) },
    {
      title: t(common.actions), key: 'actions', width: writable ? 190 : 70, fixed: 'right',
      render: (_v, u) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDetail(u)} data-testid="user-detail-btn">{t(common.detail)}</Button>
          {writable && <Button type="link" size="small" onClick={() => { setEditing(u); setFormOpen(true); }} data-testid="user-edit">{t(common.edit)}</Button>}
          {writable && <Tooltip title={t(um.resetPassword)}><Button type="link" size="small" onClick={() => setResetting(u)} data-testid="user-reset-password">{t(um.resetPassword)}</Button></Tooltip>}
        </Space>
      ),
    },
  ], [t, locale, roleLabel, writable]);

  return (
    <Card title={t(um.title)} data-testid="users-page">
      <DataTable<User>
        ref={tableRef}
        testId="users-table"
        endpoint="/api/v1/users"
        rowKey="id"
        columns={columns}
        defaultSort="username"
        searchPlaceholder={t(um.searchPlaceholder)}
        filters={{ role, status }}
        scrollX={1280}
        toolbar={
          <>
            <Select
              allowClear
              placeholder={t(um.filterRole)}
              style={{ width: 170 }}
              value={role}
              onChange={setRole}
              options={meta?.roles ?? []}
              data-testid="users-filter-role"
            />
            <Select
              allowClear
              placeholder={t(um.filterStatus)}
              style={{ width: 130 }}
              value={status}
              onChange={setStatus}
              options={[{ value: 'active', label: t(um.active) }, { value: 'disabled', label: t(um.disabled) }]}
              data-testid="users-filter-status"
            />
          </>
        }
        actions={writable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setFormOpen(true); }} data-testid="users-create">
            {t(um.create)}
          </Button>
        )}
      />
      <UserFormDrawer
        open={formOpen}
        user={editing}
        onClose={() => setFormOpen(false)}
        onSaved={(u) => {
          setFormOpen(false);
          tableRef.current?.reload();
          setHistoryTick((n) => n + 1);
          if (detail?.id === u.id) setDetail(u);
        }}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
      <UserDetailDrawer user={detail} onClose={() => setDetail(null)} reloadKey={historyTick} />
    </Card>
  );
}
