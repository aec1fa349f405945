import { enqueueEvent } from '@holovitals/events';
import { Role } from '@holovitals/subgraph-kit';
import { DataSource } from 'typeorm';
import { hashPassword } from './services/passwords';

/** The demo accounts are a public contract (README); their password comes from DEMO_PASSWORD. */
export const DEMO_USERS = [
  { email: 'patient@demo.holovitals.local', displayName: 'Demo Patient', roles: [Role.PATIENT] },
  { email: 'clinician@demo.holovitals.local', displayName: 'Demo Clinician', roles: [Role.CLINICIAN] },
  { email: 'admin@demo.holovitals.local', displayName: 'Demo Admin', roles: [Role.ADMIN] },
] as const;

/**
 * Creates or resets the demo accounts (verified, unlocked, password = DEMO_PASSWORD). Run by
 * `npm start` in demo mode only, against identity's own database after its migrations.
 */
export async function seedDemo(context: {
  databaseUrl: string;
  demoPassword: string;
  log: (line: string) => void;
}): Promise<void> {
  const dataSource = new DataSource({ type: 'postgres', url: context.databaseUrl });
  await dataSource.initialize();
  try {
    const passwordHash = await hashPassword(context.demoPassword);
    for (const user of DEMO_USERS) {
      // Announced like any verified user, so other services (compliance's consent checks) know them.
      await dataSource.transaction(async (manager) => {
        const [seeded] = (await manager.query(
          `INSERT INTO app_user (email, display_name, password_hash, roles, email_verified_at)
         VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, roles = EXCLUDED.roles,
           failed_login_count = 0, locked_until = NULL,
           email_verified_at = COALESCE(app_user.email_verified_at, now())
         RETURNING id`,
          [user.email, user.displayName, passwordHash, user.roles],
        )) as Array<{ id: string }>;
        await manager.query(
          `INSERT INTO account (user_id, provider, provider_account_id)
         SELECT id, 'credentials', email FROM app_user WHERE email = $1
         ON CONFLICT (provider, provider_account_id) DO NOTHING`,
          [user.email],
        );
        await enqueueEvent(manager, 'identity', 'user.verified', {
          userId: seeded!.id,
          roles: [...user.roles],
          email: user.email,
          displayName: user.displayName,
        });
      });
    }
    context.log(`Seeded ${DEMO_USERS.length} demo accounts.`);
  } finally {
    await dataSource.destroy();
  }
}
