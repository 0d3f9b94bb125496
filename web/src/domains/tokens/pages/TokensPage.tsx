import { useMemo, useRef, useState } from 'react';
import type { Dayjs } from 'dayjs';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { DataTable, type DataTableHandle } from '../../../components/DataTable.tsx';
import { IndustrySelect } from '../../../components/IndustrySelect.tsx';
import { OrgSelect } from '../../../components/OrgSelect.tsx';
import { RegionTreeSelect } from '../../../components/RegionTreeSelect.tsx';
import { api, errorMessage } from '../../../lib/api.ts';
import { applyServerErrors } from '../../../lib/forms.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { common, defineMessages, useI18n } from '../../../lib/i18n.tsx';
import type { ApiToken } from '../../../lib/types.ts';
import { maxLen, minLen, required } from '../../../lib/validators.ts';

const m = defineMessages({
  title: ['API 令牌', 'API tokens'],
  intro: ['供外部系统和设备（传感器网关、短信平台等）调用接口；令牌按角色和区域限定数据范围。', 'For external systems and devices (sensor gateways, SMS platforms …); each token is limited by its roles and region.'],
  create: ['新建令牌', 'New token'],
  name: ['名称', 'Name'],
  prefix: ['前缀', 'Prefix'],
  roles: ['角色', 'Roles'],
  region: ['数据范围（区域）', 'Scope (region)'],
  regionShort: ['区域', 'Region'],
  org: ['所属单位', 'Organisation'],
  industries: ['行业', 'Industries'],
  expiresAt: ['有效期至', 'Expires'],
  never: ['长期有效', 'Never'],
  lastUsedAt: ['最近使用', 'Last used'],
  status: ['状态', 'Status'],
  active: ['有效', 'Active'],
  revoked: ['已吊销', 'Revoked'],
  expired: ['已过期', 'Expired'],
  revoke: ['吊销', 'Revoke'],
  revokeConfirm: ['吊销后使用该令牌的系统将立即无法访问，确定吊销？', 'Systems using this token lose access at once. Revoke it?'],
  revokedMsg: ['已吊销令牌 {name}', 'Token {name} revoked'],
  secretTitle: ['令牌已创建，请立即复制保存', 'Token created — copy it now'],
  secretWarn: ['令牌明文只显示这一次，关闭后无法再次查看。', 'The secret is shown only once and cannot be viewed again.'],
  usage: ['调用方式：Authorization: Bearer <令牌>', 'Usage: Authorization: Bearer <token>'],
  searchPlaceholder: ['令牌名称', 'Token name'],
  expiresFuture: ['有效期须晚于当前时间', 'The expiry must be in the future'],
});

interface TokenForm {
  name: string;
  roles: string[];
  regionCode: string;
  orgId: string | null;
  industries: string[];
  expiresAt: Dayjs | null;
}

const FIELDS = ['name', 'roles', 'regionCode', 'orgId', 'industries', 'expiresAt'] as const;

export default function TokensPage() {
  const { t, locale } = useI18n();
  const { meta, roleLabel, user } = useAuth();
  const { message } = App.useApp();
  const tableRef = useRef<DataTableHandle>(null);
  const [form] = Form.useForm<TokenForm>();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const roles = Form.useWatch('roles', form) ?? [];

  const revoke = async (tk: ApiToken) => {
    try {
      await api.del(`/api/v1/tokens/${tk.id}`);
      message.success(t(m.revokedMsg, { name: tk.name }));
      tableRef.current?.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const columns = useMemo<TableColumnsType<ApiToken>>(() => [
    { title: t(m.name), dataIndex: 'name', key: 'name', sorter: true },
    { title: t(m.prefix), dataIndex: 'prefix', key: 'prefix', width: 130, render: (v: string) => <code style={{ whiteSpace: 'nowrap' }}>{v}…</code> },
    { title: t(m.roles), dataIndex: 'roles', key: 'roles', render: (rs: string[]) => <Space size={[4, 4]} wrap>{rs.map((r) => <Tag key={r} color="blue">{roleLabel(r)}</Tag>)}</Space> },
    { title: t(m.regionShort), dataIndex: 'regionName', key: 'regionName', width: 110 },
    { title: t(m.org), dataIndex: 'orgName', key: 'orgName', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t(m.expiresAt), dataIndex: 'expiresAt', key: 'expiresAt', width: 150, render: (v: string | null) => (v ? formatDateTime(v, locale) : t(m.never)) },
    { title: t(m.lastUsedAt), dataIndex: 'lastUsedAt', key: 'lastUsedAt', sorter: true, width: 150, render: (v: string | null) => formatDateTime(v, locale) },
    {
      title: t(m.status), key: 'status', width: 90,
      render: (_v, tk) => (tk.revokedAt ? <Tag>{t(m.revoked)}</Tag> : tk.expiresAt && new Date(tk.expiresAt) < new Date() ? <Tag color="orange">{t(m.expired)}</Tag> : <Tag color="green">{t(m.active)}</Tag>),
    },
    { title: t(common.createdAt), dataIndex: 'createdAt', key: 'createdAt', sorter: true, width: 150, render: (v: string) => formatDateTime(v, locale) },
    {
      title: t(common.actions), key: 'actions', width: 80, fixed: 'right',
      render: (_v, tk) => (tk.revokedAt ? null : (
        <Popconfirm title={t(m.revokeConfirm)} onConfirm={() => void revoke(tk)} okText={t(m.revoke)} cancelText={t(common.cancel)} okButtonProps={{ danger: true }}>
          <Button type="link" danger size="small" data-testid="token-revoke">{t(m.revoke)}</Button>
        </Popconfirm>
      )),
    },
  ], [t, locale, roleLabel]);

  const openCreate = () => {
    form.resetFields();
    form.setFieldsValue({ regionCode: user?.regionCode, roles: [], industries: [] });
    setError(null);
    setOpen(true);
  };

  const submit = async () => {
    let v: TokenForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const r = await api.post<{ id: string; token: string }>('/api/v1/tokens', {
        name: v.name.trim(),
        roles: v.roles,
        regionCode: v.regionCode,
        orgId: v.orgId ?? null,
        industries: v.roles.includes('regulator') ? (v.industries ?? []) : [],
        expiresAt: v.expiresAt ? v.expiresAt.toISOString() : null,
      });
      setOpen(false);
      setSecret(r.token);
      tableRef.current?.reload();
    } catch (err) {
      const rest = applyServerErrors(form, err, FIELDS);
      setError(rest.length ? rest.join('；') : errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t(m.title)} data-testid="tokens-page">
      <Typography.Paragraph type="secondary">{t(m.intro)}</Typography.Paragraph>
      <DataTable<ApiToken>
        ref={tableRef}
        testId="tokens-table"
        endpoint="/api/v1/tokens"
        rowKey="id"
        columns={columns}
        defaultSort="-createdAt"
        searchPlaceholder={t(m.searchPlaceholder)}
        scrollX={1200}
        actions={<Button type="primary" icon={<PlusOutlined />} onClick={openCreate} data-testid="tokens-create">{t(m.create)}</Button>}
      />
      <Modal
        title={t(m.create)}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        okText={t(common.create)}
        cancelText={t(common.cancel)}
        confirmLoading={saving}
        width={560}
        okButtonProps={{ 'data-testid': 'token-form-submit' }}
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" data-testid="token-form">
          <Form.Item name="name" label={t(m.name)} rules={[required(t, m.name), minLen(t, m.name, 2), maxLen(t, m.name, 60)]}>
            <Input data-testid="token-form-name" maxLength={60} />
          </Form.Item>
          <Form.Item name="roles" label={t(m.roles)} rules={[required(t, m.roles, 'multi')]}>
            <Select mode="multiple" options={meta?.roles ?? []} data-testid="token-form-roles" showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item name="regionCode" label={t(m.region)} rules={[required(t, m.region, true)]}>
            <RegionTreeSelect data-testid="token-form-regionCode" />
          </Form.Item>
          <Form.Item name="orgId" label={t(m.org)}>
            <OrgSelect data-testid="token-form-orgId" />
          </Form.Item>
          {roles.includes('regulator') && (
            <Form.Item name="industries" label={t(m.industries)}>
              <IndustrySelect data-testid="token-form-industries" />
            </Form.Item>
          )}
          <Form.Item
            name="expiresAt"
            label={t(m.expiresAt)}
            rules={[{ validator: async (_r, v: TokenForm['expiresAt']) => { if (v && v.toDate() <= new Date()) throw new Error(t(m.expiresFuture)); } }]}
          >
            <DatePicker showTime format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} placeholder={t(m.never)} data-testid="token-form-expiresAt" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!secret}
        title={t(m.secretTitle)}
        onCancel={() => setSecret(null)}
        footer={<Button type="primary" onClick={() => setSecret(null)} data-testid="token-secret-close">{t(common.close)}</Button>}
        mask={{ closable: false }}
      >
        <Alert type="warning" showIcon title={t(m.secretWarn)} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: secret ?? '' }} code data-testid="token-secret" style={{ wordBreak: 'break-all' }}>
          {secret}
        </Typography.Paragraph>
        <Typography.Text type="secondary">{t(m.usage)}</Typography.Text>
      </Modal>
    </Card>
  );
}
