export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Where identity's mail goes: SMTP in production, the log in local development. */
export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
  close(): Promise<void>;
}
