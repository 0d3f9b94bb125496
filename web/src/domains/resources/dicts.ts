/** Dictionary items the resource pages need (team_specialty, event_type), fetched once per page load. */
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../lib/api.ts';
import { useI18n, type Msg } from '../../lib/i18n.tsx';
import type { DictItem, Page } from '../../lib/types.ts';

const cache = new Map<string, Promise<DictItem[]>>();

export function loadDict(dict: string): Promise<DictItem[]> {
  let p = cache.get(dict);
  if (!p) {
    p = api.get<Page<DictItem>>('/api/v1/dictionaries/items', { dict, pageSize: 200, sort: 'code' })
      .then((r) => r.items)
      .catch((err: unknown) => {
        cache.delete(dict);
        throw err;
      });
    cache.set(dict, p);
  }
  return p;
}

export interface DictOptions {
  items: DictItem[];
  options: { value: string; label: string }[];
  /** code → name in the UI language (the code itself when unknown). */
  label: (code: string) => string;
}

export function useDict(dict: string): DictOptions {
  const { locale } = useI18n();
  const [items, setItems] = useState<DictItem[]>([]);
  useEffect(() => {
    let live = true;
    loadDict(dict).then((x) => live && setItems(x)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [dict]);
  return useMemo(() => {
    const name = (i: DictItem) => (locale === 'en-US' && i.nameEn ? i.nameEn : i.name);
    const byCode = new Map(items.map((i) => [i.code, name(i)]));
    return { items, options: items.map((i) => ({ value: i.code, label: name(i) })), label: (code: string) => byCode.get(code) ?? code };
  }, [items, locale]);
}

/** Options for a fixed enum with [zh, en] labels. */
export function enumOptions(values: readonly string[], labels: Record<string, Msg>, t: (m: Msg) => string): { value: string; label: string }[] {
  return values.map((v) => ({ value: v, label: labels[v] ? t(labels[v]) : v }));
}
