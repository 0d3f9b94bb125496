/**
 * Create a sub-region (POST /api/v1/regions) or edit a region (PATCH /api/v1/regions/:code). Mirrors
 * RegionCreateSchema / RegionUpdateSchema (server/src/modules/regions/service.ts) and checks the code
 * against the parent's: the 12-digit statistical code (GB/T 10114 structure) keeps the parent's first
 * 6 digits for a township and its first 9 for a village.
 */
import { useEffect, useMemo, useState } from 'react';
import { App, AutoComplete, Descriptions, Form, Input, InputNumber, Switch } from 'antd';
import { ApiError, api, errorMessage } from '../../../lib/api.ts';
import { applyServerErrors } from '../../../lib/forms.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import type { Region, RegionDetail } from '../../../lib/types.ts';
import { maxLen, required } from '../../../lib/validators.ts';
import { LEVEL_LABELS, rm } from '../messages.ts';
import { BoundaryInput, type BoundaryValue } from './BoundaryInput.tsx';
import { FormDrawer } from '../../../components/FormDrawer.tsx';

export type RegionFormTarget = { mode: 'create'; parent: RegionDetail } | { mode: 'edit'; region: RegionDetail };

interface RegionFormValues {
  code: string;
  name: string;
  kind: string;
  lng: number | null;
  lat: number | null;
  population: number | null;
  codeOfficial: boolean;
  boundaryApprox: boolean;
  boundary: BoundaryValue;
}

const FIELDS = ['code', 'name', 'kind', 'lng', 'lat', 'population', 'codeOfficial', 'boundary', 'boundaryApprox'] as const;
const INT4_MAX = 2_147_483_647;

/** Level of a new child (as the server decides it) and how many leading digits it shares with the parent. */
export const CHILD_LEVEL: Record<string, { level: string; prefix: number }> = {
  province: { level: 'prefecture', prefix: 2 },
  prefecture: { level: 'county', prefix: 4 },
  county: { level: 'township', prefix: 6 },
  township: { level: 'village', prefix: 9 },
};

/** Usual kinds per level (the field stays free text, as on the server). */
const KINDS: Record<string, string[]> = {
  prefecture: ['地级市', '地区', '自治州', '盟'],
  county: ['县', '市辖区', '县级市', '自治县', '旗'],
  township: ['镇', '乡', '民族乡', '街道', '园区', '矿区', '农场'],
  village: ['村', '社区', '队'],
};

/** Server field errors → form fields: centre.coordinates.0/1 → lng/lat, boundary.* → boundary. */
function remapErrors(err: unknown): unknown {
  if (!(err instanceof ApiError) || !err.errors.length) return err;
  const errors = err.errors.map((e) => {
    const p = e.path.replace(/^\//, '').replace(/\//g, '.');
    if (p.startsWith('centre')) return { ...e, path: p.endsWith('.1') ? 'lat' : 'lng' };
    if (p.startsWith('boundary.') || p === 'boundary') return { ...e, path: 'boundary' };
    return e;
  });
  return new ApiError({ ...err.problem, errors });
}

export function RegionFormDrawer({ open, target, onClose, onSaved }: {
  open: boolean;
  target: RegionFormTarget | null;
  onClose: () => void;
  onSaved: (r: Region, mode: 'create' | 'edit') => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RegionFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const parent = target?.mode === 'create' ? target.parent : null;
  const region = target?.mode === 'edit' ? target.region : null;
  const child = parent ? CHILD_LEVEL[parent.level] : undefined;
  const level = region?.level ?? child?.level ?? '';
  const prefix = parent && child ? parent.code.slice(0, child.prefix) : '';

  const kindOptions = useMemo(() => {
    const list = [...(KINDS[level] ?? [])];
    if (region && !list.includes(region.kind)) list.unshift(region.kind);
    return list.map((k) => ({ value: k, label: k }));
  }, [level, region]);

  useEffect(() => {
    if (!open || !target) return;
    setError(null);
    form.resetFields();
    if (target.mode === 'edit') {
      const r = target.region;
      form.setFieldsValue({
        name: r.name, kind: r.kind, population: r.population,
        lng: r.centre?.coordinates[0] ?? null, lat: r.centre?.coordinates[1] ?? null,
        boundaryApprox: r.boundaryApprox, boundary: { kind: 'keep' },
      });
    } else {
      form.setFieldsValue({ code: prefix, codeOfficial: true, lng: null, lat: null, population: null });
    }
  }, [open, target, form, prefix]);

  const submit = async () => {
    if (!target) return;
    let v: RegionFormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    const centre = v.lng != null && v.lat != null ? { type: 'Point' as const, coordinates: [v.lng, v.lat] } : null;
    const population = v.population ?? null;
    try {
      let saved: Region;
      if (target.mode === 'create') {
        saved = await api.post<Region>('/api/v1/regions', {
          code: v.code, name: v.name.trim(), kind: v.kind.trim(), parentCode: target.parent.code,
          centre, population, codeOfficial: v.codeOfficial,
        });
      } else {
        const b = v.boundary;
        saved = await api.patch<Region>(`/api/v1/regions/${target.region.code}`, {
          name: v.name.trim(), kind: v.kind.trim(), centre, population, boundaryApprox: v.boundaryApprox,
          ...(b.kind === 'new' ? { boundary: b.parsed.geometry } : b.kind === 'clear' ? { boundary: null } : {}),
        });
      }
      message.success(t(target.mode === 'create' ? rm.created : rm.saved, { name: saved.name }));
      onSaved(saved, target.mode);
    } catch (err) {
      const mapped = remapErrors(err);
      const rest = applyServerErrors(form, mapped, FIELDS);
      setError(rest.length ? rest.join('；') : errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const codeRule = {
    validator: async (_r: unknown, value: unknown) => {
      const s = String(value ?? '');
      if (!s || !parent || !child) return;
      if (!/^[0-9]{12}$/.test(s)) throw new Error(t(rm.codeDigits));
      if (s.slice(0, child.prefix) !== prefix) throw new Error(t(rm.codePrefix, { n: child.prefix, prefix }));
      if (s === parent.code) throw new Error(t(rm.codeSameAsParent));
      if (child.level === 'village' && s.endsWith('000')) throw new Error(t(rm.codeVillageTail));
      if (child.level === 'township' && !s.endsWith('000')) throw new Error(t(rm.codeTownshipTail));
    },
  };

  const bothOrNeither = ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: async () => {
      if ((getFieldValue('lng') == null) !== (getFieldValue('lat') == null)) throw new Error(t(rm.centreBoth));
    },
  });

  const levelLabel = LEVEL_LABELS[level] ? t(LEVEL_LABELS[level]) : level;
  const title = parent ? t(rm.createTitle, { parent: parent.name }) : region ? t(rm.editTitle, { name: region.name }) : '';

  return (
    <FormDrawer title={title} open={open} onClose={onClose} onSubmit={() => void submit()} saving={saving} error={error} testId="region" size={600}>
      <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
        {parent && <Descriptions.Item label={t(rm.parent)}>{parent.name}&nbsp;<span style={{ fontFamily: 'monospace', color: '#64748b' }}>{parent.code}</span></Descriptions.Item>}
        {parent && <Descriptions.Item label={t(rm.childLevel)}>{levelLabel}</Descriptions.Item>}
        {region && <Descriptions.Item label={t(rm.code)}><span style={{ fontFamily: 'monospace' }}>{region.code}</span></Descriptions.Item>}
        {region && <Descriptions.Item label={t(rm.level)}>{levelLabel}</Descriptions.Item>}
      </Descriptions>
      <Form form={form} layout="vertical" data-testid="region-form" autoComplete="off">
        {parent && child && (
          <div style={{ display: 'flex', alignItems: 'flex-start' }}>
            <Form.Item
              name="code"
              label={t(rm.code)}
              extra={t(rm.codeHelp, { n: child.prefix, prefix })}
              normalize={(v: string) => (v ? v.replace(/\s+/g, '') : v)}
              rules={[required(t, rm.code), codeRule]}
              style={{ flex: 1, marginInlineEnd: 12 }}
            >
              <Input data-testid="region-form-code" maxLength={12} inputMode="numeric" style={{ fontFamily: 'monospace' }} />
            </Form.Item>
            <Form.Item name="codeOfficial" label={t(rm.codeOfficial)} valuePropName="checked" tooltip={t(rm.codeOfficialHelp)}>
              <Switch checkedChildren={t(rm.codeOfficialOn)} unCheckedChildren={t(rm.codeOfficialOff)} data-testid="region-form-codeOfficial" />
            </Form.Item>
          </div>
        )}
        <div style={{ display: 'flex' }}>
          <Form.Item name="name" label={t(rm.name)} rules={[required(t, rm.name), maxLen(t, rm.name, 50)]} style={{ flex: 2, marginInlineEnd: 12 }}>
            <Input data-testid="region-form-name" maxLength={50} />
          </Form.Item>
          <Form.Item name="kind" label={t(rm.kind)} tooltip={t(rm.kindHelp)} rules={[required(t, rm.kind), maxLen(t, rm.kind, 10)]} style={{ flex: 1 }}>
            <AutoComplete options={kindOptions} data-testid="region-form-kind" maxLength={10} />
          </Form.Item>
        </div>
        <Form.Item label={t(rm.centre)} extra={t(rm.centreHelp)} style={{ marginBottom: 16 }}>
          <div style={{ display: 'flex' }}>
            <Form.Item
              name="lng"
              dependencies={['lat']}
              rules={[{ type: 'number', min: -180, max: 180, message: t(rm.lngRange) }, bothOrNeither]}
              style={{ flex: 1, marginInlineEnd: 12, marginBottom: 0 }}
            >
              <InputNumber data-testid="region-form-lng" placeholder={t(rm.lng)} step={0.0001} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="lat"
              dependencies={['lng']}
              rules={[{ type: 'number', min: -90, max: 90, message: t(rm.latRange) }, bothOrNeither]}
              style={{ flex: 1, marginBottom: 0 }}
            >
              <InputNumber data-testid="region-form-lat" placeholder={t(rm.lat)} step={0.0001} style={{ width: '100%' }} />
            </Form.Item>
          </div>
        </Form.Item>
        <Form.Item name="population" label={t(rm.population)} rules={[{ type: 'integer', min: 0, max: INT4_MAX, message: t(rm.populationRule) }]}>
          <InputNumber data-testid="region-form-population" step={1} style={{ width: '50%' }} />
        </Form.Item>
        {region && (
          <>
            <Form.Item
              name="boundary"
              label={t(rm.boundary)}
              extra={t(rm.boundaryUploadHelp)}
              rules={[{ validator: async (_r, v: BoundaryValue | undefined) => { if (v?.kind === 'invalid') throw new Error(v.message); } }]}
            >
              <BoundaryInput region={region} />
            </Form.Item>
            <Form.Item name="boundaryApprox" label={t(rm.boundaryApprox)} extra={t(rm.boundaryApproxHelp)} valuePropName="checked">
              <Switch data-testid="region-form-boundaryApprox" />
            </Form.Item>
          </>
        )}
      </Form>
    </FormDrawer>
  );
}
