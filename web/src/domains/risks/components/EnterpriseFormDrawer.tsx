/**
 * Create (POST /api/v1/enterprises) and edit (PATCH /api/v1/enterprises/:id) an enterprise's file.
 * The credit code is checked here with the same GB 32100 check as the server (contracts/credit-code.ts);
 * server field errors land on the fields.
 */
import { useEffect, useMemo } from 'react';
import { App, Form, Input, InputNumber, Select, Switch } from 'antd';
import { useAuth } from '../../../app/auth.tsx';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { IndustrySelect } from '../../../components/IndustrySelect.tsx';
import { useOrgs } from '../../../components/OrgSelect.tsx';
import { RegionTreeSelect } from '../../../components/RegionTreeSelect.tsx';
import { saveRecord, useFormSubmit } from '../../../lib/forms.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { creditCodeRule, emptyToNull, maxLen, minLen, phoneRule, required } from '../../../lib/validators.ts';
import { MapPointPicker } from '../../resources/components/MapPointPicker.tsx';
import { toPoint } from '../../resources/components/shared.tsx';
import { applyNestedErrors, changedFields, topLevel, withoutNulls } from '../forms.ts';
import { km, SCALE_LABELS, SCALES, STANDARD_LEVEL_LABELS, STANDARD_LEVELS } from '../messages.ts';
import type { Enterprise, Scale } from '../types.ts';

interface Values {
  name: string;
  shortName: string;
  creditCode: string;
  regionCode: string;
  industryCodes: string[];
  address: string;
  lng: number | null;
  lat: number | null;
  contactName: string;
  contactPhone: string;
  scale: Scale | null;
  employees: number | null;
  legalRep: string;
  legalRepPhone: string;
  safetyManager: string;
  safetyManagerPhone: string;
  standardLevel: 1 | 2 | 3 | null;
  hazchem: boolean;
  regulatorOrgIds: string[];
}

const FIELDS = [
  'name', 'shortName', 'creditCode', 'regionCode', 'industryCodes', 'address', 'lng', 'lat', 'contactName', 'contactPhone', 'scale', 'employees',
  'legalRep', 'legalRepPhone', 'safetyManager', 'safetyManagerPhone', 'standardLevel', 'hazchem', 'regulatorOrgIds',
] as const;
const INDUSTRY_RE = /^([A-T]|[0-9]{2,4})$/;
const row = { display: 'flex', gap: 12 } as const;

function valuesOf(e: Enterprise): Values {
  return {
    name: e.name, shortName: e.shortName ?? '', creditCode: e.creditCode ?? '', regionCode: e.regionCode, industryCodes: e.industryCodes,
    address: e.address ?? '', lng: e.location?.coordinates[0] ?? null, lat: e.location?.coordinates[1] ?? null,
    contactName: e.contactName ?? '', contactPhone: e.contactPhone ?? '', scale: e.scale, employees: e.employees,
    legalRep: e.legalRep ?? '', legalRepPhone: e.legalRepPhone ?? '', safetyManager: e.safetyManager ?? '', safetyManagerPhone: e.safetyManagerPhone ?? '',
    standardLevel: e.standardLevel, hazchem: e.hazchem, regulatorOrgIds: e.regulatorOrgIds,
  };
}

function bodyOf(v: Values) {
  return {
    name: v.name.trim(),
    shortName: emptyToNull(v.shortName),
    creditCode: v.creditCode.trim(),
    regionCode: v.regionCode,
    industryCodes: v.industryCodes,
    address: emptyToNull(v.address),
    location: toPoint(v.lng, v.lat),
    contactName: emptyToNull(v.contactName),
    contactPhone: emptyToNull(v.contactPhone),
    scale: v.scale ?? null,
    employees: v.employees ?? null,
    legalRep: emptyToNull(v.legalRep),
    legalRepPhone: emptyToNull(v.legalRepPhone),
    safetyManager: emptyToNull(v.safetyManager),
    safetyManagerPhone: emptyToNull(v.safetyManagerPhone),
    standardLevel: v.standardLevel ?? null,
    hazchem: !!v.hazchem,
    regulatorOrgIds: v.regulatorOrgIds ?? [],
  };
}
const cell = { flex: 1, minWidth: 0 } as const;

export function EnterpriseFormDrawer({ open, enterprise, onClose, onSaved }: {
  open: boolean;
  enterprise: Enterprise | null;
  onClose: () => void;
  onSaved: (e: Enterprise) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user: me } = useAuth();
  const { orgs: departments, loading: loadingDepartments } = useOrgs({ type: 'department' });
  const [form] = Form.useForm<Values>();
  const editing = !!enterprise;
  const { saving, error, setError, submit } = useFormSubmit(form, {
    fields: (err) => applyNestedErrors(form, err, (seg) => topLevel(FIELDS, seg)),
    save: async (v) => {
      const body = bodyOf(v);
      const change = editing ? changedFields(body, bodyOf(valuesOf(enterprise))) : withoutNulls(body);
      if (editing && Object.keys(change).length === 0) {
        message.info(t(km.nothingChanged));
        onClose();
        return;
      }
      const saved = await saveRecord<Enterprise>('/api/v1/enterprises', enterprise?.id, change);
      message.success(t(editing ? km.enterpriseSaved : km.enterpriseCreated, { name: saved.name }));
      onSaved(saved);
    },
  });

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (enterprise) {
      form.setFieldsValue(valuesOf(enterprise));
    } else {
      form.setFieldsValue({ regionCode: me?.regionCode, industryCodes: [], hazchem: false, regulatorOrgIds: [], scale: null, standardLevel: null });
    }
  }, [open, enterprise, form, me, setError]);

  const departmentOptions = useMemo(() => {
    const opts = departments.map((o) => ({ value: o.id, label: o.name }));
    // Keep departments the file already names even when they are outside the caller's list.
    enterprise?.regulatorOrgIds.forEach((id, i) => {
      if (!opts.some((o) => o.value === id)) opts.push({ value: id, label: enterprise.regulatorNames[i] ?? id });
    });
    return opts;
  }, [departments, enterprise]);

  return (
    <FormDrawer title={t(editing ? km.enterpriseEdit : km.enterpriseCreate)} open={open} onClose={onClose} onSubmit={submit} saving={saving} error={error} testId="enterprise" size={720}>
      <Form form={form} layout="vertical" data-testid="enterprise-form" autoComplete="off">
        <div style={row}>
          <Form.Item name="name" label={t(km.name)} rules={[required(t, km.name), minLen(t, km.name, 2), maxLen(t, km.name, 100)]} style={{ flex: 2, minWidth: 0 }}>
            <Input data-testid="enterprise-form-name" maxLength={100} />
          </Form.Item>
          <Form.Item name="shortName" label={t(km.shortName)} rules={[maxLen(t, km.shortName, 30)]} style={cell}>
            <Input data-testid="enterprise-form-shortName" maxLength={30} />
          </Form.Item>
        </div>
        <Form.Item
          name="creditCode"
          label={t(km.creditCode)}
          extra={t(km.creditHelp)}
          normalize={(v: string) => (v ? v.toUpperCase().replace(/\s+/g, '') : v)}
          rules={[required(t, km.creditCode), creditCodeRule(t)]}
          validateTrigger={['onBlur', 'onChange']}
        >
          <Input data-testid="enterprise-form-creditCode" maxLength={18} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <div style={row}>
          <Form.Item name="regionCode" label={t(km.region)} rules={[required(t, km.region, true)]} style={cell}>
            <RegionTreeSelect data-testid="enterprise-form-regionCode" />
          </Form.Item>
          <Form.Item
            name="industryCodes"
            label={t(km.industries)}
            rules={[
              required(t, km.industries, 'multi'),
              { type: 'array', max: 30, message: t(km.industriesMax) },
              { validator: async (_r, v: unknown) => { if (Array.isArray(v) && v.some((c) => !INDUSTRY_RE.test(String(c)))) throw new Error(t(km.industries)); } },
            ]}
            style={cell}
          >
            <IndustrySelect data-testid="enterprise-form-industryCodes" />
          </Form.Item>
        </div>
        <div style={row}>
          <Form.Item name="scale" label={t(km.scale)} style={cell}>
            <Select allowClear data-testid="enterprise-form-scale" options={SCALES.map((s) => ({ value: s, label: t(SCALE_LABELS[s]) }))} />
          </Form.Item>
          <Form.Item name="employees" label={t(km.employees)} rules={[{ type: 'integer', min: 0, max: 1_000_000, message: t(km.employees) }]} style={cell}>
            <InputNumber data-testid="enterprise-form-employees" min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="standardLevel" label={t(km.standardLevel)} style={cell}>
            <Select allowClear data-testid="enterprise-form-standardLevel" options={STANDARD_LEVELS.map((s) => ({ value: s, label: t(STANDARD_LEVEL_LABELS[s]) }))} />
          </Form.Item>
          <Form.Item name="hazchem" label={t(km.hazchem)} valuePropName="checked" style={{ width: 110 }}>
            <Switch data-testid="enterprise-form-hazchem" />
          </Form.Item>
        </div>
        <Form.Item name="regulatorOrgIds" label={t(km.regulators)}>
          <Select
            mode="multiple"
            allowClear
            loading={loadingDepartments}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="enterprise-form-regulatorOrgIds"
            options={departmentOptions}
          />
        </Form.Item>
        <div style={row}>
          <Form.Item name="legalRep" label={t(km.legalRep)} rules={[maxLen(t, km.legalRep, 30)]} style={cell}>
            <Input data-testid="enterprise-form-legalRep" maxLength={30} />
          </Form.Item>
          <Form.Item name="legalRepPhone" label={t(km.legalRepPhone)} rules={[phoneRule(t)]} style={cell}>
            <Input data-testid="enterprise-form-legalRepPhone" maxLength={20} />
          </Form.Item>
        </div>
        <div style={row}>
          <Form.Item name="safetyManager" label={t(km.safetyManager)} rules={[maxLen(t, km.safetyManager, 30)]} style={cell}>
            <Input data-testid="enterprise-form-safetyManager" maxLength={30} />
          </Form.Item>
          <Form.Item name="safetyManagerPhone" label={t(km.safetyManagerPhone)} rules={[phoneRule(t)]} style={cell}>
            <Input data-testid="enterprise-form-safetyManagerPhone" maxLength={20} />
          </Form.Item>
        </div>
        <div style={row}>
          <Form.Item name="contactName" label={t(km.contactName)} rules={[maxLen(t, km.contactName, 30)]} style={cell}>
            <Input data-testid="enterprise-form-contactName" maxLength={30} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t(km.contactPhone)} rules={[phoneRule(t)]} style={cell}>
            <Input data-testid="enterprise-form-contactPhone" maxLength={20} />
          </Form.Item>
        </div>
        <Form.Item name="address" label={t(km.address)} rules={[maxLen(t, km.address, 200)]}>
          <Input data-testid="enterprise-form-address" maxLength={200} />
        </Form.Item>
        <MapPointPicker
          initial={enterprise?.location ?? null}
          testIdPrefix="enterprise-form"
          label={t(km.location)}
          hint={t(km.pickHint)}
          clearLabel={t(km.clearLocation)}
          color="#e53935"
        />
      </Form>
    </FormDrawer>
  );
}
