import { useState } from 'react';
import type { FormInstance } from 'antd';
import { api, ApiError, errorMessage } from './api.ts';

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

/** PATCH `path/id` when editing a record (id given), else POST `path`. */
export function saveRecord<T>(path: string, id: string | null | undefined, body: unknown): Promise<T> {
  return id ? api.patch<T>(`${path}/${id}`, body) : api.post<T>(path, body);
}

export interface FormSubmitOptions<V> {
  /** Saves the validated values: the request, then the success message and the caller's callback. */
  save: (values: V) => Promise<void>;
  /**
   * Where the server's field errors go: the form's field names (applyServerErrors), or a function that
   * places them and returns the messages no field took.
   */
  fields: readonly string[] | ((err: unknown) => string[]);
  /** Also show the problem's detail above the form when every server error landed on a field (default true). */
  detailWithFieldErrors?: boolean;
}

export interface FormSubmit {
  saving: boolean;
  /** The message above the form (null: none). */
  error: string | null;
  setError: (error: string | null) => void;
  /** Validate → save → on failure field errors on their fields, the rest (or the problem's detail) in `error`. */
  submit: () => void;
}

/** The submit of a create/edit form: validation, the saving flag and the server's errors. */
export function useFormSubmit<V>(form: FormInstance<V>, { save, fields, detailWithFieldErrors = true }: FormSubmitOptions<V>): FormSubmit {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await save(values);
    } catch (err) {
      const rest = typeof fields === 'function' ? fields(err) : applyServerErrors(form, err, fields);
      if (rest.length) setError(rest.join('；'));
      else if (detailWithFieldErrors || !(err instanceof ApiError) || !err.errors.length) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, setError, submit: () => void run() };
}
