/**
 * Create (POST /api/v1/risk-points) and edit (PATCH /api/v1/risk-points/:id) a risk point, assessed by
 * LEC (L, E, C from the reference's score tables) or LS (L, S 1–5). The score and level are the
 * server's: after a save the drawer stays open on the saved point and shows them.
 */
import { useEffect, useState } from 'react';
import { Alert, App, DatePicker, Descriptions, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useAuth } from '../../../app/auth.tsx';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { saveRecord, useFormSubmit } from '../../../lib/forms.ts';
import { formatNumber } from '../../../lib/format.ts';
import { common, useI18n, type Msg } from '../../../lib/i18n.tsx';
import { emptyToNull, maxLen, minLen, required } from '../../../lib/validators.ts';
import { LngLatItems, toPoint } from '../../resources/components/shared.tsx';
import { applyNestedErrors, changedFields, topLevel, withoutNulls } from '../forms.ts';
import { km, RESPONSIBLE_LEVEL_LABELS, RESPONSIBLE_LEVELS } from '../messages.ts';
import { useRiskReference } from '../reference.ts';
import type { AssessmentMethod, ResponsibleLevel, RiskPoint, ScoreOption } from '../types.ts';
import { EnterpriseSelect } from './EnterpriseSelect.tsx';
import { RiskLevelTag } from './RiskTags.tsx';

interface Values {
  enterpriseId: string;
  name: string;
  position: string;
  hazardFactors: string[];
  accidentTypes: string[];
  method: AssessmentMethod;
  lecL: number | null;
  lecE: number | null;
  lecC: number | null;
  lsL: number | null;
  lsS: number | null;
  controlMeasures: string;
  responsibleLevel: ResponsibleLevel;
  responsiblePerson: string;
  reviewDate: Dayjs | null;
  lng: number | null;
  lat: number | null;
}

const FIELDS = ['enterpriseId', 'name', 'position', 'hazardFactors', 'accidentTypes', 'controlMeasures', 'responsibleLevel', 'responsiblePerson', 'reviewDate', 'lng', 'lat'] as const;
const SCORE_FIELDS: Record<string, string> = { 'LEC.L': 'lecL', 'LEC.E': 'lecE', 'LEC.C': 'lecC', 'LS.L': 'lsL', 'LS.S': 'lsS' };
function valuesOf(p: RiskPoint): Values {
  return {
    enterpriseId: p.enterpriseId, name: p.name, position: p.position ?? '', hazardFactors: p.hazardFactors, accidentTypes: p.accidentTypes,
    method: p.method,
    lecL: p.method === 'LEC' ? p.L : null, lecE: p.E, lecC: p.C,
    lsL: p.method === 'LS' ? p.L : null, lsS: p.S,
    controlMeasures: p.controlMeasures, responsibleLevel: p.responsibleLevel, responsiblePerson: p.responsiblePerson,
    reviewDate: p.reviewDate ? dayjs(p.reviewDate) : null,
    lng: p.point?.coordinates[0] ?? null, lat: p.point?.coordinates[1] ?? null,
  };
}

/** The request body (without enterpriseId, which only a create sends). */
function bodyOf(v: Values) {
  return {
    name: v.name.trim(),
    position: emptyToNull(v.position),
    hazardFactors: (v.hazardFactors ?? []).map((s) => s.trim()).filter(Boolean),
    accidentTypes: v.accidentTypes ?? [],
    assessment: v.method === 'LEC' ? { method: 'LEC' as const, L: v.lecL!, E: v.lecE!, C: v.lecC! } : { method: 'LS' as const, L: v.lsL!, S: v.lsS! },
    controlMeasures: v.controlMeasures.trim(),
    responsibleLevel: v.responsibleLevel,
    responsiblePerson: v.responsiblePerson.trim(),
    reviewDate: v.reviewDate ? v.reviewDate.format('YYYY-MM-DD') : null,
    point: toPoint(v.lng, v.lat),
  };
}

const scoreOptions = (opts: ScoreOption[] | undefined) => (opts ?? []).map((o) => ({ value: o.value, label: `${o.value} — ${o.label}` }));

/** The server's assessment of a saved point: method, score and level. */
export function RiskPointResult({ point }: { point: RiskPoint }) {
  const { t, locale } = useI18n();
  const inputs = point.method === 'LEC' ? `L=${point.L} × E=${point.E ?? '—'} × C=${point.C ?? '—'}` : `L=${point.L} × S=${point.S ?? '—'}`;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="risk-point-result"
      data-score={point.score}
      data-level={point.level}
      title={t(km.resultTitle)}
      description={
        <Descriptions column={3} size="small">
          <Descriptions.Item label={t(km.method)}>{point.method}</Descriptions.Item>
          <Descriptions.Item label={t(point.method === 'LEC' ? km.scoreD : km.scoreR)} span={2}>
            <span data-testid="risk-point-result-score">{inputs} = <b>{formatNumber(point.score, locale, 3)}</b></span>
          </Descriptions.Item>
          <Descriptions.Item label={t(km.riskLevel)} span={3}><RiskLevelTag level={point.level} testId="risk-point-result-level" /></Descriptions.Item>
        </Descriptions>
      }
    />
  );
}

export function RiskPointFormDrawer({ open, point, enterpriseId, onClose, onSaved }: {
  open: boolean;
  point: RiskPoint | null;
  /** Fixes the enterprise (adding from an enterprise's file). */
  enterpriseId?: string;
  onClose: () => void;
  onSaved: (p: RiskPoint) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user } = useAuth();
  // An enterprise account files its own points and sources.
  const ownEnterprise = user?.roles.includes('enterprise') ? user.orgId ?? undefined : undefined;
  const { data: ref } = useRiskReference();
  const [form] = Form.useForm<Values>();
  const [current, setCurrent] = useState<RiskPoint | null>(point);
  const method = Form.useWatch('method', form) ?? 'LEC';
  const { saving, error, setError, submit } = useFormSubmit(form, {
    // A score error goes to the select of the method the form sent.
    fields: (err) => applyNestedErrors(form, err, (seg) => (seg[0] === 'assessment' ? SCORE_FIELDS[`${form.getFieldValue('method') as string}.${seg[1] ?? ''}`] ?? null : topLevel(FIELDS, seg))),
    save: async (v) => {
      const body = bodyOf(v);
      const change = current ? changedFields(body, bodyOf(valuesOf(current))) : { enterpriseId: v.enterpriseId, ...withoutNulls(body) };
      if (current && Object.keys(change).length === 0) {
        message.info(t(km.nothingChanged));
        return;
      }
      const saved = await saveRecord<RiskPoint>('/api/v1/risk-points', current?.id, change);
      message.success(t(current ? km.pointSaved : km.pointCreated, { name: saved.name }));
      setCurrent(saved);
      onSaved(saved);
    },
  });

  useEffect(() => {
    if (!open) return;
    setError(null);
    setCurrent(point);
    form.resetFields();
    if (point) {
      form.setFieldsValue(valuesOf(point));
    } else {
      form.setFieldsValue({ enterpriseId: enterpriseId ?? ownEnterprise, method: 'LEC', hazardFactors: [], accidentTypes: [], responsibleLevel: 'workshop' });
    }
  }, [open, point, enterpriseId, ownEnterprise, form, setError]);

  const lockedEnterprise = !!current || !!enterpriseId;
  const pick = (label: Msg) => [{ required: true, type: 'number' as const, message: t(common.requiredSelect, { field: t(label) }) }];

  return (
    <FormDrawer title={t(current ? km.pointEdit : km.pointCreate)} open={open} onClose={onClose} onSubmit={submit} saving={saving} error={error} testId="risk-point" size={680}>
      {current && <RiskPointResult point={current} />}
      <Form form={form} layout="vertical" data-testid="risk-point-form" autoComplete="off">
        <Form.Item name="enterpriseId" label={t(km.enterprise)} rules={[required(t, km.enterprise, true)]}>
          <EnterpriseSelect data-testid="risk-point-form-enterpriseId" disabled={lockedEnterprise} placeholder={t(km.pickEnterprise)} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="name" label={t(km.pointName)} rules={[required(t, km.pointName), minLen(t, km.pointName, 2), maxLen(t, km.pointName, 100)]} style={{ flex: 1 }}>
            <Input data-testid="risk-point-form-name" maxLength={100} />
          </Form.Item>
          <Form.Item name="position" label={t(km.position)} rules={[maxLen(t, km.position, 100)]} style={{ flex: 1 }}>
            <Input data-testid="risk-point-form-position" maxLength={100} />
          </Form.Item>
        </div>
        <Form.Item
          name="hazardFactors"
          label={t(km.hazardFactors)}
          extra={t(km.hazardFactorsHelp)}
          rules={[required(t, km.hazardFactors, 'multi'), { type: 'array', max: 30, message: t(km.hazardFactors) }, {
            validator: async (_r, v: unknown) => { if (Array.isArray(v) && v.some((x) => String(x).trim().length > 100)) throw new Error(t(common.maxLength, { field: t(km.hazardFactors), n: 100 })); },
          }]}
        >
          <Select mode="tags" tokenSeparators={['，', ',', '、']} notFoundContent={null} data-testid="risk-point-form-hazardFactors" />
        </Form.Item>
        <Form.Item name="accidentTypes" label={t(km.accidentTypes)} rules={[required(t, km.accidentTypes, 'multi')]}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="risk-point-form-accidentTypes"
            options={(ref?.accidentTypes ?? []).map((a) => ({ value: a.code, label: a.name }))}
          />
        </Form.Item>
        <Form.Item name="method" label={t(km.method)} rules={[required(t, km.method, true)]}>
          <Radio.Group data-testid="risk-point-form-method" optionType="button" buttonStyle="solid"
            options={[{ value: 'LEC', label: t(km.methodLEC) }, { value: 'LS', label: t(km.methodLS) }]} />
        </Form.Item>
        {method === 'LEC' ? (
          <div style={{ display: 'flex', gap: 12 }}>
            <Form.Item name="lecL" label={t(km.lecL)} rules={pick(km.lecL)} style={{ flex: 1, minWidth: 0 }}>
              <Select data-testid="risk-point-form-L" options={scoreOptions(ref?.lec.L)} popupMatchSelectWidth={false} />
            </Form.Item>
            <Form.Item name="lecE" label={t(km.lecE)} rules={pick(km.lecE)} style={{ flex: 1, minWidth: 0 }}>
              <Select data-testid="risk-point-form-E" options={scoreOptions(ref?.lec.E)} popupMatchSelectWidth={false} />
            </Form.Item>
            <Form.Item name="lecC" label={t(km.lecC)} rules={pick(km.lecC)} style={{ flex: 1, minWidth: 0 }}>
              <Select data-testid="risk-point-form-C" options={scoreOptions(ref?.lec.C)} popupMatchSelectWidth={false} />
            </Form.Item>
          </div>
        ) : (
          <div style={{ display: 'flex', gap: 12 }}>
            <Form.Item name="lsL" label={t(km.lsL)} rules={pick(km.lsL)} style={{ flex: 1, minWidth: 0 }}>
              <Select data-testid="risk-point-form-lsL" options={scoreOptions(ref?.ls.L)} popupMatchSelectWidth={false} />
            </Form.Item>
            <Form.Item name="lsS" label={t(km.lsS)} rules={pick(km.lsS)} style={{ flex: 1, minWidth: 0 }}>
              <Select data-testid="risk-point-form-lsS" options={scoreOptions(ref?.ls.S)} popupMatchSelectWidth={false} />
            </Form.Item>
          </div>
        )}
        <Form.Item name="controlMeasures" label={t(km.controlMeasures)} rules={[required(t, km.controlMeasures), minLen(t, km.controlMeasures, 2), maxLen(t, km.controlMeasures, 2000)]}>
          <Input.TextArea data-testid="risk-point-form-controlMeasures" rows={3} maxLength={2000} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="responsibleLevel" label={t(km.responsibleLevel)} rules={[required(t, km.responsibleLevel, true)]} style={{ flex: 1 }}>
            <Select data-testid="risk-point-form-responsibleLevel" options={RESPONSIBLE_LEVELS.map((l) => ({ value: l, label: t(RESPONSIBLE_LEVEL_LABELS[l]) }))} />
          </Form.Item>
          <Form.Item name="responsiblePerson" label={t(km.responsiblePerson)} rules={[required(t, km.responsiblePerson), maxLen(t, km.responsiblePerson, 30)]} style={{ flex: 1 }}>
            <Input data-testid="risk-point-form-responsiblePerson" maxLength={30} />
          </Form.Item>
          <Form.Item name="reviewDate" label={t(km.reviewDate)} style={{ flex: 1 }}>
            <DatePicker data-testid="risk-point-form-reviewDate" style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <LngLatItems testIdPrefix="risk-point-form" label={t(km.location)} />
      </Form>
    </FormDrawer>
  );
}
