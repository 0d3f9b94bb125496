import type { FormInstance } from 'antd';
import { ApiError } from './api.ts';

/**
 * Puts the server's field errors (problem.errors[].path, e.g. "roles.0" or "creditCode") on the
 * matching form fields. Returns the errors that matched no field (to show above the form).
 */
export function applyServerErrors<T>(form: FormInstance<T>, err: unknown, fields: readonly string[]): string[] {
  if (!(err instanceof ApiError)) return [];
  const known = new Set(fields);
  const byField = new Map<string, string[]>();
  const rest: string[] = [];
  for (const e of err.errors) {
    const field = e.path.split(/[./]/).find((s) => s !== '' && !/^\d+$/.test(s)) ?? '';
    if (known.has(field)) byField.set(field, [...(byField.get(field) ?? []), e.message]);
    else rest.push(e.message);
  }
  if (byField.size) form.setFields([...byField].map(([name, errors]) => ({ name: name as never, errors })));
  return rest;
}
