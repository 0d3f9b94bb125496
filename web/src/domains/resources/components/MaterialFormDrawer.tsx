/**
 * Add a material to the county catalogue (POST /api/v1/materials). Rules mirror MaterialCreateSchema
 * (server/src/modules/resources/warehouses.ts); only county-level accounts may add — the server's
 * refusal (problem detail) is shown above the form.
 */
import { useEffect, useState } from 'react';
import { App, AutoComplete, Form, Input, InputNumber } from 'antd';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { api, errorMessage } from '../../../lib/api.ts';
import { applyServerErrors } from '../../../lib/forms.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { emptyToNull, maxLen, required } from '../../../lib/validators.ts';
import { rm } from '../messages.ts';
import { MATERIAL_UNITS, sm } from '../messages-stock.ts';
import type { Material } from '../types.ts';
import { MaterialCategorySelect } from './StockPickers.tsx';

interface MaterialValues {
  categoryCode: string;
  name: string;
  spec: string;
  unit: string;
  shelfLifeDays: number | null;
  note: string;
}

const FIELDS = ['categoryCode', 'name', 'spec', 'unit', 'shelfLifeDays', 'note'] as const;
const CATEGORY_RE = /^[1-3][0-9]{6}$/;

export function MaterialFormDrawer({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: (m: Material) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<MaterialValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
  }, [open, form]);

  const submit = async () => {
    let v: MaterialValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await api.post<Material>('/api/v1/materials', {
        categoryCode: v.categoryCode, name: v.name.trim(), spec: emptyToNull(v.spec), unit: v.unit.trim(),
        shelfLifeDays: v.shelfLifeDays ?? null, note: emptyToNull(v.note),
      });
      message.success(t(sm.materialCreated, { name: saved.name }));
      onSaved(saved);
    } catch (err) {
      const rest = applyServerErrors(form, err, FIELDS);
      setError(rest.length ? rest.join('；') : errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormDrawer title={t(sm.materialCreate)} open={open} onClose={onClose} onSubmit={() => void submit()} saving={saving} error={error} testId="material" size={560}>
      <Form form={form} layout="vertical" data-testid="material-form" autoComplete="off">
        <Form.Item
          name="categoryCode"
          label={t(sm.category)}
          rules={[required(t, sm.category, true), { pattern: CATEGORY_RE, message: t(common.badFormat, { field: t(sm.categoryCode) }) }]}
        >
          <MaterialCategorySelect data-testid="material-form-categoryCode" />
        </Form.Item>
        <div style={{ display: 'flex' }}>
          <Form.Item name="name" label={t(sm.materialName)} rules={[required(t, sm.materialName), maxLen(t, sm.materialName, 60)]} style={{ flex: 1, marginInlineEnd: 12 }}>
            <Input data-testid="material-form-name" maxLength={60} />
          </Form.Item>
          <Form.Item name="spec" label={t(sm.spec)} rules={[maxLen(t, sm.spec, 60)]} style={{ flex: 1 }}>
            <Input data-testid="material-form-spec" maxLength={60} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex' }}>
          <Form.Item name="unit" label={t(sm.unit)} rules={[required(t, sm.unit), maxLen(t, sm.unit, 10)]} style={{ flex: 1, marginInlineEnd: 12 }}>
            <AutoComplete
              data-testid="material-form-unit"
              options={MATERIAL_UNITS.map((u) => ({ value: u }))}
              showSearch={{ filterOption: (input, o) => String(o?.value ?? '').includes(input.trim()) }}
            />
          </Form.Item>
          <Form.Item
            name="shelfLifeDays"
            label={t(sm.shelfLifeDays)}
            rules={[{ type: 'integer', min: 1, max: 36500, message: t(common.badFormat, { field: t(sm.shelfLifeDays) }) }]}
            style={{ flex: 1 }}
          >
            <InputNumber data-testid="material-form-shelfLifeDays" min={1} max={36500} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="note" label={t(rm.note)} rules={[maxLen(t, rm.note, 500)]}>
          <Input.TextArea data-testid="material-form-note" maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
