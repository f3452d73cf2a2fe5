import type { ValueTransformer } from 'typeorm';

/** PostgreSQL bigint arrives as a string; amounts in fen stay well inside Number.MAX_SAFE_INTEGER. */
export const bigintToNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
