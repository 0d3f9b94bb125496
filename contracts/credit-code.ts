/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015). Shared by the server (orgs rules)
 * and the web forms, so the form rejects exactly what the server rejects.
 * 18 characters from 0-9 A-H J-N P-R T-U W-Y (no I, O, S, V, Z); the last is a check character:
 * c18 = 31 - (Σ Ci·Wi mod 31), with Wi = 3^(i-1) mod 31, and 31 → 0.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  const c = 31 - (sum % 31);
  return CHARSET[c === 31 ? 0 : c]!;
}

export function isValidCreditCode(code: string): boolean {
  if (!SHAPE.test(code)) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

export type CreditCodeProblem = 'length' | 'charset' | 'shape' | 'check';

/** Why a code is invalid (for a precise form message), or null when it is valid. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  if (!/^[0-9A-HJ-NPQRTUWXY]+$/.test(code)) return 'charset';
  if (!SHAPE.test(code)) return 'shape';
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return 'check';
  return null;
}
