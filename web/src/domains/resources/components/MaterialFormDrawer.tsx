/**
 * Add a material to the county catalogue (POST /api/v1/materials) or edit one (PATCH /api/v1/materials/:id).
 * Rules mirror MaterialCreateSchema (server/src/modules/resources/warehouses.ts); only county-level accounts
 * may add or edit — the server's refusal (problem detail) is shown above the form. Once stock exists the
 * unit cannot change: the server's field error lands on the unit field.
 */
import { useEffect } from 'react';
import { App, AutoComplete, Form, Input, InputNumber } from 'antd';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { saveRecord, useFormSubmit } from '../../../lib/forms.ts';
import { common, defineMessages, useI18n } from '../../../lib/i18n.tsx';
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

const mm = defineMessages({
  materialEdit: ['编辑物资', 'Edit material'],
  materialSaved: ['已保存物资 {name}', 'Material {name} saved'],
  unitLocked: ['已有库存的物资不能修改计量单位', 'The unit cannot change once the material is in stock'],
});

const FIELDS = ['categoryCode', 'name', 'spec', 'unit', 'shelfLifeDays', 'note'] as const;
const CATEGORY_RE = /^[1-3][0-9]{6}$/;

export function MaterialFormDrawer({ open, material, onClose, onSaved }: {
  open: boolean;
  /** The material to edit; null to add one. */
  material: Material | null;
  onClose: () => void;
  onSaved: (m: Material) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<MaterialValues>();
  // Field errors go on their fields; the rest (or a refusal without field errors) above the form.
  const { saving, error, setError, submit } = useFormSubmit(form, {
    fields: FIELDS,
    detailWithFieldErrors: false,
    save: async (v) => {
      const body = {
        categoryCode: v.categoryCode, name: v.name.trim(), spec: emptyToNull(v.spec), unit: v.unit.trim(),
        shelfLifeDays: v.shelfLifeDays ?? null, note: emptyToNull(v.note),
      };
      const saved = await saveRecord<Material>('/api/v1/materials', material?.id, body);
      message.success(t(material ? mm.materialSaved : sm.materialCreated, { name: saved.name }));
      onSaved(saved);
    },
  });

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (material) {
      form.setFieldsValue({
        categoryCode: material.categoryCode, name: material.name, spec: material.spec ?? '', unit: material.unit,
        shelfLifeDays: material.shelfLifeDays, note: material.note ?? '',
      });
    }
  }, [open, material, form, setError]);

  return (
    <FormDrawer title={material ? `${t(mm.materialEdit)} · ${material.name}` : t(sm.materialCreate)} open={open} onClose={onClose} onSubmit={submit} saving={saving} error={error} testId="material" size={560}>
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
          <Form.Item
            name="unit"
            label={t(sm.unit)}
            rules={[required(t, sm.unit), maxLen(t, sm.unit, 10)]}
            tooltip={material ? t(mm.unitLocked) : undefined}
            style={{ flex: 1, marginInlineEnd: 12 }}
          >
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
