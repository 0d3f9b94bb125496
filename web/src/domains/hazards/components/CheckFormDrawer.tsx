/**
 * 登记检查: the enterprise (fixed when started from its file; its own for an enterprise account), a
 * checklist that applies to it (GET /api/v1/enterprises/{id}/check-templates), then every item with
 * its content and legal basis, a 符合/不符合/不涉及 answer and a note (required for 不符合); a 全部符合
 * shortcut for the items not answered yet; time, participants, summary; the kind only for bureau
 * accounts (their own kind or 专家检查) → POST /api/v1/checks. The server's field errors land on
 * the item they name (`results/3/note`).
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, DatePicker, Empty, Form, Input, Radio, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useAuth } from '../../../app/auth.tsx';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { api, errorMessage } from '../../../lib/api.ts';
import { useFormSubmit } from '../../../lib/forms.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { emptyToNull, maxLen, required } from '../../../lib/validators.ts';
import { EnterpriseSelect } from '../../risks/components/EnterpriseSelect.tsx';
import { applyNestedErrors, type FieldName } from '../../risks/forms.ts';
import { derivedCheckKind, selectableCheckKinds } from '../checks.ts';
import { CHECK_ANSWER_LABELS, CHECK_ANSWERS, CHECK_KIND_LABELS, cm, GRADE_LABELS } from '../messages.ts';
import type { CheckAnswer, CheckKind, CheckRecord, CheckTemplate } from '../types.ts';
import { CheckKindTag } from './CheckTags.tsx';

interface Answer {
  no: number;
  result?: CheckAnswer;
  note?: string;
}

interface Values {
  enterpriseId?: string | null;
  templateId?: string;
  kind?: CheckKind;
  checkedAt: Dayjs;
  participants?: string;
  summary?: string;
  results?: Answer[];
}

/** A chosen 符合 is green and 不符合 red (antd's solid buttons are all the primary blue). */
const ANSWER_HEX: Record<CheckAnswer, string> = { pass: '#16a34a', fail: '#dc2626', na: '#64748b' };
const ANSWER_STYLE = Object.entries(ANSWER_HEX).map(([a, c]) =>
  `.check-answer-${a}.ant-radio-button-wrapper-checked:not(.ant-radio-button-wrapper-disabled) { background: ${c}; border-color: ${c}; color: #fff; }`).join('\n');

const TOP_FIELDS = ['enterpriseId', 'templateId', 'kind', 'checkedAt', 'participants', 'summary'];

/** Where a server error path goes: `results/3/note` on that item's note, `results/3/no` on its answer. */
function placeError(segments: string[]): FieldName | null {
  const [first, index, field] = segments;
  if (first === 'results' && index !== undefined && /^\d+$/.test(index)) return ['results', Number(index), field === 'note' ? 'note' : 'result'];
  return first && TOP_FIELDS.includes(first) ? first : null;
}

export function CheckFormDrawer({ open, enterpriseId, onClose, onSaved }: {
  open: boolean;
  /** Fixes the enterprise (a check started from its file or its QR code). */
  enterpriseId?: string;
  onClose: () => void;
  onSaved: (c: CheckRecord) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user } = useAuth();
  const [form] = Form.useForm<Values>();
  const [templates, setTemplates] = useState<CheckTemplate[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  /** Items whose note field was asked for (shown anyway for 不符合 and 不涉及). */
  const [noted, setNoted] = useState<Set<number>>(() => new Set());
  const ownEnterprise = user?.roles.includes('enterprise') ? user.orgId ?? undefined : undefined;
  const fixedEnterprise = enterpriseId ?? ownEnterprise;
  const kinds = useMemo(() => selectableCheckKinds(user), [user]);
  const derived = derivedCheckKind(user);

  const entId = Form.useWatch('enterpriseId', form);
  const tplId = Form.useWatch('templateId', form);
  const answers = Form.useWatch('results', form);
  const template = templates?.find((x) => x.id === tplId) ?? null;

  /** Chooses a checklist: one empty answer per item. */
  const pickTemplate = (tpl: CheckTemplate | undefined) => {
    setNoted(new Set());
    form.setFieldsValue({ templateId: tpl?.id, results: tpl ? tpl.items.map((i) => ({ no: i.no, result: undefined, note: undefined })) : [] });
  };

  const { saving, error, setError, submit } = useFormSubmit(form, {
    fields: (err) => {
      const rest = applyNestedErrors(form, err, placeError);
      const first = form.getFieldsError().find((f) => f.errors.length);
      if (first) form.scrollToField(first.name, { block: 'center' });
      return rest;
    },
    save: async (v) => {
      const body = {
        enterpriseId: v.enterpriseId,
        templateId: v.templateId,
        ...(kinds.length > 1 && v.kind ? { kind: v.kind } : {}),
        checkedAt: v.checkedAt.toISOString(),
        ...(emptyToNull(v.participants) ? { participants: emptyToNull(v.participants) } : {}),
        ...(emptyToNull(v.summary) ? { summary: emptyToNull(v.summary) } : {}),
        results: (v.results ?? []).map((r) => ({ no: r.no, result: r.result, ...(r.note?.trim() ? { note: r.note.trim() } : {}) })),
      };
      const c = await api.post<CheckRecord>('/api/v1/checks', body);
      message.success(t(cm.recorded, { n: c.failCount }));
      onSaved(c);
      onClose();
    },
  });

  useEffect(() => {
    if (!open) return;
    setError(null);
    setTemplates(null);
    setLoadError(null);
    form.resetFields();
    form.setFieldsValue({ enterpriseId: fixedEnterprise, kind: derived ?? undefined, checkedAt: dayjs(), results: [] });
  }, [open, fixedEnterprise, derived, form, setError]);

  // The checklists that apply to the chosen enterprise; a single one is chosen at once.
  useEffect(() => {
    if (!open) return;
    setTemplates(null);
    setLoadError(null);
    if (!entId) {
      pickTemplate(undefined);
      return;
    }
    let live = true;
    api.get<CheckTemplate[]>(`/api/v1/enterprises/${entId}/check-templates`)
      .then((list) => {
        if (!live) return;
        setTemplates(list);
        const keep = list.find((x) => x.id === form.getFieldValue('templateId'));
        if (!keep) pickTemplate(list.length === 1 ? list[0] : undefined);
      })
      .catch((err: unknown) => live && setLoadError(errorMessage(err)));
    return () => {
      live = false;
    };
    // pickTemplate only writes the form: not a dependency.
  }, [open, entId, form]);

  /** Validates, and scrolls to the first field in error (the items list is long). */
  const onSubmit = () => {
    form.validateFields().catch((e: { errorFields?: { name: FieldName }[] }) => {
      const f = e.errorFields?.[0];
      if (f) form.scrollToField(f.name, { block: 'center' });
    });
    submit();
  };

  const allPass = () => {
    const cur = (form.getFieldValue('results') as Answer[] | undefined) ?? [];
    form.setFieldsValue({ results: cur.map((a) => (a.result ? a : { ...a, result: 'pass' })) });
  };

  const list = answers ?? [];
  const count = (x: CheckAnswer) => list.filter((a) => a?.result === x).length;
  const done = list.filter((a) => a?.result).length;

  return (
    <FormDrawer title={t(cm.record)} open={open} onClose={onClose} onSubmit={onSubmit} saving={saving} error={error} testId="check" size={920}>
      <Form form={form} layout="vertical" autoComplete="off" data-testid="check-form"
        onValuesChange={(changed: Partial<Values>) => {
          if ('templateId' in changed) pickTemplate(templates?.find((x) => x.id === changed.templateId));
        }}>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <Form.Item name="enterpriseId" label={t(cm.enterprise)} rules={[required(t, cm.enterprise, true)]}>
            <EnterpriseSelect placeholder={t(cm.enterprise)} disabled={!!fixedEnterprise} data-testid="check-form-enterprise" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="templateId" label={t(cm.template)} rules={[required(t, cm.template, true)]}>
            <Select
              data-testid="check-form-template"
              placeholder={entId ? t(cm.templatePick) : t(cm.templatePickFirst)}
              disabled={!entId}
              loading={!!entId && templates === null && !loadError}
              options={(templates ?? []).map((x) => ({ value: x.id, label: x.name, title: x.name, count: x.itemCount }))}
              optionRender={(o) => (
                <Space size={6}>
                  <span>{o.label}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(cm.templateItems, { n: (o.data as { count: number }).count })}</Typography.Text>
                </Space>
              )}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          <Form.Item name="checkedAt" label={t(cm.checkedAt)} rules={[{ required: true, message: t(common.requiredSelect, { field: t(cm.checkedAt) }) },
            { validator: async (_r, v: Dayjs | undefined) => { if (v && v.isAfter(dayjs().add(5, 'minute'))) throw new Error(t(cm.checkedAtFuture)); } }]}>
            <DatePicker showTime style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="check-form-checked-at" />
          </Form.Item>
          {kinds.length > 1 ? (
            <Form.Item name="kind" label={t(cm.kind)} rules={[required(t, cm.kind, true)]}>
              <Radio.Group data-testid="check-form-kind" optionType="button" options={kinds.map((k) => ({ value: k, label: t(CHECK_KIND_LABELS[k]) }))} />
            </Form.Item>
          ) : (
            <Form.Item label={t(cm.kind)}>
              {derived ? <CheckKindTag kind={derived} /> : '—'}
            </Form.Item>
          )}
        </div>
        <Form.Item name="participants" label={t(cm.participants)} extra={t(cm.participantsHelp)} rules={[maxLen(t, cm.participants, 200)]}>
          <Input maxLength={200} data-testid="check-form-participants" />
        </Form.Item>

        {loadError && <Alert type="error" showIcon title={t(common.loadFailed, { msg: loadError })} style={{ marginBottom: 16 }} />}
        {entId && templates?.length === 0 && <Alert type="warning" showIcon title={t(cm.templateNone)} style={{ marginBottom: 16 }} data-testid="check-form-no-template" />}
        {entId && templates === null && !loadError && <Spin style={{ display: 'block', margin: '16px auto' }} />}

        {template && (
          <div data-testid="check-form-items">
            <style>{ANSWER_STYLE}</style>
            <div style={{ display: 'flex', alignItems: 'center', gap: 12, margin: '4px 0 8px', position: 'sticky', top: -24, zIndex: 2, background: '#fff', padding: '8px 0', borderBottom: '1px solid #e2e8f0' }}>
              <Typography.Text strong>{t(cm.items)}</Typography.Text>
              <Typography.Text type="secondary" data-testid="check-form-progress">
                {t(cm.progress, { done, n: template.items.length })} · {t(cm.counts, { pass: count('pass'), fail: count('fail'), na: count('na') })}
              </Typography.Text>
              <div style={{ flex: 1 }} />
              <Tooltip title={t(cm.allPassHelp)}>
                <Button icon={<CheckOutlined />} onClick={allPass} data-testid="check-form-all-pass">{t(cm.allPass)}</Button>
              </Tooltip>
            </div>
            {template.items.map((item, i) => {
              const answer = list[i]?.result;
              const failed = answer === 'fail';
              // The note shows for 不符合 (required) and 不涉及, else on request.
              const showNote = failed || answer === 'na' || noted.has(item.no) || !!list[i]?.note;
              return (
                <div key={item.no} data-testid="check-item" data-no={item.no}
                  style={{ border: '1px solid', borderColor: failed ? '#fca5a5' : '#e2e8f0', background: failed ? '#fef2f2' : undefined, borderRadius: 6, padding: '10px 12px', marginBottom: 8 }}>
                  <Form.Item name={['results', i, 'no']} hidden><Input /></Form.Item>
                  <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
                    <div style={{ flex: 1, minWidth: 0 }}>
                      <div>
                        <Typography.Text strong style={{ marginInlineEnd: 6 }}>{item.no}.</Typography.Text>
                        <span data-testid="check-item-content">{item.content}</span>
                        {item.grade === 'major' && <Tag color="red" style={{ marginInlineStart: 6 }}>{t(cm.gradeHint, { grade: t(GRADE_LABELS.major) })}</Tag>}
                      </div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="check-item-basis">{t(cm.basisLine, { basis: item.basis })}</Typography.Text>
                    </div>
                    <div style={{ flex: 'none', textAlign: 'end' }}>
                      <Form.Item name={['results', i, 'result']} rules={[{ required: true, message: t(cm.resultRequired) }]} style={{ marginBottom: 0 }}>
                        <Radio.Group
                          size="small"
                          optionType="button"
                          buttonStyle="solid"
                          data-testid={`check-item-${item.no}-result`}
                          options={CHECK_ANSWERS.map((a) => ({ value: a, label: t(CHECK_ANSWER_LABELS[a]), className: `check-answer-${a}` }))}
                        />
                      </Form.Item>
                      {!showNote && (
                        <Typography.Link style={{ fontSize: 12 }} onClick={() => setNoted((n) => new Set(n).add(item.no))} data-testid={`check-item-${item.no}-add-note`}>
                          {t(cm.noteAdd)}
                        </Typography.Link>
                      )}
                    </div>
                  </div>
                  <Form.Item
                    name={['results', i, 'note']}
                    hidden={!showNote}
                    dependencies={[['results', i, 'result']]}
                    style={{ marginTop: 8, marginBottom: 0 }}
                    rules={[maxLen(t, cm.note, 2000), ({ getFieldValue }) => ({
                      validator: async (_r, v: string | undefined) => {
                        if (getFieldValue(['results', i, 'result']) === 'fail' && (v ?? '').trim().length < 2) throw new Error(t(cm.noteRequired));
                      },
                    })]}
                  >
                    <Input.TextArea
                      autoSize={{ minRows: 1, maxRows: 4 }}
                      maxLength={2000}
                      placeholder={failed ? t(cm.notePlaceholderFail) : t(cm.notePlaceholder)}
                      data-testid={`check-item-${item.no}-note`}
                    />
                  </Form.Item>
                </div>
              );
            })}
          </div>
        )}
        {entId && templates && templates.length > 0 && !template && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(cm.templatePick)} />
        )}

        <Form.Item name="summary" label={t(cm.summary)} rules={[maxLen(t, cm.summary, 2000)]} style={{ marginTop: 16 }}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="check-form-summary" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
