/**
 * Create (POST /api/v1/orgs) and edit (PATCH /api/v1/orgs/:id). Mirrors OrgCreateSchema, including the
 * GB 32100 check character of the unified social credit code (lib/credit-code.ts).
 */
import { useEffect, useState } from 'react';
import { App, Form, Input, InputNumber, Select } from 'antd';
import { useAuth } from '../../../app/auth.tsx';
import { OrgSelect } from '../../../components/OrgSelect.tsx';
import { RegionTreeSelect } from '../../../components/RegionTreeSelect.tsx';
import { IndustrySelect } from '../../../components/IndustrySelect.tsx';
import { api, errorMessage } from '../../../lib/api.ts';
import { applyServerErrors } from '../../../lib/forms.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import type { Org } from '../../../lib/types.ts';
import { creditCodeRule, emptyToNull, maxLen, minLen, phoneRule, required } from '../../../lib/validators.ts';
import { om } from '../messages.ts';
import { FormDrawer } from '../../../components/FormDrawer.tsx';

interface OrgFormValues {
  name: string;
  shortName: string;
  type: string;
  regionCode: string;
  parentId: string | null;
  industryCodes: string[];
  creditCode: string;
  contactName: string;
  contactPhone: string;
  address: string;
  lng: number | null;
  lat: number | null;
}

const FIELDS = ['name', 'shortName', 'type', 'regionCode', 'parentId', 'industryCodes', 'creditCode', 'contactName', 'contactPhone', 'address', 'location', 'lng', 'lat'] as const;
const INDUSTRY_RE = /^[A-T]([0-9]{2,4})?$/;

export function OrgFormDrawer({ open, org, onClose, onSaved }: { open: boolean; org: Org | null; onClose: () => void; onSaved: (o: Org) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { meta, user: me } = useAuth();
  const [form] = Form.useForm<OrgFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editing = !!org;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (org) {
      form.setFieldsValue({
        name: org.name, shortName: org.shortName ?? '', type: org.type, regionCode: org.regionCode, parentId: org.parentId,
        industryCodes: org.industryCodes, creditCode: org.creditCode ?? '', contactName: org.contactName ?? '',
        contactPhone: org.contactPhone ?? '', address: org.address ?? '',
        lng: org.location?.coordinates[0] ?? null, lat: org.location?.coordinates[1] ?? null,
      });
    } else {
      form.setFieldsValue({ regionCode: me?.regionCode, industryCodes: [] });
    }
  }, [open, org, form, me]);

  const submit = async () => {
    let v: OrgFormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    const body = {
      name: v.name.trim(),
      shortName: emptyToNull(v.shortName),
      type: v.type,
      regionCode: v.regionCode,
      parentId: v.parentId ?? null,
      industryCodes: v.industryCodes ?? [],
      creditCode: emptyToNull(v.creditCode),
      contactName: emptyToNull(v.contactName),
      contactPhone: emptyToNull(v.contactPhone),
      address: emptyToNull(v.address),
      location: v.lng != null && v.lat != null ? { type: 'Point', coordinates: [v.lng, v.lat] } : null,
    };
    try {
      const saved = editing ? await api.patch<Org>(`/api/v1/orgs/${org.id}`, body) : await api.post<Org>('/api/v1/orgs', body);
      message.success(t(editing ? om.saved : om.created, { name: saved.name }));
      onSaved(saved);
    } catch (err) {
      const rest = applyServerErrors(form, err, FIELDS);
      setError(rest.length ? rest.join('；') : errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const bothOrNeither = ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: async () => {
      const a = getFieldValue('lng');
      const b = getFieldValue('lat');
      if ((a == null) !== (b == null)) throw new Error(t(om.locationBoth));
    },
  });

  return (
    <FormDrawer title={t(editing ? om.edit : om.create)} open={open} onClose={onClose} onSubmit={() => void submit()} saving={saving} error={error} testId="org" size={600}>
      <Form form={form} layout="vertical" data-testid="org-form" autoComplete="off">
        <Form.Item name="name" label={t(om.name)} rules={[required(t, om.name), minLen(t, om.name, 2), maxLen(t, om.name, 100)]}>
          <Input data-testid="org-form-name" maxLength={100} />
        </Form.Item>
        <div style={{ display: 'flex' }}>
          <Form.Item name="shortName" label={t(om.shortName)} rules={[maxLen(t, om.shortName, 30)]} style={{ flex: 1, marginInlineEnd: 12 }}>
            <Input data-testid="org-form-shortName" maxLength={30} />
          </Form.Item>
          <Form.Item name="type" label={t(om.type)} rules={[required(t, om.type, true)]} style={{ flex: 1 }}>
            <Select data-testid="org-form-type" options={meta?.orgTypes ?? []} />
          </Form.Item>
        </div>
        <Form.Item name="regionCode" label={t(om.region)} rules={[required(t, om.region, true)]}>
          <RegionTreeSelect data-testid="org-form-regionCode" />
        </Form.Item>
        <Form.Item name="parentId" label={t(om.parent)}>
          <OrgSelect data-testid="org-form-parentId" excludeId={org?.id} />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t(om.creditCode)}
          extra={t(om.creditHelp)}
          normalize={(v: string) => (v ? v.toUpperCase().replace(/\s+/g, '') : v)}
          rules={[creditCodeRule(t)]}
        >
          <Input data-testid="org-form-creditCode" maxLength={18} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item
          name="industryCodes"
          label={t(om.industries)}
          extra={t(om.industriesHelp)}
          rules={[
            { type: 'array', max: 30, message: t(om.industriesMax) },
            { validator: async (_r, v: unknown) => { if (Array.isArray(v) && v.some((c) => !INDUSTRY_RE.test(String(c)))) throw new Error(t(om.industryPattern)); } },
          ]}
        >
          <IndustrySelect data-testid="org-form-industryCodes" />
        </Form.Item>
        <div style={{ display: 'flex' }}>
          <Form.Item name="contactName" label={t(om.contactName)} rules={[maxLen(t, om.contactName, 30)]} style={{ flex: 1, marginInlineEnd: 12 }}>
            <Input data-testid="org-form-contactName" maxLength={30} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t(om.contactPhone)} rules={[phoneRule(t)]} style={{ flex: 1 }}>
            <Input data-testid="org-form-contactPhone" maxLength={20} />
          </Form.Item>
        </div>
        <Form.Item name="address" label={t(om.address)} rules={[maxLen(t, om.address, 200)]}>
          <Input data-testid="org-form-address" maxLength={200} />
        </Form.Item>
        <Form.Item label={t(om.location)} style={{ marginBottom: 0 }}>
          <div style={{ display: 'flex' }}>
            <Form.Item name="lng" dependencies={['lat']} rules={[bothOrNeither]} style={{ flex: 1, marginInlineEnd: 12 }}>
              <InputNumber data-testid="org-form-lng" placeholder={t(om.lng)} min={-180} max={180} step={0.0001} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="lat" dependencies={['lng']} rules={[bothOrNeither]} style={{ flex: 1 }}>
              <InputNumber data-testid="org-form-lat" placeholder={t(om.lat)} min={-90} max={90} step={0.0001} style={{ width: '100%' }} />
            </Form.Item>
          </div>
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
