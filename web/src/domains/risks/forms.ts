/**
 * Server field errors on nested form fields. The platform's applyServerErrors() (lib/forms.ts) maps a
 * path to its first named segment; the dual-prevention forms also need `chemicals/0/name` (a row of
 * the chemicals table) and `assessment/L` (the score select of the chosen method).
 */
import type { FormInstance } from 'antd';
import { ApiError } from '../../lib/api.ts';

export type FieldName = string | (string | number)[];

/** Puts each error on the field `place` names for its path segments; returns those no field took. */
export function applyNestedErrors<T>(form: FormInstance<T>, err: unknown, place: (segments: string[]) => FieldName | null): string[] {
  if (!(err instanceof ApiError)) return [];
  const byField = new Map<string, { name: FieldName; errors: string[] }>();
  const rest: string[] = [];
  for (const e of err.errors) {
    const name = place(e.path.split(/[./]/).filter(Boolean));
    if (name === null) {
      rest.push(e.message);
      continue;
    }
    const key = JSON.stringify(name);
    const cur = byField.get(key) ?? { name, errors: [] };
    cur.errors.push(e.message);
    byField.set(key, cur);
  }
  if (byField.size) form.setFields([...byField.values()].map(({ name, errors }) => ({ name: name as never, errors })));
  return rest;
}

/** Top-level fields by name (`location`/`point` go to the longitude input). */
export function topLevel(fields: readonly string[], segments: string[]): FieldName | null {
  const first = segments[0];
  if (!first) return null;
  if (first === 'location' || first === 'point') return 'lng';
  return fields.includes(first) ? first : null;
}

/**
 * A create body without its empty optional fields. The server's validator coerces an explicit null
 * in a `string | null` field to '' (and in `integer | null` to 0), so optional blanks are left out.
 */
export function withoutNulls<T extends Record<string, unknown>>(body: T): Partial<T> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}

/** The fields of `next` that differ from `prev` (both built by the same form → body function): a minimal PATCH. */
export function changedFields<T extends Record<string, unknown>>(next: T, prev: T): Partial<T> {
  return Object.fromEntries(Object.entries(next).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(prev[k]))) as Partial<T>;
}
