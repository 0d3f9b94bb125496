/**
 * Organisation picker over GET /api/v1/orgs (the user's scope): the first 200 by name, then a
 * server-side search (`q`) as the user types, so counties with more organisations still work.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Select, type SelectProps } from 'antd';
import { api } from '../lib/api.ts';
import type { Org, Page } from '../lib/types.ts';

export function useOrgs(filter: Record<string, string> = {}): { orgs: Org[]; loading: boolean } {
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [loading, setLoading] = useState(true);
  const key = JSON.stringify(filter);
  useEffect(() => {
    let live = true;
    setLoading(true);
    api.get<Page<Org>>('/api/v1/orgs', { pageSize: 200, sort: 'name', ...(JSON.parse(key) as Record<string, string>) })
      .then((r) => live && setOrgs(r.items))
      .catch(() => live && setOrgs([]))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [key]);
  return { orgs, loading };
}

type Named = { id: string; name: string };

/**
 * A picker over a scoped list endpoint (its first 200 by name, then a server-side search `q` as the
 * user types, and the current value's name fetched from `${endpoint}/${id}` when it lies beyond the
 * first page). OrgSelect and the risks domain's EnterpriseSelect are this over their endpoints.
 */
export function RecordSelect({ endpoint, excludeId, value, ...props }: SelectProps<string | null> & { endpoint: string; excludeId?: string }) {
  const [items, setItems] = useState<Named[]>([]);
  const [loading, setLoading] = useState(true);
  const [found, setFound] = useState<Named[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [selected, setSelected] = useState<Named | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    let live = true;
    setLoading(true);
    api.get<Page<Named>>(endpoint, { pageSize: 200, sort: 'name' })
      .then((r) => live && setItems(r.items))
      .catch(() => live && setItems([]))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [endpoint]);

  // The current value may lie beyond the first page: fetch its name once.
  useEffect(() => {
    if (!value || items.some((o) => o.id === value) || selected?.id === value) return;
    let live = true;
    api.get<Named>(`${endpoint}/${value}`).then((o) => live && setSelected(o)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [endpoint, value, items, selected]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const onSearch = (q: string) => {
    clearTimeout(timer.current);
    if (!q.trim()) {
      setFound(null);
      return;
    }
    timer.current = setTimeout(() => {
      setSearching(true);
      api.get<Page<Named>>(endpoint, { q: q.trim(), pageSize: 50, sort: 'name' })
        .then((r) => setFound(r.items))
        .catch(() => setFound([]))
        .finally(() => setSearching(false));
    }, 250);
  };

  const options = useMemo(() => {
    const list = [...(found ?? items)];
    if (selected && !list.some((o) => o.id === selected.id)) list.unshift(selected);
    return list.filter((o) => o.id !== excludeId).map((o) => ({ value: o.id, label: o.name }));
  }, [found, items, selected, excludeId]);

  return (
    <Select<string | null>
      allowClear
      value={value}
      loading={loading || searching}
      showSearch={{ filterOption: false, onSearch }}
      onOpenChange={(open) => {
        if (!open) setFound(null);
      }}
      options={options}
      {...props}
    />
  );
}

export function OrgSelect(props: SelectProps<string | null> & { excludeId?: string }) {
  return <RecordSelect endpoint="/api/v1/orgs" {...props} />;
}
