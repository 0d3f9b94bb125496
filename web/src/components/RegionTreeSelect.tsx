/** Region picker over GET /api/v1/regions/tree (the user's scope), and the tree loader it shares. */
import { useEffect, useMemo, useState } from 'react';
import { TreeSelect, type TreeSelectProps } from 'antd';
import { api } from '../lib/api.ts';
import type { RegionNode } from '../lib/types.ts';

let treePromise: Promise<RegionNode[]> | null = null;

/** The scope's region tree, fetched once per page load (call with force after region edits). */
export function loadRegionTree(force = false): Promise<RegionNode[]> {
  if (!treePromise || force) {
    treePromise = api.get<RegionNode[]>('/api/v1/regions/tree').catch((err: unknown) => {
      treePromise = null;
      throw err;
    });
  }
  return treePromise;
}

export function useRegionTree(): { tree: RegionNode[]; loading: boolean; error: unknown } {
  const [tree, setTree] = useState<RegionNode[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    loadRegionTree()
      .then((t) => live && setTree(t))
      .catch((e: unknown) => live && setError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, []);
  return { tree, loading, error };
}

interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}

function toOptions(nodes: RegionNode[]): TreeOption[] {
  return nodes.map((n) => ({ value: n.code, title: n.name, children: toOptions(n.children) }));
}

export function RegionTreeSelect(props: Omit<TreeSelectProps<string>, 'treeData'>) {
  const { tree, loading } = useRegionTree();
  const options = useMemo(() => toOptions(tree), [tree]);
  return (
    <TreeSelect<string>
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandedKeys={tree.map((n) => n.code)}
      loading={loading}
      treeData={options}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto' } } }}
      {...props}
    />
  );
}
