/**
 * 群众举报 (public, no sign-in): describe what you saw, where, optionally who you are and up to three
 * photos → POST /public/reports, then the receipt code; and the look-up of a report's outcome by
 * its receipt code (GET /public/reports/{code}). `website` is the hidden honeypot the server checks.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Select, Space, Tabs, Typography, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { LanguageSwitch } from '../../../app/LanguageSwitch.tsx';
import { api, errorMessage } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { common, defineMessages, useI18n } from '../../../lib/i18n.tsx';

const m = defineMessages({
  title: ['安全隐患举报', 'Report a safety hazard'],
  intro: ['发现安全隐患？请告诉我们。可以匿名举报，提交后凭回执码查询处理结果。', 'Seen a safety hazard? Tell us. You may stay anonymous; use the receipt code to follow up.'],
  tabReport: ['我要举报', 'Report'],
  tabLookup: ['查询结果', 'Look up'],
  description: ['问题描述（至少 10 个字）', 'What did you see? (at least 10 characters)'],
  tooShort: ['请至少写 10 个字', 'Please write at least 10 characters'],
  place: ['地点描述', 'Where'],
  region: ['所在乡镇', 'Township'],
  contactName: ['联系人（可不填）', 'Your name (optional)'],
  contactPhone: ['联系电话（可不填）', 'Your phone (optional)'],
  photos: ['照片（最多 3 张）', 'Photos (up to 3)'],
  submit: ['提交举报', 'Submit'],
  done: ['举报已提交', 'Report submitted'],
  receipt: ['您的回执码：{code}', 'Your receipt code: {code}'],
  keep: ['请记下回执码，用于查询处理结果。', 'Keep this code to look up the outcome.'],
  photoFailed: ['照片上传失败：{msg}', 'A photo could not be uploaded: {msg}'],
  again: ['再举报一条', 'Report another'],
  code: ['回执码', 'Receipt code'],
  lookup: ['查询', 'Look up'],
  status: ['处理状态', 'Status'],
  submittedAt: ['举报时间', 'Submitted'],
  handledAt: ['处理时间', 'Handled'],
  outcome: ['处理结果', 'Outcome'],
  hazard: ['隐患', 'Hazard'],
});

interface Values {
  description: string;
  locationText?: string;
  regionCode?: string;
  contactName?: string;
  contactPhone?: string;
  website?: string;
}

interface Lookup {
  receiptCode: string;
  statusLabel: string;
  submittedAt: string;
  handledAt: string | null;
  outcome: string | null;
  hazard: { code: string; statusLabel: string; closedAt: string | null } | null;
}

export default function PublicReportPage() {
  const { t } = useI18n();
  useEffect(() => {
    document.title = t(m.title);
  }, [t]);
  return (
    <div style={{ minHeight: '100vh', background: '#f1f5f9', display: 'flex', justifyContent: 'center', padding: '32px 12px' }}>
      <Card style={{ width: 640, maxWidth: '100%', alignSelf: 'flex-start' }} title={t(m.title)} extra={<LanguageSwitch />} data-testid="public-report-page">
        <Typography.Paragraph type="secondary">{t(m.intro)}</Typography.Paragraph>
        <Tabs items={[
          { key: 'report', label: t(m.tabReport), children: <ReportForm /> },
          { key: 'lookup', label: t(m.tabLookup), children: <LookupForm /> },
        ]} />
      </Card>
    </div>
  );
}

function ReportForm() {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [regions, setRegions] = useState<{ code: string; name: string }[]>([]);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<{ code: string; photoError: string | null } | null>(null);

  useEffect(() => {
    api.get<{ code: string; name: string }[]>('/public/reports/regions').then(setRegions).catch(() => setRegions([]));
  }, []);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const r = await api.post<{ receiptCode: string }>('/public/reports', {
        description: v.description.trim(), locationText: v.locationText?.trim() || null, regionCode: v.regionCode ?? null,
        contactName: v.contactName?.trim() || null, contactPhone: v.contactPhone?.trim() || null, website: v.website ?? '',
      });
      let photoError: string | null = null;
      for (const f of files.slice(0, 3)) {
        if (!f.originFileObj) continue;
        const fd = new FormData();
        fd.append('file', f.originFileObj, f.name);
        try {
          await api.post(`/public/reports/${r.receiptCode}/photos`, fd);
        } catch (err) {
          photoError = errorMessage(err);
        }
      }
      setReceipt({ code: r.receiptCode, photoError });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  if (receipt) {
    return (
      <Result
        status="success"
        title={t(m.done)}
        subTitle={<span data-testid="public-report-receipt">{t(m.receipt, { code: receipt.code })}</span>}
        extra={[
          receipt.photoError && <Alert key="p" type="warning" showIcon title={t(m.photoFailed, { msg: receipt.photoError })} />,
          <Typography.Paragraph key="k" type="secondary">{t(m.keep)}</Typography.Paragraph>,
          <Button key="a" onClick={() => {
            setReceipt(null);
            setFiles([]);
            form.resetFields();
          }}>{t(m.again)}</Button>,
        ]}
      />
    );
  }

  return (
    <Form form={form} layout="vertical">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="public-report-error" />}
      <Form.Item name="description" label={t(m.description)} rules={[
        { required: true, message: t(common.required) },
        { validator: (_r, v: string | undefined) => ((v ?? '').replace(/\s/g, '').length >= 10 ? Promise.resolve() : Promise.reject(new Error(t(m.tooShort)))) },
      ]}>
        <Input.TextArea rows={5} maxLength={2000} showCount data-testid="public-report-description" />
      </Form.Item>
      <Form.Item name="regionCode" label={t(m.region)}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={regions.map((r) => ({ value: r.code, label: r.name, title: r.name }))} data-testid="public-report-region" />
      </Form.Item>
      <Form.Item name="locationText" label={t(m.place)}>
        <Input maxLength={200} data-testid="public-report-place" />
      </Form.Item>
      <Space style={{ display: 'flex' }} align="start">
        <Form.Item name="contactName" label={t(m.contactName)}><Input maxLength={30} /></Form.Item>
        <Form.Item name="contactPhone" label={t(m.contactPhone)}><Input maxLength={30} /></Form.Item>
      </Space>
      {/* Honeypot: hidden from people, filled by naive bots; the server refuses a non-empty value. */}
      <div aria-hidden style={{ position: 'absolute', left: -10000, width: 1, height: 1, overflow: 'hidden' }}>
        <Form.Item name="website"><Input tabIndex={-1} autoComplete="off" /></Form.Item>
      </div>
      <Form.Item label={t(m.photos)}>
        <Upload accept=".jpg,.jpeg,.png,.webp" listType="picture" multiple fileList={files} beforeUpload={() => false} onChange={(i) => setFiles(i.fileList.slice(0, 3))}>
          <Button icon={<UploadOutlined />}>{t(m.photos)}</Button>
        </Upload>
      </Form.Item>
      <Button type="primary" block loading={saving} onClick={() => void submit()} data-testid="public-report-submit">{t(m.submit)}</Button>
    </Form>
  );
}

function LookupForm() {
  const { t, locale } = useI18n();
  const [code, setCode] = useState('');
  const [result, setResult] = useState<Lookup | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const go = async () => {
    if (!code.trim()) return;
    setLoading(true);
    setError(null);
    try {
      setResult(await api.get<Lookup>(`/public/reports/${encodeURIComponent(code.trim())}`));
    } catch (err) {
      setResult(null);
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  };
  return (
    <div>
      <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
        <Input placeholder={t(m.code)} value={code} onChange={(e) => setCode(e.target.value)} onPressEnter={() => void go()} maxLength={10} data-testid="public-lookup-code" />
        <Button type="primary" loading={loading} onClick={() => void go()} data-testid="public-lookup-submit">{t(m.lookup)}</Button>
      </Space.Compact>
      {error && <Alert type="error" showIcon title={error} />}
      {result && (
        <Descriptions column={1} bordered size="small" data-testid="public-lookup-result">
          <Descriptions.Item label={t(m.code)}>{result.receiptCode}</Descriptions.Item>
          <Descriptions.Item label={t(m.status)}><b data-testid="public-lookup-status">{result.statusLabel}</b></Descriptions.Item>
          <Descriptions.Item label={t(m.submittedAt)}>{formatDateTime(result.submittedAt, locale)}</Descriptions.Item>
          {result.handledAt && <Descriptions.Item label={t(m.handledAt)}>{formatDateTime(result.handledAt, locale)}</Descriptions.Item>}
          {result.outcome && <Descriptions.Item label={t(m.outcome)}>{result.outcome}</Descriptions.Item>}
          {result.hazard && <Descriptions.Item label={t(m.hazard)}>{result.hazard.code} · {result.hazard.statusLabel}</Descriptions.Item>}
        </Descriptions>
      )}
    </div>
  );
}
