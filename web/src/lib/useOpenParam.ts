/**
 * The record a page shows in its drawer, kept in the URL as `?open=<id>` (so notifications and QR
 * codes can link to it and a reload keeps it open). Returns the id and a setter (null closes).
 */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

export function useOpenParam(name = 'open'): [string | null, (id: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const set = useCallback((id: string | null) => {
    setParams((p) => {
      const n = new URLSearchParams(p);
      if (id) n.set(name, id);
      else n.delete(name);
      return n;
    }, { replace: true });
  }, [setParams, name]);
  return [params.get(name), set];
}
