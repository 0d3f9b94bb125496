import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { api, errorMessage } from '../../../lib/api.ts';
import { applyServerErrors } from '../../../lib/forms.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import type { User } from '../../../lib/types.ts';
import { passwordRules, required } from '../../../lib/validators.ts';
import { um } from '../messages.ts';

/** POST /api/v1/users/:id/password — sets a new password and ends the user's sessions. */
export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!user) return;
    let v: { password: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await api.post(`/api/v1/users/${user.id}/password`, { password: v.password });
      message.success(t(um.resetDone));
      onClose();
    } catch (err) {
      const rest = applyServerErrors(form, err, ['password']);
      setError(rest.length ? rest.join('；') : errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={!!user}
      title={user ? t(um.resetFor, { name: `${user.displayName} (${user.username})` }) : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t(common.save)}
      cancelText={t(common.cancel)}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'reset-password-submit' }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false} data-testid="reset-password-form">
        <Form.Item name="password" label={t(um.newPassword)} extra={t(um.passwordHelp)} rules={[required(t, um.newPassword), ...passwordRules(t)]}>
          <Input.Password autoComplete="new-password" data-testid="reset-password-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t(um.confirmPassword)}
          dependencies={['password']}
          rules={[
            required(t, um.confirmPassword),
            ({ getFieldValue }) => ({
              validator: async (_r, v: unknown) => {
                if (v && v !== getFieldValue('password')) throw new Error(t(um.mismatch));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
