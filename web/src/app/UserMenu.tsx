import { useState } from 'react';
import { Alert, App, Avatar, Dropdown, Form, Input, Modal, Space } from 'antd';
import { LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { api, ApiError, errorMessage } from '../lib/api.ts';
import { common, useI18n } from '../lib/i18n.tsx';
import { passwordRules, required } from '../lib/validators.ts';
import { useAuth } from './auth.tsx';
import { shell } from './messages.ts';

interface PasswordForm {
  currentPassword: string;
  password: string;
  confirm: string;
}

function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await api.post('/api/v1/me/password', { currentPassword: v.currentPassword, password: v.password });
      message.success(t(shell.passwordChanged));
      form.resetFields();
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) {
        form.setFields(err.errors.map((e) => ({ name: e.path.split('.')[0] as keyof PasswordForm, errors: [e.message] })));
      } else setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={t(shell.changePassword)}
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t(common.save)}
      cancelText={t(common.cancel)}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'change-password-submit' }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" data-testid="change-password-form" preserve={false}>
        <Form.Item name="currentPassword" label={t(shell.currentPassword)} rules={[required(t, shell.currentPassword)]}>
          <Input.Password autoComplete="current-password" data-testid="change-password-current" />
        </Form.Item>
        <Form.Item name="password" label={t(shell.newPassword)} extra={t(shell.passwordRule)} rules={[required(t, shell.newPassword), ...passwordRules(t)]}>
          <Input.Password autoComplete="new-password" data-testid="change-password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t(shell.confirmPassword)}
          dependencies={['password']}
          rules={[
            required(t, shell.confirmPassword),
            ({ getFieldValue }) => ({
              validator: async (_r, v: unknown) => {
                if (v && v !== getFieldValue('password')) throw new Error(t(shell.passwordMismatch));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="change-password-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Name, roles and region; change password; sign out. */
export function UserMenu() {
  const { t } = useI18n();
  const { user, logout, roleLabel } = useAuth();
  const [pwOpen, setPwOpen] = useState(false);
  if (!user) return null;
  const roles = user.roles.map(roleLabel).join(t(shell.listSep));
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'info',
              disabled: true,
              label: (
                <div style={{ color: 'rgba(0,0,0,0.75)', cursor: 'default', maxWidth: 260 }} data-testid="user-menu-info">
                  <div style={{ fontWeight: 600 }}>{user.displayName} ({user.username})</div>
                  <div style={{ fontSize: 12 }}>{t(shell.rolesLine, { v: roles })}</div>
                  <div style={{ fontSize: 12 }}>{t(shell.regionLine, { v: user.regionName })}</div>
                  {user.orgName && <div style={{ fontSize: 12 }}>{t(shell.orgLine, { v: user.orgName })}</div>}
                </div>
              ),
            },
            { type: 'divider' },
            { key: 'password', icon: <LockOutlined />, label: <span data-testid="user-menu-password">{t(shell.changePassword)}</span>, onClick: () => setPwOpen(true) },
            { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="user-menu-logout">{t(shell.logout)}</span>, onClick: () => void logout() },
          ],
        }}
      >
        <Space style={{ cursor: 'pointer', color: 'rgba(255,255,255,0.9)' }} data-testid="user-menu">
          <Avatar size="small" icon={<UserOutlined />} style={{ background: '#3b82f6' }} />
          <span>{user.displayName}</span>
        </Space>
      </Dropdown>
      <ChangePasswordModal open={pwOpen} onClose={() => setPwOpen(false)} />
    </>
  );
}
