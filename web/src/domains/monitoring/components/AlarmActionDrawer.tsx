/**
 * One step of the 消警 loop: 确认 (optional note), 处置反馈 (cause, cause details for 其他, measures),
 * 退回 (reason) and 消警 (optional note). The server is the judge: a refusal's Chinese `detail` is shown
 * above the form and as a message.
 */
import { useEffect } from 'react';
import { Alert, App, Form, Input, Select } from 'antd';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { ApiError, api, errorMessage } from '../../../lib/api.ts';
import { applyServerErrors, useFormSubmit } from '../../../lib/forms.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { ACTION_LABELS, CAUSE_LABELS, mm } from '../messages.ts';
import { DISPOSAL_CAUSES, type Alarm, type AlarmActionType, type DisposalCause } from '../types.ts';

interface Values {
  note?: string;
  cause?: DisposalCause;
  causeNote?: string;
  measures?: string;
  reason?: string;
}

const FIELDS = ['note', 'cause', 'causeNote', 'measures', 'reason'] as const;
const trimmed = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

export function AlarmActionDrawer({ alarm, kind, onClose, onDone }: {
  alarm: Alarm;
  kind: AlarmActionType | null;
  onClose: () => void;
  onDone: (a: Alarm) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const cause = Form.useWatch('cause', form);
  const { saving, error, setError, submit } = useFormSubmit<Values>(form, {
    fields: (err) => {
      const rest = applyServerErrors(form, err, FIELDS);
      // A refusal by the rules (problem with a `rule` code, no field errors): also as a message.
      if (err instanceof ApiError && !err.errors.length) message.error(errorMessage(err));
      return rest;
    },
    save: async (v) => {
      if (!kind) return;
      const body = kind === 'feedback'
        ? { type: 'feedback', cause: v.cause, ...(trimmed(v.causeNote) ? { causeNote: trimmed(v.causeNote) } : {}), measures: v.measures?.trim() ?? '' }
        : kind === 'return'
          ? { type: 'return', reason: v.reason?.trim() ?? '' }
          : { type: kind, ...(trimmed(v.note) ? { note: trimmed(v.note) } : {}) };
      const a = await api.post<Alarm>(`/api/v1/alarms/${alarm.id}/actions`, body);
      message.success(t(mm.done, { action: t(ACTION_LABELS[kind]) }));
      onDone(a);
      onClose();
    },
  });

  useEffect(() => {
    if (kind) setError(null);
  }, [kind, setError]);

  const realDanger = alarm.feedback?.cause === 'real_danger';

  return (
    <FormDrawer
      title={kind ? `${t(ACTION_LABELS[kind])} · ${alarm.sensorCode}` : ''}
      open={!!kind}
      onClose={onClose}
      onSubmit={submit}
      saving={saving}
      error={error}
      testId="alarm-action"
      size={520}
    >
      {kind && (
        <Form form={form} layout="vertical" preserve={false}>
          {kind === 'acknowledge' && <Alert type="info" showIcon title={t(mm.confirmAck)} style={{ marginBottom: 16 }} />}
          {kind === 'close' && <Alert type={realDanger ? 'warning' : 'success'} showIcon title={realDanger ? t(mm.realDangerHint) : t(mm.confirmClose)} style={{ marginBottom: 16 }} />}
          {kind === 'feedback' && (
            <>
              <Form.Item name="cause" label={t(mm.cause)} rules={[{ required: true, message: t(common.requiredSelect, { field: t(mm.cause) }) }]}>
                <Select<DisposalCause>
                  data-testid="alarm-cause"
                  options={DISPOSAL_CAUSES.map((c) => ({ value: c, label: t(CAUSE_LABELS[c]), title: t(CAUSE_LABELS[c]) }))}
                />
              </Form.Item>
              {cause === 'real_danger' && <Alert type="warning" showIcon title={t(mm.realDangerHint)} style={{ marginBottom: 16 }} />}
              <Form.Item name="causeNote" label={t(mm.causeNote)} extra={t(mm.causeNoteHelp)}
                rules={cause === 'other' ? [{ required: true, whitespace: true, message: t(common.required, { field: t(mm.causeNote) }) }] : []}>
                <Input maxLength={500} data-testid="alarm-cause-note" />
              </Form.Item>
              <Form.Item name="measures" label={t(mm.measures)} rules={[{ required: true, whitespace: true, message: t(common.required, { field: t(mm.measures) }) }]}>
                <Input.TextArea rows={4} maxLength={4000} data-testid="alarm-measures" />
              </Form.Item>
            </>
          )}
          {kind === 'return' && (
            <Form.Item name="reason" label={t(mm.reason)} rules={[{ required: true, whitespace: true, message: t(common.required, { field: t(mm.reason) }) }]}>
              <Input.TextArea rows={3} maxLength={1000} data-testid="alarm-reason" />
            </Form.Item>
          )}
          {(kind === 'acknowledge' || kind === 'close') && (
            <Form.Item name="note" label={t(mm.note)}>
              <Input.TextArea rows={3} maxLength={1000} data-testid="alarm-note" />
            </Form.Item>
          )}
        </Form>
      )}
    </FormDrawer>
  );
}
