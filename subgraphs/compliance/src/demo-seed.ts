import {
  dataOrThrow,
  demoSignIn,
  gatewayCall,
  gatewayData,
  type DemoSeedContext,
} from '@holovitals/subgraph-kit';

const GRANT_WAIT_MS = 120_000;

/**
 * The demo patient grants the demo clinician READ_RECORD through the gateway, as a user would, so the
 * clinician's patient list is not empty on first sign-in. Compliance learns both users and the patient
 * record from events, so the grant is retried while it answers BAD_USER_INPUT. Re-running it adds nothing
 * while an active grant exists.
 */
export async function seedDemo(context: DemoSeedContext): Promise<void> {
  const { gatewayUrl } = context;
  const patientToken = await demoSignIn(context, 'patient@demo.holovitals.local');
  const clinicianToken = await demoSignIn(context, 'clinician@demo.holovitals.local');
  const { me } = await gatewayData<{ me: { id: string } }>(gatewayUrl, '{ me { id } }', {}, clinicianToken);
  const { myConsents } = await gatewayData<{ myConsents: Array<{ granteeUserId: string; active: boolean }> }>(
    gatewayUrl,
    '{ myConsents { granteeUserId active } }',
    {},
    patientToken,
  );
  if (myConsents.some((grant) => grant.active && grant.granteeUserId === me.id)) {
    context.log('Demo consent: the demo clinician already holds a grant.');
    return;
  }
  const deadline = Date.now() + GRANT_WAIT_MS;
  for (;;) {
    const body = await gatewayCall<{ grantConsent: { id: string } }>(
      gatewayUrl,
      'mutation DemoGrant($input: GrantConsentInput!) { grantConsent(input: $input) { id } }',
      { input: { granteeUserId: me.id, scope: ['READ_RECORD'], purpose: 'TREATMENT' } },
      patientToken,
    );
    if (body.data && !body.errors?.length) break;
    const waiting = body.errors?.every((error) => error.extensions?.code === 'BAD_USER_INPUT');
    if (!waiting || Date.now() > deadline) dataOrThrow(body);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  context.log('Demo consent: the demo patient granted the demo clinician READ_RECORD.');
}
