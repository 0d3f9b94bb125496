/** Opens an enterprise's file by id (from a hazard, a risk point or a map marker): GET /api/v1/enterprises/:id. */
import { useCallback, useState } from 'react';
import { App } from 'antd';
import { api, errorMessage } from '../../../lib/api.ts';
import type { Enterprise } from '../types.ts';

export function useOpenEnterprise(onAnyChange?: () => void) {
  const { message } = App.useApp();
  const [enterprise, setEnterprise] = useState<Enterprise | null>(null);
  const open = useCallback((id: string) => {
    api.get<Enterprise>(`/api/v1/enterprises/${id}`).then(setEnterprise).catch((err: unknown) => message.error(errorMessage(err)));
  }, [message]);
  const close = useCallback(() => setEnterprise(null), []);
  const onChanged = useCallback((e: Enterprise) => {
    setEnterprise((cur) => (cur?.id === e.id ? e : cur));
    onAnyChange?.();
  }, [onAnyChange]);
  return { enterprise, setEnterprise, open, close, onChanged };
}
