import Redis from 'ioredis';
import request from 'supertest';
import { loadConfig } from '@app/persistence';
import { dateInLondon, ManualClock, WorkingDayCalendar } from '@app/workflows';
import { conferenceHelpers, FAMILY, FAMILY_DETAILS, REPORT_KEYS } from '../fixtures/conference';
import type { Role, TestTokenOptions } from '../support/auth';
import { ServiceProcess } from '../support/child-process';
import { createTestDatabase } from '../support/database';
import { pdfBytes, scriptBytes } from '../support/documents';
import { query } from '../support/rows';
import { waitFor } from '../support/timers';
import { bearer } from '../support/tokens';

/** Words of the report's text, found in no fixture: seeing one anywhere but the document table means it leaked. */
const DOCUMENT_TEXT = 'Kestrelwood bruising noted at the surgery on Tuesday';
/** What a client's computer may call the file: a child's name, which must not be kept or repeated either. */
const FILE_NAME = `${FAMILY.children[0].givenName} ${FAMILY.children[0].familyName} GP report.pdf`;

/**
 * Issue 12: names, dates of birth, addresses, NHS numbers, email addresses and documents' text
 * never reach a log, a journal payload, an effect row or a job. The service runs in a process of
 * its own at the most talkative log level, as API and worker, on its own database and queue
 * prefix; an ICPC is requested for a family whose details are unique to this test, booked, and a
 * GP's report uploaded (and retried, refused, read back). Then every log line, every journal
 * payload and answer, every outbox row, every workflow snapshot and every job BullMQ holds for
 * the service is searched for each detail, the document's words and the file's name.
 */
describe('No personal data or document text in logs, journal, effects or jobs: a conference and its report', () => {
  let service: ServiceProcess;
  let drop: () => Promise<void>;
  let databaseUrl: string;
  const prefix = `pii${process.pid}`;
  const config = loadConfig({ QUEUE_PREFIX: prefix });
  // The child runs on the system clock: tokens are issued now, and the dates are counted from today.
  const clock = new ManualClock(new Date());
  const as = async (role: Role, token: TestTokenOptions = {}) => ({
    Authorization: await bearer(config, clock, role, { sub: token.sub, area: token.area ?? 'north' }),
  });

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    databaseUrl = database.url;
    service = await ServiceProcess.start({
      DATABASE_URL: database.url,
      MIGRATE_ON_START: 'false',
      QUEUE_PREFIX: prefix,
      QUEUE_BACKEND: 'redis',
      PROCESS_ROLE: 'all',
      LOG_LEVEL: 'trace',
    });
  });
  afterAll(async () => {
    await service?.kill();
    const redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect().catch(() => undefined);
    const keys = await redis.keys(`${prefix}:*`).catch(() => [] as string[]);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await drop?.();
  });

  /** Every value BullMQ keeps under the service's prefix: job hashes (data, options, results), lists and sets. */
  async function queueContents(): Promise<{ jobs: number; text: string }> {
    const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1 });
    try {
      const parts: string[] = [];
      let jobs = 0;
      for (const key of await redis.keys(`${prefix}:*`)) {
        const type = await redis.type(key);
        if (type === 'hash') {
          const hash = await redis.hgetall(key);
          if ('data' in hash) jobs++;
          parts.push(key, ...Object.values(hash));
        } else if (type === 'list') parts.push(key, ...(await redis.lrange(key, 0, -1)));
        else if (type === 'zset') parts.push(key, ...(await redis.zrange(key, 0, -1)));
        else if (type === 'set') parts.push(key, ...(await redis.smembers(key)));
        else if (type === 'string') parts.push(key, (await redis.get(key)) ?? '');
        else if (type === 'stream') parts.push(key, JSON.stringify(await redis.xrange(key, '-', '+')));
      }
      return { jobs, text: parts.join('\n') };
    } finally {
      redis.disconnect();
    }
  }

  it('writes none of the family’s details, the report’s words or its file name anywhere but their stores', async () => {
    const http = () => request(service.url);
    const today = dateInLondon(new Date());
    const calendar = new WorkingDayCalendar();
    const c = await conferenceHelpers({ server: service.url, as }, today);
    const conference = await c.bookedIcpc('HH-PII', calendar.addWorkingDays(today, 5));

    const statuses: number[] = [];
    const send = async (req: request.Test) => {
      const res = await req;
      statuses.push(res.status);
      return res;
    };
    const upload = async (
      bytes: Buffer,
      key?: string,
      fileName = FILE_NAME,
      auth?: Record<string, string>,
    ) => {
      const req = http()
        .post(`/conferences/${conference.id}/reports/${REPORT_KEYS.gp}/document`)
        .set(auth ?? (await c.coordinator()));
      if (key) req.set('Idempotency-Key', key);
      return send(req.attach('file', bytes, { filename: fileName, contentType: 'application/pdf' }));
    };
    const report = pdfBytes(DOCUMENT_TEXT);
    // Refused first (a script under a child's name, an email address as the file name), then taken, retried, misused.
    await upload(scriptBytes(), 'pii-upload', FILE_NAME);
    await upload(scriptBytes(), undefined, `${FAMILY.mother.email}.pdf`);
    await upload(report, 'pii-upload', FILE_NAME, await c.as('coordinator' as Role, { area: 'south' }));
    // A fault while the document is written: the error is logged, the bytes it was writing are not.
    await query(
      databaseUrl,
      `CREATE FUNCTION refuse_document() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
       CREATE TRIGGER refuse_document BEFORE INSERT ON document FOR EACH ROW EXECUTE FUNCTION refuse_document();`,
    );
    expect((await upload(report, 'pii-upload')).status).toBe(500);
    await query(databaseUrl, `DROP TRIGGER refuse_document ON document; DROP FUNCTION refuse_document();`);
    expect((await upload(report, 'pii-upload')).status).toBe(200);
    expect((await upload(report, 'pii-upload')).body.replayed).toBe(true);
    await upload(pdfBytes(`${DOCUMENT_TEXT} (revised)`), 'pii-upload');
    await send(
      http()
        .get(`/conferences/${conference.id}/reports/${REPORT_KEYS.gp}/document`)
        .set(await c.coordinator()),
    );
    await send(
      http()
        .get(`/conferences/${conference.id}`)
        .set(await c.coordinator())
        .set('X-Request-Id', 'last-request-of-pii'),
    );
    expect(new Set(statuses)).toEqual(new Set([200, 400, 404, 409, 500]));

    // The effects performed (deadline jobs scheduled, notifications recorded) before anything is searched.
    await waitFor(
      'the outbox to be done',
      async () =>
        (
          await query<{ n: number }>(
            databaseUrl,
            `SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`,
          )
        )[0]!.n === 0,
      60_000,
    );
    await waitFor('the last request in the log', async () => service.log.includes('last-request-of-pii'));
    expect(service.log).toMatch(/disk full/);

    const journal = await query<{ event_type: string; text: string }>(
      databaseUrl,
      `SELECT event_type, payload::text || ' ' || coalesce(result::text, '') AS text FROM workflow_journal`,
    );
    const outbox = await query<{ effect_type: string; text: string }>(
      databaseUrl,
      `SELECT effect_type, payload::text AS text FROM outbox`,
    );
    const snapshots = await query<{ text: string }>(
      databaseUrl,
      `SELECT snapshot::text AS text FROM workflow_instance`,
    );
    const queue = await queueContents();
    // There is something in each place, so finding nothing there means something.
    expect(journal.map((row) => row.event_type)).toEqual(
      expect.arrayContaining(['workflow.started', 'report.received']),
    );
    expect(outbox.map((row) => row.effect_type)).toEqual(
      expect.arrayContaining(['deadline.opened', 'deadline.closed']),
    );
    expect(queue.jobs).toBeGreaterThan(0);
    expect(service.log).toMatch(/reports\/gp:park-road\/document/);

    const places: Record<string, string> = {
      log: service.log,
      journal: journal.map((row) => row.text).join('\n'),
      effects: outbox.map((row) => row.text).join('\n'),
      snapshots: snapshots.map((row) => row.text).join('\n'),
      jobs: queue.text,
    };
    const secrets = [
      ...FAMILY_DETAILS,
      FAMILY.mother.nhsNumber.replace(/(\d{3})(\d{3})(\d{4})/, '$1 $2 $3'),
      ...DOCUMENT_TEXT.split(' ').filter((word) => word.length > 7),
      DOCUMENT_TEXT,
      FILE_NAME,
    ];
    // The search finds them where they belong: the person store and the document store.
    const people = (
      await query<{ text: string }>(databaseUrl, `SELECT row_to_json(p)::text AS text FROM person p`)
    )
      .map((row) => row.text)
      .join('\n');
    expect(FAMILY.children.every((child) => people.includes(child.givenName))).toBe(true);
    const [stored] = await query<{ text: string }>(
      databaseUrl,
      `SELECT convert_from(content, 'LATIN1') AS text FROM document`,
    );
    expect(stored!.text).toContain(DOCUMENT_TEXT);

    const found = Object.entries(places).flatMap(([place, text]) =>
      secrets.filter((secret) => text.includes(secret)).map((secret) => `${secret} in the ${place}`),
    );
    expect(found).toEqual([]);
  });
});
