/**
 * What the 附近资源 tabs share: the props they take, the hits they report for the map, the query's state
 * (useNearbyQuery), the form with its submit button, the k/radius inputs and the result list.
 */
import { useEffect, useState, type HTMLAttributes, type ReactNode } from 'react';
import { Alert, App, Button, Empty, Form, InputNumber, List, Tag, Typography } from 'antd';
import { errorMessage } from '../../../lib/api.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { rm } from '../messages.ts';
import type { MapKind } from './MapFeatureCard.tsx';

export interface NearbyHit {
  kind: MapKind;
  id: string;
  name: string;
  distanceM: number;
  point: [number, number];
}

/** A tab's answer for the map: the query point and the records found, nearest first. */
export interface NearbyHits {
  at: [number, number];
  hits: NearbyHit[];
}

export interface NearbyTabProps {
  /** The picked point (lon, lat), or null. */
  at: [number, number] | null;
  onHits: (hits: NearbyHits | null) => void;
  onSelect: (kind: MapKind, id: string) => void;
}

export const km = (m: number) => (m / 1000).toFixed(1);

/** A found record as the list shows it. */
interface NearbyItem {
  id: string;
  name: string;
  distanceM: number;
}

export interface NearbyQuery<T> {
  querying: boolean;
  /** The last answer with the point it was asked for; null before the first and after a failure. */
  result: { at: [number, number]; items: T[] } | null;
  error: string | null;
  /** Asks `fetch` about the picked point (a warning when there is none). */
  run: (fetch: (at: [number, number]) => Promise<T[]>) => Promise<void>;
}

/**
 * A tab's query state. The answer goes to the map through `onHits` (records without a point are left
 * off, `toHit` returns null for them; it must be stable); a cleared point clears the answer.
 */
export function useNearbyQuery<T>(at: [number, number] | null, onHits: NearbyTabProps['onHits'], toHit: (x: T) => NearbyHit | null): NearbyQuery<T> {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [querying, setQuerying] = useState(false);
  const [result, setResult] = useState<NearbyQuery<T>['result']>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    onHits(result && { at: result.at, hits: result.items.flatMap((x) => toHit(x) ?? []) });
  }, [result, onHits, toHit]);
  useEffect(() => {
    if (!at) {
      setResult(null);
      setError(null);
    }
  }, [at]);

  const run = async (fetch: (at: [number, number]) => Promise<T[]>) => {
    if (!at) {
      message.warning(t(rm.nearestPointRequired));
      return;
    }
    setQuerying(true);
    setError(null);
    try {
      setResult({ at, items: await fetch(at) });
    } catch (err) {
      setResult(null);
      setError(errorMessage(err));
    } finally {
      setQuerying(false);
    }
  };
  return { querying, result, error, run };
}

/** A tab's small query form ending in its submit button (`<testIdPrefix>-submit`). */
export function NearbyForm({ onRun, querying, submitLabel, testIdPrefix, children }: {
  onRun: () => void;
  querying: boolean;
  submitLabel: string;
  testIdPrefix: string;
  children: ReactNode;
}) {
  return (
    <Form layout="vertical" size="small" autoComplete="off" onFinish={onRun}>
      {children}
      <Button type="primary" htmlType="submit" loading={querying} data-testid={`${testIdPrefix}-submit`}>{submitLabel}</Button>
    </Form>
  );
}

/** How many to return (`<testIdPrefix>-k`) and the search radius in km (`<testIdPrefix>-radius`), side by side. */
export function NearbyKRadius({ k, onK, radius, onRadius, testIdPrefix }: {
  k: number | null;
  onK: (k: number | null) => void;
  radius: number | null;
  onRadius: (r: number | null) => void;
  testIdPrefix: string;
}) {
  const { t } = useI18n();
  return (
    <div style={{ display: 'flex', gap: 8 }}>
      <Form.Item label={t(rm.nearestK)} style={{ flex: 1, marginBottom: 8 }}>
        <InputNumber data-testid={`${testIdPrefix}-k`} value={k} onChange={onK} min={1} max={50} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label={t(rm.nearestRadius)} style={{ flex: 1, marginBottom: 8 }}>
        <InputNumber data-testid={`${testIdPrefix}-radius`} value={radius} onChange={onRadius} min={0.1} max={2000} style={{ width: '100%' }} />
      </Form.Item>
    </div>
  );
}

/**
 * The query's error or its answer: the count, then the records nearest first, each with its distance;
 * a click opens the record. Test ids: `<testIdPrefix>-error`, `-results`, `-result` (with data-distance-m).
 */
export function NearbyResults<T extends NearbyItem>({ query, testIdPrefix, distanceTestId, found, empty, onOpen, itemAttrs, title, children }: {
  query: NearbyQuery<T>;
  testIdPrefix: string;
  distanceTestId?: string;
  found: (n: number) => string;
  empty: string;
  onOpen: (x: T) => void;
  /** More attributes of a result row (e.g. data-free). */
  itemAttrs?: (x: T) => HTMLAttributes<HTMLElement>;
  /** Shown after the name (e.g. a status tag). */
  title?: (x: T) => ReactNode;
  /** The lines under the name. */
  children: (x: T) => ReactNode;
}) {
  const { t } = useI18n();
  const { result, error } = query;
  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid={`${testIdPrefix}-error`} />}
      {result && (
        <div style={{ marginTop: 12 }} data-testid={`${testIdPrefix}-results`}>
          <Typography.Text strong>{found(result.items.length)}</Typography.Text>
          {result.items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
          ) : (
            <List
              size="small"
              dataSource={result.items}
              renderItem={(x, i) => (
                <List.Item
                  data-testid={`${testIdPrefix}-result`}
                  data-distance-m={x.distanceM}
                  {...itemAttrs?.(x)}
                  style={{ cursor: 'pointer', paddingInline: 4, display: 'block' }}
                  onClick={() => onOpen(x)}
                >
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                    <div style={{ minWidth: 0 }}>
                      <Typography.Text strong>{i + 1}. {x.name}</Typography.Text>{title && <> {title(x)}</>}
                    </div>
                    <Tag color="blue" style={{ marginInlineEnd: 0, flex: 'none' }} data-testid={distanceTestId}>{t(rm.distanceKm, { d: km(x.distanceM) })}</Tag>
                  </div>
                  {children(x)}
                </List.Item>
              )}
            />
          )}
        </div>
      )}
    </>
  );
}
