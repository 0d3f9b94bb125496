/**
 * One drawer for the six ledger operations (POST /api/v1/stock/{receive|issue|transfer|adjust|scrap|rotate}),
 * switched by kind. The fields and rules mirror ReceiveSchema … RotateSchema in
 * server/src/modules/resources/stock.ts; the server still decides (stock never goes negative: 409).
 */
import { useEffect, useState } from 'react';
import type { Dayjs } from 'dayjs';
import { Alert, App, DatePicker, Descriptions, Form, Input, InputNumber, Radio, Segmented, Select, type FormRule } from 'antd';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { api } from '../../../lib/api.ts';
import { useFormSubmit } from '../../../lib/forms.ts';
import { common, useI18n, type Msg } from '../../../lib/i18n.tsx';
import { emptyToNull, maxLen, required } from '../../../lib/validators.ts';
import { enumOptions } from '../dicts.ts';
import { MOVEMENT_FORM_LABELS, MOVEMENT_FORMS, RESERVE_MODE_LABELS, RESERVE_MODES, sm, type MovementForm } from '../messages-stock.ts';
import type { MovementResult, StockBatch } from '../types.ts';
import { MaterialSelect, StockBatchSelect, WarehouseSelect } from './StockPickers.tsx';
import { ExpiryCell, Qty, ReserveModeTag } from './StockTags.tsx';

interface MovementValues {
  warehouseId: string | null;
  materialId: string | null;
  batchNo: string;
  batchId: string | null;
  quantity: number | null;
  countedQuantity: number | null;
  productionDate: Dayjs | null;
  expiryDate: Dayjs | null;
  reserveMode: string;
  destType: 'incident' | 'recipient';
  destName: string;
  destId: string;
  toWarehouseId: string | null;
  newBatchNo: string;
  docNo: string;
  reason: string;
}

const FIELDS = ['warehouseId', 'materialId', 'batchNo', 'batchId', 'quantity', 'countedQuantity', 'productionDate', 'expiryDate', 'reserveMode', 'toWarehouseId', 'newBatchNo', 'docNo', 'reason'] as const;
const DOC_NO_RE = /^[A-Za-z0-9\-_]{4,40}$/;
/** Quantities go out of the chosen batch for these kinds. */
const OUTGOING: ReadonlySet<MovementForm> = new Set(['issue', 'transfer', 'scrap', 'rotate']);
const HINTS: Partial<Record<MovementForm, Msg>> = { receive: sm.receiveHint, transfer: sm.transferHint, adjust: sm.adjustHint, rotate: sm.rotateHint };

const day = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);

/** The request body of one kind from the form values (only that kind's fields). */
function bodyOf(kind: MovementForm, v: MovementValues): Record<string, unknown> {
  const common = { ...(emptyToNull(v.docNo) ? { docNo: v.docNo.trim() } : {}), ...(emptyToNull(v.reason) ? { reason: v.reason.trim() } : {}) };
  switch (kind) {
    case 'receive':
      return {
        warehouseId: v.warehouseId, materialId: v.materialId, batchNo: v.batchNo.trim(), quantity: v.quantity,
        productionDate: day(v.productionDate), expiryDate: day(v.expiryDate), reserveMode: v.reserveMode, ...common,
      };
    case 'issue':
      return {
        batchId: v.batchId, quantity: v.quantity,
        destination: { type: v.destType, name: v.destName.trim(), ...(emptyToNull(v.destId) ? { id: v.destId.trim() } : {}) }, ...common,
      };
    case 'transfer':
      return { batchId: v.batchId, quantity: v.quantity, toWarehouseId: v.toWarehouseId, ...common };
    case 'adjust':
      return { batchId: v.batchId, countedQuantity: v.countedQuantity, ...common };
    case 'scrap':
      return { batchId: v.batchId, quantity: v.quantity, ...common };
    case 'rotate':
      return { batchId: v.batchId, quantity: v.quantity, newBatchNo: v.newBatchNo.trim(), productionDate: day(v.productionDate), expiryDate: day(v.expiryDate), ...common };
  }
}

function BatchCard({ batch }: { batch: StockBatch }) {
  const { t } = useI18n();
  return (
    <Descriptions column={2} size="small" bordered style={{ marginBottom: 16 }} data-testid="movement-batch-card">
      <Descriptions.Item label={t(sm.warehouse)} span={2}>{batch.warehouseName}</Descriptions.Item>
      <Descriptions.Item label={t(sm.material)}>{batch.materialName}{batch.spec ? ` · ${batch.spec}` : ''}</Descriptions.Item>
      <Descriptions.Item label={t(sm.batchNo)}>{batch.batchNo}</Descriptions.Item>
      <Descriptions.Item label={t(sm.quantity)}><span data-testid="movement-batch-quantity"><Qty n={batch.quantity} unit={batch.unit} /></span></Descriptions.Item>
      <Descriptions.Item label={t(sm.reserveMode)}><ReserveModeTag mode={batch.reserveMode} /></Descriptions.Item>
      <Descriptions.Item label={t(sm.expiryDate)} span={2}><ExpiryCell date={batch.expiryDate} /></Descriptions.Item>
    </Descriptions>
  );
}

export interface MovementFormDrawerProps {
  open: boolean;
  /** The operation to open with; the drawer can switch it. */
  kind: MovementForm;
  /** A batch chosen beforehand (a row's action). */
  batch: StockBatch | null;
  /** The warehouse and material to receive by default (e.g. from a below-minimum alert). */
  warehouseId?: string | null;
  materialId?: string | null;
  onClose: () => void;
  onDone: (r: MovementResult, kind: MovementForm) => void;
}

export function MovementFormDrawer({ open, kind: initialKind, batch: initialBatch, warehouseId, materialId, onClose, onDone }: MovementFormDrawerProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<MovementValues>();
  const [kind, setKind] = useState<MovementForm>(initialKind);
  const [batch, setBatch] = useState<StockBatch | null>(initialBatch);
  const destType = Form.useWatch('destType', form);
  const { saving, error, setError, submit } = useFormSubmit(form, {
    fields: FIELDS,
    save: async (v) => {
      const r = await api.post<MovementResult>(`/api/v1/stock/${kind}`, bodyOf(kind, { ...form.getFieldsValue(true), ...v }));
      message.success({
        content: <span data-testid="movement-done" data-doc-no={r.docNo}>{t(sm.movementDone, { kind: t(MOVEMENT_FORM_LABELS[kind]), docNo: r.docNo })}</span>,
        duration: 6,
      });
      onDone(r, kind);
    },
  });

  useEffect(() => {
    if (!open) return;
    setKind(initialKind);
    setBatch(initialBatch);
    setError(null);
    form.resetFields();
    form.setFieldsValue({
      batchId: initialBatch?.id ?? null,
      warehouseId: initialBatch?.warehouseId ?? warehouseId ?? null,
      materialId: initialBatch?.materialId ?? materialId ?? null,
      reserveMode: 'physical',
      destType: 'incident',
    });
  }, [open, initialKind, initialBatch, warehouseId, materialId, form, setError]);

  const switchKind = (k: MovementForm) => {
    setKind(k);
    setError(null);
    // Rules differ per kind: clear the previous kind's messages.
    form.setFields(FIELDS.map((name) => ({ name, errors: [] })));
  };

  const qtyLabel = t(sm.quantity);
  const quantityRules: FormRule[] = [
    { required: true, message: t(common.required, { field: qtyLabel }) },
    { type: 'number', min: 0.01, max: 1e9, message: t(sm.quantityPositive) },
    ...(OUTGOING.has(kind) && batch ? [{
      validator: async (_r: unknown, q: unknown) => {
        if (typeof q === 'number' && q > batch.quantity) throw new Error(t(sm.quantityOver, { n: batch.quantity }));
      },
    }] : []),
  ];
  const expiryRule: FormRule = {
    validator: async (_r, e: Dayjs | null) => {
      const p = form.getFieldValue('productionDate') as Dayjs | null;
      if (p && e && e.isBefore(p, 'day')) throw new Error(t(sm.expiryBeforeProduction));
    },
  };
  const needsReason = kind === 'adjust' || kind === 'scrap';

  return (
    <FormDrawer
      title={t(sm.movementTitle)}
      open={open}
      onClose={onClose}
      onSubmit={submit}
      saving={saving}
      error={error}
      testId="movement"
      size={620}
    >
      <Segmented<MovementForm>
        block
        value={kind}
        onChange={switchKind}
        style={{ marginBottom: 16 }}
        data-testid="movement-kind"
        options={MOVEMENT_FORMS.map((k) => ({ value: k, label: <span data-testid={`movement-kind-${k}`}>{t(MOVEMENT_FORM_LABELS[k])}</span> }))}
      />
      {HINTS[kind] && <Alert type="info" showIcon title={t(HINTS[kind])} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" data-testid="movement-form" autoComplete="off">
        {kind === 'receive' ? (
          <>
            <Form.Item name="warehouseId" label={t(sm.warehouse)} rules={[required(t, sm.warehouse, true)]}>
              <WarehouseSelect data-testid="movement-form-warehouseId" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="materialId" label={t(sm.material)} rules={[required(t, sm.material, true)]}>
              <MaterialSelect data-testid="movement-form-materialId" style={{ width: '100%' }} />
            </Form.Item>
            <div style={{ display: 'flex' }}>
              <Form.Item name="batchNo" label={t(sm.batchNo)} rules={[required(t, sm.batchNo), maxLen(t, sm.batchNo, 40)]} style={{ flex: 1, marginInlineEnd: 12 }}>
                <Input data-testid="movement-form-batchNo" maxLength={40} />
              </Form.Item>
              <Form.Item name="quantity" label={qtyLabel} rules={quantityRules} style={{ flex: 1 }}>
                <InputNumber data-testid="movement-form-quantity" min={0.01} max={1e9} precision={2} style={{ width: '100%' }} />
              </Form.Item>
            </div>
          </>
        ) : (
          <>
            <Form.Item name="batchId" label={t(sm.batch)} extra={t(sm.batchPick)} rules={[required(t, sm.batch, true)]}>
              <StockBatchSelect
                data-testid="movement-form-batchId"
                style={{ width: '100%' }}
                extra={initialBatch ? [initialBatch] : undefined}
                onPick={(b) => {
                  setBatch(b);
                  if (form.getFieldValue('quantity') != null) void form.validateFields(['quantity']).catch(() => undefined);
                }}
              />
            </Form.Item>
            {batch && <BatchCard batch={batch} />}
            {kind === 'adjust' ? (
              <Form.Item
                name="countedQuantity"
                label={t(sm.countedQuantity)}
                rules={[
                  { required: true, message: t(common.required, { field: t(sm.countedQuantity) }) },
                  { type: 'number', min: 0, max: 1e9, message: t(common.badFormat, { field: t(sm.countedQuantity) }) },
                  { validator: async (_r, q: unknown) => { if (batch && q === batch.quantity) throw new Error(t(sm.countedSame)); } },
                ]}
              >
                <InputNumber data-testid="movement-form-countedQuantity" min={0} max={1e9} precision={2} style={{ width: '100%' }} />
              </Form.Item>
            ) : (
              <Form.Item name="quantity" label={qtyLabel} rules={quantityRules}>
                <InputNumber data-testid="movement-form-quantity" min={0.01} max={1e9} precision={2} style={{ width: '100%' }} suffix={batch?.unit} />
              </Form.Item>
            )}
          </>
        )}
        {kind === 'issue' && (
          <>
            <Form.Item name="destType" label={t(sm.destinationType)} rules={[required(t, sm.destinationType, true)]}>
              <Radio.Group
                data-testid="movement-form-destType"
                options={[{ value: 'incident', label: t(sm.destIncident) }, { value: 'recipient', label: t(sm.destRecipient) }]}
              />
            </Form.Item>
            <div style={{ display: 'flex' }}>
              <Form.Item
                name="destName"
                label={t(destType === 'recipient' ? sm.destRecipientName : sm.destIncidentName)}
                rules={[required(t, destType === 'recipient' ? sm.destRecipientName : sm.destIncidentName), maxLen(t, sm.destination, 100)]}
                style={{ flex: 3, marginInlineEnd: 12 }}
              >
                <Input data-testid="movement-form-destName" maxLength={100} />
              </Form.Item>
              <Form.Item name="destId" label={t(destType === 'recipient' ? sm.destRecipientId : sm.destIncidentId)} rules={[maxLen(t, sm.destination, 100)]} style={{ flex: 2 }}>
                <Input data-testid="movement-form-destId" maxLength={100} />
              </Form.Item>
            </div>
          </>
        )}
        {kind === 'transfer' && (
          <Form.Item
            name="toWarehouseId"
            label={t(sm.toWarehouse)}
            rules={[
              required(t, sm.toWarehouse, true),
              { validator: async (_r, w: unknown) => { if (batch && w === batch.warehouseId) throw new Error(t(sm.toWarehouseSame)); } },
            ]}
          >
            <WarehouseSelect data-testid="movement-form-toWarehouseId" style={{ width: '100%' }} exclude={batch?.warehouseId} />
          </Form.Item>
        )}
        {kind === 'rotate' && (
          <Form.Item
            name="newBatchNo"
            label={t(sm.newBatchNo)}
            rules={[
              required(t, sm.newBatchNo), maxLen(t, sm.newBatchNo, 40),
              { validator: async (_r, n: unknown) => { if (batch && typeof n === 'string' && n.trim() === batch.batchNo) throw new Error(t(sm.newBatchSame)); } },
            ]}
          >
            <Input data-testid="movement-form-newBatchNo" maxLength={40} />
          </Form.Item>
        )}
        {(kind === 'receive' || kind === 'rotate') && (
          <div style={{ display: 'flex' }}>
            <Form.Item name="productionDate" label={t(sm.productionDate)} style={{ flex: 1, marginInlineEnd: 12 }}>
              <DatePicker data-testid="movement-form-productionDate" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="expiryDate" label={t(sm.expiryDate)} dependencies={['productionDate']} rules={[expiryRule]} style={{ flex: 1, marginInlineEnd: kind === 'receive' ? 12 : 0 }}>
              <DatePicker data-testid="movement-form-expiryDate" style={{ width: '100%' }} />
            </Form.Item>
            {kind === 'receive' && (
              <Form.Item name="reserveMode" label={t(sm.reserveMode)} rules={[required(t, sm.reserveMode, true)]} style={{ flex: 1 }}>
                <Select data-testid="movement-form-reserveMode" options={enumOptions(RESERVE_MODES, RESERVE_MODE_LABELS, t)} />
              </Form.Item>
            )}
          </div>
        )}
        <Form.Item name="docNo" label={t(sm.docNoOptional)} rules={[{ pattern: DOC_NO_RE, message: t(sm.docNoFormat) }]}>
          <Input data-testid="movement-form-docNo" maxLength={40} />
        </Form.Item>
        <Form.Item name="reason" label={t(sm.reason)} rules={[...(needsReason ? [required(t, sm.reasonRequired)] : []), maxLen(t, sm.reason, 500)]}>
          <Input.TextArea data-testid="movement-form-reason" maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
