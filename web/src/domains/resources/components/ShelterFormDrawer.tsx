/**
 * Create (POST /api/v1/shelters) and edit (PATCH /api/v1/shelters/:id) a shelter. The rules mirror
 * ShelterCreateSchema (server/src/modules/resources/shelters.ts); the server's field errors (e.g. a
 * capacity below the people already inside) land on the fields.
 */
import { useEffect } from 'react';
import { App, Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { useAuth } from '../../../app/auth.tsx';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { RegionTreeSelect } from '../../../components/RegionTreeSelect.tsx';
import { saveRecord, useFormSubmit } from '../../../lib/forms.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { emptyToNull, maxLen, minLen, phoneRule, required } from '../../../lib/validators.ts';
import { enumOptions } from '../dicts.ts';
import { rm } from '../messages.ts';
import {
  shm, SHELTER_FACILITIES, SHELTER_FACILITY_LABELS, SHELTER_HEX, SHELTER_KIND_LABELS, SHELTER_KINDS, SHELTER_SPACE_LABELS, SHELTER_SPACES,
} from '../messages-shelters.ts';
import type { Shelter } from '../types.ts';
import { MapPointPicker } from './MapPointPicker.tsx';
import { toPoint } from './shared.tsx';

interface ShelterFormValues {
  name: string;
  kind: string;
  space: string;
  regionCode: string;
  address: string;
  lng: number | null;
  lat: number | null;
  areaM2: number | null;
  capacity: number | null;
  facilities: string[];
  managerName: string;
  managerPhone: string;
  note: string;
}

const FIELDS = ['name', 'kind', 'space', 'regionCode', 'address', 'location', 'lng', 'lat', 'areaM2', 'capacity', 'facilities', 'managerName', 'managerPhone', 'note'] as const;

export function ShelterFormDrawer({ open, shelter, onClose, onSaved }: { open: boolean; shelter: Shelter | null; onClose: () => void; onSaved: (s: Shelter) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user: me } = useAuth();
  const [form] = Form.useForm<ShelterFormValues>();
  const editing = !!shelter;
  const { saving, error, setError, submit } = useFormSubmit(form, {
    fields: FIELDS,
    save: async (v) => {
      const body = {
        name: v.name.trim(), kind: v.kind, space: v.space, regionCode: v.regionCode, address: emptyToNull(v.address),
        location: toPoint(v.lng, v.lat), areaM2: v.areaM2 ?? null, capacity: v.capacity ?? 0, facilities: v.facilities ?? [],
        managerName: emptyToNull(v.managerName), managerPhone: emptyToNull(v.managerPhone), note: emptyToNull(v.note),
      };
      const saved = await saveRecord<Shelter>('/api/v1/shelters', shelter?.id, body);
      message.success(t(editing ? shm.shelterSaved : shm.shelterCreated, { name: saved.name }));
      onSaved(saved);
    },
  });

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (shelter) {
      form.setFieldsValue({
        name: shelter.name, kind: shelter.kind, space: shelter.space, regionCode: shelter.regionCode, address: shelter.address ?? '',
        lng: shelter.location?.coordinates[0] ?? null, lat: shelter.location?.coordinates[1] ?? null, areaM2: shelter.areaM2,
        capacity: shelter.capacity, facilities: shelter.facilities, managerName: shelter.managerName ?? '', managerPhone: shelter.managerPhone ?? '',
        note: shelter.note ?? '',
      });
    } else {
      form.setFieldsValue({ regionCode: me?.regionCode, space: 'outdoor', facilities: [], areaM2: null, capacity: null });
    }
  }, [open, shelter, form, me, setError]);

  return (
    <FormDrawer title={t(editing ? shm.shelterEdit : shm.shelterCreate)} open={open} onClose={onClose} onSubmit={submit} saving={saving} error={error} testId="shelter" size={640}>
      <Form form={form} layout="vertical" data-testid="shelter-form" autoComplete="off">
        <Form.Item name="name" label={t(shm.shelterName)} rules={[required(t, shm.shelterName), minLen(t, shm.shelterName, 2), maxLen(t, shm.shelterName, 100)]}>
          <Input data-testid="shelter-form-name" maxLength={100} />
        </Form.Item>
        <div style={{ display: 'flex' }}>
          <Form.Item name="kind" label={t(shm.kind)} rules={[required(t, shm.kind, true)]} style={{ width: 150, marginInlineEnd: 12 }}>
            <Select data-testid="shelter-form-kind" options={enumOptions(SHELTER_KINDS, SHELTER_KIND_LABELS, t)} />
          </Form.Item>
          <Form.Item name="space" label={t(shm.space)} rules={[required(t, shm.space, true)]} style={{ width: 150, marginInlineEnd: 12 }}>
            <Select data-testid="shelter-form-space" options={enumOptions(SHELTER_SPACES, SHELTER_SPACE_LABELS, t)} />
          </Form.Item>
          <Form.Item name="regionCode" label={t(rm.region)} rules={[required(t, rm.region, true)]} style={{ flex: 1 }}>
            <RegionTreeSelect data-testid="shelter-form-regionCode" />
          </Form.Item>
        </div>
        <Form.Item name="address" label={t(shm.address)} rules={[maxLen(t, shm.address, 200)]}>
          <Input data-testid="shelter-form-address" maxLength={200} />
        </Form.Item>
        {open && <MapPointPicker initial={shelter?.location ?? null} testIdPrefix="shelter-form" hint={t(shm.pickOnMap)} clearLabel={t(shm.clearLocation)} color={SHELTER_HEX} />}
        <div style={{ display: 'flex' }}>
          <Form.Item
            name="capacity"
            label={t(shm.capacity)}
            rules={[{ required: true, type: 'integer', min: 0, max: 1_000_000, message: t(shm.capacityRule) }]}
            style={{ flex: 1, marginInlineEnd: 12 }}
          >
            <InputNumber data-testid="shelter-form-capacity" min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="areaM2"
            label={t(shm.areaM2)}
            rules={[{ type: 'number', min: 0, max: 1e8, message: t(common.badFormat, { field: t(shm.areaM2) }) }]}
            style={{ flex: 1 }}
          >
            <InputNumber data-testid="shelter-form-areaM2" min={0} max={1e8} precision={1} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="facilities" label={t(shm.facilities)}>
          <Checkbox.Group data-testid="shelter-form-facilities" options={enumOptions(SHELTER_FACILITIES, SHELTER_FACILITY_LABELS, t)} />
        </Form.Item>
        <div style={{ display: 'flex' }}>
          <Form.Item name="managerName" label={t(shm.managerName)} rules={[maxLen(t, shm.managerName, 30)]} style={{ flex: 1, marginInlineEnd: 12 }}>
            <Input data-testid="shelter-form-managerName" maxLength={30} />
          </Form.Item>
          <Form.Item name="managerPhone" label={t(shm.managerPhone)} rules={[phoneRule(t)]} style={{ flex: 1 }}>
            <Input data-testid="shelter-form-managerPhone" maxLength={20} />
          </Form.Item>
        </div>
        <Form.Item name="note" label={t(rm.note)} rules={[maxLen(t, rm.note, 1000)]}>
          <Input.TextArea data-testid="shelter-form-note" maxLength={1000} rows={2} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
