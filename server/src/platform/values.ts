import { Type, type TSchema } from 'typebox';

/** Schema helper: the value or null. */
export const nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** A timestamp column as ISO 8601 (null stays null). */
export function isoTime(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v.toISOString() : String(v);
}

/** A date column as YYYY-MM-DD (null stays null). */
export function isoDate(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);
}

/** An export cell's date (a Date from the database, or an ISO string from a mapped row); null when empty. */
export function dateCell(v: unknown): Date | null {
  if (v === null || v === undefined || v === '') return null;
  return v instanceof Date ? v : new Date(String(v));
}
