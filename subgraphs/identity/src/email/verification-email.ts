import type { EmailMessage } from './email-sender';

export function verificationEmail(to: string, appUrl: string, token: string, ttlHours: number): EmailMessage {
  const link = new URL('/verify-email', appUrl);
  link.searchParams.set('token', token);
  return {
    to,
    subject: 'Confirm your HoloVitals email address',
    text: [
      'Welcome to HoloVitals.',
      '',
      'Confirm your email address to share your record with clinicians and partners:',
      link.toString(),
      '',
      `The link works once and expires in ${ttlHours} hours. If you did not sign up, ignore this message.`,
    ].join('\n'),
  };
}
