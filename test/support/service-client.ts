import { loadConfig } from '@app/persistence';
import { SystemClock } from '@app/workflows';
import type { Role } from '../../apps/api/src/auth/role';
import { bearer } from './tokens';

/** One answer from the service; status 0 when no answer came (refused, reset: the process was down). */
export interface ServiceAnswer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers | null;
}

/**
 * HTTP to a service in another process (test/support/child-process.ts), as a client system
 * calls it: a bearer token signed with the development key the service trusts, JSON bodies, an
 * Idempotency-Key when given. A request that gets no answer is an answer of status 0, never a
 * thrown error, so a load can go on across a crash and count what was lost.
 */
export class ServiceClient {
  private readonly config = loadConfig({});
  private readonly clock = new SystemClock();
  private readonly tokens = new Map<string, { token: string; until: number }>();

  constructor(
    public baseUrl: string,
    private readonly claims: { area?: string } = { area: 'north' },
  ) {}

  async post(
    path: string,
    body: unknown,
    options: { role?: `${Role}`; key?: string } = {},
  ): Promise<ServiceAnswer> {
    return this.call('POST', path, body, options);
  }

  async put(path: string, body: unknown, options: { role?: `${Role}` } = {}): Promise<ServiceAnswer> {
    return this.call('PUT', path, body, options);
  }

  async get(path: string, options: { role?: `${Role}` } = {}): Promise<ServiceAnswer> {
    return this.call('GET', path, undefined, options);
  }

  private async call(
    method: string,
    path: string,
    body: unknown,
    options: { role?: `${Role}`; key?: string },
  ): Promise<ServiceAnswer> {
    const headers: Record<string, string> = {
      Authorization: await this.token(options.role ?? 'coordinator'),
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.key) headers['Idempotency-Key'] = options.key;
    try {
      const res = await fetch(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      let parsed: Record<string, unknown> = {};
      try {
        parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        parsed = { text };
      }
      return { status: res.status, body: parsed, headers: res.headers };
    } catch {
      return { status: 0, body: {}, headers: null };
    }
  }

  private async token(role: `${Role}`): Promise<string> {
    const cached = this.tokens.get(role);
    if (cached && cached.until > Date.now()) return cached.token;
    const token = await bearer(this.config, this.clock, role, { sub: `load-${role}`, ...this.claims });
    this.tokens.set(role, { token, until: Date.now() + 30 * 60_000 });
    return token;
  }
}
