/** An enterprise's licences (GET/POST /api/v1/enterprises/:id/licences, DELETE …/:licenceId) with status tags. */
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, DatePicker, Empty, Form, Input, Popconfirm, Select, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api, ApiError, errorMessage } from '../../../lib/api.ts';
import { applyServerErrors } from '../../../lib/forms.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { emptyToNull, maxLen, minLen, required } from '../../../lib/validators.ts';
import { km, LICENCE_KIND_LABELS, LICENCE_KINDS } from '../messages.ts';
import type { Licence, LicenceKind } from '../types.ts';
import type { Page } from '../../../lib/types.ts';
import { LicenceStatusTag } from './RiskTags.tsx';

interface Values { kind: LicenceKind; number: string; issuer: string; validFrom: Dayjs | null; validTo: Dayjs | null }

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

export function LicencesTab({ enterpriseId, writable, onChanged }: { enterpriseId: string; writable: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [items, setItems] = useState<Licence[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<Values>();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const r = await api.get<Licence[] | Page<Licence>>(`/api/v1/enterprises/${enterpriseId}/licences`);
      setItems(Array.isArray(r) ? r : r.items);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [enterpriseId]);
  useEffect(() => {
    void load();
  }, [load]);

  const add = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setAdding(true);
    try {
      const l = await api.post<Licence>(`/api/v1/enterprises/${enterpriseId}/licences`, {
        kind: v.kind, number: v.number.trim(), issuer: emptyToNull(v.issuer), validFrom: day(v.validFrom), validTo: day(v.validTo),
      });
      message.success(t(km.licenceAdded, { number: l.number }));
      form.resetFields();
      void load();
      onChanged();
    } catch (err) {
      const rest = applyServerErrors(form, err, ['kind', 'number', 'issuer', 'validFrom', 'validTo']);
      if (rest.length) message.error(rest.join('；'));
      else if (!(err instanceof ApiError) || !err.errors.length) message.error(errorMessage(err));
    } finally {
      setAdding(false);
    }
  };

  const remove = async (l: Licence) => {
    try {
      await api.del(`/api/v1/enterprises/${enterpriseId}/licences/${l.id}`);
      message.success(t(km.licenceDeleted, { number: l.number }));
      void load();
      onChanged();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const datesInOrder = ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: async () => {
      const from = getFieldValue('validFrom') as Dayjs | null;
      const to = getFieldValue('validTo') as Dayjs | null;
      if (from && to && to.isBefore(from, 'day')) throw new Error(t(km.licenceDates));
    },
  });

  return (
    <div data-testid="enterprise-licences">
      {error && <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} style={{ marginBottom: 12 }} />}
      {writable && (
        <Form form={form} layout="inline" style={{ marginBottom: 12, rowGap: 8 }} data-testid="licence-form" autoComplete="off" initialValues={{ kind: 'safety_production' }}>
          <Form.Item name="kind" rules={[required(t, km.licenceKind, true)]}>
            <Select style={{ width: 200 }} data-testid="licence-kind" options={LICENCE_KINDS.map((k) => ({ value: k, label: t(LICENCE_KIND_LABELS[k]) }))} />
          </Form.Item>
          <Form.Item name="number" rules={[required(t, km.licenceNumber), minLen(t, km.licenceNumber, 2), maxLen(t, km.licenceNumber, 60)]}>
            <Input placeholder={t(km.licenceNumber)} maxLength={60} style={{ width: 170 }} data-testid="licence-number" />
          </Form.Item>
          <Form.Item name="issuer" rules={[maxLen(t, km.licenceIssuer, 60)]}>
            <Input placeholder={t(km.licenceIssuer)} maxLength={60} style={{ width: 150 }} data-testid="licence-issuer" />
          </Form.Item>
          <Form.Item name="validFrom">
            <DatePicker placeholder={t(km.licenceFrom)} data-testid="licence-validFrom" />
          </Form.Item>
          <Form.Item name="validTo" dependencies={['validFrom']} rules={[datesInOrder]}>
            <DatePicker placeholder={t(km.licenceTo)} data-testid="licence-validTo" />
          </Form.Item>
          <Button icon={<PlusOutlined />} loading={adding} onClick={() => void add()} data-testid="licence-add">{t(km.licenceAdd)}</Button>
        </Form>
      )}
      <Table<Licence>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(km.licencesEmpty)} /> }}
        onRow={() => ({ 'data-testid': 'licence-row' }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t(km.licenceKind), dataIndex: 'kind', key: 'kind', render: (v: LicenceKind) => (LICENCE_KIND_LABELS[v] ? t(LICENCE_KIND_LABELS[v]) : v) },
          { title: t(km.licenceNumber), dataIndex: 'number', key: 'number' },
          { title: t(km.licenceIssuer), dataIndex: 'issuer', key: 'issuer', render: (v: string | null) => v || '—' },
          { title: t(km.licenceFrom), dataIndex: 'validFrom', key: 'validFrom', width: 110, render: (v: string | null) => v || '—' },
          { title: t(km.licenceTo), dataIndex: 'validTo', key: 'validTo', width: 110, render: (v: string | null) => v || '—' },
          { title: t(km.licenceStatus), dataIndex: 'status', key: 'status', width: 80, render: (v: Licence['status']) => <LicenceStatusTag status={v} /> },
          ...(writable ? [{
            title: t(common.actions), key: 'actions', width: 70,
            render: (_v: unknown, l: Licence) => (
              <Popconfirm title={t(km.licenceDeleteConfirm, { number: l.number })} onConfirm={() => remove(l)}>
                <Button type="link" size="small" danger data-testid="licence-delete">{t(km.licenceDelete)}</Button>
              </Popconfirm>
            ),
          }] : []),
        ]}
      />
    </div>
  );
}
