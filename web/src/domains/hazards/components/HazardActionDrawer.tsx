/**
 * One step of the closed loop: 下达整改 (the 五到位 plan), 提交验收 (note + photos, uploaded to the
 * hazard first), 验收通过, 验收不通过 (reason, optional new deadline) and 挂牌督办 (supervising unit +
 * deadline). The server is the judge: its problem message is shown, and for `plan_incomplete` the
 * missing plan items are marked on the form.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Select, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { ApiError, api } from '../../../lib/api.ts';
import { useFormSubmit } from '../../../lib/forms.ts';
import { common, useI18n, type Msg } from '../../../lib/i18n.tsx';
import type { Attachment, Org, Page } from '../../../lib/types.ts';
import { FIVE_ITEM_LABELS, hm } from '../messages.ts';
import type { FiveItem, Hazard } from '../types.ts';

export type ActionKind = 'assign' | 'submit' | 'verify_pass' | 'verify_reject' | 'supervise';

export const ACTION_TITLES: Record<ActionKind, Msg> = {
  assign: hm.assign, submit: hm.submit, verify_pass: hm.verifyPass, verify_reject: hm.verifyReject, supervise: hm.supervise,
};

/** Form fields of each 五到位 item. */
const ITEM_FIELDS: Record<FiveItem, string[]> = {
  responsibility: ['responsibleUnit', 'responsiblePerson'], measures: ['measures'], funds: ['fundsYuan'],
  deadline: ['deadline'], contingency: ['contingencyPlan'],
};

interface Values {
  responsibleUnit?: string;
  responsiblePerson?: string;
  measures?: string;
  fundsYuan?: number | null;
  deadline?: Dayjs | null;
  contingencyPlan?: string;
  note?: string;
  reason?: string;
  supervisingOrgId?: string;
}

const trimOrNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);

export function HazardActionDrawer({ hazard, kind, onClose, onDone }: {
  hazard: Hazard;
  kind: ActionKind | null;
  onClose: () => void;
  onDone: (h: Hazard) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [missing, setMissing] = useState<FiveItem[]>([]);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const { saving, error, setError, submit } = useFormSubmit(form, {
    // A missing 五到位 item marks its fields; other field errors go on their fields; the detail above the form.
    fields: (err) => {
      if (err instanceof ApiError) {
        const miss = (err.problem as unknown as { missing?: FiveItem[] }).missing
          ?? err.errors.filter((e) => e.path.startsWith('plan/')).map((e) => e.path.slice(5) as FiveItem);
        if (miss.length) {
          setMissing(miss);
          form.setFields(miss.flatMap((i) => (ITEM_FIELDS[i] ?? []).map((name) => ({ name: name as keyof Values, errors: [`${t(hm.itemMissing)}：${t(FIVE_ITEM_LABELS[i])}`] }))));
        } else if (err.errors.length) {
          form.setFields(err.errors.filter((e) => !e.path.startsWith('plan/')).map((e) => ({ name: e.path.replace(/^\//, '').split('/').pop() as keyof Values, errors: [e.message] })));
        }
      }
      return [];
    },
    save: async (v) => {
      if (!kind) return;
      setMissing([]);
      let h: Hazard;
      if (kind === 'supervise') {
        h = await api.post<Hazard>(`/api/v1/hazards/${hazard.id}/supervise`, {
          supervisingOrgId: v.supervisingOrgId, deadline: v.deadline?.format('YYYY-MM-DD'), ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        });
      } else {
        const photoIds = kind === 'submit' ? await uploadPhotos() : [];
        const note = v.note?.trim() ? { note: v.note.trim() } : {};
        const body = kind === 'assign'
          ? {
            type: 'assign', ...note,
            plan: {
              responsibleUnit: trimOrNull(v.responsibleUnit), responsiblePerson: trimOrNull(v.responsiblePerson), measures: trimOrNull(v.measures),
              fundsYuan: v.fundsYuan ?? null, deadline: v.deadline ? v.deadline.toISOString() : null, contingencyPlan: trimOrNull(v.contingencyPlan),
            },
          }
          : kind === 'verify_reject'
            ? { type: 'verify_reject', reason: v.reason?.trim() ?? '', ...(v.deadline ? { deadline: v.deadline.toISOString() } : {}) }
            : { type: kind, ...note, ...(photoIds.length ? { photoIds } : {}) };
        h = await api.post<Hazard>(`/api/v1/hazards/${hazard.id}/actions`, body);
      }
      message.success(t(hm.done, { action: t(ACTION_TITLES[kind]) }));
      onDone(h);
      onClose();
    },
  });

  useEffect(() => {
    if (!kind) return;
    setError(null);
    setMissing([]);
    setFiles([]);
    if (kind === 'assign') {
      const p = hazard.plan ?? {};
      form.setFieldsValue({
        responsibleUnit: p.responsibleUnit ?? hazard.enterpriseName ?? undefined, responsiblePerson: p.responsiblePerson ?? undefined,
        measures: p.measures ?? undefined, fundsYuan: p.fundsYuan ?? null, deadline: p.deadline ? dayjs(p.deadline) : null,
        contingencyPlan: p.contingencyPlan ?? undefined,
      });
    }
  }, [kind, hazard, form, setError]);

  const uploadPhotos = async (): Promise<string[]> => {
    const ids: string[] = [];
    for (const f of files) {
      if (!f.originFileObj) continue;
      const fd = new FormData();
      fd.append('ownerType', 'hazard');
      fd.append('ownerId', hazard.id);
      fd.append('file', f.originFileObj, f.name);
      const a = await api.post<Attachment>('/api/v1/attachments', fd);
      ids.push(a.id);
    }
    return ids;
  };

  const future = (d: Dayjs) => d.isBefore(dayjs(), 'day');
  const major = hazard.grade === 'major';
  const req = (on: boolean) => (on ? [{ required: true, message: t(common.required) }] : []);

  return (
    <FormDrawer
      title={kind ? `${t(ACTION_TITLES[kind])} · ${hazard.code}` : ''}
      open={!!kind}
      onClose={onClose}
      onSubmit={submit}
      saving={saving}
      error={error}
      testId="hazard-action"
      size={560}
    >
      {kind && (
        <Form form={form} layout="vertical" preserve={false}>
          {kind === 'assign' && (
            <>
              <Alert type={major ? 'warning' : 'info'} showIcon title={major ? t(hm.planMajorHint) : t(hm.plan)} style={{ marginBottom: 16 }} />
              {missing.length > 0 && (
                <Alert type="error" showIcon data-testid="hazard-plan-missing" style={{ marginBottom: 16 }}
                  title={`${t(hm.itemMissing)}：${missing.map((i) => t(FIVE_ITEM_LABELS[i])).join('、')}`} />
              )}
              <Form.Item name="responsibleUnit" label={t(hm.responsibleUnit)} rules={req(true)}>
                <Input maxLength={100} data-testid="plan-responsible-unit" />
              </Form.Item>
              <Form.Item name="responsiblePerson" label={t(hm.responsiblePerson)} rules={req(true)}>
                <Input maxLength={30} data-testid="plan-responsible-person" />
              </Form.Item>
              <Form.Item name="measures" label={t(hm.measures)} rules={req(major)}>
                <Input.TextArea rows={3} maxLength={4000} data-testid="plan-measures" />
              </Form.Item>
              <Form.Item name="fundsYuan" label={t(hm.fundsYuan)} rules={req(major)}>
                <InputNumber min={0} max={1e10} style={{ width: '100%' }} data-testid="plan-funds" />
              </Form.Item>
              <Form.Item name="deadline" label={t(hm.planDeadline)} rules={req(true)}>
                <DatePicker showTime style={{ width: '100%' }} disabledDate={future} data-testid="plan-deadline" />
              </Form.Item>
              <Form.Item name="contingencyPlan" label={t(hm.contingencyPlan)} rules={req(major)}>
                <Input.TextArea rows={3} maxLength={4000} data-testid="plan-contingency" />
              </Form.Item>
              <Form.Item name="note" label={t(hm.note)}>
                <Input.TextArea rows={2} maxLength={2000} data-testid="action-note" />
              </Form.Item>
            </>
          )}
          {kind === 'submit' && (
            <>
              <Form.Item name="note" label={t(hm.note)}>
                <Input.TextArea rows={3} maxLength={2000} data-testid="action-note" />
              </Form.Item>
              <Form.Item label={t(hm.uploadPhotos)} extra={t(hm.uploadHint)}>
                <Upload
                  accept=".jpg,.jpeg,.png,.webp"
                  listType="picture"
                  multiple
                  fileList={files}
                  beforeUpload={() => false}
                  onChange={(info) => setFiles(info.fileList.slice(0, 20))}
                >
                  <Button icon={<UploadOutlined />} data-testid="action-photos">{t(hm.uploadPhotos)}</Button>
                </Upload>
              </Form.Item>
            </>
          )}
          {kind === 'verify_pass' && (
            <>
              <Alert type="success" showIcon title={t(hm.confirmPass)} style={{ marginBottom: 16 }} />
              <Form.Item name="note" label={t(hm.note)}>
                <Input.TextArea rows={3} maxLength={2000} data-testid="action-note" />
              </Form.Item>
            </>
          )}
          {kind === 'verify_reject' && (
            <>
              <Form.Item name="reason" label={t(hm.reason)} rules={[{ required: true, whitespace: true, message: t(common.required) }]}>
                <Input.TextArea rows={3} maxLength={2000} data-testid="action-reason" />
              </Form.Item>
              <Form.Item name="deadline" label={t(hm.newDeadline)}>
                <DatePicker showTime style={{ width: '100%' }} disabledDate={future} data-testid="action-deadline" />
              </Form.Item>
            </>
          )}
          {kind === 'supervise' && (
            <>
              <Form.Item name="supervisingOrgId" label={t(hm.supervisingOrg)} rules={[{ required: true, message: t(common.requiredSelect) }]}>
                <SupervisingOrgSelect />
              </Form.Item>
              <Form.Item name="deadline" label={t(hm.supervisionDeadline)} rules={req(true)}>
                <DatePicker style={{ width: '100%' }} disabledDate={future} data-testid="supervise-deadline" />
              </Form.Item>
              <Form.Item name="note" label={t(hm.note)}>
                <Input.TextArea rows={2} maxLength={1000} data-testid="action-note" />
              </Form.Item>
            </>
          )}
        </Form>
      )}
    </FormDrawer>
  );
}

/** The bureau and the departments (the units that may supervise): GET /api/v1/orgs by type. */
function SupervisingOrgSelect({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const [opts, setOpts] = useState<{ value: string; label: string }[] | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all(['bureau', 'department'].map((type) => api.get<Page<Org>>('/api/v1/orgs', { type, pageSize: 200, sort: 'name' })))
      .then((rs) => live && setOpts(rs.flatMap((r) => r.items.map((o) => ({ value: o.id, label: o.name })))))
      .catch(() => live && setOpts([]));
    return () => {
      live = false;
    };
  }, []);
  return (
    <Select<string>
      value={value}
      onChange={onChange}
      loading={opts === null}
      options={opts ?? []}
      showSearch={{ optionFilterProp: 'label' }}
      data-testid="supervise-org"
      style={{ width: '100%' }}
    />
  );
}
