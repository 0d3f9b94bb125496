/** Create/edit (POST/PATCH /api/v1/equipment) and detail drawers of large equipment; rules mirror EquipmentCreateSchema. */
import { useEffect } from 'react';
import { App, AutoComplete, Descriptions, Drawer, Form, Input, InputNumber, Select, Tabs, Tag } from 'antd';
import { useAuth } from '../../../app/auth.tsx';
import { OrgSelect } from '../../../components/OrgSelect.tsx';
import { RegionTreeSelect } from '../../../components/RegionTreeSelect.tsx';
import { saveRecord, useFormSubmit } from '../../../lib/forms.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { emptyToNull, maxLen, phoneRule, required } from '../../../lib/validators.ts';
import { enumOptions } from '../dicts.ts';
import { EQUIPMENT_STATUS_COLORS, EQUIPMENT_STATUS_LABELS, EQUIPMENT_STATUSES, EQUIPMENT_TYPES, rm } from '../messages.ts';
import type { Equipment } from '../types.ts';
import { formatPoint, LngLatItems, toPoint, useRecordTabs } from './shared.tsx';
import { FormDrawer } from '../../../components/FormDrawer.tsx';

interface EquipmentFormValues {
  name: string;
  type: string;
  model: string;
  quantity: number | null;
  regionCode: string;
  orgId: string | null;
  status: string;
  contactName: string;
  contactPhone: string;
  lng: number | null;
  lat: number | null;
  note: string;
}

const FIELDS = ['name', 'type', 'model', 'quantity', 'regionCode', 'orgId', 'status', 'contactName', 'contactPhone', 'location', 'lng', 'lat', 'note'] as const;

export function EquipmentStatusTag({ value }: { value: string }) {
  const { t } = useI18n();
  return <Tag color={EQUIPMENT_STATUS_COLORS[value]}>{EQUIPMENT_STATUS_LABELS[value] ? t(EQUIPMENT_STATUS_LABELS[value]) : value}</Tag>;
}

export function EquipmentFormDrawer({ open, item, onClose, onSaved }: { open: boolean; item: Equipment | null; onClose: () => void; onSaved: (e: Equipment) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user: me } = useAuth();
  const [form] = Form.useForm<EquipmentFormValues>();
  const editing = !!item;

  const { saving, error, setError, submit } = useFormSubmit(form, {
    fields: FIELDS,
    save: async (v) => {
      const body = {
        name: v.name.trim(), type: v.type.trim(), model: emptyToNull(v.model), quantity: v.quantity ?? 1, regionCode: v.regionCode, orgId: v.orgId ?? null,
        status: v.status, contactName: emptyToNull(v.contactName), contactPhone: emptyToNull(v.contactPhone), location: toPoint(v.lng, v.lat), note: emptyToNull(v.note),
      };
      const saved = await saveRecord<Equipment>('/api/v1/equipment', item?.id, body);
      message.success(t(editing ? rm.equipmentSaved : rm.equipmentCreated, { name: saved.name }));
      onSaved(saved);
    },
  });

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (item) {
      form.setFieldsValue({
        name: item.name, type: item.type, model: item.model ?? '', quantity: item.quantity, regionCode: item.regionCode, orgId: item.orgId,
        status: item.status, contactName: item.contactName ?? '', contactPhone: item.contactPhone ?? '',
        lng: item.location?.coordinates[0] ?? null, lat: item.location?.coordinates[1] ?? null, note: item.note ?? '',
      });
    } else {
      form.setFieldsValue({ regionCode: me?.regionCode, quantity: 1, status: 'available', orgId: null });
    }
  }, [open, item, form, me, setError]);

  return (
    <FormDrawer title={t(editing ? rm.equipmentEdit : rm.equipmentCreate)} open={open} onClose={onClose} onSubmit={submit} saving={saving} error={error} testId="equipment" size={600}>
      <Form form={form} layout="vertical" data-testid="equipment-form" autoComplete="off">
        <Form.Item name="name" label={t(rm.equipmentName)} rules={[required(t, rm.equipmentName), maxLen(t, rm.equipmentName, 100)]}>
          <Input data-testid="equipment-form-name" maxLength={100} />
        </Form.Item>
        <div style={{ display: 'flex' }}>
          <Form.Item name="type" label={t(rm.type)} rules={[required(t, rm.type), maxLen(t, rm.type, 30)]} style={{ flex: 1, marginInlineEnd: 12 }}>
            <AutoComplete
              data-testid="equipment-form-type"
              options={EQUIPMENT_TYPES.map((x) => ({ value: x }))}
              showSearch={{ filterOption: (input, o) => String(o?.value ?? '').includes(input.trim()) }}
            />
          </Form.Item>
          <Form.Item name="model" label={t(rm.model)} rules={[maxLen(t, rm.model, 60)]} style={{ flex: 1 }}>
            <Input data-testid="equipment-form-model" maxLength={60} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex' }}>
          <Form.Item
            name="quantity"
            label={t(rm.quantity)}
            rules={[{ required: true, message: t(common.required, { field: t(rm.quantity) }) }, { type: 'integer', min: 1, max: 100000, message: t(rm.quantityMin) }]}
            style={{ width: 160, marginInlineEnd: 12 }}
          >
            <InputNumber data-testid="equipment-form-quantity" min={1} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="status" label={t(rm.status)} rules={[required(t, rm.status, true)]} style={{ flex: 1 }}>
            <Select data-testid="equipment-form-status" options={enumOptions(EQUIPMENT_STATUSES, EQUIPMENT_STATUS_LABELS, t)} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex' }}>
          <Form.Item name="regionCode" label={t(rm.region)} rules={[required(t, rm.region, true)]} style={{ flex: 1, marginInlineEnd: 12 }}>
            <RegionTreeSelect data-testid="equipment-form-regionCode" />
          </Form.Item>
          <Form.Item name="orgId" label={t(rm.org)} style={{ flex: 1 }}>
            <OrgSelect data-testid="equipment-form-orgId" />
          </Form.Item>
        </div>
        <div style={{ display: 'flex' }}>
          <Form.Item name="contactName" label={t(rm.contactName)} rules={[maxLen(t, rm.contactName, 30)]} style={{ flex: 1, marginInlineEnd: 12 }}>
            <Input data-testid="equipment-form-contactName" maxLength={30} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t(rm.contactPhone)} rules={[phoneRule(t)]} style={{ flex: 1 }}>
            <Input data-testid="equipment-form-contactPhone" maxLength={20} />
          </Form.Item>
        </div>
        <LngLatItems testIdPrefix="equipment-form" />
        <Form.Item name="note" label={t(rm.note)} rules={[maxLen(t, rm.note, 1000)]}>
          <Input.TextArea data-testid="equipment-form-note" maxLength={1000} rows={3} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

export function EquipmentDetailDrawer({ item, onClose, reloadKey }: { item: Equipment | null; onClose: () => void; reloadKey: number }) {
  const { t, locale } = useI18n();
  const recordTabs = useRecordTabs();
  return (
    <Drawer open={!!item} onClose={onClose} size={680} title={item ? `${t(rm.equipmentDetail)} · ${item.name}` : ''} destroyOnHidden data-testid="equipment-detail">
      {item && (
        <>
          <Descriptions column={2} size="small" bordered data-testid="equipment-detail-fields">
            <Descriptions.Item label={t(rm.equipmentName)} span={2}>{item.name}</Descriptions.Item>
            <Descriptions.Item label={t(rm.type)}>{item.type}</Descriptions.Item>
            <Descriptions.Item label={t(rm.model)}>{item.model ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t(rm.quantity)}>{item.quantity}</Descriptions.Item>
            <Descriptions.Item label={t(rm.status)}><EquipmentStatusTag value={item.status} /></Descriptions.Item>
            <Descriptions.Item label={t(rm.region)}>{item.regionName}</Descriptions.Item>
            <Descriptions.Item label={t(rm.org)}>{item.orgName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t(rm.contactName)}>{item.contactName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t(rm.contactPhone)}>{item.contactPhone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t(rm.location)} span={2}>{formatPoint(item.location, t(rm.noLocation))}</Descriptions.Item>
            {item.note && <Descriptions.Item label={t(rm.note)} span={2}>{item.note}</Descriptions.Item>}
            <Descriptions.Item label={t(common.updatedAt)} span={2}>{formatDateTime(item.updatedAt, locale)}</Descriptions.Item>
          </Descriptions>
          <Tabs
            style={{ marginTop: 16 }}
            items={recordTabs({ entityType: 'equipment', id: item.id, reloadKey, map: { point: item.location, name: item.name, color: '#2563eb', testId: 'equipment-map' } })}
          />
        </>
      )}
    </Drawer>
  );
}
