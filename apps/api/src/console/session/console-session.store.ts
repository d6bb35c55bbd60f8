import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/persistence';
import { CLOCK, Clock } from '@app/workflows';
import type { Principal } from '../../auth/principal';

/** What a sign-in under way must remember between the redirect to the provider and its answer. */
export interface SignInState {
  codeVerifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

export interface SignedInSession {
  kind: 'signed-in';
  principal: Principal;
  csrfToken: string;
  expiresAt: Date;
}

export interface SigningInSession {
  kind: 'signing-in';
  signIn: SignInState;
  csrfToken: string;
  expiresAt: Date;
}

export type ConsoleSession = SignedInSession | SigningInSession;

interface SessionRow {
  kind: 'signed-in' | 'signing-in';
  principal: Principal | null;
  sign_in: SignInState | null;
  csrf_token: string;
  expires_at: Date;
}

/** A sign-in must come back from the provider within this time. */
const SIGN_IN_MINUTES = 10;
const MINUTE_MS = 60_000;

/**
 * Console sessions in PostgreSQL. The cookie holds an opaque random id; the table holds its HMAC
 * under SESSION_SECRET, so neither a copy of the table nor a guessed id signs anyone in. Expiry is on
 * the injected clock; an expired row is never answered and is deleted when next met.
 */
@Injectable()
export class ConsoleSessionStore {
  private readonly key: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    // Without a configured secret (development, tests) a random one: sessions end with the process.
    this.key = config.sessionSecret ? Buffer.from(config.sessionSecret, 'utf8') : randomBytes(32);
  }

  private hash(id: string): string {
    return createHmac('sha256', this.key).update(id).digest('hex');
  }

  private static newId(): string {
    return randomBytes(32).toString('base64url');
  }

  /** Starts a sign-in; answers the new session's cookie id. */
  async beginSignIn(signIn: SignInState): Promise<string> {
    return this.insert('signing-in', null, signIn, SIGN_IN_MINUTES);
  }

  /**
   * Ends the sign-in session and opens a signed-in one under a new id (so an id planted before
   * sign-in is worth nothing after it), with a new CSRF token.
   */
  async completeSignIn(signingInId: string, principal: Principal): Promise<string> {
    await this.destroy(signingInId);
    await this.dataSource.query(`DELETE FROM console_session WHERE expires_at <= $1`, [this.clock.now()]);
    return this.insert('signed-in', principal, null, this.config.sessionTtlMinutes);
  }

  async find(id: string | undefined): Promise<ConsoleSession | undefined> {
    if (!id || id.length > 100) return undefined;
    const hash = this.hash(id);
    const [row] = (await this.dataSource.query(
      `SELECT kind, principal, sign_in, csrf_token, expires_at FROM console_session WHERE id_hash = $1`,
      [hash],
    )) as SessionRow[];
    if (!row) return undefined;
    if (row.expires_at <= this.clock.now()) {
      await this.dataSource.query(`DELETE FROM console_session WHERE id_hash = $1`, [hash]);
      return undefined;
    }
    return row.kind === 'signed-in'
      ? { kind: 'signed-in', principal: row.principal!, csrfToken: row.csrf_token, expiresAt: row.expires_at }
      : { kind: 'signing-in', signIn: row.sign_in!, csrfToken: row.csrf_token, expiresAt: row.expires_at };
  }

  async destroy(id: string | undefined): Promise<void> {
    if (!id || id.length > 100) return;
    await this.dataSource.query(`DELETE FROM console_session WHERE id_hash = $1`, [this.hash(id)]);
  }

  private async insert(
    kind: SessionRow['kind'],
    principal: Principal | null,
    signIn: SignInState | null,
    minutes: number,
  ): Promise<string> {
    const id = ConsoleSessionStore.newId();
    const now = this.clock.now();
    await this.dataSource.query(
      `INSERT INTO console_session (id_hash, kind, principal, sign_in, csrf_token, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        this.hash(id),
        kind,
        principal && JSON.stringify(principal),
        signIn && JSON.stringify(signIn),
        randomBytes(32).toString('base64url'),
        now,
        new Date(now.getTime() + minutes * MINUTE_MS),
      ],
    );
    return id;
  }
}
