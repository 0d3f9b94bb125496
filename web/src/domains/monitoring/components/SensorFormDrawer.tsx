/**
 * 登记监测点 (POST /api/v1/sensors → the device token, shown once by the caller) and 修改阈值
 * (PATCH /api/v1/sensors/{id}: name, enabled, thresholds and timing). The server validates the
 * thresholds together (低低 < 低 < 高 < 高高, deadband below the smallest gap); its field errors land
 * on the fields.
 */
import { useEffect } from 'react';
import { App, Col, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { useAuth } from '../../../app/auth.tsx';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { RegionTreeSelect } from '../../../components/RegionTreeSelect.tsx';
import { api } from '../../../lib/api.ts';
import { useFormSubmit } from '../../../lib/forms.ts';
import { common, useI18n } from '../../../lib/i18n.tsx';
import { EnterpriseSelect } from '../../risks/components/EnterpriseSelect.tsx';
import { mm, SENSOR_TYPE_INFO, THRESHOLD_LABELS } from '../messages.ts';
import { ALARM_LEVELS, SENSOR_TYPES, type CreatedSensor, type Sensor, type SensorType } from '../types.ts';

interface Values {
  enterpriseId?: string | null;
  regionCode?: string;
  code?: string;
  name?: string;
  type?: SensorType;
  unit?: string;
  lowLow?: number | null;
  low?: number | null;
  high?: number | null;
  highHigh?: number | null;
  deadband?: number | null;
  minDurationSec?: number | null;
  offlineTimeoutSec?: number | null;
  enabled?: boolean;
}

const FIELDS = ['enterpriseId', 'regionCode', 'code', 'name', 'type', 'unit', 'lowLow', 'low', 'high', 'highHigh', 'deadband', 'minDurationSec', 'offlineTimeoutSec', 'enabled'] as const;
const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function SensorFormDrawer({ open, sensor, onClose, onCreated, onSaved }: {
  open: boolean;
  /** The sensor to edit; null: register a new one. */
  sensor: Sensor | null;
  onClose: () => void;
  onCreated?: (s: CreatedSensor) => void;
  onSaved?: (s: Sensor) => void;
}) {
  const { t } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form);
  const unit = Form.useWatch('unit', form);
  const enterpriseId = Form.useWatch('enterpriseId', form);
  const editing = !!sensor;

  const { saving, error, setError, submit } = useFormSubmit<Values>(form, {
    fields: FIELDS,
    save: async (v) => {
      const thresholds = { lowLow: num(v.lowLow), low: num(v.low), high: num(v.high), highHigh: num(v.highHigh) };
      const timing = {
        ...(num(v.deadband) !== null ? { deadband: num(v.deadband)! } : {}),
        ...(num(v.minDurationSec) !== null ? { minDurationSec: num(v.minDurationSec)! } : {}),
        ...(num(v.offlineTimeoutSec) !== null ? { offlineTimeoutSec: num(v.offlineTimeoutSec)! } : {}),
      };
      if (sensor) {
        const s = await api.patch<Sensor>(`/api/v1/sensors/${sensor.id}`, { name: v.name?.trim(), enabled: v.enabled ?? true, ...thresholds, ...timing });
        message.success(t(mm.saved));
        onSaved?.(s);
      } else {
        // No threshold given at all: leave them out so the type's defaults apply.
        const given = Object.values(thresholds).some((x) => x !== null);
        const s = await api.post<CreatedSensor>('/api/v1/sensors', {
          code: v.code?.trim(), name: v.name?.trim(), type: v.type, ...(v.unit?.trim() ? { unit: v.unit.trim() } : {}),
          ...(v.enterpriseId ? { enterpriseId: v.enterpriseId } : { regionCode: v.regionCode }),
          ...(given ? thresholds : {}), ...timing,
        });
        message.success(t(mm.created, { code: s.code }));
        onCreated?.(s);
      }
      onClose();
    },
  });

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (sensor) {
      form.setFieldsValue({
        name: sensor.name, enabled: sensor.enabled, lowLow: sensor.lowLow, low: sensor.low, high: sensor.high, highHigh: sensor.highHigh,
        deadband: sensor.deadband, minDurationSec: sensor.minDurationSec, offlineTimeoutSec: sensor.offlineTimeoutSec,
      });
    } else {
      // An enterprise account registers its own sensors.
      const own = user?.roles.includes('enterprise') && user.orgId ? user.orgId : undefined;
      form.setFieldsValue({ enterpriseId: own, deadband: 0, minDurationSec: 0, offlineTimeoutSec: 900 });
    }
  }, [open, sensor, form, setError, user]);

  const shownUnit = sensor?.unit ?? (unit?.trim() || (type ? SENSOR_TYPE_INFO[type].unit : ''));
  const req = (field: string, select = false) => [{ required: true, whitespace: true, message: t(select ? common.requiredSelect : common.required, { field }) }];

  return (
    <FormDrawer
      title={sensor ? t(mm.editTitle, { code: sensor.code }) : t(mm.create)}
      open={open}
      onClose={onClose}
      onSubmit={submit}
      saving={saving}
      error={error}
      testId="sensor"
      size={620}
    >
      <Form form={form} layout="vertical" preserve={false}>
        {!editing && (
          <>
            <Form.Item name="enterpriseId" label={t(mm.enterprise)} extra={t(mm.enterpriseHelp)}>
              <EnterpriseSelect data-testid="sensor-enterprise" placeholder={t(mm.enterprise)} />
            </Form.Item>
            {!enterpriseId && (
              <Form.Item name="regionCode" label={t(mm.region)} rules={req(t(mm.region), true)}>
                <RegionTreeSelect data-testid="sensor-region" />
              </Form.Item>
            )}
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="code" label={t(mm.code)} extra={t(mm.codeHelp)}
                  rules={[...req(t(mm.code)), { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, message: t(mm.codeBad) }]}>
                  <Input maxLength={64} data-testid="sensor-code" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="type" label={t(mm.type)} rules={req(t(mm.type), true)}>
                  <Select<SensorType>
                    data-testid="sensor-type"
                    onChange={(k) => form.setFieldValue('unit', SENSOR_TYPE_INFO[k].unit)}
                    showSearch={{ optionFilterProp: 'label' }}
                    options={SENSOR_TYPES.map((k) => ({ value: k, label: t(SENSOR_TYPE_INFO[k].label), title: t(SENSOR_TYPE_INFO[k].label) }))}
                  />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
        <Row gutter={12}>
          <Col span={editing ? 18 : 16}>
            <Form.Item name="name" label={t(mm.name)} rules={[...req(t(mm.name)), { min: 2, message: t(common.minLength, { field: t(mm.name), n: 2 }) }]}>
              <Input maxLength={100} data-testid="sensor-name" />
            </Form.Item>
          </Col>
          {!editing ? (
            <Col span={8}>
              <Form.Item name="unit" label={t(mm.unit)}>
                <Input maxLength={20} placeholder={type ? SENSOR_TYPE_INFO[type].unit : undefined} data-testid="sensor-unit" />
              </Form.Item>
            </Col>
          ) : (
            <Col span={6}>
              <Form.Item name="enabled" label={t(mm.enabled)} valuePropName="checked">
                <Switch data-testid="sensor-enabled" />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Typography.Title level={5}>{t(mm.thresholds)}{shownUnit ? `（${shownUnit}）` : ''}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>{t(editing ? mm.thresholdsEditHelp : mm.thresholdsHelp)}</Typography.Paragraph>
        <Row gutter={12}>
          {ALARM_LEVELS.map((l) => (
            <Col span={6} key={l}>
              <Form.Item name={l} label={t(THRESHOLD_LABELS[l])}>
                <InputNumber style={{ width: '100%' }} data-testid={`sensor-${l}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="deadband" label={t(mm.deadband)} tooltip={t(mm.deadbandHelp)}>
              <InputNumber min={0} style={{ width: '100%' }} data-testid="sensor-deadband" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="minDurationSec" label={t(mm.minDurationSec)} tooltip={t(mm.minDurationHelp)}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="sensor-min-duration" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="offlineTimeoutSec" label={t(mm.offlineTimeoutSec)}>
              <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid="sensor-offline-timeout" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
