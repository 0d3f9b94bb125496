/** Create/edit (POST/PATCH /api/v1/experts) and detail drawers of an expert; rules mirror ExpertCreateSchema. */
import { useEffect } from 'react';
import { App, Descriptions, Drawer, Form, Input, Select, Tabs, Tag } from 'antd';
import { useAuth } from '../../../app/auth.tsx';
import { RegionTreeSelect } from '../../../components/RegionTreeSelect.tsx';
import { saveRecord, useFormSubmit } from '../../../lib/forms.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { emptyToNull, maxLen, phoneRule, required } from '../../../lib/validators.ts';
import { enumOptions, useDict } from '../dicts.ts';
import { AVAILABILITY, AVAILABILITY_COLORS, AVAILABILITY_LABELS, rm } from '../messages.ts';
import type { Expert } from '../types.ts';
import { formatPoint, LngLatItems, toPoint, useRecordTabs } from './shared.tsx';
import { FormDrawer } from '../../../components/FormDrawer.tsx';

interface ExpertFormValues {
  name: string;
  fields: string[];
  title: string;
  employer: string;
  phone: string;
  regionCode: string;
  availability: string;
  lng: number | null;
  lat: number | null;
  note: string;
}

const FIELDS = ['name', 'fields', 'title', 'employer', 'phone', 'regionCode', 'availability', 'location', 'lng', 'lat', 'note'] as const;
const EVENT_CODE_RE = /^[0-9]{2}[0-9A-Z][0-9]{2}$/;

export function AvailabilityTag({ value }: { value: string }) {
  const { t } = useI18n();
  return <Tag color={AVAILABILITY_COLORS[value]}>{AVAILABILITY_LABELS[value] ? t(AVAILABILITY_LABELS[value]) : value}</Tag>;
}

export function ExpertFormDrawer({ open, expert, onClose, onSaved }: { open: boolean; expert: Expert | null; onClose: () => void; onSaved: (e: Expert) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user: me } = useAuth();
  const eventTypes = useDict('event_type');
  const [form] = Form.useForm<ExpertFormValues>();
  const editing = !!expert;
  const { saving, error, setError, submit } = useFormSubmit(form, {
    fields: FIELDS,
    save: async (v) => {
      const body = {
        name: v.name.trim(), fields: v.fields, title: emptyToNull(v.title), employer: emptyToNull(v.employer), phone: emptyToNull(v.phone),
        regionCode: v.regionCode, availability: v.availability, location: toPoint(v.lng, v.lat), note: emptyToNull(v.note),
      };
      const saved = await saveRecord<Expert>('/api/v1/experts', expert?.id, body);
      message.success(t(editing ? rm.expertSaved : rm.expertCreated, { name: saved.name }));
      onSaved(saved);
    },
  });

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (expert) {
      form.setFieldsValue({
        name: expert.name, fields: expert.fields, title: expert.title ?? '', employer: expert.employer ?? '', phone: expert.phone ?? '',
        regionCode: expert.regionCode, availability: expert.availability,
        lng: expert.location?.coordinates[0] ?? null, lat: expert.location?.coordinates[1] ?? null, note: expert.note ?? '',
      });
    } else {
      form.setFieldsValue({ regionCode: me?.regionCode, fields: [], availability: 'available' });
    }
  }, [open, expert, form, me, setError]);

  return (
    <FormDrawer title={t(editing ? rm.expertEdit : rm.expertCreate)} open={open} onClose={onClose} onSubmit={submit} saving={saving} error={error} testId="expert" size={600}>
      <Form form={form} layout="vertical" data-testid="expert-form" autoComplete="off">
        <div style={{ display: 'flex' }}>
          <Form.Item name="name" label={t(rm.expertName)} rules={[required(t, rm.expertName), maxLen(t, rm.expertName, 30)]} style={{ flex: 1, marginInlineEnd: 12 }}>
            <Input data-testid="expert-form-name" maxLength={30} />
          </Form.Item>
          <Form.Item name="availability" label={t(rm.availability)} rules={[required(t, rm.availability, true)]} style={{ width: 160 }}>
            <Select data-testid="expert-form-availability" options={enumOptions(AVAILABILITY, AVAILABILITY_LABELS, t)} />
          </Form.Item>
        </div>
        <Form.Item
          name="fields"
          label={t(rm.fields)}
          rules={[
            required(t, rm.fields, 'multi'),
            { type: 'array', max: 12, message: t(rm.fieldsMax) },
            { validator: async (_r, v: unknown) => { if (Array.isArray(v) && v.some((c) => !EVENT_CODE_RE.test(String(c)))) throw new Error(t(common.badFormat, { field: t(rm.fields) })); } },
          ]}
        >
          <Select
            mode="multiple"
            allowClear
            data-testid="expert-form-fields"
            showSearch={{ optionFilterProp: 'label' }}
            options={eventTypes.items.map((i) => ({ value: i.code, label: `${i.code} ${eventTypes.label(i.code)}` }))}
          />
        </Form.Item>
        <div style={{ display: 'flex' }}>
          <Form.Item name="title" label={t(rm.title)} rules={[maxLen(t, rm.title, 30)]} style={{ flex: 1, marginInlineEnd: 12 }}>
            <Input data-testid="expert-form-title" maxLength={30} />
          </Form.Item>
          <Form.Item name="phone" label={t(rm.phone)} rules={[phoneRule(t)]} style={{ flex: 1 }}>
            <Input data-testid="expert-form-phone" maxLength={20} />
          </Form.Item>
        </div>
        <Form.Item name="employer" label={t(rm.employer)} rules={[maxLen(t, rm.employer, 100)]}>
          <Input data-testid="expert-form-employer" maxLength={100} />
        </Form.Item>
        <Form.Item name="regionCode" label={t(rm.region)} rules={[required(t, rm.region, true)]}>
          <RegionTreeSelect data-testid="expert-form-regionCode" />
        </Form.Item>
        <LngLatItems testIdPrefix="expert-form" />
        <Form.Item name="note" label={t(rm.note)} rules={[maxLen(t, rm.note, 1000)]}>
          <Input.TextArea data-testid="expert-form-note" maxLength={1000} rows={3} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

export function ExpertDetailDrawer({ expert, onClose, reloadKey }: { expert: Expert | null; onClose: () => void; reloadKey: number }) {
  const { t, locale } = useI18n();
  const recordTabs = useRecordTabs();
  const eventTypes = useDict('event_type');
  return (
    <Drawer open={!!expert} onClose={onClose} size={680} title={expert ? `${t(rm.expertDetail)} · ${expert.name}` : ''} destroyOnHidden data-testid="expert-detail">
      {expert && (
        <>
          <Descriptions column={2} size="small" bordered data-testid="expert-detail-fields">
            <Descriptions.Item label={t(rm.expertName)}>{expert.name}</Descriptions.Item>
            <Descriptions.Item label={t(rm.availability)}><AvailabilityTag value={expert.availability} /></Descriptions.Item>
            <Descriptions.Item label={t(rm.fields)} span={2}>{expert.fields.map((f) => <Tag key={f}>{eventTypes.label(f)}</Tag>)}</Descriptions.Item>
            <Descriptions.Item label={t(rm.title)}>{expert.title ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t(rm.phone)}>{expert.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t(rm.employer)} span={2}>{expert.employer ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t(rm.region)}>{expert.regionName}</Descriptions.Item>
            <Descriptions.Item label={t(common.updatedAt)}>{formatDateTime(expert.updatedAt, locale)}</Descriptions.Item>
            <Descriptions.Item label={t(rm.location)} span={2}>{formatPoint(expert.location, t(rm.noLocation))}</Descriptions.Item>
            {expert.note && <Descriptions.Item label={t(rm.note)} span={2}>{expert.note}</Descriptions.Item>}
          </Descriptions>
          <Tabs
            style={{ marginTop: 16 }}
            items={recordTabs({ entityType: 'expert', id: expert.id, reloadKey, map: { point: expert.location, name: expert.name, color: '#7c3aed', testId: 'expert-map' } })}
          />
        </>
      )}
    </Drawer>
  );
}
