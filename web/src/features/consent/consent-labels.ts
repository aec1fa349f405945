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

/** System actors are `system:<service>:event:<id>` or `system:<service>:job:<queue>/<id>` (subgraph-kit). */
const SYSTEM_ACTOR = /^system:([a-z][a-z-]*):/;

/**
 * Who acted, as the access log names them: a person by name; one of HoloVitals' own services by which one
 * (recording a grant the patient made, a worker applying a job), never by its internal id.
 */
export function actorName(
  actor: { displayName?: string | null; email: string } | null | undefined,
  actorId: string | null | undefined,
): string {
  if (actor) return partyName(actor);
  const service = actorId ? SYSTEM_ACTOR.exec(actorId)?.[1] : undefined;
  if (service) return `HoloVitals (${service} service)`;
  return actorId ? partyName(null) : 'HoloVitals';
}

const ACTION_LABELS: Record<string, string> = {
  read: 'Read',
  search: 'Searched',
  list: 'Listed',
  create: 'Added',
  update: 'Changed',
  delete: 'Deleted',
  import: 'Imported',
  export: 'Exported',
  grant: 'Recorded',
  revoke: 'Recorded the end of',
  'file.download': 'Downloaded the file of',
  'model.send': 'Sent to an AI model:',
};

/** What was done, in words: `read` `AllergyIntolerance` → "Read allergy intolerance". */
export function accessText(action: string, entityType: string): string {
  const entity = entityType.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `${ACTION_LABELS[action] ?? action} ${entity}`;
}

const ROLE_LABELS: Record<string, string> = {
  PATIENT: 'Patient',
  CLINICIAN: 'Clinician',
  ADMIN: 'Administrator',
  PARTNER: 'Partner app',
  SYSTEM: 'System',
};

/** The actor's roles as words (an unknown role as it is), or a dash when the entry names none. */
export function rolesText(roles: readonly string[]): string {
  return roles.map((role) => ROLE_LABELS[role] ?? role).join(', ') || '—';
}
