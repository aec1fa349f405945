import type { SessionUser } from '@/auth/auth-payload';

export interface NavItem {
  href: string;
  label: string;
}

/** The pages a user can reach; a page is listed only once the data behind it exists in the supergraph. */
export function navigationFor(_user: SessionUser): NavItem[] {
  return [
    { href: '/dashboard', label: 'Dashboard' },
    { href: '/account/sessions', label: 'Account' },
  ];
}

export function isCurrent(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}
