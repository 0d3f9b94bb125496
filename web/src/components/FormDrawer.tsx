/**
 * The shell every create/edit form uses: a drawer with cancel/save in the footer and the server's
 * non-field error above the form. Test ids: `<testId>-drawer`, `<testId>-form-cancel`,
 * `<testId>-form-submit`, `<testId>-form-error`.
 */
import type { ReactNode } from 'react';
import { Alert, Button, Drawer, Space } from 'antd';
import { common, useI18n } from '../lib/i18n.tsx';

export interface FormDrawerProps {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  onSubmit: () => void;
  saving: boolean;
  error: string | null;
  testId: string;
  size?: number;
  children: ReactNode;
}

export function FormDrawer({ title, open, onClose, onSubmit, saving, error, testId, size = 600, children }: FormDrawerProps) {
  const { t } = useI18n();
  return (
    <Drawer
      title={title}
      open={open}
      onClose={onClose}
      size={size}
      destroyOnHidden
      data-testid={`${testId}-drawer`}
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose} data-testid={`${testId}-form-cancel`}>{t(common.cancel)}</Button>
          <Button type="primary" loading={saving} onClick={onSubmit} data-testid={`${testId}-form-submit`}>{t(common.save)}</Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid={`${testId}-form-error`} />}
      {children}
    </Drawer>
  );
}
