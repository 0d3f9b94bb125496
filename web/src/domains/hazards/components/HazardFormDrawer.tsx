/**
 * 登记隐患: enterprise (its own for an enterprise account), title, description, category, grade,
 * source, found at and an optional location → POST /api/v1/hazards (待整改).
 */
import { useEffect } from 'react';
import { App, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { ApiError, api } from '../../../lib/api.ts';
import { useFormSubmit } from '../../../lib/forms.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { EnterpriseSelect } from '../../risks/components/EnterpriseSelect.tsx';
import { CATEGORIES, CATEGORY_LABELS, GRADE_LABELS, GRADES, hm, SOURCE_LABELS, SOURCES } from '../messages.ts';
import type { Hazard, HazardCategory, HazardGrade, HazardSource } from '../types.ts';

interface Values {
  enterpriseId: string;
  title: string;
  description: string;
  category: HazardCategory;
  grade: HazardGrade;
  source: HazardSource;
  foundAt: Dayjs;
  location?: string;
}

export function parseLngLat(s: string | undefined): [number, number] | null | 'bad' {
  if (!s?.trim()) return null;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*[,，]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(s);
  if (!m) return 'bad';
  const lng = Number(m[1]);
  const lat = Number(m[2]);
  if (Math.abs(lng) > 180 || Math.abs(lat) > 90) return 'bad';
  return [lng, lat];
}

export function HazardFormDrawer({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: (h: Hazard) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, error, setError, submit } = useFormSubmit(form, {
    // Every field error on its field; the problem's detail above the form.
    fields: (err) => {
      if (err instanceof ApiError && err.errors.length) {
        form.setFields(err.errors.map((e) => ({ name: e.path.replace(/^\//, '').split('/')[0] as keyof Values, errors: [e.message] })));
      }
      return [];
    },
    save: async (v) => {
      const loc = parseLngLat(v.location);
      const h = await api.post<Hazard>('/api/v1/hazards', {
        enterpriseId: v.enterpriseId, title: v.title.trim(), description: v.description.trim(), category: v.category, grade: v.grade, source: v.source,
        foundAt: v.foundAt.toISOString(),
        ...(loc && loc !== 'bad' ? { location: { type: 'Point', coordinates: loc } } : {}),
      });
      message.success(t(hm.created, { code: h.code }));
      onSaved(h);
      onClose();
    },
  });

  useEffect(() => {
    if (open) {
      setError(null);
      form.setFieldsValue({ category: 'equipment', grade: 'general', source: 'self_check', foundAt: dayjs() });
    }
  }, [open, form, setError]);

  return (
    <FormDrawer title={t(hm.create)} open={open} onClose={onClose} onSubmit={submit} saving={saving} error={error} testId="hazard">
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="enterpriseId" label={t(hm.enterprise)} rules={[{ required: true, message: t(common.requiredSelect) }]}>
          <EnterpriseSelect placeholder={t(hm.pickEnterprise)} data-testid="hazard-form-enterprise" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="title" label={t(hm.title)} rules={[{ required: true, whitespace: true, message: t(common.required) }, { min: 2, max: 100 }]}>
          <Input maxLength={100} data-testid="hazard-form-title" />
        </Form.Item>
        <Form.Item name="description" label={t(hm.description)} rules={[{ required: true, whitespace: true, message: t(common.required) }, { min: 2, max: 4000 }]}>
          <Input.TextArea rows={4} maxLength={4000} data-testid="hazard-form-description" />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <Form.Item name="category" label={t(hm.category)} rules={[{ required: true }]}>
            <Select data-testid="hazard-form-category" options={CATEGORIES.map((c) => ({ value: c, label: t(CATEGORY_LABELS[c]), title: t(CATEGORY_LABELS[c]) }))} />
          </Form.Item>
          <Form.Item name="grade" label={t(hm.grade)} rules={[{ required: true }]}>
            <Select data-testid="hazard-form-grade" options={GRADES.map((g) => ({ value: g, label: t(GRADE_LABELS[g]), title: t(GRADE_LABELS[g]) }))} />
          </Form.Item>
          <Form.Item name="source" label={t(hm.source)} rules={[{ required: true }]}>
            <Select data-testid="hazard-form-source" options={SOURCES.map((s) => ({ value: s, label: t(SOURCE_LABELS[s]), title: t(SOURCE_LABELS[s]) }))} />
          </Form.Item>
          <Form.Item name="foundAt" label={t(hm.foundAt)} rules={[{ required: true }]}>
            <DatePicker showTime style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="hazard-form-found-at" />
          </Form.Item>
        </div>
        <Form.Item
          name="location" label={t(hm.location)} extra={t(hm.locationHelp)}
          rules={[{ validator: (_r, v: string | undefined) => (parseLngLat(v) === 'bad' ? Promise.reject(new Error(t(hm.locationBad))) : Promise.resolve()) }]}
        >
          <Input data-testid="hazard-form-location" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
