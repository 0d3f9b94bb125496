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

export function OrgSelect({ excludeId, value, ...props }: SelectProps<string | null> & { excludeId?: string }) {
  const { orgs, loading } = useOrgs();
  const [found, setFound] = useState<Org[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [selected, setSelected] = useState<Org | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // The current value may lie beyond the first page: fetch its name once.
  useEffect(() => {
    if (!value || orgs.some((o) => o.id === value) || selected?.id === value) return;
    let live = true;
    api.get<Org>(`/api/v1/orgs/${value}`).then((o) => live && setSelected(o)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [value, orgs, selected]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const onSearch = (q: string) => {
    clearTimeout(timer.current);
    if (!q.trim()) {
      setFound(null);
      return;
    }
    timer.current = setTimeout(() => {
      setSearching(true);
      api.get<Page<Org>>('/api/v1/orgs', { q: q.trim(), pageSize: 50, sort: 'name' })
        .then((r) => setFound(r.items))
        .catch(() => setFound([]))
        .finally(() => setSearching(false));
    }, 250);
  };

  const options = useMemo(() => {
    const list = [...(found ?? orgs)];
    if (selected && !list.some((o) => o.id === selected.id)) list.unshift(selected);
    return list.filter((o) => o.id !== excludeId).map((o) => ({ value: o.id, label: o.name }));
  }, [found, orgs, selected, excludeId]);

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
