/**
 * Batch trace (GET /api/v1/stock/batches/:id/trace) as a timeline: where the units came from (the
 * receipt, or the upstream batch of a transfer/rotation back to its receipt) and every movement of the
 * batch — destination, document number, quantity and balance.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Descriptions, Divider, Drawer, Empty, Spin, Timeline, Typography } from 'antd';
import { api, errorMessage } from '../../../lib/api.ts';
import { formatDateTime, formatNumber } from '../../../lib/format.ts';
import { common, useI18n, type Msg } from '../../../lib/i18n.tsx';
import { sm } from '../messages-stock.ts';
import type { BatchTrace, StockMovement } from '../types.ts';
import { ExpiryCell, MovementKindTag, Qty, ReserveModeTag } from './StockTags.tsx';

const DESTINATION_LABELS: Record<string, Msg> = { incident: sm.destIncident, recipient: sm.destRecipient, warehouse: sm.toWarehouse };

function MovementLine({ m, sourceOf }: { m: StockMovement; sourceOf?: (m: StockMovement) => string | null }) {
  const { t, locale } = useI18n();
  const source = sourceOf?.(m) ?? null;
  return (
    <div data-testid="trace-item" data-doc-no={m.docNo} data-kind={m.kind} data-delta={m.delta}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <MovementKindTag kind={m.kind} />
        <Typography.Text strong copyable={{ text: m.docNo }} data-testid="trace-doc-no">{m.docNo}</Typography.Text>
        <span data-testid="trace-delta"><Qty n={m.delta} unit={m.unit} signed /></span>
        <Typography.Text type="secondary">{t(sm.balanceAfter)} {formatNumber(m.balanceAfter, locale, 2)} {m.unit}</Typography.Text>
      </div>
      {m.destinationName && (
        <div data-testid="trace-destination">
          <Typography.Text type="secondary">{t(sm.destination)}：</Typography.Text>
          {m.destinationType && DESTINATION_LABELS[m.destinationType] ? `${t(DESTINATION_LABELS[m.destinationType]!)} · ` : ''}
          {m.destinationName}
          {m.destinationId ? `（${m.destinationId}）` : ''}
        </div>
      )}
      {source && <div><Typography.Text type="secondary">{t(sm.traceOrigin)}：</Typography.Text>{source}</div>}
      {m.reason && <div><Typography.Text type="secondary">{t(sm.reason)}：</Typography.Text>{m.reason}</div>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {m.warehouseName} · {t(sm.batchNo)} {m.batchNo} · {m.operatorName} · {formatDateTime(m.createdAt, locale, true)}
      </Typography.Text>
    </div>
  );
}

function lineColor(m: StockMovement): string {
  if (m.kind === 'adjust') return 'blue';
  return m.delta > 0 ? 'green' : 'red';
}

export function TraceDrawer({ batchId, onClose, reloadKey = 0 }: { batchId: string | null; onClose: () => void; reloadKey?: number }) {
  const { t, locale } = useI18n();
  const [trace, setTrace] = useState<BatchTrace | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!batchId) {
      setTrace(null);
      return;
    }
    let live = true;
    setLoading(true);
    setError(null);
    api.get<BatchTrace>(`/api/v1/stock/batches/${batchId}/trace`)
      .then((r) => live && setTrace(r))
      .catch((err: unknown) => live && setError(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [batchId, reloadKey]);

  const totals = useMemo(() => {
    let inn = 0;
    let out = 0;
    for (const m of trace?.movements ?? []) {
      if (m.delta > 0) inn += m.delta;
      else out -= m.delta;
    }
    return { inn, out };
  }, [trace]);

  // A transfer/rotation receipt names the upstream warehouse and batch (same document number).
  const sourceOf = (m: StockMovement): string | null => {
    if (!m.sourceBatchId) return null;
    const up = trace?.origin.find((o) => o.docNo === m.docNo && o.batchId === m.sourceBatchId);
    return up ? `${up.warehouseName} · ${t(sm.batchNo)} ${up.batchNo}` : null;
  };

  const b = trace?.batch;
  return (
    <Drawer open={!!batchId} onClose={onClose} size={720} title={b ? `${t(sm.traceTitle)} · ${b.materialName} ${b.batchNo}` : t(sm.traceTitle)} destroyOnHidden data-testid="trace-drawer">
      {error && <Alert type="error" showIcon title={t(common.loadFailed, { msg: error })} />}
      <Spin spinning={loading}>
        {b && trace && (
          <>
            <Descriptions column={2} size="small" bordered data-testid="trace-batch">
              <Descriptions.Item label={t(sm.warehouse)} span={2}>{b.warehouseName}</Descriptions.Item>
              <Descriptions.Item label={t(sm.material)}>{b.materialName}{b.spec ? ` · ${b.spec}` : ''}</Descriptions.Item>
              <Descriptions.Item label={t(sm.batchNo)}>{b.batchNo}</Descriptions.Item>
              <Descriptions.Item label={t(sm.quantity)}><span data-testid="trace-quantity" data-quantity={b.quantity}><Qty n={b.quantity} unit={b.unit} /></span></Descriptions.Item>
              <Descriptions.Item label={t(sm.reserveMode)}><ReserveModeTag mode={b.reserveMode} /></Descriptions.Item>
              <Descriptions.Item label={t(sm.productionDate)}>{b.productionDate ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t(sm.expiryDate)}><ExpiryCell date={b.expiryDate} /></Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="trace-summary">
              {t(sm.traceSummary, { inn: formatNumber(totals.inn, locale, 2), out: formatNumber(totals.out, locale, 2), bal: formatNumber(b.quantity, locale, 2), unit: b.unit })}
            </Typography.Paragraph>
            {trace.origin.length > 0 && (
              <>
                <Divider titlePlacement="start" plain>{t(sm.traceOrigin)}</Divider>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t(sm.traceOriginHint)}</Typography.Paragraph>
                <Timeline
                  data-testid="trace-origin"
                  items={trace.origin.map((m) => ({ key: `o${m.id}`, color: 'gray', content: <MovementLine m={m} /> }))}
                />
              </>
            )}
            <Divider titlePlacement="start" plain>{t(sm.traceMovements)}</Divider>
            {trace.movements.length === 0
              ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(sm.traceEmpty)} />
              : (
                <Timeline
                  data-testid="trace-movements"
                  items={trace.movements.map((m) => ({ key: m.id, color: lineColor(m), content: <MovementLine m={m} sourceOf={sourceOf} /> }))}
                />
              )}
          </>
        )}
      </Spin>
    </Drawer>
  );
}
