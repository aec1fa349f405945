import type { SessionUser } from '@/auth/auth-payload';

export interface NavItem {
  href: string;
  label: string;
}

const RECORD_PAGES: NavItem[] = [
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/labs', label: 'Labs' },
  { href: '/vitals', label: 'Vitals' },
  { href: '/timeline', label: 'Timeline' },
  { href: '/analysis', label: 'Analysis' },
  { href: '/record', label: 'Edit record' },
  { href: '/documents', label: 'Documents' },
  { href: '/import', label: 'Import' },
  { href: '/connections', label: 'Hospitals' },
  { href: '/export', label: 'Export' },
  { href: '/sharing', label: 'Sharing' },
  { href: '/access-log', label: 'Access log' },
  { href: '/rights', label: 'Rights requests' },
];

const ADMIN_PAGES: NavItem[] = [
  { href: '/admin/audit-log', label: 'Audit log' },
  { href: '/admin/alerts', label: 'Security alerts' },
  { href: '/admin/report', label: 'Compliance report' },
  { href: '/admin/rights-requests', label: 'Rights requests' },
  { href: '/admin/monitoring', label: 'Monitoring' },
];

/** Patients get their own record's pages; clinicians and admins get the patient list; admins the compliance pages. */
export function navigationFor(user: SessionUser): NavItem[] {
  const caresForOthers = user.roles.some((role) => role === 'CLINICIAN' || role === 'ADMIN');
  const own = user.roles.includes('PATIENT') ? RECORD_PAGES : [{ href: '/dashboard', label: 'Dashboard' }];
  return [
    ...own,
    ...(caresForOthers ? [{ href: '/patients', label: 'Patients' }] : []),
    ...(user.roles.includes('ADMIN') ? ADMIN_PAGES : []),
    { href: '/billing', label: 'Billing' },
    { href: '/account/sessions', label: 'Account' },
    { href: '/account/security', label: 'Security' },
  ];
}

export function isCurrent(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}
