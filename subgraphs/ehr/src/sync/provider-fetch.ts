import HttpError from 'fhirclient/lib/HttpError';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SmartClient } from '../connections/smart-client';
import { isRetryableStatus, retryDelayMs } from './retry-policy';

/** The provider no longer accepts the stored authorization (refresh refused): the patient must connect again. */
export class NeedsReauthError extends Error {
  override readonly name = 'NeedsReauthError';
}

/** A page the provider answered with something that is not a FHIR Bundle, or with an error after every try. */
export class ProviderResponseError extends Error {
  override readonly name = 'ProviderResponseError';
}

export interface FetchSettings {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface FetchedPage {
  bundle: {
    resourceType: 'Bundle';
    entry?: { resource?: { resourceType?: string } }[];
    link?: { relation?: string; url?: string }[];
  };
  /** The provider's clock (the Date header), when it sent one. */
  serverDate: Date | null;
}

/** Whether an error answer's OperationOutcome marks the problem as transient (worth asking again later). */
async function isTransientOutcome(response: Response): Promise<boolean> {
  try {
    const body = (await response.json()) as { issue?: { code?: string }[] };
    return body.issue?.some((issue) => issue.code === 'transient') ?? false;
  } catch {
    return false;
  }
}

const describe = (error: unknown): string =>
  error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);

/**
 * Talks to one provider for one sync through fhirclient (bearer token, refresh before expiry), adding what a
 * background sync needs: refresh and one retry on 401, retries with backoff on 429/5xx honouring Retry-After,
 * strict Bundle checks, and a count of HTTP requests made (pages, retries, refreshes).
 */
export class ProviderFetcher {
  requests = 0;

  constructor(
    private readonly client: SmartClient,
    private readonly settings: FetchSettings,
    private readonly signal?: AbortSignal,
  ) {}

  /** Refreshes the access token now when it is about to expire; a refused refresh means re-authorization. */
  async refreshIfNeeded(): Promise<void> {
    const before = this.client.state.tokenResponse?.access_token;
    try {
      await this.client.refreshIfNeeded({ signal: this.signal });
    } catch (error) {
      this.requests += 1;
      throw new NeedsReauthError(`The hospital refused to renew access: ${describe(error)}`);
    }
    if (this.client.state.tokenResponse?.access_token !== before) this.requests += 1;
  }

  private async refreshAfter401(): Promise<void> {
    this.requests += 1;
    try {
      await this.client.refresh({ signal: this.signal });
    } catch (error) {
      throw new NeedsReauthError(`The hospital refused to renew access: ${describe(error)}`);
    }
  }

  /** One search page (no automatic paging: the caller follows `link[next]` so each page is retried on its own). */
  async page(url: string): Promise<FetchedPage> {
    let refreshed = false;
    for (let attempt = 1; ; attempt += 1) {
      await this.refreshIfNeeded();
      // fhirclient forgets the tokens on a 401; keep them so the refresh token can still be used.
      const tokens = { ...this.client.state.tokenResponse };
      this.requests += 1;
      try {
        const result = (await this.client.request(
          { url, includeResponse: true, signal: this.signal },
          { pageLimit: 1, useRefreshToken: false },
        )) as { body: unknown; response: Response };
        return { bundle: this.asBundle(result.body, url), serverDate: this.dateOf(result.response) };
      } catch (error) {
        if (!(error instanceof HttpError)) {
          if (error instanceof ProviderResponseError) throw error;
          throw new ProviderResponseError(`The hospital sent an unreadable answer: ${describe(error)}`);
        }
        if (error.status === 401 && !refreshed) {
          this.client.state.tokenResponse = tokens;
          await this.refreshAfter401();
          refreshed = true;
          continue;
        }
        if (error.status === 401)
          throw new NeedsReauthError('The hospital no longer accepts HoloVitals’ access.');
        if (!isRetryableStatus(error.status) || attempt >= this.settings.maxAttempts)
          throw new ProviderResponseError(`The hospital answered ${error.status} ${error.statusText}.`);
        await sleep(
          retryDelayMs(attempt, error.response.headers.get('retry-after'), {
            baseMs: this.settings.baseDelayMs,
            maxMs: this.settings.maxDelayMs,
          }),
          undefined,
          { signal: this.signal },
        );
      }
    }
  }

  /**
   * One raw request for the Bulk Data flow (kick-off, status, NDJSON file), where fhirclient's JSON handling does
   * not fit: bearer token, refresh and one retry on 401, retries on 429/502/503/504 and on a 500 whose
   * OperationOutcome says `transient` (the IG's "try again later"), honouring Retry-After. Any other answer is
   * returned for the caller to judge; only same-origin URLs get the token.
   */
  async send(
    url: string,
    init: { method?: string; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const target = new URL(url, `${this.client.state.serverUrl.replace(/\/+$/, '')}/`);
    if (target.origin !== new URL(this.client.state.serverUrl).origin)
      throw new ProviderResponseError(
        `The hospital pointed the export at another server (${target.origin}).`,
      );
    let refreshed = false;
    for (let attempt = 1; ; attempt += 1) {
      await this.refreshIfNeeded();
      this.requests += 1;
      let response: Response;
      try {
        response = await fetch(target, {
          method: init.method ?? 'GET',
          headers: { ...init.headers, authorization: this.client.getAuthorizationHeader() ?? '' },
          signal: this.signal,
          redirect: 'error',
        });
      } catch (error) {
        if (this.signal?.aborted) throw error;
        throw new ProviderResponseError(`The hospital could not be reached: ${describe(error)}`);
      }
      if (response.status === 401 && !refreshed) {
        await response.body?.cancel();
        await this.refreshAfter401();
        refreshed = true;
        continue;
      }
      if (response.status === 401)
        throw new NeedsReauthError('The hospital no longer accepts HoloVitals’ access.');
      const retryable =
        isRetryableStatus(response.status) &&
        (response.status !== 500 || (await isTransientOutcome(response.clone())));
      if (!retryable || attempt >= this.settings.maxAttempts) return response;
      await response.body?.cancel();
      await sleep(
        retryDelayMs(attempt, response.headers.get('retry-after'), {
          baseMs: this.settings.baseDelayMs,
          maxMs: this.settings.maxDelayMs,
        }),
        undefined,
        { signal: this.signal },
      );
    }
  }

  private asBundle(body: unknown, url: string): FetchedPage['bundle'] {
    if (!body || typeof body !== 'object' || (body as { resourceType?: unknown }).resourceType !== 'Bundle')
      throw new ProviderResponseError(
        `The hospital did not answer ${url.split('?')[0] ?? url} with a FHIR Bundle.`,
      );
    return body as FetchedPage['bundle'];
  }

  private dateOf(response: Response): Date | null {
    const header = response.headers.get('date');
    const time = header ? Date.parse(header) : Number.NaN;
    return Number.isFinite(time) ? new Date(time) : null;
  }
}
