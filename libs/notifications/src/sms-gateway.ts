export interface SmsMessage {
  /** Mobile number, digits with an optional leading +. */
  to: string;
  text: string;
  /** Deterministic per (application, event, recipient): a gateway drops a repeated delivery of the same key. */
  idempotencyKey: string;
}

/**
 * Port: sends one SMS. Throws `ApplicationException(DeliveryRejected)` when the gateway refuses the message for good
 * (retrying cannot help); any other error is temporary and the activity retries it.
 */
export abstract class SmsGateway {
  /** False when no gateway is configured (SMS_GATEWAY_URL unset): the SMS channel is off. */
  abstract readonly enabled: boolean;
  abstract send(message: SmsMessage): Promise<void>;
}
