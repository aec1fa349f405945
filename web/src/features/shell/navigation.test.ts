import { describe, expect, it } from 'vitest';
import type { SessionUser } from '@/auth/auth-payload';
import { isCurrent, navigationFor } from './navigation';

const user = (roles: SessionUser['roles']): SessionUser => ({
  id: 'u1',
  email: 'a@example.test',
  displayName: null,
  roles,
  emailVerified: true,
});

describe('navigationFor', () => {
  it('gives patients their record pages and no patient list', () => {
    const labels = navigationFor(user(['PATIENT'])).map((item) => item.label);
    expect(labels).toEqual([
      'Dashboard',
      'Labs',
      'Vitals',
      'Timeline',
      'Analysis',
      'Edit record',
      'Documents',
      'Import',
      'Hospitals',
      'Export',
      'Sharing',
      'Access log',
      'Rights requests',
      'Billing',
      'Account',
      'Security',
    ]);
  });

  it('gives clinicians and admins the patient list', () => {
    expect(navigationFor(user(['CLINICIAN'])).map((item) => item.label)).toEqual([
      'Dashboard',
      'Patients',
      'Billing',
      'Account',
      'Security',
    ]);
    expect(navigationFor(user(['ADMIN'])).map((item) => item.href)).toContain('/patients');
    expect(navigationFor(user(['ADMIN'])).map((item) => item.href)).toContain('/admin/rights-requests');
    expect(navigationFor(user(['CLINICIAN'])).map((item) => item.href)).not.toContain(
      '/admin/rights-requests',
    );
  });

  it('gives only admins the audit log, security alerts and compliance report', () => {
    const admin = ['/admin/audit-log', '/admin/alerts', '/admin/report', '/admin/monitoring'];
    expect(navigationFor(user(['ADMIN'])).map((item) => item.href)).toEqual(expect.arrayContaining(admin));
    for (const roles of [['PATIENT'], ['CLINICIAN']] as const) {
      const hrefs = navigationFor(user([...roles])).map((item) => item.href);
      expect(hrefs.filter((href) => href.startsWith('/admin'))).toEqual([]);
    }
  });
});

describe('isCurrent', () => {
  it('marks a section current on its sub-pages only', () => {
    expect(isCurrent('/labs/2345-7', '/labs')).toBe(true);
    expect(isCurrent('/labsx', '/labs')).toBe(false);
  });
});
