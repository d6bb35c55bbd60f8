import {
  AsvApi,
  contactReceived,
  expectStatus,
  FRIDAY_RECEIPT,
  redirect,
  thresholdMet,
} from '../fixtures/asv';
import { startTestApp, TestApp } from '../support/app';
import { query } from '../support/rows';

/**
 * Issue 9, defect 2: a client that retries a state-changing request on a timeout, with its
 * Idempotency-Key, while the first attempt is still running, must get the first answer back, not
 * a refusal. Screening is accepted once: after it the referral is in another state, which refuses
 * a second screening; a retry must never be judged against that state.
 */
describe('Concurrent retries of a state-changing request (one Idempotency-Key) get the first answer', () => {
  let t: TestApp;
  let api: AsvApi;

  beforeAll(async () => {
    t = await startTestApp({ PROCESS_ROLE: 'api', RATE_LIMIT_MAX_REQUESTS: '100000' });
    api = new AsvApi(t).as('coordinator');
    t.clock.set(FRIDAY_RECEIPT);
  });
  afterAll(() => t?.close());

  async function referral(): Promise<string> {
    const received = await api.receive(contactReceived());
    expectStatus(received, 201);
    return received.body.id as string;
  }

  const journalRows = (id: string, eventId: string) =>
    query<{ seq: number }>(
      t.databaseUrl,
      `SELECT seq FROM workflow_journal WHERE workflow_id = $1 AND event_id = $2`,
      [id, eventId],
    );
  const effectsOf = (id: string, seq: number) =>
    query<{ effect_type: string }>(
      t.databaseUrl,
      `SELECT effect_type FROM outbox WHERE workflow_id = $1 AND journal_seq = $2`,
      [id, seq],
    );

  it.each([2, 20])(
    '%i copies of one screening sent at once: 200 each, one recorded, the others replayed',
    async (copies) => {
      const id = await referral();
      const key = `screen-${id}`;
      const answers = await Promise.all(
        Array.from({ length: copies }, () => api.screen(id, thresholdMet(), key)),
      );

      expect(answers.map((a) => [a.status, a.body.type ?? a.body.title])).toEqual(
        Array(copies).fill([200, 'asv-referral']),
      );
      const first = answers.filter((a) => !a.body.replayed);
      expect(first).toHaveLength(1);
      for (const answer of answers)
        expect({ ...answer.body, replayed: undefined }).toEqual({ ...first[0]!.body, replayed: undefined });
      expect(first[0]!.body).toMatchObject({ state: 'awaitingLadoReferral', seq: 2 });

      const rows = await journalRows(id, `client.${key}`);
      expect(rows).toEqual([{ seq: 2 }]);
      // One transition's effects: the screening deadline met, the LADO referral's opened. Once.
      expect((await effectsOf(id, 2)).map((e) => e.effect_type).sort()).toEqual([
        'deadline.closed',
        'deadline.opened',
      ]);
    },
  );

  it('a racing copy with the same key but another body is refused as a reused key (409), never replayed', async () => {
    const id = await referral();
    const key = `screen-other-${id}`;
    const [met, redirected] = await Promise.all([
      api.screen(id, thresholdMet(), key),
      api.screen(id, redirect('advice-only', 'Advice given to the employer'), key),
    ]);
    const statuses = [met.status, redirected.status].sort();
    expect(statuses).toEqual([200, 409]);
    const refused = met.status === 409 ? met : redirected;
    expect(refused.body.type).toMatch(/idempotency-key-reused$/);
    expect(await journalRows(id, `client.${key}`)).toHaveLength(1);
  });

  it('other events racing a screening see the deadlines it left: each recorded once, no deadline twice', async () => {
    const id = await referral();
    const contact = {
      with: 'employer',
      channel: 'phone',
      employerId: 'org-4411',
      summary: 'Employer confirmed the member of staff is on leave',
    };
    const answers = await Promise.all([
      api.screen(id, thresholdMet(), `race-screen-${id}`),
      ...Array.from({ length: 6 }, () => api.logContact(id, contact)),
    ]);
    expect(answers.map((a) => a.status)).toEqual(Array(7).fill(200));
    const deadlines = await query<{ kind: string; status: string; closed_seq: number | null }>(
      t.databaseUrl,
      `SELECT kind, status, closed_seq FROM workflow_deadline WHERE workflow_id = $1 ORDER BY kind`,
      [id],
    );
    const screeningSeq = answers[0]!.body.seq as number;
    expect(deadlines).toEqual([
      { kind: 'asv-screening', status: 'met', closed_seq: screeningSeq },
      { kind: 'lado-referral', status: 'open', closed_seq: null },
    ]);
    const effects = await query<{ effect_type: string; n: number }>(
      t.databaseUrl,
      `SELECT effect_type, count(*)::int AS n FROM outbox WHERE workflow_id = $1 AND effect_type LIKE 'deadline.%'
        GROUP BY effect_type ORDER BY effect_type`,
      [id],
    );
    expect(effects).toEqual([
      { effect_type: 'deadline.closed', n: 1 },
      { effect_type: 'deadline.opened', n: 2 },
    ]);
  });
});
