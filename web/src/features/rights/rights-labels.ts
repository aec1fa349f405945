import type { RightsRequestKind, RightsRequestStatus } from '@/gql/graphql';

export const KIND_LABELS: Record<RightsRequestKind, string> = {
  ACCESS: 'A copy of my health information',
  AMENDMENT: 'A correction of my record',
  ACCOUNTING_OF_DISCLOSURES: 'A list of who my information was disclosed to',
  RESTRICTION: 'A limit on how my information is used or shared',
  CONFIDENTIAL_COMMUNICATION: 'Being contacted another way or at another address',
};

export const STATUS_LABELS: Record<RightsRequestStatus, string> = {
  OPEN: 'Open',
  EXTENDED: 'Extended',
  COMPLETED: 'Completed',
  DENIED: 'Denied',
};

const DAY_MS = 86_400_000;

/** "due in 12 days", "due today", "3 days overdue", relative to `now`. */
export function dueText(dueAt: string, now: Date = new Date()): string {
  const days = Math.ceil((new Date(dueAt).getTime() - now.getTime()) / DAY_MS);
  if (days > 1) return `due in ${days} days`;
  if (days === 1) return 'due tomorrow';
  if (days === 0) return 'due today';
  return `${-days} day${days === -1 ? '' : 's'} overdue`;
}
