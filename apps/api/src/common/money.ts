/**
 * How the HTTP API takes money: CNY as a JSON number with at most two decimals (a whole number of fen), never above
 * the one money ceiling (`MAX_MONEY_YUAN`, workflows/policy/money.ts). Every DTO's amount uses these two.
 */
export { MAX_MONEY_YUAN } from '@aidflow/common';

/** class-validator's IsNumber options of every CNY amount. */
export const money = { maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false };
