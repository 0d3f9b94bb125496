/** The GB 32100 credit-code check, shared with the server (contracts/credit-code.ts). */
export { creditCodeCheckChar, creditCodeProblem, isValidCreditCode, type CreditCodeProblem } from '../../../contracts/credit-code.ts';
