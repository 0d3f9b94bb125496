/**
 * One check record (GET /api/v1/checks/{id}): who checked which enterprise with which checklist and
 * when, the counts, and every item with its answer. A failed item not yet converted has 转为隐患
 * (POST /api/v1/checks/{id}/items/{no}/hazard: title, grade and category prefilled from the item) →
 * a hazard 待整改; a converted item shows its hazard code (a link into the ledger) and status.
 */
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Modal, Select, Space, Spin, Table, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { api, errorMessage } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useFormSubmit } from '../../../lib/forms.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { maxLen, minLen, required } from '../../../lib/validators.ts';
import { clip } from '../checks.ts';
import { CATEGORIES, CATEGORY_LABELS, cm, GRADE_LABELS, GRADES, hm, SOURCE_LABELS } from '../messages.ts';
import type { CheckRecord, CheckResult, Hazard, HazardCategory, HazardGrade } from '../types.ts';
import { CheckAnswerTag, CheckKindTag } from './CheckTags.tsx';
import { HazardGradeTag, StatusTag } from './HazardTags.tsx';

interface HazardValues {
  title: string;
  grade: HazardGrade;
  category: HazardCategory;
  description?: string;
}

/** The small form that turns a failed item into a hazard. */
function ItemHazardModal({ check, item, onClose, onDone }: { check: CheckRecord; item: CheckResult | null; onClose: () => void; onDone: (h: Hazard) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<HazardValues>();
  const { saving, error, setError, submit } = useFormSubmit(form, {
    fields: ['title', 'grade', 'category', 'description'],
    save: async (v) => {
      const h = await api.post<Hazard>(`/api/v1/checks/${check.id}/items/${item!.no}/hazard`, {
        title: v.title.trim(), grade: v.grade, category: v.category, ...(v.description?.trim() ? { description: v.description.trim() } : {}),
      });
      message.success(t(cm.toHazardDone, { code: h.code }));
      onDone(h);
      onClose();
    },
  });
  useEffect(() => {
    if (!item) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ title: clip(item.content, 100), grade: item.grade ?? 'general', category: item.category ?? 'other', description: '' });
  }, [item, form, setError]);

  const source = t(SOURCE_LABELS[check.kind === 'self_check' ? 'self_check' : 'inspection']);
  const defaultDescription = item ? `${item.note ?? item.content}（${check.templateName} 第 ${item.no} 项；依据：${item.basis}）` : '';
  return (
    <Modal
      title={item ? t(cm.toHazardTitle, { no: item.no }) : ''}
      open={!!item}
      onCancel={onClose}
      onOk={submit}
      okText={t(cm.toHazard)}
      confirmLoading={saving}
      destroyOnHidden
      width={640}
      okButtonProps={{ 'data-testid': 'check-hazard-submit' } as Record<`data-${string}`, string>}
      data-testid="check-hazard-modal"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="check-hazard-error" />}
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{t(cm.toHazardHelp, { source })}</Typography.Paragraph>
      <Form form={form} layout="vertical" autoComplete="off">
        <Form.Item name="title" label={t(cm.hazardTitle)} rules={[required(t, cm.hazardTitle), minLen(t, cm.hazardTitle, 2), maxLen(t, cm.hazardTitle, 100)]}>
          <Input maxLength={100} data-testid="check-hazard-title" />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <Form.Item name="grade" label={t(hm.grade)} rules={[required(t, hm.grade, true)]}>
            <Select data-testid="check-hazard-grade" options={GRADES.map((g) => ({ value: g, label: t(GRADE_LABELS[g]), title: t(GRADE_LABELS[g]) }))} />
          </Form.Item>
          <Form.Item name="category" label={t(hm.category)} rules={[required(t, hm.category, true)]}>
            <Select data-testid="check-hazard-category" options={CATEGORIES.map((c) => ({ value: c, label: t(CATEGORY_LABELS[c]), title: t(CATEGORY_LABELS[c]) }))} />
          </Form.Item>
        </div>
        <Form.Item name="description" label={t(cm.hazardDescription)} extra={t(cm.hazardDescriptionHelp, { text: clip(defaultDescription, 160) })}
          rules={[{ validator: async (_r, v: string | undefined) => { if (v?.trim() && v.trim().length < 2) throw new Error(t(common.minLength, { field: t(cm.hazardDescription), n: 2 })); } }, maxLen(t, cm.hazardDescription, 4000)]}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="check-hazard-description" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CheckDetailDrawer({ checkId, onClose, onChanged, enterpriseLink = true }: {
  checkId: string | null;
  onClose: () => void;
  onChanged?: () => void;
  /** Link the enterprise's name to its file (not when the drawer is opened from that file). */
  enterpriseLink?: boolean;
}) {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [check, setCheck] = useState<CheckRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [converting, setConverting] = useState<CheckResult | null>(null);

  const load = useCallback(async (id: string) => {
    try {
      setCheck(await api.get<CheckRecord>(`/api/v1/checks/${id}`));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    setCheck(null);
    setError(null);
    if (checkId) void load(checkId);
  }, [checkId, load]);

  const writable = can('hazards:write');
  const c = check;
  return (
    <Drawer
      title={c ? <Space>{t(cm.detail)}<span>{c.enterpriseName}</span><CheckKindTag kind={c.kind} /></Space> : t(cm.detail)}
      open={!!checkId}
      onClose={onClose}
      size={1000}
      destroyOnHidden
      data-testid="check-detail-drawer"
    >
      {error && <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} />}
      {!c && !error && <Spin />}
      {c && (
        <>
          <Descriptions column={3} size="small" bordered data-testid="check-detail">
            <Descriptions.Item label={t(cm.enterprise)} span={2}>
              {enterpriseLink
                ? <Typography.Link onClick={() => void navigate(`/risks/enterprises?open=${c.enterpriseId}`)} data-testid="check-detail-enterprise">{c.enterpriseName}</Typography.Link>
                : <span data-testid="check-detail-enterprise">{c.enterpriseName}</span>}
            </Descriptions.Item>
            <Descriptions.Item label={t(cm.region)}>{c.regionName}</Descriptions.Item>
            <Descriptions.Item label={t(cm.template)} span={2}><span data-testid="check-detail-template">{c.templateName}</span></Descriptions.Item>
            <Descriptions.Item label={t(cm.kind)}><CheckKindTag kind={c.kind} /></Descriptions.Item>
            <Descriptions.Item label={t(cm.checkedBy)}>{c.checkedByName}</Descriptions.Item>
            <Descriptions.Item label={t(cm.checkerOrg)}>{c.checkerOrgName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t(cm.checkedAt)}>{formatDateTime(c.checkedAt, locale)}</Descriptions.Item>
            {c.participants && <Descriptions.Item label={t(cm.participants)} span={3}>{c.participants}</Descriptions.Item>}
            <Descriptions.Item label={t(cm.items)} span={3}>
              <Space size={16} wrap data-testid="check-detail-counts">
                <span>{t(cm.passCount)} <b style={{ color: '#16a34a' }}>{c.passCount}</b></span>
                <span>{t(cm.failCount)} <b style={{ color: c.failCount ? '#dc2626' : undefined }} data-testid="check-detail-fail-count">{c.failCount}</b></span>
                <span>{t(cm.naCount)} <b>{c.naCount}</b></span>
                <span>{t(cm.hazards)} <b>{c.hazardCount}</b></span>
                {c.openFailures > 0 && <Typography.Text type="danger">{t(cm.openFailures, { n: c.openFailures })}</Typography.Text>}
              </Space>
            </Descriptions.Item>
            {c.summary && <Descriptions.Item label={t(cm.summary)} span={3}><div style={{ whiteSpace: 'pre-wrap' }}>{c.summary}</div></Descriptions.Item>}
          </Descriptions>

          <Table<CheckResult>
            style={{ marginTop: 16 }}
            rowKey="no"
            size="small"
            pagination={false}
            dataSource={c.results}
            data-testid="check-detail-items"
            onRow={(r) => ({ 'data-testid': 'check-detail-item', 'data-no': r.no, 'data-result': r.result, style: r.result === 'fail' ? { background: '#fef2f2' } : undefined }) as HTMLAttributes<HTMLElement>}
            columns={[
              { title: t(cm.itemNo), dataIndex: 'no', key: 'no', width: 56, align: 'center' },
              {
                title: t(cm.content), key: 'content',
                render: (_v, r) => (
                  <div>
                    <div>{r.content}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(cm.basisLine, { basis: r.basis })}</Typography.Text>
                  </div>
                ),
              },
              { title: t(cm.result), dataIndex: 'result', key: 'result', width: 90, render: (v: CheckResult['result']) => <CheckAnswerTag answer={v} /> },
              { title: t(cm.note), dataIndex: 'note', key: 'note', width: 220, render: (v: string | null) => <div style={{ whiteSpace: 'pre-wrap' }}>{v ?? ''}</div> },
              {
                title: t(cm.hazard), key: 'hazard', width: 190,
                render: (_v, r) => {
                  if (r.hazardId) {
                    return (
                      <Space size={4} wrap data-testid="check-item-hazard">
                        <Typography.Link onClick={() => void navigate(`/hazards?open=${r.hazardId}`)} data-testid="check-item-hazard-link">{r.hazardCode}</Typography.Link>
                        {r.hazardStatus && <StatusTag status={r.hazardStatus} />}
                      </Space>
                    );
                  }
                  if (r.result !== 'fail') return null;
                  return (
                    <Space size={4} wrap>
                      {r.grade && <HazardGradeTag grade={r.grade} />}
                      {writable && (
                        <Button size="small" type="primary" danger ghost onClick={() => setConverting(r)} data-testid="check-item-to-hazard">{t(cm.toHazard)}</Button>
                      )}
                    </Space>
                  );
                },
              },
            ]}
          />
          <ItemHazardModal
            check={c}
            item={converting}
            onClose={() => setConverting(null)}
            onDone={() => {
              void load(c.id);
              onChanged?.();
            }}
          />
        </>
      )}
    </Drawer>
  );
}
