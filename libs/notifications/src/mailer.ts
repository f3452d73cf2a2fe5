export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Deterministic id, so a receiving system can drop a duplicate delivery. */
  messageId: string;
}

/** Port: sends one email. */
export abstract class Mailer {
  abstract send(message: MailMessage): Promise<void>;
}
