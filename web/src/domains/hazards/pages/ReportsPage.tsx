/**
 * 群众举报 (staff side): reports in the caller's area (GET /api/v1/reports) with 受理 — a triage form
 * that creates the hazard (POST /api/v1/reports/{id}/triage) — and 不予受理 with the reason shown
 * to the reporter (POST /api/v1/reports/{id}/dismiss).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { DataTable, type DataTableHandle } from '../../../components/DataTable.tsx';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { RegionTreeSelect } from '../../../components/RegionTreeSelect.tsx';
import { ApiError, api, errorMessage } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { common, useI18n, type Msg } from '../../../lib/i18n.tsx';
import { EnterpriseSelect } from '../../risks/components/EnterpriseSelect.tsx';
import { StatusTag } from '../components/HazardTags.tsx';
import { CATEGORIES, CATEGORY_LABELS, GRADE_LABELS, GRADES, hm } from '../messages.ts';
import type { Hazard, HazardCategory, HazardGrade, PublicReport } from '../types.ts';

const REPORT_STATUS: Record<PublicReport['status'], { label: Msg; color: string }> = {
  new: { label: ['待处理', 'New'], color: 'orange' },
  triaged: { label: ['已受理', 'Accepted'], color: 'green' },
  dismissed: { label: ['不予受理', 'Dismissed'], color: 'default' },
};

interface TriageValues {
  enterpriseId?: string | null;
  regionCode?: string;
  title: string;
  description: string;
  category: HazardCategory;
  grade: HazardGrade;
}

export default function ReportsPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const tableRef = useRef<DataTableHandle>(null);
  const [status, setStatus] = useState<PublicReport['status'] | undefined>('new');
  const [triage, setTriage] = useState<PublicReport | null>(null);
  const [dismiss, setDismiss] = useState<PublicReport | null>(null);
  const writable = can('hazards:write');

  const columns = useMemo<TableColumnsType<PublicReport>>(() => [
    { title: t(hm.receiptCode), dataIndex: 'receiptCode', key: 'receiptCode', width: 120, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      title: t(common.status), dataIndex: 'status', key: 'status', width: 100,
      render: (v: PublicReport['status']) => <Tag color={REPORT_STATUS[v].color} data-testid="report-status">{t(REPORT_STATUS[v].label)}</Tag>,
    },
    {
      title: t(hm.handled), key: 'outcome', width: 200, ellipsis: true,
      render: (_v, r) => (r.hazardId
        ? <Space size={4}><Typography.Link onClick={() => void navigate(`/hazards?open=${r.hazardId}`)}>{r.hazardCode}</Typography.Link>{r.hazardStatus && <StatusTag status={r.hazardStatus} />}</Space>
        : r.dismissReason ?? '—'),
    },
    { title: t(hm.reportText), dataIndex: 'description', key: 'description', ellipsis: true, width: 260 },
    { title: t(hm.place), key: 'place', width: 180, ellipsis: true, render: (_v, r) => [r.regionName, r.locationText].filter(Boolean).join(' · ') },
    { title: t(hm.contact), key: 'contact', width: 150, render: (_v, r) => (r.anonymous ? <Tag>{t(hm.anonymous)}</Tag> : [r.contactName, r.contactPhone].filter(Boolean).join(' ')) },
    { title: t(hm.submittedOn), dataIndex: 'createdAt', key: 'createdAt', width: 150, render: (v: string) => formatDateTime(v, locale) },
    ...(writable ? [{
      title: t(common.actions), key: 'actions', width: 150, fixed: 'right' as const,
      render: (_v: unknown, r: PublicReport) => r.status === 'new' && (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setTriage(r)} data-testid="report-triage">{t(hm.triage)}</Button>
          <Button type="link" size="small" danger onClick={() => setDismiss(r)} data-testid="report-dismiss">{t(hm.dismiss)}</Button>
        </Space>
      ),
    }] : []),
  ], [t, locale, writable, navigate]);

  return (
    <Card title={t(hm.reportsTitle)} data-testid="reports-page">
      <DataTable<PublicReport>
        ref={tableRef}
        testId="reports-table"
        endpoint="/api/v1/reports"
        rowKey="id"
        columns={columns}
        filters={{ status }}
        scrollX={1330}
        toolbar={
          <Select<PublicReport['status']> allowClear style={{ width: 130 }} value={status} onChange={(v) => setStatus(v ?? undefined)} placeholder={t(common.status)}
            data-testid="reports-filter-status" options={(Object.keys(REPORT_STATUS) as PublicReport['status'][]).map((s) => ({ value: s, label: t(REPORT_STATUS[s].label), title: t(REPORT_STATUS[s].label) }))} />
        }
      />
      <TriageDrawer report={triage} onClose={() => setTriage(null)} onDone={(h) => {
        message.success(t(hm.triaged, { code: h.code }));
        tableRef.current?.reload();
      }} />
      <DismissModal report={dismiss} onClose={() => setDismiss(null)} onDone={() => {
        message.success(t(hm.dismissed));
        tableRef.current?.reload();
      }} />
    </Card>
  );
}

function TriageDrawer({ report, onClose, onDone }: { report: PublicReport | null; onClose: () => void; onDone: (h: Hazard) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<TriageValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!report) return;
    setError(null);
    form.setFieldsValue({ regionCode: report.regionCode, description: report.description, category: 'other', grade: 'general', title: '' });
  }, [report, form]);

  const submit = async () => {
    if (!report) return;
    let v: TriageValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const h = await api.post<Hazard>(`/api/v1/reports/${report.id}/triage`, {
        ...(v.enterpriseId ? { enterpriseId: v.enterpriseId } : { regionCode: v.regionCode }),
        title: v.title.trim(), description: v.description.trim(), category: v.category, grade: v.grade,
      });
      onDone(h);
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) form.setFields(err.errors.map((e) => ({ name: e.path.replace(/^\//, '') as keyof TriageValues, errors: [e.message] })));
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormDrawer title={`${t(hm.triage)} · ${report?.receiptCode ?? ''}`} open={!!report} onClose={onClose} onSubmit={() => void submit()} saving={saving} error={error} testId="report-triage">
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="enterpriseId" label={t(hm.enterprise)}>
          <EnterpriseSelect placeholder={t(hm.pickEnterprise)} style={{ width: '100%' }} data-testid="triage-enterprise" />
        </Form.Item>
        <Form.Item name="regionCode" label={t(hm.region)}>
          <RegionTreeSelect style={{ width: '100%' }} data-testid="triage-region" />
        </Form.Item>
        <Form.Item name="title" label={t(hm.title)} rules={[{ required: true, whitespace: true, message: t(common.required) }, { min: 2, max: 100 }]}>
          <Input maxLength={100} data-testid="triage-title" />
        </Form.Item>
        <Form.Item name="description" label={t(hm.description)} rules={[{ required: true, whitespace: true, message: t(common.required) }]}>
          <Input.TextArea rows={4} maxLength={4000} data-testid="triage-description" />
        </Form.Item>
        <Form.Item name="category" label={t(hm.category)} rules={[{ required: true }]}>
          <Select options={CATEGORIES.map((c) => ({ value: c, label: t(CATEGORY_LABELS[c]), title: t(CATEGORY_LABELS[c]) }))} data-testid="triage-category" />
        </Form.Item>
        <Form.Item name="grade" label={t(hm.grade)} rules={[{ required: true }]}>
          <Select options={GRADES.map((g) => ({ value: g, label: t(GRADE_LABELS[g]), title: t(GRADE_LABELS[g]) }))} data-testid="triage-grade" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

function DismissModal({ report, onClose, onDone }: { report: PublicReport | null; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setReason('');
    setError(null);
  }, [report]);
  const ok = async () => {
    if (!report) return;
    if (!reason.trim()) {
      setError(t(common.required));
      return;
    }
    setSaving(true);
    try {
      await api.post(`/api/v1/reports/${report.id}/dismiss`, { reason: reason.trim() });
      onDone();
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal title={`${t(hm.dismiss)} · ${report?.receiptCode ?? ''}`} open={!!report} onCancel={onClose} onOk={() => void ok()} confirmLoading={saving} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t(hm.dismissReason)}</Typography.Paragraph>
      <Input.TextArea rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="report-dismiss-reason" status={error ? 'error' : undefined} />
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Modal>
  );
}
