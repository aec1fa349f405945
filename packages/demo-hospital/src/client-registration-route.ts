import { BodyTooLargeError, readBody, sendJson } from '@holovitals/http-server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ClientRegistry, RegistrationError, RegistrationLimitError } from './client-registry';

/** Client metadata is a handful of fields; anything bigger is not a registration. */
const MAX_REGISTRATION_BYTES = 16 * 1024;

/**
 * `POST /oauth/register` (RFC 7591 §3): JSON client metadata in, 201 with the client id and the registered
 * metadata out; refused metadata → 400 `{ error, error_description }`; the registration limit → 503.
 */
export async function handleClientRegistration(
  clients: ClientRegistry,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  res.setHeader('cache-control', 'no-store');
  try {
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
      throw new RegistrationError('invalid_client_metadata', 'Send the client metadata as application/json.');
    const text = await readBody(req, MAX_REGISTRATION_BYTES).catch((error: unknown) => {
      if (error instanceof BodyTooLargeError)
        throw new RegistrationError('invalid_client_metadata', 'The client metadata is too large.');
      throw error;
    });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new RegistrationError('invalid_client_metadata', 'The request body is not JSON.');
    }
    return sendJson(res, 201, clients.register(body));
  } catch (error) {
    if (error instanceof RegistrationError)
      return sendJson(res, 400, { error: error.code, error_description: error.message });
    if (error instanceof RegistrationLimitError)
      return sendJson(res, 503, { error: 'temporarily_unavailable', error_description: error.message });
    throw error;
  }
}
