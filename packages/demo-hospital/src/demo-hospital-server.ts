import { close, healthRoutes, listen, readBody, sendJson } from '@holovitals/http-server';
import type { Stoppable } from '@holovitals/http-server';
import type { CapabilityStatement } from '@medplum/fhirtypes';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { DemoHospitalConfig } from './config';
import { BulkExports } from './bulk-export';
import { handleBulkExport } from './bulk-export-routes';
import { ClientRegistry } from './client-registry';
import { handleClientRegistration } from './client-registration-route';
import { consentPage } from './consent-page';
import { handleFhirRequest } from './fhir-endpoint';
import { type FhirStore, openFhirStore } from './fhir-store';
import { SmartAuthorization, TokenError } from './smart-authorization';
import { grantableScopes, SUPPORTED_SCOPES } from './smart-scopes';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface RunningDemoHospital extends Stoppable {
  /** The FHIR base URL clients discover SMART configuration under. */
  fhirBaseUrl: string;
  store: FhirStore;
  authorization: SmartAuthorization;
  clients: ClientRegistry;
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

function redirect(res: ServerResponse, url: URL): void {
  res.writeHead(302, { location: url.toString(), 'cache-control': 'no-store' });
  res.end();
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(await readBody(req, MAX_BODY_BYTES));
}

/** The authorize request parameters a client must send (SMART App Launch standalone, PKCE S256). */
const AUTHORIZE_PARAMETERS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'aud',
  'code_challenge',
  'code_challenge_method',
] as const;

/**
 * Demo Hospital: a FHIR R4 server (medplum's router and in-memory repository, loaded with Synthea bundles)
 * behind a SMART on FHIR authorization server with a consent page, PKCE, scopes and expiring tokens.
 */
export async function startDemoHospital(config: DemoHospitalConfig): Promise<RunningDemoHospital> {
  const store = await openFhirStore(config.DEMO_HOSPITAL_FIXTURES, config.DEMO_HOSPITAL_PATIENTS);
  const clients = new ClientRegistry({
    builtInClientIds: config.DEMO_HOSPITAL_CLIENT_IDS,
    maxRegistrations: config.DEMO_HOSPITAL_MAX_REGISTRATIONS,
  });
  const authorization = new SmartAuthorization({
    accessTokenSeconds: config.DEMO_HOSPITAL_ACCESS_TOKEN_SECONDS,
    refreshTokenSeconds: config.DEMO_HOSPITAL_REFRESH_TOKEN_SECONDS,
  });
  const exports = new BulkExports(store, {
    retryAfterSeconds: config.DEMO_HOSPITAL_EXPORT_RETRY_AFTER_SECONDS,
    minSeconds: config.DEMO_HOSPITAL_EXPORT_MIN_SECONDS,
    fileSeconds: config.DEMO_HOSPITAL_EXPORT_FILE_SECONDS,
  });
  let origin = config.DEMO_HOSPITAL_PUBLIC_URL ?? '';
  const fhirBase = (): string => `${origin}/fhir`;
  const health = healthRoutes('demo-hospital', { fhir: async () => store.patients.length > 0 });

  const smartConfiguration = () => ({
    issuer: origin,
    authorization_endpoint: `${origin}/oauth/authorize`,
    token_endpoint: `${origin}/oauth/token`,
    revocation_endpoint: `${origin}/oauth/revoke`,
    ...(clients.registrationOpen ? { registration_endpoint: `${origin}/oauth/register` } : {}),
    token_endpoint_auth_methods_supported: ['none'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    scopes_supported: SUPPORTED_SCOPES,
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    capabilities: [
      'launch-standalone',
      'client-public',
      'context-standalone-patient',
      'permission-offline',
      'permission-patient',
      'permission-v1',
      'permission-v2',
    ],
  });

  const capabilityStatement = (): CapabilityStatement => ({
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    kind: 'instance',
    fhirVersion: '4.0.1',
    instantiates: ['http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data'],
    format: ['application/fhir+json'],
    implementation: { description: 'Demo Hospital', url: fhirBase() },
    rest: [
      {
        mode: 'server',
        resource: [
          {
            type: 'Patient',
            operation: [
              {
                name: 'export',
                definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export',
              },
            ],
          },
        ],
        operation: [
          {
            name: 'export',
            definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export',
          },
        ],
        security: {
          service: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/restful-security-service',
                  code: 'SMART-on-FHIR',
                },
              ],
            },
          ],
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [
                { url: 'authorize', valueUri: `${origin}/oauth/authorize` },
                { url: 'token', valueUri: `${origin}/oauth/token` },
              ],
            },
          ],
        },
      },
    ],
  });

  /** Checks an authorize request; returns the problem to show (never redirect to an unchecked URI). */
  const authorizeProblem = (params: URLSearchParams): string | null => {
    const clientId = params.get('client_id') ?? '';
    if (!clients.isKnown(clientId)) return 'Unknown client_id.';
    if (!clients.redirectUriAllowed(clientId, params.get('redirect_uri') ?? ''))
      return 'redirect_uri is not an http(s) URL registered for this client.';
    if (params.get('response_type') !== 'code') return 'response_type must be code.';
    if (params.get('code_challenge_method') !== 'S256' || !params.get('code_challenge'))
      return 'PKCE with code_challenge_method=S256 is required.';
    if (!params.get('state')) return 'state is required.';
    if (params.get('aud') !== fhirBase()) return `aud must be ${fhirBase()}.`;
    return null;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', origin);
    const route = `${req.method} ${url.pathname}`;
    const healthRoute = health[route];
    if (healthRoute) return healthRoute(req, res, url);

    if (route === 'GET /fhir/.well-known/smart-configuration')
      return sendJson(res, 200, smartConfiguration());
    if (route === 'GET /fhir/metadata') return sendJson(res, 200, capabilityStatement());

    if (route === 'GET /oauth/authorize' || route === 'POST /oauth/authorize') {
      const params = req.method === 'GET' ? url.searchParams : await formBody(req);
      const problem = authorizeProblem(params);
      if (problem)
        return sendHtml(res, 400, `<!doctype html><p>Authorization request refused: ${problem}</p>`);
      const back = new URL(params.get('redirect_uri') ?? '');
      back.searchParams.set('state', params.get('state') ?? '');
      const scopes = grantableScopes(params.get('scope') ?? '');
      if (req.method === 'GET') {
        const request = Object.fromEntries(
          AUTHORIZE_PARAMETERS.map((name) => [name, params.get(name) ?? '']),
        );
        return sendHtml(
          res,
          200,
          consentPage({ clientId: params.get('client_id') ?? '', scopes, patients: store.patients, request }),
        );
      }
      const patientId = params.get('patient') ?? '';
      if (params.get('decision') !== 'allow' || !store.patients.some((patient) => patient.id === patientId)) {
        back.searchParams.set('error', 'access_denied');
        back.searchParams.set('error_description', 'The patient denied access.');
        return redirect(res, back);
      }
      const code = authorization.issueCode({
        clientId: params.get('client_id') ?? '',
        patientId,
        scopes,
        redirectUri: params.get('redirect_uri') ?? '',
        codeChallenge: params.get('code_challenge') ?? '',
      });
      back.searchParams.set('code', code);
      return redirect(res, back);
    }

    if (route === 'POST /oauth/token') {
      const form = await formBody(req);
      try {
        const clientId = form.get('client_id') ?? '';
        if (!clients.isKnown(clientId)) throw new TokenError('invalid_client', 'Unknown client_id.');
        const grantType = form.get('grant_type') ?? '';
        if (grantType !== 'authorization_code' && grantType !== 'refresh_token')
          throw new TokenError('unsupported_grant_type', 'Use authorization_code or refresh_token.');
        if (!clients.grantAllowed(clientId, grantType))
          throw new TokenError('unauthorized_client', `This client did not register ${grantType}.`);
        const tokens =
          grantType === 'authorization_code'
            ? authorization.exchangeCode({
                code: form.get('code') ?? '',
                clientId,
                redirectUri: form.get('redirect_uri') ?? '',
                codeVerifier: form.get('code_verifier') ?? '',
              })
            : authorization.refresh({ refreshToken: form.get('refresh_token') ?? '', clientId });
        res.setHeader('cache-control', 'no-store');
        return sendJson(res, 200, tokens);
      } catch (error) {
        if (!(error instanceof TokenError)) throw error;
        return sendJson(res, 400, { error: error.code, error_description: error.message });
      }
    }

    if (route === 'POST /oauth/register' && clients.registrationOpen)
      return handleClientRegistration(clients, req, res);

    if (route === 'POST /oauth/revoke') {
      authorization.revoke((await formBody(req)).get('token') ?? '');
      return sendJson(res, 200, {});
    }

    if (url.pathname.startsWith('/fhir/')) {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      const grant = authorization.verifyAccessToken(bearer);
      if (!grant) {
        res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
        return sendJson(res, 401, {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'login' }],
        });
      }
      const bulk = handleBulkExport(exports, req, res, {
        path: url.pathname.slice('/fhir'.length),
        search: url.searchParams,
        fhirBaseUrl: fhirBase(),
        grant,
      });
      if (bulk) return;
      const text = req.method === 'PUT' || req.method === 'POST' ? await readBody(req, MAX_BODY_BYTES) : '';
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        return sendJson(res, 400, {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'structure' }],
        });
      }
      const reply = await handleFhirRequest(
        store,
        grant,
        {
          method: req.method ?? 'GET',
          path: url.pathname.slice('/fhir'.length),
          query: url.searchParams,
          body,
          baseUrl: fhirBase(),
        },
        { pageSize: config.DEMO_HOSPITAL_PAGE_SIZE, maxPageSize: config.DEMO_HOSPITAL_MAX_PAGE_SIZE },
      );
      res.writeHead(reply.status, { 'content-type': 'application/fhir+json' });
      res.end(JSON.stringify(reply.body));
      return;
    }
    sendJson(res, 404, { error: 'not_found' });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error', error_description: String(error) });
      else res.end();
    });
  });
  const boundPort = await listen(server, config.PORT, config.HOST);
  if (!origin) origin = `http://${config.HOST}:${boundPort}`;
  return {
    fhirBaseUrl: fhirBase(),
    store,
    authorization,
    clients,
    stop: () => close(server),
  };
}
