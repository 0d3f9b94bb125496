/**
 * Create (POST /api/v1/major-hazards) and edit (PATCH /api/v1/major-hazards/:id) a production or storage
 * unit with its chemicals. Names come with suggestions from GB 18218 Table 1 (reference chemicals):
 * picking one fills its category and CAS, and shows its critical quantity Q as the default; Q may be
 * overridden. S, α, R and the grade are the server's: after a save the drawer stays open on the saved
 * unit and shows them.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, App, AutoComplete, Button, Descriptions, Form, Input, InputNumber, Select, Table, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { useAuth } from '../../../app/auth.tsx';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { saveRecord, useFormSubmit } from '../../../lib/forms.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { emptyToNull, maxLen, minLen, required } from '../../../lib/validators.ts';
import { LngLatItems, toPoint } from '../../resources/components/shared.tsx';
import { applyNestedErrors, changedFields, topLevel, withoutNulls } from '../forms.ts';
import { km, UNIT_TYPE_LABELS, UNIT_TYPES } from '../messages.ts';
import { casList, chemicalLabel, findChemical, useHazardReference } from '../reference.ts';
import type { HazardChemical, MajorHazard, MajorHazardReference } from '../types.ts';
import { EnterpriseSelect } from './EnterpriseSelect.tsx';
import { GradeTag } from './RiskTags.tsx';

interface ChemicalValues {
  name: string;
  cas: string;
  category: string | undefined;
  quantityT: number | null;
  criticalQuantityT: number | null;
}

interface Values {
  enterpriseId: string;
  name: string;
  unitType: 'storage' | 'production';
  exposedPeople: number | null;
  chemicals: ChemicalValues[];
  lng: number | null;
  lat: number | null;
  note: string;
}

const FIELDS = ['enterpriseId', 'name', 'unitType', 'exposedPeople', 'lng', 'lat', 'note'] as const;
const CHEMICAL_FIELDS = ['name', 'cas', 'category', 'quantityT', 'criticalQuantityT'];
const EMPTY_CHEMICAL: ChemicalValues = { name: '', cas: '', category: undefined, quantityT: null, criticalQuantityT: null };

/** The server's grading of a saved unit: S, α, R, grade and each chemical's Q, β and q/Q. */
export function MajorHazardResult({ hazard }: { hazard: MajorHazard }) {
  const { t, locale } = useI18n();
  const n = (v: number, d = 3) => formatNumber(v, locale, d);
  return (
    <Alert
      type={hazard.isMajorHazard ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="major-hazard-result"
      data-grade={hazard.grade ?? 'none'}
      data-r={hazard.r}
      title={t(km.resultTitle)}
      description={
        <>
          <Descriptions column={4} size="small">
            <Descriptions.Item label={t(km.resultS)}><span data-testid="major-hazard-result-s">{n(hazard.s)}</span></Descriptions.Item>
            <Descriptions.Item label="α"><span data-testid="major-hazard-result-alpha">{n(hazard.alpha, 2)}</span></Descriptions.Item>
            <Descriptions.Item label={t(km.resultR)}><b data-testid="major-hazard-result-r">{n(hazard.r)}</b></Descriptions.Item>
            <Descriptions.Item label={t(km.grade)}><GradeTag grade={hazard.grade} testId="major-hazard-result-grade" /></Descriptions.Item>
          </Descriptions>
          <Table<HazardChemical>
            size="small"
            rowKey={(c, i) => `${c.name}-${i ?? 0}`}
            pagination={false}
            dataSource={hazard.chemicals}
            columns={[
              { title: t(km.chemicalName), dataIndex: 'name', key: 'name' },
              { title: 'q (t)', dataIndex: 'quantityT', key: 'q', align: 'right', render: (v: number) => n(v) },
              { title: 'Q (t)', dataIndex: 'criticalQuantityT', key: 'Q', align: 'right', render: (v: number) => n(v) },
              { title: 'β', dataIndex: 'beta', key: 'beta', align: 'right', render: (v: number) => n(v, 2) },
              { title: 'q/Q', dataIndex: 'ratio', key: 'ratio', align: 'right', render: (v: number) => n(v) },
            ]}
          />
        </>
      }
    />
  );
}

function hazardValues(hazard: MajorHazard, ref: MajorHazardReference | null): Values {
  return {
    enterpriseId: hazard.enterpriseId, name: hazard.name, unitType: hazard.unitType, exposedPeople: hazard.exposedPeople,
    chemicals: hazard.chemicals.map((c) => {
      const dflt = findChemical(ref, c.name, c.cas)?.criticalQuantityT ?? ref?.categories.find((x) => x.code === c.category)?.criticalQuantityT;
      return { name: c.name, cas: c.cas ?? '', category: c.category, quantityT: c.quantityT, criticalQuantityT: ref && dflt === c.criticalQuantityT ? null : c.criticalQuantityT };
    }),
    lng: hazard.location?.coordinates[0] ?? null, lat: hazard.location?.coordinates[1] ?? null, note: hazard.note ?? '',
  };
}

/** The request body (without enterpriseId, which only a create sends). */
function bodyOf(v: Values) {
  return {
    name: v.name.trim(),
    unitType: v.unitType,
    exposedPeople: v.exposedPeople ?? 0,
    chemicals: v.chemicals.map((c) => ({
      name: c.name.trim(),
      ...(c.cas?.trim() ? { cas: c.cas.trim() } : {}),
      category: c.category!,
      quantityT: c.quantityT!,
      ...(c.criticalQuantityT != null ? { criticalQuantityT: c.criticalQuantityT } : {}),
    })),
    location: toPoint(v.lng, v.lat),
    note: emptyToNull(v.note),
  };
}

function chemicalOptions(ref: MajorHazardReference | null) {
  if (!ref) return [];
  // One option per name and alias (液氯, 氯气 and 氯 all find Table 1's 氯). The value is the Chinese name
  // the server matches Table 1 by; in English the chemical's English name is shown (and searched) too.
  return ref.chemicals.flatMap((c) => {
    const label = chemicalLabel(c);
    return [c.name, ...c.aliases].map((name) => ({
      value: name,
      search: [c.name, label, ...c.aliases, ...casList(c)].join(' '),
      label: (
        <span data-testid="chemical-option" data-value={name}>
          {name}
          {label !== c.name ? <Typography.Text type="secondary"> ({label})</Typography.Text>
            : name !== c.name && <Typography.Text type="secondary"> （{c.name}）</Typography.Text>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}> · {casList(c).join(' / ')} · Q {c.criticalQuantityT} t</Typography.Text>
        </span>
      ),
    }));
  });
}

export function MajorHazardFormDrawer({ open, hazard, enterpriseId, onClose, onSaved }: {
  open: boolean;
  hazard: MajorHazard | null;
  /** Fixes the enterprise (adding from an enterprise's file). */
  enterpriseId?: string;
  onClose: () => void;
  onSaved: (h: MajorHazard) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user } = useAuth();
  // An enterprise account files its own points and sources.
  const ownEnterprise = user?.roles.includes('enterprise') ? user.orgId ?? undefined : undefined;
  const { data: ref } = useHazardReference();
  const [form] = Form.useForm<Values>();
  const [current, setCurrent] = useState<MajorHazard | null>(hazard);
  const rows = Form.useWatch('chemicals', form) as ChemicalValues[] | undefined;
  const options = useMemo(() => chemicalOptions(ref), [ref]);
  const { saving, error, setError, submit } = useFormSubmit(form, {
    fields: (err) => applyNestedErrors(form, err, (seg) => {
      if (seg[0] === 'chemicals' && seg[1] !== undefined && /^\d+$/.test(seg[1]) && CHEMICAL_FIELDS.includes(seg[2] ?? '')) return ['chemicals', Number(seg[1]), seg[2]!];
      return topLevel(FIELDS, seg);
    }),
    save: async (v) => {
      // Shown above the form (the table has no field of its own to carry it).
      if (!v.chemicals?.length) throw new Error(t(km.chemicalsRequired));
      const body = bodyOf(v);
      const change = current ? changedFields(body, bodyOf(hazardValues(current, ref))) : { enterpriseId: v.enterpriseId, ...withoutNulls(body) };
      if (current && Object.keys(change).length === 0) {
        message.info(t(km.nothingChanged));
        return;
      }
      const saved = await saveRecord<MajorHazard>('/api/v1/major-hazards', current?.id, change);
      message.success(t(current ? km.hazardSaved : km.hazardCreated, { name: saved.name }));
      setCurrent(saved);
      onSaved(saved);
    },
  });
  const categoryOptions = useMemo(() => (ref?.categories ?? []).map((c) => ({ value: c.code, label: `${c.code} ${c.label}` })), [ref]);

  // Fill the form when the drawer opens; once the reference is there (it usually is), a stored Q equal
  // to the standard's default is shown as "no override".
  useEffect(() => {
    if (!open) return;
    setError(null);
    setCurrent(hazard);
    form.resetFields();
    if (hazard) form.setFieldsValue(hazardValues(hazard, null));
    else form.setFieldsValue({ enterpriseId: enterpriseId ?? ownEnterprise, unitType: 'storage', chemicals: [{ ...EMPTY_CHEMICAL }] });
  }, [open, hazard, enterpriseId, ownEnterprise, form, setError]);
  useEffect(() => {
    if (!open || !hazard || !ref || form.isFieldsTouched()) return;
    form.setFieldsValue({ chemicals: hazardValues(hazard, ref).chemicals });
  }, [open, hazard, ref, form]);

  /** The Q the server will use when no override is given: Table 1 by name/CAS, else Table 2 by category. */
  const defaultQ = (row: ChemicalValues | undefined): number | undefined => {
    if (!row) return undefined;
    return findChemical(ref, row.name, row.cas)?.criticalQuantityT ?? ref?.categories.find((c) => c.code === row.category)?.criticalQuantityT;
  };

  const onPickChemical = (index: number, name: string) => {
    const c = findChemical(ref, name);
    if (!c) return;
    const chemicals = [...(form.getFieldValue('chemicals') as ChemicalValues[])];
    chemicals[index] = { ...chemicals[index]!, name, cas: casList(c)[0] ?? '', category: c.category };
    form.setFieldsValue({ chemicals });
    void form.validateFields([['chemicals', index, 'category']]).catch(() => undefined);
  };

  const head = (label: string, width: number | string, extra?: ReactNode) => (
    <div style={{ width, flex: width === 'auto' ? 1 : undefined, fontSize: 12, color: '#475569' }}>{label}{extra}</div>
  );

  return (
    <FormDrawer title={t(current ? km.hazardEdit : km.hazardCreate)} open={open} onClose={onClose} onSubmit={submit} saving={saving} error={error} testId="major-hazard" size={920}>
      {current && <MajorHazardResult hazard={current} />}
      <Form form={form} layout="vertical" data-testid="major-hazard-form" autoComplete="off">
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="enterpriseId" label={t(km.enterprise)} rules={[required(t, km.enterprise, true)]} style={{ flex: 1, minWidth: 0 }}>
            <EnterpriseSelect data-testid="major-hazard-form-enterpriseId" disabled={!!current || !!enterpriseId} placeholder={t(km.pickEnterprise)} />
          </Form.Item>
          <Form.Item name="name" label={t(km.hazardName)} rules={[required(t, km.hazardName), minLen(t, km.hazardName, 2), maxLen(t, km.hazardName, 100)]} style={{ flex: 1 }}>
            <Input data-testid="major-hazard-form-name" maxLength={100} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="unitType" label={t(km.unitType)} rules={[required(t, km.unitType, true)]} style={{ width: 180 }}>
            <Select data-testid="major-hazard-form-unitType" options={UNIT_TYPES.map((u) => ({ value: u, label: t(UNIT_TYPE_LABELS[u]) }))} />
          </Form.Item>
          <Form.Item
            name="exposedPeople"
            label={t(km.exposedPeople)}
            rules={[{ required: true, type: 'integer', min: 0, max: 10_000_000, message: t(km.exposedPeopleShort) }]}
            style={{ flex: 1 }}
          >
            <InputNumber data-testid="major-hazard-form-exposedPeople" min={0} max={10_000_000} precision={0} style={{ width: 200 }} />
          </Form.Item>
        </div>
        <Form.Item label={t(km.chemicals)} required>
          <Form.List name="chemicals">
            {(fields, { add, remove }) => (
              <div data-testid="major-hazard-chemicals">
                <div style={{ display: 'flex', gap: 8, marginBottom: 4 }}>
                  {head(t(km.chemicalName), 'auto')}
                  {head(t(km.chemicalCas), 120)}
                  {head(t(km.chemicalCategory), 190)}
                  {head(t(km.quantityT), 110)}
                  {head(t(km.criticalQuantityT), 120, <Tooltip title={t(km.criticalHelp)}> <QuestionCircleOutlined style={{ color: '#94a3b8' }} /></Tooltip>)}
                  <div style={{ width: 32 }} />
                </div>
                {fields.map((f) => {
                  const dq = defaultQ(rows?.[f.name]);
                  return (
                    <div key={f.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }} data-testid="major-hazard-chemical-row">
                      <Form.Item name={[f.name, 'name']} rules={[required(t, km.chemicalName), maxLen(t, km.chemicalName, 60), ({ getFieldValue }) => ({
                          validator: async (_r, v: unknown) => {
                            const names = ((getFieldValue('chemicals') as ChemicalValues[] | undefined) ?? []).map((c) => c?.name?.trim());
                            if (typeof v === 'string' && v.trim() && names.filter((n) => n === v.trim()).length > 1) throw new Error(t(km.chemicalDuplicate));
                          },
                        })]} style={{ flex: 1, minWidth: 0, marginBottom: 8 }}>
                        <AutoComplete
                          data-testid="major-hazard-chemical-name"
                          options={options}
                          showSearch={{ filterOption: (input, o) => String((o as { search?: string } | undefined)?.search ?? '').toUpperCase().includes(input.trim().toUpperCase()) }}
                          onSelect={(v: string) => onPickChemical(f.name, v)}
                          popupMatchSelectWidth={360}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'cas']} rules={[{ pattern: /^$|^[0-9]{2,7}-[0-9]{2}-[0-9]$/, message: t(km.chemicalCas) }]} style={{ width: 120, marginBottom: 8 }}>
                        <Input data-testid="major-hazard-chemical-cas" maxLength={12} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'category']} rules={[required(t, km.chemicalCategory, true)]} style={{ width: 190, marginBottom: 8 }}>
                        <Select data-testid="major-hazard-chemical-category" options={categoryOptions} showSearch={{ optionFilterProp: 'label' }} popupMatchSelectWidth={420} />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'quantityT']}
                        rules={[{ required: true, type: 'number', min: 0, message: t(km.quantityT) }]}
                        style={{ width: 110, marginBottom: 8 }}
                      >
                        <InputNumber data-testid="major-hazard-chemical-quantity" min={0} max={10_000_000} style={{ width: '100%' }} />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'criticalQuantityT']}
                        rules={[{ type: 'number', min: 0.0001, message: t(km.criticalQuantityT) }]}
                        style={{ width: 120, marginBottom: 8 }}
                      >
                        <InputNumber
                          data-testid="major-hazard-chemical-critical"
                          min={0}
                          max={1_000_000}
                          placeholder={dq !== undefined ? t(km.defaultQ, { q: dq }) : undefined}
                          style={{ width: '100%' }}
                        />
                      </Form.Item>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t(km.chemicalRemove)}
                        disabled={fields.length <= 1}
                        onClick={() => remove(f.name)}
                        data-testid="major-hazard-chemical-remove"
                      />
                    </div>
                  );
                })}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ ...EMPTY_CHEMICAL })} data-testid="major-hazard-chemical-add">
                  {t(km.chemicalAdd)}
                </Button>
              </div>
            )}
          </Form.List>
        </Form.Item>
        <LngLatItems testIdPrefix="major-hazard-form" label={t(km.location)} />
        <Form.Item name="note" label={t(km.note)} rules={[maxLen(t, km.note, 1000)]}>
          <Input.TextArea data-testid="major-hazard-form-note" rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
