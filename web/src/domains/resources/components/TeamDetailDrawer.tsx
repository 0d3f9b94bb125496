/**
 * A team's record in tabs: basics (with a small map of the base), members, status log with the
 * "变更状态" action, change history and attachments.
 */
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, type ButtonProps, Descriptions, Drawer, Empty, Form, Input, Modal, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { api, ApiError, errorMessage } from '../../../lib/api.ts';
import { applyServerErrors, useFormSubmit } from '../../../lib/forms.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { emptyToNull, maxLen, phoneRule, required } from '../../../lib/validators.ts';
import { enumOptions, useDict } from '../dicts.ts';
import { rm, TEAM_CATEGORY_LABELS, TEAM_STATUS_COLORS, TEAM_STATUS_HEX, TEAM_STATUS_LABELS, TEAM_STATUSES } from '../messages.ts';
import type { Team, TeamMember, TeamStatusChange } from '../types.ts';
import { BasicsMap, formatPoint, useRecordTabs } from './shared.tsx';

export function TeamStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return <Tag color={TEAM_STATUS_COLORS[status]} data-testid="team-status-tag" data-status={status}>{TEAM_STATUS_LABELS[status] ? t(TEAM_STATUS_LABELS[status]) : status}</Tag>;
}

function Basics({ team }: { team: Team }) {
  const { t, locale } = useI18n();
  const specialties = useDict('team_specialty');
  return (
    <>
      <Descriptions column={2} size="small" bordered data-testid="team-detail-fields">
        <Descriptions.Item label={t(rm.teamName)} span={2}>{team.name}</Descriptions.Item>
        <Descriptions.Item label={t(rm.category)}>{TEAM_CATEGORY_LABELS[team.category] ? t(TEAM_CATEGORY_LABELS[team.category]!) : team.category}</Descriptions.Item>
        <Descriptions.Item label={t(rm.status)}><TeamStatusTag status={team.status} /></Descriptions.Item>
        <Descriptions.Item label={t(rm.specialties)} span={2}>
          {team.specialties.map((s) => <Tag key={s}>{specialties.label(s)}</Tag>)}
        </Descriptions.Item>
        <Descriptions.Item label={t(rm.headcount)}>{team.headcount}</Descriptions.Item>
        <Descriptions.Item label={t(rm.memberCount)}>{team.memberCount}</Descriptions.Item>
        <Descriptions.Item label={t(rm.region)}>{team.regionName}</Descriptions.Item>
        <Descriptions.Item label={t(rm.org)}>{team.orgName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t(rm.leaderName)}>{team.leaderName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t(rm.leaderPhone)}>{team.leaderPhone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t(rm.dutyPhone)}>{team.dutyPhone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t(rm.statusChangedAt)}>{formatDateTime(team.statusChangedAt, locale)}</Descriptions.Item>
        <Descriptions.Item label={t(rm.baseAddress)} span={2}>{team.baseAddress ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t(rm.base)} span={2}>{formatPoint(team.base, t(rm.noLocation))}</Descriptions.Item>
        {team.note && <Descriptions.Item label={t(rm.note)} span={2}>{team.note}</Descriptions.Item>}
        <Descriptions.Item label={t(common.updatedAt)} span={2}>{formatDateTime(team.updatedAt, locale)}</Descriptions.Item>
      </Descriptions>
      <BasicsMap point={team.base} name={team.name} color={TEAM_STATUS_HEX[team.status]} testId="team-map" />
    </>
  );
}

interface MemberValues { name: string; position: string; phone: string; skills: string }

function Members({ team, writable, onChanged }: { team: Team; writable: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [items, setItems] = useState<TeamMember[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<MemberValues>();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems(await api.get<TeamMember[]>(`/api/v1/teams/${team.id}/members`));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [team.id]);
  useEffect(() => {
    void load();
  }, [load]);

  const add = async () => {
    let v: MemberValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setAdding(true);
    try {
      const m = await api.post<TeamMember>(`/api/v1/teams/${team.id}/members`, {
        name: v.name.trim(), position: emptyToNull(v.position), phone: emptyToNull(v.phone), skills: emptyToNull(v.skills),
      });
      message.success(t(rm.memberAdded, { name: m.name }));
      form.resetFields();
      void load();
      onChanged();
    } catch (err) {
      const rest = applyServerErrors(form, err, ['name', 'position', 'phone', 'skills']);
      if (rest.length) message.error(rest.join('；'));
      else if (!(err instanceof ApiError) || !err.errors.length) message.error(errorMessage(err));
    } finally {
      setAdding(false);
    }
  };

  const remove = async (m: TeamMember) => {
    try {
      await api.del(`/api/v1/teams/${team.id}/members/${m.id}`);
      message.success(t(rm.memberRemoved, { name: m.name }));
      void load();
      onChanged();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <div data-testid="team-members">
      {error && <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} style={{ marginBottom: 12 }} />}
      {writable && (
        <Form form={form} layout="inline" style={{ marginBottom: 12, rowGap: 8 }} data-testid="team-member-form" autoComplete="off">
          <Form.Item name="name" rules={[required(t, rm.memberName), maxLen(t, rm.memberName, 30)]}>
            <Input placeholder={t(rm.memberName)} maxLength={30} style={{ width: 110 }} data-testid="team-member-name" />
          </Form.Item>
          <Form.Item name="position" rules={[maxLen(t, rm.memberPosition, 30)]}>
            <Input placeholder={t(rm.memberPosition)} maxLength={30} style={{ width: 100 }} data-testid="team-member-position" />
          </Form.Item>
          <Form.Item name="phone" rules={[phoneRule(t)]}>
            <Input placeholder={t(rm.phone)} maxLength={20} style={{ width: 130 }} data-testid="team-member-phone" />
          </Form.Item>
          <Form.Item name="skills" rules={[maxLen(t, rm.memberSkills, 200)]}>
            <Input placeholder={t(rm.memberSkills)} maxLength={200} style={{ width: 130 }} data-testid="team-member-skills" />
          </Form.Item>
          <Button icon={<PlusOutlined />} loading={adding} onClick={() => void add()} data-testid="team-member-add">{t(rm.memberAdd)}</Button>
        </Form>
      )}
      <Table<TeamMember>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(rm.membersEmpty)} /> }}
        onRow={() => ({ 'data-testid': 'team-member-row' }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t(rm.memberName), dataIndex: 'name', key: 'name' },
          { title: t(rm.memberPosition), dataIndex: 'position', key: 'position', render: (v: string | null) => v ?? '—' },
          { title: t(rm.phone), dataIndex: 'phone', key: 'phone', render: (v: string | null) => v ?? '—' },
          { title: t(rm.memberSkills), dataIndex: 'skills', key: 'skills', render: (v: string | null) => v ?? '—' },
          ...(writable ? [{
            title: t(common.actions), key: 'actions', width: 70,
            render: (_v: unknown, m: TeamMember) => (
              <Popconfirm title={t(rm.memberRemoveConfirm, { name: m.name })} onConfirm={() => remove(m)}>
                <Button type="link" size="small" danger data-testid="team-member-remove">{t(rm.memberRemove)}</Button>
              </Popconfirm>
            ),
          }] : []),
        ]}
      />
    </div>
  );
}

function StatusLog({ team, reloadKey }: { team: Team; reloadKey: number }) {
  const { t, locale } = useI18n();
  const [items, setItems] = useState<TeamStatusChange[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setLoading(true);
    api.get<TeamStatusChange[]>(`/api/v1/teams/${team.id}/status-history`)
      .then((r) => {
        if (!live) return;
        setItems(r);
        setError(null);
      })
      .catch((err: unknown) => live && setError(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [team.id, reloadKey]);
  if (error) return <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} />;
  return (
    <Table<TeamStatusChange>
      data-testid="team-status-history"
      rowKey={(r) => `${r.changedAt}-${r.toStatus}`}
      size="small"
      loading={loading}
      dataSource={items}
      pagination={items.length > 20 ? { pageSize: 20 } : false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(rm.statusHistoryEmpty)} /> }}
      onRow={() => ({ 'data-testid': 'team-status-history-item' }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: t(rm.changedAt), dataIndex: 'changedAt', key: 'changedAt', width: 150, render: (v: string) => formatDateTime(v, locale) },
        {
          title: t(rm.fromTo), key: 'change', width: 150,
          render: (_v, r) => <Space size={4}><TeamStatusTag status={r.fromStatus} />→<TeamStatusTag status={r.toStatus} /></Space>,
        },
        { title: t(rm.statusReason), dataIndex: 'reason', key: 'reason', render: (v: string | null) => v ?? '—' },
        { title: t(rm.changedBy), dataIndex: 'changedByName', key: 'changedByName', width: 110, render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

function StatusModal({ team, open, onClose, onDone }: { team: Team; open: boolean; onClose: () => void; onDone: (t: Team) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ status: string; reason: string }>();
  const { saving, error, setError, submit } = useFormSubmit(form, {
    fields: ['status', 'reason'],
    save: async (v) => {
      const reason = emptyToNull(v.reason);
      const saved = await api.post<Team>(`/api/v1/teams/${team.id}/status`, { status: v.status, ...(reason ? { reason } : {}) });
      message.success(t(rm.statusChanged, { status: t(TEAM_STATUS_LABELS[saved.status] ?? [saved.status, saved.status]) }));
      onDone(saved);
    },
  });
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
  }, [open, form, setError]);
  return (
    <Modal
      open={open}
      title={`${t(rm.statusChange)} · ${team.name}`}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okText={t(common.confirm)}
      cancelText={t(common.cancel)}
      okButtonProps={{ 'data-testid': 'team-status-submit' } as ButtonProps}
      destroyOnHidden
      data-testid="team-status-modal"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="team-status-error" />}
      <Form form={form} layout="vertical" autoComplete="off">
        <Form.Item label={t(rm.status)}>
          <TeamStatusTag status={team.status} />
        </Form.Item>
        <Form.Item
          name="status"
          label={t(rm.statusNew)}
          rules={[required(t, rm.statusNew, true), { validator: async (_r, v: unknown) => { if (v === team.status) throw new Error(t(rm.statusSame)); } }]}
        >
          <Select
            data-testid="team-status-select"
            options={enumOptions(TEAM_STATUSES, TEAM_STATUS_LABELS, t).map((o) => ({ ...o, disabled: o.value === team.status }))}
          />
        </Form.Item>
        <Form.Item name="reason" label={t(rm.statusReason)} rules={[maxLen(t, rm.statusReason, 500)]}>
          <Input.TextArea data-testid="team-status-reason" maxLength={500} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The team detail drawer; `onChanged` receives the updated team after a status change or member edit. */
export function TeamDetailDrawer({ team, onClose, onChanged, onEdit, reloadKey }: {
  team: Team | null;
  onClose: () => void;
  onChanged: (t: Team) => void;
  onEdit?: (t: Team) => void;
  reloadKey: number;
}) {
  const { t } = useI18n();
  const { can } = useAuth();
  const recordTabs = useRecordTabs();
  const [statusOpen, setStatusOpen] = useState(false);
  const [tick, setTick] = useState(0);
  const [tab, setTab] = useState('basics');
  const writable = can('resources:write');
  const teamId = team?.id;
  useEffect(() => {
    setTab('basics');
    setStatusOpen(false);
  }, [teamId]);

  const refetch = useCallback(() => {
    if (!teamId) return;
    api.get<Team>(`/api/v1/teams/${teamId}`).then(onChanged).catch(() => undefined);
  }, [teamId, onChanged]);

  return (
    <Drawer
      open={!!team}
      onClose={onClose}
      size={760}
      title={team ? `${t(rm.teamDetail)} · ${team.name}` : ''}
      destroyOnHidden
      data-testid="team-detail"
      extra={team && (
        <Space>
          {can('teams:status') && (
            <Button icon={<SwapOutlined />} onClick={() => setStatusOpen(true)} data-testid="team-status-change">{t(rm.statusChange)}</Button>
          )}
          {writable && onEdit && <Button onClick={() => onEdit(team)} data-testid="team-detail-edit">{t(common.edit)}</Button>}
        </Space>
      )}
    >
      {team && (
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            <TeamStatusTag status={team.status} />
          </Typography.Paragraph>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'basics', label: <span data-testid="team-tab-basics">{t(rm.basics)}</span>, children: <Basics team={team} /> },
              { key: 'members', label: <span data-testid="team-tab-members">{`${t(rm.tabMembers)} (${team.memberCount})`}</span>, children: <Members team={team} writable={writable} onChanged={refetch} /> },
              { key: 'status', label: <span data-testid="team-tab-status">{t(rm.tabStatus)}</span>, children: <StatusLog team={team} reloadKey={tick} /> },
              ...recordTabs({ entityType: 'team', id: team.id, reloadKey: reloadKey + tick, historyLabel: t(rm.tabHistory), testIdPrefix: 'team' }),
            ]}
          />
          <StatusModal
            team={team}
            open={statusOpen}
            onClose={() => setStatusOpen(false)}
            onDone={(saved) => {
              setStatusOpen(false);
              setTick((n) => n + 1);
              setTab('status');
              onChanged(saved);
            }}
          />
        </>
      )}
    </Drawer>
  );
}
