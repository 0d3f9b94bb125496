/**
 * Client-side form rules mirroring the server's JSON schemas (server/src/modules/users/service.ts,
 * orgs/service.ts), so a form rejects what the server would reject, with the same limits.
 */
import type { FormRule as Rule } from 'antd';
import { creditCodeProblem } from './credit-code.ts';
import { common, defineMessages, type Msg, type Vars } from './i18n.tsx';

type T = (msg: Msg, vars?: Vars) => string;

export const USERNAME_RE = /^[a-z0-9_.-]{3,32}$/;
export const PASSWORD_RE = /^(?=.*[A-Za-z])(?=.*[0-9]).+$/;
export const PHONE_RE = /^[0-9+\- ]{5,20}$/;
export const REGION_CODE_RE = /^[0-9]{12}$/;
/** The shape ajv-formats accepts for `format: email` (fast mode). */
export const EMAIL_RE = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

const m = defineMessages({
  username: ['3–32 位小写字母、数字或 _ . -', '3–32 lower-case letters, digits, _ . or -'],
  password: ['密码至少 8 位，须同时包含字母和数字', 'The password needs at least 8 characters with both letters and digits'],
  passwordMax: ['密码最多 128 位', 'The password allows at most 128 characters'],
  phone: ['电话号码为 5–20 位数字（可含 + - 空格）', 'A phone number has 5–20 digits (+ - and spaces allowed)'],
  email: ['电子邮箱格式不正确', 'Not a valid e-mail address'],
  creditLength: ['统一社会信用代码应为 18 位', 'A unified social credit code has 18 characters'],
  creditCharset: ['统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）', 'Only digits and capital letters except I, O, S, V, Z'],
  creditShape: ['统一社会信用代码格式不正确（第 3–8 位应为行政区划码数字）', 'Wrong format (characters 3–8 are the numeric region code)'],
  creditCheck: ['统一社会信用代码校验位不正确（GB 32100）', 'The check character does not match (GB 32100)'],
});

/** Required field: 'text' (blank is empty), 'select' (one value) or 'multi' (a non-empty array). */
export const required = (t: T, field: Msg, kind: boolean | 'text' | 'select' | 'multi' = 'text'): Rule => {
  const k = kind === true ? 'select' : kind === false ? 'text' : kind;
  const message = t(k === 'text' ? common.required : common.requiredSelect, { field: t(field) });
  if (k === 'multi') return { required: true, type: 'array', min: 1, message };
  return { required: true, whitespace: k === 'text', message };
};

export const maxLen = (t: T, field: Msg, n: number): Rule => ({ max: n, message: t(common.maxLength, { field: t(field), n }) });
export const minLen = (t: T, field: Msg, n: number): Rule => ({ min: n, message: t(common.minLength, { field: t(field), n }) });

export const usernameRule = (t: T): Rule => ({ pattern: USERNAME_RE, message: t(m.username) });

export const passwordRules = (t: T): Rule[] => [
  { min: 8, message: t(m.password) },
  { max: 128, message: t(m.passwordMax) },
  { pattern: PASSWORD_RE, message: t(m.password) },
];

export const phoneRule = (t: T): Rule => ({ pattern: PHONE_RE, message: t(m.phone) });
export const emailRules = (t: T): Rule[] => [{ pattern: EMAIL_RE, message: t(m.email) }, { max: 100, message: t(common.maxLength, { field: 'Email', n: 100 }) }];

export const creditCodeRule = (t: T): Rule => ({
  validator: async (_r, value: unknown) => {
    if (value === undefined || value === null || value === '') return;
    const problem = creditCodeProblem(String(value));
    if (!problem) return;
    const msg = { length: m.creditLength, charset: m.creditCharset, shape: m.creditShape, check: m.creditCheck }[problem];
    throw new Error(t(msg));
  },
});

/** '' → null for optional text fields the server types as `string | null`. */
export function emptyToNull(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}
