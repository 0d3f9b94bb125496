/**
 * Enterprise picker over GET /api/v1/enterprises (the caller's scope): the first 200 by name, then a
 * server-side search (`q`: name or credit code) as the user types. An enterprise account sees only itself.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Select, type SelectProps } from 'antd';
import { api } from '../../../lib/api.ts';
import type { Page } from '../../../lib/types.ts';
import type { Enterprise } from '../types.ts';

type Brief = Pick<Enterprise, 'id' | 'name'>;

export function EnterpriseSelect({ value, ...props }: SelectProps<string | null>) {
  const [items, setItems] = useState<Brief[]>([]);
  const [found, setFound] = useState<Brief[] | null>(null);
  const [selected, setSelected] = useState<Brief | null>(null);
  const [loading, setLoading] = useState(true);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    let live = true;
    api.get<Page<Enterprise>>('/api/v1/enterprises', { pageSize: 200 })
      .then((r) => live && setItems(r.items))
      .catch(() => live && setItems([]))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, []);

  // The current value may lie beyond the first page: fetch its name once.
  useEffect(() => {
    if (!value || items.some((o) => o.id === value) || selected?.id === value) return;
    let live = true;
    api.get<Enterprise>(`/api/v1/enterprises/${value}`).then((o) => live && setSelected(o)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [value, items, selected]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const onSearch = (q: string) => {
    clearTimeout(timer.current);
    if (!q.trim()) {
      setFound(null);
      return;
    }
    timer.current = setTimeout(() => {
      api.get<Page<Enterprise>>('/api/v1/enterprises', { q: q.trim(), pageSize: 50 })
        .then((r) => setFound(r.items))
        .catch(() => setFound([]));
    }, 250);
  };

  const options = useMemo(() => {
    const list = [...(found ?? items)];
    if (selected && !list.some((o) => o.id === selected.id)) list.unshift(selected);
    return list.map((o) => ({ value: o.id, label: o.name }));
  }, [found, items, selected]);

  return (
    <Select<string | null>
      allowClear
      value={value}
      loading={loading}
      showSearch={{ filterOption: false, onSearch }}
      onOpenChange={(open) => {
        if (!open) setFound(null);
      }}
      options={options}
      popupMatchSelectWidth={false}
      {...props}
    />
  );
}
