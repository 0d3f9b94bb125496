/**
 * 保障标准设置: the per-person kit (catalogue material + quantity per person) and the plan targets
 * (region + people), PUT /api/v1/resources/coverage/settings. County-level accounts only; the server
 * refuses others with 403 and its problem message is shown as is.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Divider, Form, InputNumber, Spin, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { RegionTreeSelect } from '../../../components/RegionTreeSelect.tsx';
import { api, ApiError, errorMessage } from '../../../lib/api.ts';
import { useFormSubmit } from '../../../lib/forms.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { required } from '../../../lib/validators.ts';
import { shm } from '../messages-shelters.ts';
import type { Coverage, CoverageSettings, Material } from '../types.ts';
import { MaterialSelect } from './StockPickers.tsx';

interface Values {
  kit: { materialId: string | null; perPerson: number | null }[];
  targets: { regionCode: string | null; people: number | null }[];
}

/** Puts server field errors such as `kit/0/materialId` on the list fields; returns the rest. */
function applyListErrors(form: ReturnType<typeof Form.useForm<Values>>[0], err: unknown): string[] {
  if (!(err instanceof ApiError)) return [];
  const rest: string[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const e of err.errors) {
    const parts = e.path.split(/[./]/).filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (parts.length === 3 && (parts[0] === 'kit' || parts[0] === 'targets') && typeof parts[1] === 'number') fields.push({ name: parts, errors: [e.message] });
    else rest.push(e.message);
  }
  if (fields.length) form.setFields(fields as never);
  return rest;
}

export function CoverageSettingsDrawer({ open, coverage, onClose, onSaved }: { open: boolean; coverage: Coverage | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [loading, setLoading] = useState(false);
  const { saving, error, setError, submit } = useFormSubmit(form, {
    fields: (err) => applyListErrors(form, err),
    detailWithFieldErrors: false,
    save: async (v) => {
      const body: CoverageSettings = {
        kit: (v.kit ?? []).map((k) => ({ materialId: k.materialId!, perPerson: k.perPerson! })),
        targets: (v.targets ?? []).map((x) => ({ regionCode: x.regionCode!, people: x.people! })),
      };
      await api.put<CoverageSettings>('/api/v1/resources/coverage/settings', body);
      message.success(t(shm.settingsSaved));
      onSaved();
    },
  });

  // The kit's materials as picker options even when they are not on the picker's first page.
  const known = useMemo<Material[]>(() => (coverage?.kit ?? []).map((k) => ({
    id: k.materialId, name: k.materialName, spec: k.spec, unit: k.unit, categoryCode: '', categoryName: null, shelfLifeDays: null, note: null, isDemo: false,
  })), [coverage]);

  useEffect(() => {
    if (!open) return;
    let live = true;
    setError(null);
    setLoading(true);
    form.resetFields();
    api.get<CoverageSettings>('/api/v1/resources/coverage/settings')
      .then((s) => live && form.setFieldsValue({ kit: s.kit, targets: s.targets }))
      .catch((err: unknown) => live && setError(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [open, form, setError]);

  const unique = (list: 'kit' | 'targets', key: 'materialId' | 'regionCode', msg: string) => ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: async (_r: unknown, value: unknown) => {
      if (!value) return;
      const all = ((getFieldValue(list) ?? []) as Record<string, unknown>[]).filter((x) => x?.[key] === value);
      if (all.length > 1) throw new Error(msg);
    },
  });

  return (
    <FormDrawer title={t(shm.settings)} open={open} onClose={onClose} onSubmit={submit} saving={saving} error={error} testId="coverage-settings" size={620}>
      <Alert type="info" showIcon title={t(shm.settingsHint)} style={{ marginBottom: 16 }} />
      <Spin spinning={loading}>
        <Form form={form} layout="vertical" autoComplete="off" data-testid="coverage-settings-form">
          <Typography.Title level={5}>{t(shm.kit)}</Typography.Title>
          <Form.List name="kit">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <div key={f.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }} data-testid="coverage-kit-row">
                    <Form.Item name={[f.name, 'materialId']} rules={[required(t, shm.material, true), unique('kit', 'materialId', t(shm.duplicateMaterial))]} style={{ flex: 1, marginBottom: 8 }}>
                      <MaterialSelect extra={known} placeholder={t(shm.material)} data-testid="coverage-kit-material" />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'perPerson']}
                      rules={[{ required: true, type: 'number', min: 0.0001, max: 1000, message: t(shm.perPersonRule) }]}
                      style={{ width: 150, marginBottom: 8 }}
                    >
                      <InputNumber placeholder={t(shm.perPerson)} min={0} max={1000} step={0.1} style={{ width: '100%' }} data-testid="coverage-kit-perPerson" />
                    </Form.Item>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t(shm.remove)} />
                  </div>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ materialId: null, perPerson: 1 })} block data-testid="coverage-kit-add">{t(shm.kitAdd)}</Button>
              </>
            )}
          </Form.List>
          <Divider />
          <Typography.Title level={5}>{t(shm.targetsTitle)}</Typography.Title>
          <Form.List name="targets">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <div key={f.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }} data-testid="coverage-target-row">
                    <Form.Item name={[f.name, 'regionCode']} rules={[required(t, shm.coverageRegion, true), unique('targets', 'regionCode', t(shm.duplicateRegion))]} style={{ flex: 1, marginBottom: 8 }}>
                      <RegionTreeSelect placeholder={t(shm.coverageRegion)} data-testid="coverage-target-region" />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'people']}
                      rules={[{ required: true, type: 'integer', min: 0, max: 10_000_000, message: t(shm.peopleRule) }]}
                      style={{ width: 150, marginBottom: 8 }}
                    >
                      <InputNumber placeholder={t(shm.targetPeople)} min={0} max={10_000_000} precision={0} style={{ width: '100%' }} data-testid="coverage-target-people" />
                    </Form.Item>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t(shm.remove)} />
                  </div>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ regionCode: null, people: null })} block data-testid="coverage-target-add">{t(shm.targetAdd)}</Button>
              </>
            )}
          </Form.List>
        </Form>
      </Spin>
    </FormDrawer>
  );
}
