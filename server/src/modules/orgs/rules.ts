/** Organisation rules. The credit-code algorithm is shared with the web forms (contracts/). */
export { creditCodeCheckChar, creditCodeProblem, isValidCreditCode } from '../../../../contracts/credit-code.ts';
