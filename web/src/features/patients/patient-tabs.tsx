'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

/** Section links inside one patient's record, for clinicians and admins. */
export function PatientTabs({ patientId }: { patientId: string }): ReactNode {
  const pathname = usePathname();
  const base = `/patients/${patientId}`;
  const tabs = [
    { href: base, label: 'Summary' },
    { href: `${base}/labs`, label: 'Labs' },
    { href: `${base}/vitals`, label: 'Vitals' },
    { href: `${base}/timeline`, label: 'Timeline' },
  ];
  return (
    <nav aria-label="Patient record" className="tabs">
      <ul>
        {tabs.map((tab) => (
          <li key={tab.href}>
            <Link href={tab.href} aria-current={pathname === tab.href ? 'page' : undefined}>
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
