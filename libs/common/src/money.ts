/**
 * Money: integer fen inside the system, CNY at the edges. One definition, in the dependency-free policy code that the
 * workflows, the libs and the API share (workflows/policy/money.ts); the libs and the API import it from here.
 */
export {
  FEN_PER_YUAN,
  fenToYuan,
  formatYuan,
  isWholeFen,
  MAX_MONEY_FEN,
  MAX_MONEY_YUAN,
  yuan,
  yuanToFen,
} from '@aidflow/policy';
