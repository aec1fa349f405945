import type { EmailMessage } from './email-sender';

/** Sent instead of a confirmation link when someone signs up with an address that has an account. */
export function alreadyRegisteredEmail(to: string, appUrl: string): EmailMessage {
  return {
    to,
    subject: 'Your HoloVitals account',
    text: [
      'Someone (perhaps you) tried to create a HoloVitals account with this email address, which already has one.',
      '',
      'Sign in here:',
      new URL('/login', appUrl).toString(),
      '',
      'If it was not you, you can ignore this message; nothing was changed.',
    ].join('\n'),
  };
}
