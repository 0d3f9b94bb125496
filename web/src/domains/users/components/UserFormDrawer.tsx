/**
 * Create (POST /api/v1/users) and edit (PATCH /api/v1/users/:id) form. Validates like the server's
 * schema (UserCreateSchema / UserUpdateSchema) and puts the server's field errors on the fields.
 */
import { useEffect, useMemo, useState } from 'react';
import { App, Checkbox, Form, Input, Select } from 'antd';
import { useAuth } from '../../../app/auth.tsx';
import { IndustrySelect } from '../../../components/IndustrySelect.tsx';
import { OrgSelect } from '../../../components/OrgSelect.tsx';
import { RegionTreeSelect } from '../../../components/RegionTreeSelect.tsx';
import { api, errorMessage } from '../../../lib/api.ts';
import { applyServerErrors } from '../../../lib/forms.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import type { User } from '../../../lib/types.ts';
import { emailRules, emptyToNull, maxLen, passwordRules, phoneRule, required, usernameRule } from '../../../lib/validators.ts';
import { um } from '../messages.ts';
import { FormDrawer } from '../../../components/FormDrawer.tsx';

interface UserFormValues {
  username: string;
  displayName: string;
  password: string;
  roles: string[];
  regionCode: string;
  orgId: string | null;
  industries: string[];
  phone: string;
  email: string;
  status: 'active' | 'disabled';
  unlock: boolean;
}

const FIELDS = ['username', 'displayName', 'password', 'roles', 'regionCode', 'orgId', 'industries', 'phone', 'email', 'status', 'unlock'] as const;
const ORG_ROLES = ['enterprise', 'team_contact'];

/** Roles the signed-in user may hand out (mirrors assignableRoles in server/src/modules/users/service.ts). */
export function assignableRoles(myRoles: string[], all: string[]): string[] {
  if (myRoles.includes('admin')) return all;
  if (myRoles.includes('township')) return ['township', 'informant'];
  return [];
}

export function UserFormDrawer({ open, user, onClose, onSaved }: { open: boolean; user: User | null; onClose: () => void; onSaved: (u: User) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { meta, user: me, roleLabel } = useAuth();
  const [form] = Form.useForm<UserFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const roles = Form.useWatch('roles', form) ?? [];
  const editing = !!user;

  const roleOptions = useMemo(() => {
    const all = (meta?.roles ?? []).map((r) => r.value);
    return assignableRoles(me?.roles ?? [], all).map((r) => ({ value: r, label: roleLabel(r) }));
  }, [meta, me, roleLabel]);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (user) {
      form.setFieldsValue({
        displayName: user.displayName, roles: user.roles, regionCode: user.regionCode, orgId: user.orgId,
        industries: user.industries, phone: user.phone ?? '', email: user.email ?? '', status: user.status, unlock: false,
      });
    } else {
      form.setFieldsValue({ regionCode: me?.regionCode, roles: [], industries: [] });
    }
  }, [open, user, form, me]);

  const submit = async () => {
    let v: UserFormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    const shared = {
      displayName: v.displayName.trim(),
      roles: v.roles,
      regionCode: v.regionCode,
      orgId: v.orgId ?? null,
      industries: v.roles.includes('regulator') ? (v.industries ?? []) : [],
      phone: emptyToNull(v.phone),
      email: emptyToNull(v.email),
    };
    try {
      const saved = editing
        ? await api.patch<User>(`/api/v1/users/${user.id}`, { ...shared, status: v.status, ...(v.unlock ? { unlock: true } : {}) })
        : await api.post<User>('/api/v1/users', { ...shared, username: v.username.trim(), password: v.password });
      message.success(t(editing ? um.saved : um.created, { name: saved.username }));
      onSaved(saved);
    } catch (err) {
      const rest = applyServerErrors(form, err, FIELDS);
      setError(rest.length ? rest.join('；') : errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormDrawer title={t(editing ? um.edit : um.create)} open={open} onClose={onClose} onSubmit={() => void submit()} saving={saving} error={error} testId="user" size={560}>
      <Form form={form} layout="vertical" data-testid="user-form" autoComplete="off">
        {!editing && (
          <Form.Item name="username" label={t(um.username)} extra={t(um.usernameHelp)} rules={[required(t, um.username), usernameRule(t)]}>
            <Input data-testid="user-form-username" maxLength={32} autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t(um.displayName)} rules={[required(t, um.displayName), maxLen(t, um.displayName, 50)]}>
          <Input data-testid="user-form-displayName" maxLength={50} />
        </Form.Item>
        {!editing && (
          <Form.Item name="password" label={t(um.password)} extra={t(um.passwordHelp)} rules={[required(t, um.password), ...passwordRules(t)]}>
            <Input.Password data-testid="user-form-password" autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item
          name="roles"
          label={t(um.roles)}
          rules={[required(t, um.roles, 'multi'), { type: 'array', max: 5, message: t(um.rolesMax) }]}
        >
          <Select mode="multiple" options={roleOptions} data-testid="user-form-roles" showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="regionCode" label={t(um.region)} rules={[required(t, um.region, true)]}>
          <RegionTreeSelect data-testid="user-form-regionCode" />
        </Form.Item>
        <Form.Item
          name="orgId"
          label={t(um.org)}
          dependencies={['roles']}
          rules={[({ getFieldValue }) => ({
            validator: async (_r, v: unknown) => {
              const rs = (getFieldValue('roles') as string[] | undefined) ?? [];
              if (!v && rs.some((r) => ORG_ROLES.includes(r))) throw new Error(t(um.orgRequired));
            },
          })]}
        >
          <OrgSelect data-testid="user-form-orgId" />
        </Form.Item>
        {roles.includes('regulator') && (
          <Form.Item
            name="industries"
            label={t(um.industries)}
            extra={t(um.industriesHelp)}
            rules={[
              { type: 'array', max: 30, message: t(um.industriesMax) },
              { validator: async (_r, v: unknown) => { if (Array.isArray(v) && v.some((c) => String(c).length > 4)) throw new Error(t(um.industryCode)); } },
            ]}
          >
            <IndustrySelect data-testid="user-form-industries" />
          </Form.Item>
        )}
        <Form.Item name="phone" label={t(um.phone)} rules={[phoneRule(t)]}>
          <Input data-testid="user-form-phone" maxLength={20} />
        </Form.Item>
        <Form.Item name="email" label={t(um.email)} rules={emailRules(t)}>
          <Input data-testid="user-form-email" maxLength={100} />
        </Form.Item>
        {editing && (
          <Form.Item
            name="status"
            label={t(um.status)}
            rules={[{
              validator: async (_r, v: unknown) => {
                if (v === 'disabled' && user.id === me?.id) throw new Error(t(um.selfDisable));
              },
            }]}
          >
            <Select
              data-testid="user-form-status"
              options={[{ value: 'active', label: t(um.active) }, { value: 'disabled', label: t(um.disabled) }]}
            />
          </Form.Item>
        )}
        {editing && user.locked && (
          <Form.Item name="unlock" valuePropName="checked">
            <Checkbox data-testid="user-form-unlock">{t(um.unlock)}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </FormDrawer>
  );
}
