import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { EhrError, EhrErrorCode } from '../ehr-error';

/** Loopback, private, link-local and unspecified ranges: a user-supplied URL must not reach them. */
const PRIVATE_RANGES = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  PRIVATE_RANGES.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  PRIVATE_RANGES.addSubnet(network, prefix, 'ipv6');

export function isPrivateAddress(input: string): boolean {
  // An IPv4-mapped IPv6 address (::ffff:127.0.0.1) is judged by its IPv4 part.
  const address = input.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  const family = isIP(address);
  return family === 0 || PRIVATE_RANGES.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Whether `url` is on one of the operator's trusted origins (a FHIR server of their own on a private network,
 * or Demo Hospital on loopback under `npm start`), which may be reached although private.
 */
export function isTrustedOrigin(url: string, trustedOrigins: readonly string[]): boolean {
  if (!URL.canParse(url)) return false;
  return trustedOrigins.includes(new URL(url).origin);
}

/**
 * Refuses a URL whose host resolves to a private network address unless `allowPrivate` (a deployment that
 * runs its own FHIR servers, or Demo Hospital on loopback), so addEhrProvider cannot probe internal services.
 */
export async function assertReachableHost(url: string, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return;
  const hostname = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses = await lookup(hostname, { all: true }).catch(() => []);
  if (addresses.length === 0 || addresses.some((entry) => isPrivateAddress(entry.address)))
    throw new EhrError(EhrErrorCode.PRIVATE_NETWORK, 'fhirBaseUrl must point at a public server.');
}
