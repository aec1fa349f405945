import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a token lets its holder do: which patient's compartment, with which SMART scopes. */
export interface TokenGrant {
  clientId: string;
  patientId: string;
  scopes: string[];
}

interface PendingCode extends TokenGrant {
  redirectUri: string;
  codeChallenge: string;
  expiresAt: number;
}

interface IssuedToken extends TokenGrant {
  expiresAt: number;
}

export type TokenErrorCode =
  'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unauthorized_client' | 'unsupported_grant_type';

/** An OAuth error the token endpoint answers with 400 and `{ error, error_description }`. */
export class TokenError extends Error {
  override readonly name = 'TokenError';
  constructor(
    readonly code: TokenErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  refresh_token?: string;
  patient: string;
}

const CODE_SECONDS = 60;

function opaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The hospital's SMART App Launch authorization server state: single-use codes bound to client, redirect
 * URI and PKCE S256 challenge; short-lived access tokens; rotating refresh tokens (only with offline_access).
 */
export class SmartAuthorization {
  private readonly codes = new Map<string, PendingCode>();
  private readonly accessTokens = new Map<string, IssuedToken>();
  private readonly refreshTokens = new Map<string, IssuedToken>();

  constructor(
    private readonly settings: {
      accessTokenSeconds: number;
      refreshTokenSeconds: number;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return (this.settings.now ?? Date.now)();
  }

  issueCode(grant: TokenGrant & { redirectUri: string; codeChallenge: string }): string {
    const code = opaqueToken();
    this.codes.set(code, { ...grant, expiresAt: this.now() + CODE_SECONDS * 1000 });
    return code;
  }

  /** authorization_code grant: the code is consumed on first use, whether or not the exchange succeeds. */
  exchangeCode(input: {
    code: string;
    clientId: string;
    redirectUri: string;
    codeVerifier: string;
  }): TokenResponse {
    const pending = this.codes.get(input.code);
    this.codes.delete(input.code);
    if (!pending || pending.expiresAt < this.now())
      throw new TokenError('invalid_grant', 'The authorization code is unknown, used or expired.');
    if (pending.clientId !== input.clientId)
      throw new TokenError('invalid_grant', 'The code was issued to another client.');
    if (pending.redirectUri !== input.redirectUri)
      throw new TokenError('invalid_grant', 'redirect_uri does not match the authorization request.');
    const challenge = createHash('sha256').update(input.codeVerifier).digest('base64url');
    if (!input.codeVerifier || !sameText(challenge, pending.codeChallenge))
      throw new TokenError('invalid_grant', 'PKCE verification failed.');
    return this.issueTokens(pending);
  }

  /** refresh_token grant: rotates the refresh token; an expired or unknown one means the user must re-authorize. */
  refresh(input: { refreshToken: string; clientId: string }): TokenResponse {
    const issued = this.refreshTokens.get(input.refreshToken);
    this.refreshTokens.delete(input.refreshToken);
    if (!issued || issued.expiresAt < this.now() || issued.clientId !== input.clientId)
      throw new TokenError('invalid_grant', 'The refresh token is unknown, revoked or expired.');
    return this.issueTokens(issued);
  }

  /** The grant behind a bearer token, or null when it is unknown or expired. */
  verifyAccessToken(token: string): TokenGrant | null {
    const issued = this.accessTokens.get(token);
    if (!issued || issued.expiresAt < this.now()) return null;
    return issued;
  }

  /** RFC 7009: revoking either token type forgets it. */
  revoke(token: string): void {
    this.accessTokens.delete(token);
    this.refreshTokens.delete(token);
  }

  private issueTokens(grant: TokenGrant): TokenResponse {
    const accessToken = opaqueToken();
    const { clientId, patientId, scopes } = grant;
    this.accessTokens.set(accessToken, {
      clientId,
      patientId,
      scopes,
      expiresAt: this.now() + this.settings.accessTokenSeconds * 1000,
    });
    const response: TokenResponse = {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: this.settings.accessTokenSeconds,
      scope: scopes.join(' '),
      patient: patientId,
    };
    if (scopes.includes('offline_access')) {
      const refreshToken = opaqueToken();
      this.refreshTokens.set(refreshToken, {
        clientId,
        patientId,
        scopes,
        expiresAt: this.now() + this.settings.refreshTokenSeconds * 1000,
      });
      response.refresh_token = refreshToken;
    }
    return response;
  }
}
