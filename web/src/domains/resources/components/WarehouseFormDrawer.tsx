/**
 * Create (POST /api/v1/warehouses) and edit (PATCH /api/v1/warehouses/:id) a warehouse. Rules mirror
 * WarehouseCreateSchema (server/src/modules/resources/warehouses.ts): an agreement reserve (协议代储)
 * needs its enterprise; the location is picked on a small map or typed as lon/lat.
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { App, Button, Form, Input, InputNumber, Select, Spin, Typography } from 'antd';
import { useAuth } from '../../../app/auth.tsx';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import type { MapLayer } from '../../../components/MapView.tsx';
import { OrgSelect } from '../../../components/OrgSelect.tsx';
import { RegionTreeSelect } from '../../../components/RegionTreeSelect.tsx';
import { api } from '../../../lib/api.ts';
import { saveRecord, useFormSubmit } from '../../../lib/forms.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import type { GeoPoint, User } from '../../../lib/types.ts';
import { emptyToNull, maxLen, minLen, phoneRule, required } from '../../../lib/validators.ts';
import { enumOptions } from '../dicts.ts';
import { rm } from '../messages.ts';
import { sm, WAREHOUSE_LEVEL_LABELS, WAREHOUSE_LEVELS } from '../messages-stock.ts';
import type { Warehouse } from '../types.ts';
import { LngLatItems, toPoint } from './shared.tsx';
import { RemoteSelect } from './StockPickers.tsx';

const MapView = lazy(() => import('../../../components/MapView.tsx'));

interface WarehouseFormValues {
  name: string;
  level: string;
  regionCode: string;
  orgId: string | null;
  managerName: string;
  managerPhone: string;
  managerUserId: string | null;
  address: string;
  lng: number | null;
  lat: number | null;
  areaM2: number | null;
  note: string;
}

const FIELDS = ['name', 'level', 'regionCode', 'orgId', 'managerName', 'managerPhone', 'managerUserId', 'address', 'location', 'lng', 'lat', 'areaM2', 'note'] as const;

const fetchUser = (id: string) => api.get<User>(`/api/v1/users/${id}`);

/** Map + lon/lat inputs bound to the form fields `lng` and `lat`; a click on the map sets both. */
function WarehouseLocationPicker({ initial }: { initial: GeoPoint | null }) {
  const { t } = useI18n();
  const form = Form.useFormInstance<WarehouseFormValues>();
  const lng = Form.useWatch('lng', form);
  const lat = Form.useWatch('lat', form);
  // Fit once (to the record's point or the county); clicks must not re-zoom the map.
  const [fitTo] = useState<GeoPoint | 'basemap'>(initial ?? 'basemap');
  const layers = useMemo<MapLayer[]>(() => (lng != null && lat != null ? [{
    id: 'warehouse-pick',
    type: 'circle',
    data: { type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] }, properties: {} },
    paint: { 'circle-radius': 8, 'circle-color': '#d97706', 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
  }] : []), [lng, lat]);
  return (
    <>
      <LngLatItems testIdPrefix="warehouse-form" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(sm.pickOnMap)}</Typography.Text>
      {lng != null && (
        <Button type="link" size="small" onClick={() => form.setFieldsValue({ lng: null, lat: null })} data-testid="warehouse-form-clear-location">{t(sm.clearLocation)}</Button>
      )}
      <div style={{ marginTop: 4, marginBottom: 16 }}>
        <Suspense fallback={<div style={{ height: 240, display: 'flex', alignItems: 'center', justifyContent: 'center' }}><Spin /></div>}>
          <MapView
            height={240}
            layers={layers}
            fitTo={fitTo}
            fitMaxZoom={11}
            basemapLabels
            testId="warehouse-form-map"
            onMapClick={({ lng: x, lat: y }) => {
              form.setFieldsValue({ lng: Math.round(x * 1e5) / 1e5, lat: Math.round(y * 1e5) / 1e5 });
              void form.validateFields(['lng', 'lat']).catch(() => undefined);
            }}
          />
        </Suspense>
      </div>
    </>
  );
}

export function WarehouseFormDrawer({ open, warehouse, onClose, onSaved }: { open: boolean; warehouse: Warehouse | null; onClose: () => void; onSaved: (w: Warehouse) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user: me, can } = useAuth();
  const [form] = Form.useForm<WarehouseFormValues>();
  const editing = !!warehouse;
  const level = Form.useWatch('level', form);
  const { saving, error, setError, submit } = useFormSubmit(form, {
    fields: FIELDS,
    save: async (v) => {
      const body = {
        name: v.name.trim(), level: v.level, regionCode: v.regionCode, orgId: v.orgId ?? null,
        managerName: emptyToNull(v.managerName), managerPhone: emptyToNull(v.managerPhone),
        // Without users:read the picker is hidden: keep the current manager account.
        ...(can('users:read') ? { managerUserId: v.managerUserId ?? null } : {}),
        address: emptyToNull(v.address), location: toPoint(v.lng, v.lat), areaM2: v.areaM2 ?? null, note: emptyToNull(v.note),
      };
      const saved = await saveRecord<Warehouse>('/api/v1/warehouses', warehouse?.id, body);
      message.success(t(editing ? sm.warehouseSaved : sm.warehouseCreated, { name: saved.name }));
      onSaved(saved);
    },
  });

  // Primitive deps: a refreshed session object (same user) must not reset a form being filled in.
  const myRegion = me?.regionCode;
  const myOrg = me?.orgId ?? null;
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (warehouse) {
      form.setFieldsValue({
        name: warehouse.name, level: warehouse.level, regionCode: warehouse.regionCode, orgId: warehouse.orgId,
        managerName: warehouse.managerName ?? '', managerPhone: warehouse.managerPhone ?? '', managerUserId: warehouse.managerUserId,
        address: warehouse.address ?? '', lng: warehouse.location?.coordinates[0] ?? null, lat: warehouse.location?.coordinates[1] ?? null,
        areaM2: warehouse.areaM2, note: warehouse.note ?? '',
      });
    } else {
      form.setFieldsValue({ regionCode: myRegion, orgId: myOrg, managerUserId: null, areaM2: null });
    }
  }, [open, warehouse, form, myRegion, myOrg, setError]);

  return (
    <FormDrawer title={t(editing ? sm.warehouseEdit : sm.warehouseCreate)} open={open} onClose={onClose} onSubmit={submit} saving={saving} error={error} testId="warehouse" size={640}>
      <Form form={form} layout="vertical" data-testid="warehouse-form" autoComplete="off">
        <Form.Item name="name" label={t(sm.warehouseName)} rules={[required(t, sm.warehouseName), minLen(t, sm.warehouseName, 2), maxLen(t, sm.warehouseName, 100)]}>
          <Input data-testid="warehouse-form-name" maxLength={100} />
        </Form.Item>
        <div style={{ display: 'flex' }}>
          <Form.Item name="level" label={t(sm.level)} rules={[required(t, sm.level, true)]} style={{ width: 180, marginInlineEnd: 12 }}>
            <Select data-testid="warehouse-form-level" options={enumOptions(WAREHOUSE_LEVELS, WAREHOUSE_LEVEL_LABELS, t)} />
          </Form.Item>
          <Form.Item name="regionCode" label={t(rm.region)} rules={[required(t, rm.region, true)]} style={{ flex: 1 }}>
            <RegionTreeSelect data-testid="warehouse-form-regionCode" />
          </Form.Item>
        </div>
        <Form.Item
          name="orgId"
          label={t(sm.ownerOrg)}
          dependencies={['level']}
          rules={[{ required: level === 'agreement', message: t(sm.ownerOrgRequired) }]}
        >
          <OrgSelect data-testid="warehouse-form-orgId" />
        </Form.Item>
        <div style={{ display: 'flex' }}>
          <Form.Item name="managerName" label={t(sm.managerName)} rules={[maxLen(t, sm.managerName, 30)]} style={{ flex: 1, marginInlineEnd: 12 }}>
            <Input data-testid="warehouse-form-managerName" maxLength={30} />
          </Form.Item>
          <Form.Item name="managerPhone" label={t(sm.managerPhone)} rules={[phoneRule(t)]} style={{ flex: 1 }}>
            <Input data-testid="warehouse-form-managerPhone" maxLength={20} />
          </Form.Item>
        </div>
        {can('users:read') && (
          <Form.Item name="managerUserId" label={t(sm.managerUser)} extra={t(sm.managerUserHint)}>
            <RemoteSelect<User>
              endpoint="/api/v1/users"
              query={{ status: 'active' }}
              label={(u) => `${u.displayName}（${u.username}）`}
              fetchOne={fetchUser}
              data-testid="warehouse-form-managerUserId"
            />
          </Form.Item>
        )}
        <div style={{ display: 'flex' }}>
          <Form.Item name="address" label={t(sm.address)} rules={[maxLen(t, sm.address, 200)]} style={{ flex: 1, marginInlineEnd: 12 }}>
            <Input data-testid="warehouse-form-address" maxLength={200} />
          </Form.Item>
          <Form.Item name="areaM2" label={t(sm.areaM2)} rules={[{ type: 'number', min: 0, max: 1e6, message: t(common.badFormat, { field: t(sm.areaM2) }) }]} style={{ width: 150 }}>
            <InputNumber data-testid="warehouse-form-areaM2" min={0} max={1e6} precision={1} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        {open && <WarehouseLocationPicker initial={warehouse?.location ?? null} />}
        <Form.Item name="note" label={t(rm.note)} rules={[maxLen(t, rm.note, 1000)]}>
          <Input.TextArea data-testid="warehouse-form-note" maxLength={1000} rows={2} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
