import type { ConsentPurpose, ConsentScope } from '@/gql/graphql';

export const SCOPE_LABELS: Record<ConsentScope, string> = {
  READ_RECORD: 'Read my record',
  WRITE_RECORD: 'Add to and correct my record',
  READ_DOCUMENTS: 'Read my documents',
  READ_ANALYSES: 'Read my analyses',
  PROXY: 'Act for me (family member or caregiver)',
};

export const PURPOSE_LABELS: Record<ConsentPurpose, string> = {
  TREATMENT: 'Treatment',
  CAREGIVING: 'Caregiving',
  PAYMENT: 'Payment',
  RESEARCH: 'Research',
  OTHER: 'Other',
};

/** A person as the sharing pages name them: their chosen name and address, or the address alone. */
export function partyName(party: { displayName?: string | null; email: string } | null | undefined): string {
  if (!party) return 'Someone not in the directory';
  return party.displayName ? `${party.displayName} (${party.email})` : party.email;
}
