/**
 * Pickers of the stock pages over the list endpoints (scoped by the server): warehouses, catalogue
 * materials, stock batches — the first page by the endpoint's order, then a server-side search (`q`)
 * as the user types — and the GB/T 38565 category tree from the material_category dictionary.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Select, TreeSelect, type SelectProps, type TreeSelectProps } from 'antd';
import { api } from '../../../lib/api.ts';
import { formatNumber } from '../../../lib/format.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import type { DictItem, Page } from '../../../lib/types.ts';
import { useDict } from '../dicts.ts';
import type { BatchTrace, Material, StockBatch, Warehouse } from '../types.ts';

interface RemoteProps<T> {
  endpoint: string;
  query?: Record<string, string | number | boolean | undefined>;
  label: (item: T) => string;
  /** Items to offer even when the first page does not hold them (e.g. a pre-selected batch). */
  extra?: T[];
  exclude?: string;
  onPick?: (item: T | null) => void;
  /** Loads one item by id (for a value that is not on the first page). */
  fetchOne?: (id: string) => Promise<T>;
}

export type RemoteSelectProps<T> = RemoteProps<T> & Omit<SelectProps<string | null>, 'options' | 'showSearch' | 'loading'>;

export function RemoteSelect<T extends { id: string }>({ endpoint, query, label, extra, exclude, onPick, fetchOne, value, onChange, ...props }: RemoteSelectProps<T>) {
  const [first, setFirst] = useState<T[]>([]);
  const [found, setFound] = useState<T[] | null>(null);
  const [selected, setSelected] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const queryKey = JSON.stringify(query ?? {});

  useEffect(() => {
    let live = true;
    setLoading(true);
    api.get<Page<T>>(endpoint, { pageSize: 100, ...(JSON.parse(queryKey) as Record<string, string>) })
      .then((r) => live && setFirst(r.items))
      .catch(() => live && setFirst([]))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [endpoint, queryKey]);
  useEffect(() => () => clearTimeout(timer.current), []);

  // A value beyond the first page (an edited record's warehouse, say): fetch it once by id.
  useEffect(() => {
    if (!value || !fetchOne || loading || first.some((x) => x.id === value) || extra?.some((x) => x.id === value) || selected?.id === value) return;
    let live = true;
    fetchOne(value).then((x) => live && setSelected(x)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [value, first, extra, selected, fetchOne, loading]);

  const onSearch = (q: string) => {
    clearTimeout(timer.current);
    if (!q.trim()) {
      setFound(null);
      return;
    }
    timer.current = setTimeout(() => {
      setLoading(true);
      api.get<Page<T>>(endpoint, { ...(JSON.parse(queryKey) as Record<string, string>), q: q.trim(), pageSize: 50 })
        .then((r) => setFound(r.items))
        .catch(() => setFound([]))
        .finally(() => setLoading(false));
    }, 250);
  };

  const all = useMemo(() => {
    const list = [...(found ?? first)];
    for (const x of [...(extra ?? []), ...(selected ? [selected] : [])]) if (!list.some((y) => y.id === x.id)) list.unshift(x);
    return list.filter((x) => x.id !== exclude);
  }, [found, first, extra, selected, exclude]);
  const known = useRef(new Map<string, T>());
  for (const x of all) known.current.set(x.id, x);

  return (
    <Select<string | null>
      allowClear
      value={value}
      loading={loading}
      showSearch={{ filterOption: false, onSearch }}
      onOpenChange={(open) => {
        if (!open) setFound(null);
      }}
      popupMatchSelectWidth={false}
      options={all.map((x) => ({ value: x.id, label: label(x) }))}
      onChange={(v, o) => {
        const item = v ? known.current.get(v) ?? null : null;
        if (item) setSelected(item);
        onPick?.(item);
        onChange?.(v, o);
      }}
      {...props}
    />
  );
}

const fetchWarehouse = (id: string) => api.get<Warehouse>(`/api/v1/warehouses/${id}`);
const fetchBatch = (id: string) => api.get<BatchTrace>(`/api/v1/stock/batches/${id}/trace`).then((r) => r.batch);

export function WarehouseSelect(props: Omit<RemoteSelectProps<Warehouse>, 'endpoint' | 'label'>) {
  return <RemoteSelect<Warehouse> endpoint="/api/v1/warehouses" label={(w) => `${w.name}（${w.regionName}）`} fetchOne={fetchWarehouse} {...props} />;
}

export function MaterialSelect(props: Omit<RemoteSelectProps<Material>, 'endpoint' | 'label'>) {
  return <RemoteSelect<Material> endpoint="/api/v1/materials" label={(m) => `${m.name}${m.spec ? ` · ${m.spec}` : ''}（${m.unit}）`} {...props} />;
}

export function batchLabel(b: StockBatch, locale: 'zh-CN' | 'en-US'): string {
  return `${b.materialName} · ${b.batchNo} · ${b.warehouseName} · ${formatNumber(b.quantity, locale, 2)} ${b.unit}${b.expiryDate ? ` · ${b.expiryDate}` : ''}`;
}

/** Batches in stock (quantity > 0) the actor can see; writes are refused by the server outside the actor's own scope. */
export function StockBatchSelect(props: Omit<RemoteSelectProps<StockBatch>, 'endpoint' | 'label'>) {
  const { locale } = useI18n();
  return <RemoteSelect<StockBatch> endpoint="/api/v1/stock/batches" label={(b) => batchLabel(b, locale)} fetchOne={fetchBatch} {...props} query={{ inStock: true, ...props.query }} />;
}

interface CategoryNode {
  value: string;
  title: string;
  children: CategoryNode[];
}

function categoryTree(items: DictItem[], label: (code: string) => string): CategoryNode[] {
  const byParent = new Map<string | null, DictItem[]>();
  for (const i of items) byParent.set(i.parentCode, [...(byParent.get(i.parentCode) ?? []), i]);
  const codes = new Set(items.map((i) => i.code));
  const build = (parent: string | null): CategoryNode[] => (byParent.get(parent) ?? [])
    .sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code))
    .map((i) => ({ value: i.code, title: `${i.code} ${label(i.code)}`, children: build(i.code) }));
  // Roots: items without a parent, or whose parent is not in the dictionary.
  const roots = items.filter((i) => i.parentCode === null || !codes.has(i.parentCode)).map((i) => i.parentCode);
  return [...new Set(roots)].flatMap((p) => build(p));
}

/**
 * The code prefix that selects a category and everything under it: GB/T 38565 codes are D MM SS XX
 * (大类 1 digit, 中类 2, 小类 2, 细类 2), with trailing zero groups for the upper levels.
 */
export function categoryPrefix(code: string, level: number): string {
  return code.slice(0, [1, 3, 5, 7][Math.min(Math.max(level, 1), 4) - 1]);
}

export function useMaterialCategories() {
  const dict = useDict('material_category');
  const tree = useMemo(() => categoryTree(dict.items, dict.label), [dict]);
  return { ...dict, tree };
}

export function MaterialCategorySelect(props: Omit<TreeSelectProps<string>, 'treeData'>) {
  const { tree, items } = useMaterialCategories();
  return (
    <TreeSelect<string>
      showSearch
      treeNodeFilterProp="title"
      loading={items.length === 0}
      treeData={tree}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto' } } }}
      {...props}
    />
  );
}
