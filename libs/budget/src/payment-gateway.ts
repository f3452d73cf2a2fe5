/** One payment instruction: money for one approved case, keyed by its disbursement (the bank's idempotency key). */
export interface PaymentInstruction {
  /** The disbursement id: a second instruction with the same id is the same payment, never a second one. */
  instructionId: string;
  applicationId: string;
  amountFen: number;
  payee: string;
}

/** What the bank says it paid. */
export interface BankPayment {
  paymentId: string;
  instructionId: string;
  applicationId: string;
  amountFen: number;
  /** True when the bank had already accepted this instruction (a retry, or a repeated answer). */
  duplicate: boolean;
}

/**
 * Port: the bank. `pay` throws a plain Error for temporary failures (5xx, timeouts, network: retry with the same
 * instruction id) and `ApplicationException(PAYMENT_REJECTED)` for a permanent refusal (4xx).
 */
export abstract class PaymentGateway {
  /** False when PAYMENT_BANK_URL is not set: disbursements stay `pending_payment`. */
  abstract readonly enabled: boolean;
  abstract pay(instruction: PaymentInstruction): Promise<BankPayment>;
  /** Every payment the bank holds, for reconciliation. */
  abstract listPayments(): Promise<BankPayment[]>;
}
