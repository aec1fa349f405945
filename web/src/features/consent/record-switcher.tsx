'use client';

import { useQuery } from '@apollo/client/react';
import { usePathname, useRouter } from 'next/navigation';
import { type ReactNode, useId } from 'react';
import { ConsentsGrantedToMeDocument } from './consent-operations';
import { partyName } from './consent-labels';

const OWN = '/dashboard';

/**
 * Switches between the user's own record and the records others shared with them (a parent's, a child's, a
 * patient's), one entry per patient with an active grant. Hidden while nobody has shared a record.
 */
export function RecordSwitcher({ ownRecord }: { ownRecord: boolean }): ReactNode {
  const id = useId();
  const router = useRouter();
  const pathname = usePathname();
  const { data } = useQuery(ConsentsGrantedToMeDocument);
  const shared = new Map<string, string>();
  for (const grant of data?.consentsGrantedToMe ?? []) {
    if (grant.active && !shared.has(grant.patientId)) shared.set(grant.patientId, partyName(grant.grantor));
  }
  if (shared.size === 0) return null;
  const current = [...shared.keys()].find((patientId) => pathname.startsWith(`/patients/${patientId}`));
  return (
    <div className="row">
      <label htmlFor={id} className="muted">
        Record
      </label>
      <select
        id={id}
        className="field__input"
        value={current ? `/patients/${current}` : OWN}
        onChange={(event) => router.push(event.target.value)}
      >
        <option value={OWN}>{ownRecord ? 'My record' : 'Dashboard'}</option>
        {[...shared].map(([patientId, who]) => (
          <option key={patientId} value={`/patients/${patientId}`}>
            {who}
          </option>
        ))}
      </select>
    </div>
  );
}
