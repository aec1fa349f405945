import type { Logger } from '@holovitals/subgraph-kit';
import type { EmailMessage, EmailSender } from './email-sender';

/** Local development without a mail server: the message, link included, goes to the log. */
export class LogEmailSender implements EmailSender {
  constructor(private readonly logger: Logger) {}

  async send(message: EmailMessage): Promise<void> {
    this.logger.info(
      { email: { to: message.to, subject: message.subject, text: message.text } },
      'email (log transport)',
    );
  }

  async close(): Promise<void> {}
}
