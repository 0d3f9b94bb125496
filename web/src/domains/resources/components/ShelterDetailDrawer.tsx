/**
 * A shelter's record: status with 开放/关闭, live occupancy with 登记入住/登记离开 (a check-in beyond the
 * capacity is refused with `capacity_exceeded` until the user explicitly confirms the override and
 * gives a reason), the shelter log, the basics with a small map, change history and attachments.
 */
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, type ButtonProps, Card, Checkbox, Descriptions, Drawer, Empty, Form, Input, InputNumber, Modal, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { LoginOutlined, LogoutOutlined, PoweroffOutlined, UnlockOutlined } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { api, ApiError, errorMessage } from '../../../lib/api.ts';
import { applyServerErrors, useFormSubmit } from '../../../lib/forms.ts';
import { formatDateTime, formatNumber } from '../../../lib/format.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { emptyToNull, maxLen } from '../../../lib/validators.ts';
import { rm } from '../messages.ts';
import {
  shm, SHELTER_FACILITY_LABELS, SHELTER_HEX, SHELTER_LOG_COLORS, SHELTER_LOG_LABELS, SHELTER_SPACE_LABELS,
} from '../messages-shelters.ts';
import type { Shelter, ShelterLogEntry } from '../types.ts';
import { BasicsMap, formatPoint, useRecordTabs } from './shared.tsx';
import { OccupancyBar, ShelterKindTag, ShelterStatusTag } from './ShelterTags.tsx';

function Basics({ shelter }: { shelter: Shelter }) {
  const { t, locale } = useI18n();
  return (
    <>
      <Descriptions column={2} size="small" bordered data-testid="shelter-detail-fields">
        <Descriptions.Item label={t(shm.shelterName)} span={2}>{shelter.name}</Descriptions.Item>
        <Descriptions.Item label={t(shm.kind)}><ShelterKindTag kind={shelter.kind} /></Descriptions.Item>
        <Descriptions.Item label={t(shm.space)}>{SHELTER_SPACE_LABELS[shelter.space] ? t(SHELTER_SPACE_LABELS[shelter.space]!) : shelter.space}</Descriptions.Item>
        <Descriptions.Item label={t(rm.region)}>{shelter.regionName}</Descriptions.Item>
        <Descriptions.Item label={t(rm.org)}>{shelter.orgName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t(shm.capacity)}>{formatNumber(shelter.capacity, locale)}</Descriptions.Item>
        <Descriptions.Item label={t(shm.areaM2)}>{shelter.areaM2 == null ? '—' : formatNumber(shelter.areaM2, locale, 1)}</Descriptions.Item>
        <Descriptions.Item label={t(shm.perCapita)} span={2}>{shelter.perCapitaM2 == null ? '—' : t(shm.perCapitaValue, { v: formatNumber(shelter.perCapitaM2, locale, 2) })}</Descriptions.Item>
        <Descriptions.Item label={t(shm.facilities)} span={2}>
          {shelter.facilities.length ? shelter.facilities.map((f) => <Tag key={f}>{SHELTER_FACILITY_LABELS[f] ? t(SHELTER_FACILITY_LABELS[f]!) : f}</Tag>) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t(shm.managerName)}>{shelter.managerName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t(shm.managerPhone)}>{shelter.managerPhone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t(shm.address)} span={2}>{shelter.address ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t(rm.location)} span={2}>{formatPoint(shelter.location, t(rm.noLocation))}</Descriptions.Item>
        {shelter.note && <Descriptions.Item label={t(rm.note)} span={2}>{shelter.note}</Descriptions.Item>}
        <Descriptions.Item label={t(common.updatedAt)} span={2}>{formatDateTime(shelter.updatedAt, locale)}</Descriptions.Item>
      </Descriptions>
      <BasicsMap point={shelter.location} name={shelter.name} color={SHELTER_HEX} testId="shelter-map" />
    </>
  );
}

function ShelterLog({ shelterId, reloadKey }: { shelterId: string; reloadKey: number }) {
  const { t, locale } = useI18n();
  const [items, setItems] = useState<ShelterLogEntry[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setLoading(true);
    api.get<ShelterLogEntry[]>(`/api/v1/shelters/${shelterId}/log`)
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
  }, [shelterId, reloadKey]);
  if (error) return <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} />;
  return (
    <Table<ShelterLogEntry>
      data-testid="shelter-log"
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      pagination={items.length > 20 ? { pageSize: 20 } : false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(shm.logEmpty)} /> }}
      onRow={(r) => ({ 'data-testid': 'shelter-log-row', 'data-kind': r.kind, 'data-override': r.override ? 'true' : 'false' }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: t(shm.logAt), dataIndex: 'at', key: 'at', width: 140, render: (v: string) => formatDateTime(v, locale) },
        {
          title: t(shm.logKind), dataIndex: 'kind', key: 'kind', width: 120,
          render: (v: string, r) => (
            <Space size={2}>
              <Tag color={SHELTER_LOG_COLORS[v]}>{SHELTER_LOG_LABELS[v] ? t(SHELTER_LOG_LABELS[v]!) : v}</Tag>
              {r.override && <Tag color="red" data-testid="shelter-log-override">{t(shm.logOverride)}</Tag>}
            </Space>
          ),
        },
        { title: t(shm.logCount), dataIndex: 'count', key: 'count', width: 70, align: 'right', render: (v: number, r) => (r.kind === 'check_in' ? `+${v}` : r.kind === 'check_out' ? `−${v}` : '—') },
        {
          title: t(shm.logAfter), key: 'after', width: 110, align: 'right',
          render: (_v, r) => <span style={{ color: r.occupancyAfter > r.capacity ? '#dc2626' : undefined }}>{r.occupancyAfter}/{r.capacity}</span>,
        },
        { title: t(shm.logReason), dataIndex: 'reason', key: 'reason', render: (v: string | null) => v ?? '—' },
        { title: t(shm.logActor), dataIndex: 'actorName', key: 'actorName', width: 110, render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

interface OccValues { count: number | null; reason: string }

/** 登记入住 / 登记离开 with the explicit over-capacity confirmation. */
function OccupancyPanel({ shelter, onDone }: { shelter: Shelter; onDone: (s: Shelter) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { can } = useAuth();
  const [form] = Form.useForm<OccValues>();
  const [busy, setBusy] = useState<'in' | 'out' | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The server's capacity_exceeded message, once a check-in was refused. */
  const [exceeded, setExceeded] = useState<string | null>(null);
  const [override, setOverride] = useState(false);
  const operable = can('shelters:occupancy');
  const open = shelter.status === 'open';

  useEffect(() => {
    setExceeded(null);
    setOverride(false);
    setError(null);
    form.resetFields();
  }, [shelter.id, form]);

  const submit = async (direction: 'in' | 'out') => {
    const withOverride = direction === 'in' && override && exceeded !== null;
    let v: OccValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (withOverride && !v.reason?.trim()) {
      form.setFields([{ name: 'reason', errors: [t(shm.overrideReasonRequired)] }]);
      return;
    }
    setBusy(direction);
    setError(null);
    const reason = emptyToNull(v.reason);
    try {
      const saved = await api.post<Shelter>(`/api/v1/shelters/${shelter.id}/${direction === 'in' ? 'check-in' : 'check-out'}`, {
        count: v.count, ...(reason ? { reason } : {}), ...(withOverride ? { override: true } : {}),
      });
      message.success(t(direction === 'in' ? shm.checkedIn : shm.checkedOut, { n: v.count ?? 0, occ: saved.occupancy, cap: saved.capacity }));
      setExceeded(null);
      setOverride(false);
      form.resetFields();
      onDone(saved);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'capacity_exceeded') {
        setExceeded(err.detail);
        return;
      }
      const rest = applyServerErrors(form, err, ['count', 'reason']);
      if (rest.length || !(err instanceof ApiError) || !err.errors.length) setError(rest.length ? rest.join('；') : errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" title={t(shm.occupancyTitle)} data-testid="shelter-occupancy-panel" style={{ marginBottom: 12 }}>
      <div style={{ display: 'flex', gap: 24, alignItems: 'center', flexWrap: 'wrap', marginBottom: operable ? 12 : 0 }}>
        <OccupancyBar occupancy={shelter.occupancy} capacity={shelter.capacity} width={220} />
        <Statistic title={t(shm.occupancy)} value={shelter.occupancy} styles={{ content: { fontSize: 20, color: shelter.occupancy > shelter.capacity ? '#dc2626' : undefined } }} />
        <Statistic title={t(shm.capacityShort)} value={shelter.capacity} styles={{ content: { fontSize: 20 } }} />
        <Statistic title={t(shm.free)} value={shelter.free} styles={{ content: { fontSize: 20 } }} data-testid="shelter-free" />
      </div>
      {operable && !open && <Alert type="info" showIcon title={t(shm.closedHint)} data-testid="shelter-closed-hint" />}
      {operable && open && (
        <>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="shelter-occupancy-error" />}
          {exceeded && (
            <Alert
              type="error"
              showIcon
              data-testid="shelter-capacity-alert"
              style={{ marginBottom: 8 }}
              title={exceeded}
              description={
                <div>
                  <Checkbox checked={override} onChange={(e) => setOverride(e.target.checked)} data-testid="shelter-override">
                    <Typography.Text strong>{t(shm.overrideConfirm)}</Typography.Text>
                  </Checkbox>
                  <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(shm.overrideHint)}</Typography.Text></div>
                </div>
              }
            />
          )}
          <Form form={form} layout="inline" autoComplete="off" data-testid="shelter-occupancy-form" style={{ rowGap: 8 }}>
            <Form.Item name="count" label={t(shm.count)} rules={[{ required: true, type: 'integer', min: 1, max: 100_000, message: t(shm.countRule) }]}>
              <InputNumber data-testid="shelter-count" min={1} max={100_000} precision={0} style={{ width: 110 }} />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t(shm.reason)}
              required={override && exceeded !== null}
              rules={[maxLen(t, shm.reason, 200)]}
              style={{ flex: 1, minWidth: 200 }}
            >
              <Input data-testid="shelter-reason" maxLength={200} placeholder={t(shm.reasonPlaceholder)} />
            </Form.Item>
            <Space>
              <Button type="primary" icon={<LoginOutlined />} loading={busy === 'in'} onClick={() => void submit('in')} data-testid="shelter-check-in"
                danger={override && exceeded !== null}>
                {override && exceeded !== null ? t(shm.overrideConfirm) : t(shm.checkIn)}
              </Button>
              <Button icon={<LogoutOutlined />} loading={busy === 'out'} onClick={() => void submit('out')} disabled={shelter.occupancy === 0} data-testid="shelter-check-out">
                {t(shm.checkOut)}
              </Button>
            </Space>
          </Form>
        </>
      )}
    </Card>
  );
}

function StatusModal({ shelter, open, onClose, onDone }: { shelter: Shelter; open: boolean; onClose: () => void; onDone: (s: Shelter) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const next = shelter.status === 'open' ? 'closed' : 'open';
  const { saving, error, setError, submit } = useFormSubmit(form, {
    fields: ['reason'],
    save: async (v) => {
      const reason = emptyToNull(v.reason);
      const saved = await api.post<Shelter>(`/api/v1/shelters/${shelter.id}/status`, { status: next, ...(reason ? { reason } : {}) });
      message.success(t(saved.status === 'open' ? shm.opened : shm.closed));
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
      title={t(next === 'open' ? shm.openTitle : shm.closeTitle, { name: shelter.name })}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okText={t(next === 'open' ? shm.openShelter : shm.closeShelter)}
      cancelText={t(common.cancel)}
      okButtonProps={{ 'data-testid': 'shelter-status-submit', danger: next === 'closed' } as ButtonProps}
      destroyOnHidden
      data-testid="shelter-status-modal"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="shelter-status-error" />}
      {next === 'closed' && shelter.occupancy > 0 && <Alert type="warning" showIcon title={t(shm.closeNeedsEmpty)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" autoComplete="off">
        <Form.Item name="reason" label={t(shm.statusReason)} rules={[maxLen(t, shm.statusReason, 200)]}>
          <Input.TextArea data-testid="shelter-status-reason" maxLength={200} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The shelter detail drawer; `onChanged` receives the updated shelter after a status or occupancy change. */
export function ShelterDetailDrawer({ shelter, onClose, onChanged, onEdit, reloadKey }: {
  shelter: Shelter | null;
  onClose: () => void;
  onChanged: (s: Shelter) => void;
  onEdit?: (s: Shelter) => void;
  reloadKey: number;
}) {
  const { t } = useI18n();
  const { can } = useAuth();
  const recordTabs = useRecordTabs();
  const [statusOpen, setStatusOpen] = useState(false);
  const [tick, setTick] = useState(0);
  const [tab, setTab] = useState('log');
  const id = shelter?.id;
  useEffect(() => {
    setTab('log');
    setStatusOpen(false);
  }, [id]);

  const changed = useCallback((s: Shelter) => {
    setTick((n) => n + 1);
    onChanged(s);
  }, [onChanged]);

  return (
    <Drawer
      open={!!shelter}
      onClose={onClose}
      size={800}
      title={shelter ? `${t(shm.shelterDetail)} · ${shelter.name}` : ''}
      destroyOnHidden
      data-testid="shelter-detail"
      extra={shelter && (
        <Space>
          {can('shelters:occupancy') && (shelter.status === 'open' ? (
            <Button icon={<PoweroffOutlined />} onClick={() => setStatusOpen(true)} data-testid="shelter-close">{t(shm.closeShelter)}</Button>
          ) : (
            <Button type="primary" icon={<UnlockOutlined />} onClick={() => setStatusOpen(true)} data-testid="shelter-open">{t(shm.openShelter)}</Button>
          ))}
          {can('resources:write') && onEdit && <Button onClick={() => onEdit(shelter)} data-testid="shelter-detail-edit">{t(common.edit)}</Button>}
        </Space>
      )}
    >
      {shelter && (
        <>
          <Space style={{ marginBottom: 8 }} wrap>
            <ShelterStatusTag status={shelter.status} />
            <ShelterKindTag kind={shelter.kind} />
            <Typography.Text type="secondary">{shelter.regionName}{shelter.address ? ` · ${shelter.address}` : ''}</Typography.Text>
          </Space>
          <OccupancyPanel shelter={shelter} onDone={changed} />
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'log', label: <span data-testid="shelter-tab-log">{t(shm.tabLog)}</span>, children: <ShelterLog shelterId={shelter.id} reloadKey={reloadKey + tick} /> },
              { key: 'basics', label: <span data-testid="shelter-tab-basics">{t(rm.basics)}</span>, children: <Basics shelter={shelter} /> },
              ...recordTabs({ entityType: 'shelter', id: shelter.id, reloadKey: reloadKey + tick, historyLabel: t(shm.tabHistory), testIdPrefix: 'shelter' }),
            ]}
          />
          <StatusModal
            shelter={shelter}
            open={statusOpen}
            onClose={() => setStatusOpen(false)}
            onDone={(s) => {
              setStatusOpen(false);
              changed(s);
            }}
          />
        </>
      )}
    </Drawer>
  );
}
