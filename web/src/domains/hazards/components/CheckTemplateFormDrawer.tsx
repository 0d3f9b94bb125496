/**
 * Create (POST /api/v1/check-templates) and edit (PATCH /api/v1/check-templates/{id}) a checklist:
 * name, description, the industries it applies to (GB/T 4754), the hazchem flag and its items — each
 * with what is checked, the legal basis and optional grade/category hints for a failure. Items are
 * numbered by their position (the server wants unique numbers; records keep their own copy).
 */
import { useEffect, type CSSProperties } from 'react';
import { App, Button, Form, Input, Select, Switch, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { IndustrySelect } from '../../../components/IndustrySelect.tsx';
import { saveRecord, useFormSubmit } from '../../../lib/forms.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { emptyToNull, maxLen, minLen, required } from '../../../lib/validators.ts';
import { applyNestedErrors, changedFields, type FieldName } from '../../risks/forms.ts';
import { CATEGORIES, CATEGORY_LABELS, cm, GRADE_LABELS, GRADES } from '../messages.ts';
import type { CheckItem, CheckTemplate, HazardCategory, HazardGrade } from '../types.ts';

interface ItemValues {
  content: string;
  basis: string;
  grade?: HazardGrade | null;
  category?: HazardCategory | null;
}

interface Values {
  name: string;
  description?: string;
  industryCodes: string[];
  forHazchem: boolean;
  items: ItemValues[];
}

const TOP_FIELDS = ['name', 'description', 'industryCodes', 'forHazchem'];
const ITEM_FIELDS = ['content', 'basis', 'grade', 'category'];
const EMPTY_ITEM: ItemValues = { content: '', basis: '', grade: null, category: null };

function placeError(segments: string[]): FieldName | null {
  const [first, index, field] = segments;
  if (first === 'items' && index !== undefined && /^\d+$/.test(index) && ITEM_FIELDS.includes(field ?? '')) return ['items', Number(index), field!];
  return first && TOP_FIELDS.includes(first) ? first : null;
}

const valuesOf = (x: CheckTemplate): Values => ({
  name: x.name, description: x.description ?? '', industryCodes: x.industryCodes, forHazchem: x.forHazchem,
  items: [...x.items].sort((a, b) => a.no - b.no).map((i) => ({ content: i.content, basis: i.basis, grade: i.grade ?? null, category: i.category ?? null })),
});

/** The request body; items numbered 1…n by position. */
function bodyOf(v: Values) {
  return {
    name: v.name.trim(),
    description: emptyToNull(v.description),
    industryCodes: v.industryCodes ?? [],
    forHazchem: !!v.forHazchem,
    items: (v.items ?? []).map((i, n): CheckItem => ({
      no: n + 1, content: i.content.trim(), basis: i.basis.trim(), ...(i.grade ? { grade: i.grade } : {}), ...(i.category ? { category: i.category } : {}),
    })),
  };
}

export function CheckTemplateFormDrawer({ open, template, onClose, onSaved }: {
  open: boolean;
  template: CheckTemplate | null;
  onClose: () => void;
  onSaved: (x: CheckTemplate) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, error, setError, submit } = useFormSubmit(form, {
    fields: (err) => applyNestedErrors(form, err, placeError),
    save: async (v) => {
      if (!v.items?.length) throw new Error(t(cm.itemsRequired));
      const body = bodyOf(v);
      let change: Partial<ReturnType<typeof bodyOf>>;
      if (template) {
        change = changedFields(body, bodyOf(valuesOf(template)));
        if (!Object.keys(change).length) {
          message.info(t(cm.nothingChanged));
          onClose();
          return;
        }
      } else {
        const { description, ...rest } = body;
        change = description ? body : rest;
      }
      const saved = await saveRecord<CheckTemplate>('/api/v1/check-templates', template?.id, change);
      message.success(t(template ? cm.templateSaved : cm.templateCreated, { name: saved.name }));
      onSaved(saved);
      onClose();
    },
  });

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(template ? valuesOf(template) : { industryCodes: [], forHazchem: false, items: [{ ...EMPTY_ITEM }] });
  }, [open, template, form, setError]);

  const head = (label: string, style: CSSProperties) => <div style={{ fontSize: 12, color: '#475569', ...style }}>{label}</div>;

  return (
    <FormDrawer title={t(template ? cm.templateEdit : cm.templateCreate)} open={open} onClose={onClose} onSubmit={submit} saving={saving} error={error} testId="check-template" size={1100}>
      <Form form={form} layout="vertical" autoComplete="off" data-testid="check-template-form">
        <div style={{ display: 'grid', gridTemplateColumns: '2fr 1fr', columnGap: 16 }}>
          <Form.Item name="name" label={t(cm.templateName)} rules={[required(t, cm.templateName), minLen(t, cm.templateName, 2), maxLen(t, cm.templateName, 100)]}>
            <Input maxLength={100} data-testid="check-template-form-name" />
          </Form.Item>
          <Form.Item name="forHazchem" label={t(cm.forHazchem)} valuePropName="checked">
            <Switch data-testid="check-template-form-hazchem" />
          </Form.Item>
        </div>
        <Form.Item name="industryCodes" label={t(cm.industries)} extra={t(cm.industriesHelp)}>
          <IndustrySelect maxCount={30} data-testid="check-template-form-industries" placeholder={t(cm.generalTemplate)} />
        </Form.Item>
        <Form.Item name="description" label={t(cm.templateDescription)} rules={[maxLen(t, cm.templateDescription, 1000)]}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="check-template-form-description" />
        </Form.Item>
        <Form.Item label={t(cm.items)} required>
          <Form.List name="items">
            {(fields, { add, remove, move }) => (
              <div data-testid="check-template-items">
                <div style={{ display: 'flex', gap: 8, marginBottom: 4 }}>
                  {head(t(cm.itemNo), { width: 36, textAlign: 'center' })}
                  {head(t(cm.content), { flex: 3 })}
                  {head(t(cm.basis), { flex: 2 })}
                  {head(t(cm.gradeHintLabel), { width: 120 })}
                  {head(t(cm.categoryHintLabel), { width: 150 })}
                  <div style={{ width: 100 }} />
                </div>
                {fields.map((f, i) => (
                  <div key={f.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }} data-testid="check-template-item">
                    <div style={{ width: 36, textAlign: 'center', lineHeight: '32px', fontWeight: 600 }} data-testid="check-template-item-no">{i + 1}</div>
                    <Form.Item name={[f.name, 'content']} rules={[required(t, cm.content), minLen(t, cm.content, 2), maxLen(t, cm.content, 500)]} style={{ flex: 3, minWidth: 0, marginBottom: 8 }}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} data-testid={`check-template-item-content-${i + 1}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'basis']} rules={[required(t, cm.basis), minLen(t, cm.basis, 2), maxLen(t, cm.basis, 500)]} style={{ flex: 2, minWidth: 0, marginBottom: 8 }}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} data-testid={`check-template-item-basis-${i + 1}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'grade']} style={{ width: 120, marginBottom: 8 }}>
                      <Select allowClear placeholder={t(cm.hintNone)} data-testid={`check-template-item-grade-${i + 1}`}
                        options={GRADES.map((g) => ({ value: g, label: t(GRADE_LABELS[g]), title: t(GRADE_LABELS[g]) }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'category']} style={{ width: 150, marginBottom: 8 }}>
                      <Select allowClear placeholder={t(cm.hintNone)} data-testid={`check-template-item-category-${i + 1}`} popupMatchSelectWidth={220}
                        options={CATEGORIES.map((c) => ({ value: c, label: t(CATEGORY_LABELS[c]), title: t(CATEGORY_LABELS[c]) }))} />
                    </Form.Item>
                    <div style={{ width: 100, display: 'flex' }}>
                      <Tooltip title={t(cm.itemUp)}>
                        <Button type="text" icon={<ArrowUpOutlined />} aria-label={t(cm.itemUp)} disabled={i === 0} onClick={() => move(i, i - 1)} />
                      </Tooltip>
                      <Tooltip title={t(cm.itemDown)}>
                        <Button type="text" icon={<ArrowDownOutlined />} aria-label={t(cm.itemDown)} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} />
                      </Tooltip>
                      <Tooltip title={t(cm.itemRemove)}>
                        <Button type="text" danger icon={<DeleteOutlined />} aria-label={t(cm.itemRemove)} disabled={fields.length <= 1} onClick={() => remove(f.name)} data-testid={`check-template-item-remove-${i + 1}`} />
                      </Tooltip>
                    </div>
                  </div>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ ...EMPTY_ITEM })} data-testid="check-template-item-add">{t(cm.itemAdd)}</Button>
              </div>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
