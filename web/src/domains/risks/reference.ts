/**
 * Reference data for the pickers (GET /api/v1/major-hazards/reference, GET /api/v1/risk-points/reference),
 * fetched once per page load and language: the server labels it in the request's Accept-Language, so a
 * language switch fetches (and caches) the other language's copy. Values (scores, GB 6441 codes, GB 18218
 * categories, Table 1 names) are the same in both and are what the forms store; labels are display only.
 */
import { useEffect, useState } from 'react';
import { api } from '../../lib/api.ts';
import { useI18n, type Locale } from '../../lib/i18n.tsx';
import type { MajorHazardReference, NamedChemicalRef, RiskReference } from './types.ts';

const cache = new Map<string, Promise<unknown>>();

function load<T>(path: string, locale: Locale): Promise<T> {
  const key = `${locale} ${path}`;
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = api.get<T>(path).catch((err: unknown) => {
      cache.delete(key);
      throw err;
    });
    cache.set(key, p);
  }
  return p;
}

function useReference<T>(path: string): { data: T | null; error: unknown } {
  const { locale } = useI18n();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    load<T>(path, locale).then((d) => live && setData(d)).catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [path, locale]);
  return { data, error };
}

export const useHazardReference = () => useReference<MajorHazardReference>('/api/v1/major-hazards/reference');
export const useRiskReference = () => useReference<RiskReference>('/api/v1/risk-points/reference');

/** A named chemical's CAS numbers, whichever shape the reference gives. */
export function casList(c: NamedChemicalRef): string[] {
  if (!c.cas) return [];
  return Array.isArray(c.cas) ? c.cas : [c.cas];
}

/**
 * A named chemical's display name in the UI language (the reference's label; types.ts does not declare it
 * yet, and a missing one falls back to the name). Forms still store and match the Table 1 name (name),
 * which the server grades by.
 */
export function chemicalLabel(c: NamedChemicalRef): string {
  return c.label || c.name;
}

const norm = (s: string) => s.replace(/\s+/g, '').toUpperCase();

/** The named chemical (GB 18218 Table 1) a typed name or CAS refers to, if any. */
export function findChemical(ref: MajorHazardReference | null, name: string | undefined, cas?: string | null): NamedChemicalRef | undefined {
  if (!ref) return undefined;
  const n = name ? norm(name) : '';
  return ref.chemicals.find((c) => (cas && casList(c).includes(cas.trim())) || (n !== '' && (norm(c.name) === n || c.aliases.some((a) => norm(a) === n))));
}
