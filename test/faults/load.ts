import { contactReceived, thresholdMet } from '../fixtures/asv';
import type { ServiceAnswer, ServiceClient } from '../support/service-client';

/** What a client asks for: receive a contact, screen it, log a contact with the employer. */
export type RequestKind = 'create' | 'screening' | 'contact';

/**
 * One request a client system means to make, with its Idempotency-Key: sent once by the load, and
 * again (same key, same body) until it gets a 2xx. Its first 2xx is the answer the journal must
 * hold; every later one must be that answer again, replayed.
 */
export interface LoadRequest {
  key: string;
  kind: RequestKind;
  referral: Referral;
  body: unknown;
  /** Every status it got, in order (0: no answer at all, the process was down). */
  statuses: number[];
  /** Its first 2xx answer's body, once it has one. */
  answer?: Record<string, unknown>;
  /** How many of its 2xx answers said `replayed: true`. */
  replays: number;
}

export interface Referral {
  index: number;
  /** The workflow id, once the create has a 2xx. */
  id?: string;
  requests: LoadRequest[];
}

const ok = (status: number) => status >= 200 && status < 300;

/**
 * The client systems' side of the fault suite: a bounded number of referrals, each a create, a
 * screening and a contact, each with an Idempotency-Key, sent by a few concurrent clients. The load
 * never retries on its own: what did not get a 2xx waits for resendUnanswered(), as a client that
 * retries after an outage does.
 */
export class Load {
  readonly referrals: Referral[] = [];
  private readonly receivedAt = new Date(Date.now() - 60_000).toISOString();
  private stopping = false;

  constructor(
    private readonly client: ServiceClient,
    private readonly runId: string,
  ) {}

  get requests(): LoadRequest[] {
    return this.referrals.flatMap((r) => r.requests);
  }

  /**
   * Runs `concurrency` clients until `maxReferrals` referrals have been sent or stop() is called.
   * Resolves when every client has finished its current referral.
   */
  async run(phase: string, maxReferrals: number, concurrency: number): Promise<void> {
    this.stopping = false;
    let started = 0;
    const client = async () => {
      while (!this.stopping && started < maxReferrals) {
        started += 1;
        const answered = await this.sendReferral(this.newReferral(phase));
        // A client that got no answer, or a 503, waits a moment before its next referral.
        if (!answered) await new Promise((r) => setTimeout(r, 250));
      }
    };
    await Promise.all(Array.from({ length: concurrency }, client));
  }

  stop(): void {
    this.stopping = true;
  }

  /**
   * Sends again, with the same key and body, every request that has no 2xx yet (and, for the
   * first time, those that waited for their referral's create), until each has one. A request is refused only for a reason a
   * retry cannot mend (a 4xx): that is a defect, thrown at once.
   */
  async resendUnanswered(maxRounds = 60): Promise<{ resent: number; deferred: number }> {
    const counts = { resent: 0, deferred: 0 };
    for (let round = 0; round < maxRounds; round++) {
      const pending = this.requests.filter((q) => !q.answer);
      if (pending.length === 0) return counts;
      for (const request of pending) {
        if (request.kind !== 'create' && !request.referral.id) continue;
        // Re-sent: it was sent and got no 2xx. Deferred: never sent, its create had no answer yet.
        counts[request.statuses.length > 0 ? 'resent' : 'deferred'] += 1;
        await this.send(request);
      }
      if (this.requests.some((q) => !q.answer)) await new Promise((r) => setTimeout(r, 250)); // Retry-After, shortened
    }
    const left = this.requests.filter((q) => !q.answer).map((q) => `${q.key}: ${q.statuses.join(',')}`);
    throw new Error(
      `requests still without a 2xx after ${maxRounds} rounds of re-sending: ${left.join('; ')}`,
    );
  }

  private newReferral(phase: string): Referral {
    const referral: Referral = { index: this.referrals.length, requests: [] };
    this.referrals.push(referral);
    const key = `${this.runId}-${phase}-${referral.index}`;
    referral.requests.push(
      this.request(referral, 'create', `${key}-create`, contactReceived({ receivedAt: this.receivedAt })),
      this.request(referral, 'screening', `${key}-screen`, thresholdMet()),
      this.request(referral, 'contact', `${key}-contact`, {
        with: 'employer',
        channel: 'phone',
        employerId: 'org-4411',
        summary: 'Employer confirmed the member of staff is on leave',
      }),
    );
    return referral;
  }

  private request(referral: Referral, kind: RequestKind, key: string, body: unknown): LoadRequest {
    return { key, kind, referral, body, statuses: [], replays: 0 };
  }

  /** Sends a referral's requests in turn; false when one got no 2xx (the rest wait for the re-send). */
  private async sendReferral(referral: Referral): Promise<boolean> {
    for (const request of referral.requests) {
      if (request.kind !== 'create' && !referral.id) return false; // sent after the create, when it is re-sent
      await this.send(request);
      if (!request.answer) return false;
    }
    return true;
  }

  private async send(request: LoadRequest): Promise<void> {
    const path =
      request.kind === 'create'
        ? '/asv-referrals'
        : request.kind === 'screening'
          ? `/asv-referrals/${request.referral.id}/screening`
          : `/asv-referrals/${request.referral.id}/contacts`;
    const answer: ServiceAnswer = await this.client.post(path, request.body, { key: request.key });
    request.statuses.push(answer.status);
    if (ok(answer.status)) {
      if (answer.body.replayed === true) request.replays += 1;
      const { replayed: _replayed, ...body } = answer.body;
      if (!request.answer) request.answer = body;
      else if (JSON.stringify(request.answer) !== JSON.stringify(body)) {
        throw new Error(`${request.key} answered differently the second time`);
      }
      if (request.kind === 'create') request.referral.id = String(answer.body.id);
    } else if (answer.status >= 400 && answer.status < 500) {
      throw new Error(`${request.key} refused with ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
  }
}
