/**
 * Set in the environment by web-server.ts, which overwrites `x-forwarded-for` on every request with the
 * address it resolved from the socket. Under any other server (plain `next start`) the header is what
 * the browser sent, so route handlers do not pass it on.
 */
export const CLIENT_ADDRESS_FROM_SERVER = 'WEB_CLIENT_ADDRESS_FROM_SERVER';

/** The header the web server writes and route handlers read. */
export const CLIENT_ADDRESS_HEADER = 'x-forwarded-for';
