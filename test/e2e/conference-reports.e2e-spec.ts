import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { sha256Of } from '@app/persistence';
import { conferenceHelpers, type ConferenceHelpers, REPORT_KEYS } from '../fixtures/conference';
import { startTestApp, TestApp } from '../support/app';
import { Role } from '../support/auth';
import { docxBytes, odtBytes, pdfBytes, pngBytes, scriptBytes } from '../support/documents';
import { formBody, streamedRequest } from '../support/multipart';
import { countRows, query } from '../support/rows';

const MAX_BYTES = 8192;
const PDF = 'application/pdf';

/**
 * Reports received as uploaded documents, through HTTP against the real service and PostgreSQL:
 * judged by content, stored with their SHA-256 in the transaction of the report's event, retried
 * safely with the Idempotency-Key, read back under a neutral name with the read in the access log,
 * and every bad upload answered with problem+json and nothing written.
 */
describe('Conference reports as uploaded documents', () => {
  let t: TestApp;
  let c: ConferenceHelpers;
  let conference: { id: string; reference: string };

  const http = () => request(t.app.getHttpServer());
  const upload = async (
    id: string,
    key: string,
    bytes: Buffer | null,
    options: {
      auth?: Record<string, string>;
      idempotencyKey?: string;
      filename?: string;
      contentType?: string;
    } = {},
  ) => {
    const req = http()
      .post(`/conferences/${id}/reports/${key}/document`)
      .set(options.auth ?? (await c.coordinator()));
    if (options.idempotencyKey) req.set('Idempotency-Key', options.idempotencyKey);
    if (bytes === null) return req.send({});
    return req.attach('file', bytes, {
      filename: options.filename ?? 'report.pdf',
      contentType: options.contentType ?? PDF,
    });
  };
  const documents = () =>
    query<{ id: string; workflow_id: string; sha256: string; byte_size: number; uploaded_by: string }>(
      t.databaseUrl,
      `SELECT id, workflow_id, sha256, byte_size, uploaded_by FROM document ORDER BY uploaded_at, id`,
    );
  const view = async (id: string) =>
    (
      await http()
        .get(`/conferences/${id}`)
        .set(await c.coordinator())
    ).body;

  /** Refused with `status` as problem+json, and no table gains or loses a row. */
  async function expectRefused(
    act: () => Promise<request.Response>,
    status: number,
  ): Promise<request.Response> {
    const before = await countRows(t.databaseUrl);
    const res = await act();
    expect({ status: res.status, body: res.body }).toMatchObject({
      status,
      body: { status, type: expect.any(String) },
    });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await countRows(t.databaseUrl)).toEqual(before);
    return res;
  }

  beforeAll(async () => {
    t = await startTestApp({ PROCESS_ROLE: 'api', REPORT_UPLOAD_MAX_BYTES: String(MAX_BYTES) });
    t.clock.set('2027-02-02T10:00:00Z');
    c = await conferenceHelpers(t, '2027-02-01');
    conference = await c.bookedIcpc('HH-R1', '2027-02-18');
  });
  afterAll(() => t?.close());

  it("stores an agency's PDF with its SHA-256 in the event's transaction, and names it in the report", async () => {
    const bytes = pdfBytes('Police report: contact on 12 January');
    const res = await upload(conference.id, REPORT_KEYS.police, bytes, { idempotencyKey: 'upload-police-1' });
    expect({ status: res.status, body: res.body }).toMatchObject({
      status: 200,
      body: { id: conference.id },
    });

    const stored = await documents();
    expect(stored).toEqual([
      {
        id: expect.any(String),
        workflow_id: conference.id,
        sha256: sha256Of(bytes),
        byte_size: bytes.length,
        uploaded_by: 'coord-north',
      },
    ]);
    // The journal names the document by id; its bytes and its hash of the bytes stay in the store.
    const [event] = await query<{ payload: Record<string, unknown> }>(
      t.databaseUrl,
      `SELECT payload FROM workflow_journal WHERE workflow_id = $1 AND event_type = 'report.received'`,
      [conference.id],
    );
    expect(event!.payload).toEqual({
      author: 'agency',
      agencyId: REPORT_KEYS.police,
      documentId: stored[0]!.id,
    });

    const report = (await view(conference.id)).conference.reports.find(
      (r: { key: string }) => r.key === REPORT_KEYS.police,
    );
    expect(report).toMatchObject({
      received: { documentId: stored[0]!.id, caseManagementReference: null },
      dueBy: null,
      document: {
        id: stored[0]!.id,
        mediaType: PDF,
        byteSize: bytes.length,
        sha256: sha256Of(bytes),
        uploadedAt: '2027-02-02T10:00:00.000Z',
        uploadedBy: 'coord-north',
      },
    });
  });

  it('answers a retry of the same upload with the first answer and stores nothing twice; the same key with other bytes is 409', async () => {
    const bytes = pdfBytes('Police report: contact on 12 January');
    const before = await countRows(t.databaseUrl);
    const again = await upload(conference.id, REPORT_KEYS.police, bytes, {
      idempotencyKey: 'upload-police-1',
    });
    expect({ status: again.status, replayed: again.body.replayed }).toEqual({ status: 200, replayed: true });
    expect(await countRows(t.databaseUrl)).toEqual(before);

    const other = await expectRefused(
      () =>
        upload(conference.id, REPORT_KEYS.police, pdfBytes('Another report'), {
          idempotencyKey: 'upload-police-1',
        }),
      409,
    );
    expect(other.body.type).toMatch(/idempotency-key-reused/);
  });

  it('takes two identical uploads racing with one key once', async () => {
    const mine = await c.bookedIcpc('HH-R2', '2027-02-17');
    const bytes = docxBytes('GP report');
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        upload(mine.id, REPORT_KEYS.gp, bytes, {
          idempotencyKey: 'race-gp',
          contentType: 'application/octet-stream',
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.filter((a) => a.body.replayed === true)).toHaveLength(2);
    expect((await documents()).filter((d) => d.workflow_id === mine.id)).toHaveLength(1);
  });

  it('takes one of two different uploads racing for one report; the other is refused and leaves no document', async () => {
    const mine = await c.bookedIcpc('HH-R6', '2027-02-19', { startTime: '14:00' });
    const answers = await Promise.all(
      ['race-a', 'race-b'].map((key) =>
        upload(mine.id, REPORT_KEYS.police, pdfBytes(`Report ${key}`), { idempotencyKey: key }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 422]);
    const stored = (await documents()).filter((d) => d.workflow_id === mine.id);
    expect(stored).toHaveLength(1);
    const winner = answers.findIndex((a) => a.status === 200);
    expect(stored[0]!.sha256).toBe(sha256Of(pdfBytes(`Report ${['race-a', 'race-b'][winner]}`)));
  });

  it("takes the social worker's own report as ODT and a GP's as DOCX, whatever name and type they are sent under", async () => {
    const sw = await upload(conference.id, REPORT_KEYS.socialWorker, odtBytes('Social work assessment'), {
      auth: await c.socialWorker(),
      filename: 'assessment.bin',
      contentType: 'application/octet-stream',
    });
    expect(sw.status).toBe(200);
    const gp = await upload(conference.id, REPORT_KEYS.gp, docxBytes('GP summary'), { filename: 'gp.pdf' });
    expect(gp.status).toBe(200);
    const reports = (await view(conference.id)).conference.reports as {
      key: string;
      document: { mediaType: string };
    }[];
    expect(Object.fromEntries(reports.map((r) => [r.key, r.document.mediaType]))).toEqual({
      [REPORT_KEYS.police]: PDF,
      [REPORT_KEYS.gp]: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      [REPORT_KEYS.socialWorker]: 'application/vnd.oasis.opendocument.text',
    });
  });

  it('answers the document to the roles that read the conference, under a neutral name, and logs the read', async () => {
    const bytes = pdfBytes('Police report: contact on 12 January');
    const police = (await documents()).find((d) => d.sha256 === sha256Of(bytes));
    for (const role of [Role.Coordinator, Role.Chair, Role.SocialWorker, Role.TeamManager, Role.Manager]) {
      const res = await http()
        .get(`/conferences/${conference.id}/reports/${REPORT_KEYS.police}/document`)
        .set(await c.as(role, { sub: `reader-${role}`, area: 'north' }))
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect({ role, status: res.status }).toEqual({ role, status: 200 });
      expect((res.body as Buffer).equals(bytes)).toBe(true);
      expect(res.headers['content-type']).toBe(PDF);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="${conference.reference}-report-police-met.pdf"`,
      );
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['repr-digest']).toBe(
        `sha-256=:${Buffer.from(sha256Of(bytes), 'hex').toString('base64')}:`,
      );
    }
    const reads = await query<{ subject: string; role: string; action: string }>(
      t.databaseUrl,
      `SELECT subject, role, action FROM access_log WHERE record_type = 'document' AND record_id = $1 ORDER BY id`,
      [police!.id],
    );
    expect(reads.map((r) => r.subject)).toEqual([
      'reader-coordinator',
      'reader-chair',
      'reader-social_worker',
      'reader-team_manager',
      'reader-manager',
    ]);
    expect(reads.every((r) => r.action === 'read')).toBe(true);
  });

  it("hides another area's document (404, nothing logged) and answers 404 for a report without one", async () => {
    const south = await c.as(Role.Coordinator, { sub: 'coord-south', area: 'south' });
    await expectRefused(
      async () =>
        http().get(`/conferences/${conference.id}/reports/${REPORT_KEYS.police}/document`).set(south),
      404,
    );
    const other = await c.bookedIcpc('HH-R3', '2027-02-16');
    const byReference = await http()
      .post(`/conferences/${other.id}/reports`)
      .set(await c.coordinator())
      .send({ author: 'agency', agencyId: REPORT_KEYS.police, caseManagementReference: 'DOC-991' });
    expect(byReference.status).toBe(200);
    for (const key of [REPORT_KEYS.police, REPORT_KEYS.gp, 'school:none']) {
      await expectRefused(
        async () =>
          http()
            .get(`/conferences/${other.id}/reports/${key}/document`)
            .set(await c.coordinator()),
        404,
      );
    }
    await expectRefused(
      async () =>
        http()
          .get(`/conferences/${other.id}/reports/not%20a%20key/document`)
          .set(await c.coordinator()),
      400,
    );
  });

  it('records neither the document nor the event when the document cannot be stored, and a retry then succeeds', async () => {
    const mine = await c.bookedIcpc('HH-R5', '2027-02-19');
    await query(
      t.databaseUrl,
      `CREATE FUNCTION refuse_document() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
       CREATE TRIGGER refuse_document BEFORE INSERT ON document FOR EACH ROW EXECUTE FUNCTION refuse_document();`,
    );
    try {
      const before = await countRows(t.databaseUrl);
      const failed = await upload(mine.id, REPORT_KEYS.police, pdfBytes('Police report'), {
        idempotencyKey: 'fault-1',
      });
      expect(failed.status).toBe(500);
      expect(failed.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await countRows(t.databaseUrl)).toEqual(before);
      const report = (await view(mine.id)).conference.reports.find(
        (r: { key: string }) => r.key === REPORT_KEYS.police,
      );
      expect(report).toMatchObject({ received: null, dueBy: '2027-02-16', document: null });
    } finally {
      await query(
        t.databaseUrl,
        `DROP TRIGGER refuse_document ON document; DROP FUNCTION refuse_document();`,
      );
    }
    const retried = await upload(mine.id, REPORT_KEYS.police, pdfBytes('Police report'), {
      idempotencyKey: 'fault-1',
    });
    expect({ status: retried.status, replayed: retried.body.replayed }).toEqual({
      status: 200,
      replayed: undefined,
    });
    expect((await documents()).filter((d) => d.workflow_id === mine.id)).toHaveLength(1);
  });

  describe('refuses bad uploads with problem+json and writes nothing', () => {
    let target: { id: string };
    beforeAll(async () => {
      target = await c.bookedIcpc('HH-R4', '2027-02-15');
    });

    it.each([
      ['a shell script named .pdf and sent as a PDF', scriptBytes(), 400, /not a PDF, DOCX or ODT/],
      ['a PNG', pngBytes(), 400, /image\/png/],
      ['an empty file', Buffer.alloc(0), 400, /empty/],
    ])('%s', async (_what, bytes, status, detail) => {
      const res = await expectRefused(
        () => upload(target.id, REPORT_KEYS.police, bytes, { idempotencyKey: 'bad-1' }),
        status,
      );
      expect(res.body.detail).toMatch(detail);
      expect(res.body.errors).toEqual([{ field: 'file', messages: [expect.any(String)] }]);
    });

    it('a file over REPORT_UPLOAD_MAX_BYTES (413), and one at the limit is taken', async () => {
      const padded = (size: number) => {
        const base = pdfBytes('x');
        return Buffer.concat([base, Buffer.alloc(size - base.length, 0x20)]);
      };
      await expectRefused(() => upload(target.id, REPORT_KEYS.police, padded(MAX_BYTES + 1)), 413);
      const atLimit = await upload(target.id, REPORT_KEYS.police, padded(MAX_BYTES));
      expect(atLimit.status).toBe(200);
    });

    it('no file, a file under another field name, two files, or a text field beside it', async () => {
      await expectRefused(() => upload(target.id, REPORT_KEYS.gp, null), 400);
      const as = await c.coordinator();
      const post = () => http().post(`/conferences/${target.id}/reports/${REPORT_KEYS.gp}/document`).set(as);
      await expectRefused(async () => post().attach('document', pdfBytes('GP'), 'gp.pdf'), 400);
      await expectRefused(
        async () => post().attach('file', pdfBytes('GP'), 'a.pdf').attach('file', pdfBytes('GP 2'), 'b.pdf'),
        400,
      );
      await expectRefused(
        async () => post().field('author', 'agency').attach('file', pdfBytes('GP'), 'gp.pdf'),
        400,
      );
      await expectRefused(
        async () =>
          post()
            .set('Content-Type', 'multipart/form-data; boundary=xyz')
            .send('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4'),
        400,
      );
    });

    it('a report key the conference does not expect (422), or not a key (400)', async () => {
      const res = await expectRefused(
        () => upload(target.id, 'school:st-elsewhere', pdfBytes('School')),
        422,
      );
      expect(res.body.rules).toContain('reportIsExpected');
      await expectRefused(() => upload(target.id, 'Not%20A%20Key', pdfBytes('School')), 400);
    });

    it('a report already received: the machine refuses the event, and no document row is left', async () => {
      const res = await expectRefused(
        () => upload(target.id, REPORT_KEYS.police, pdfBytes('Second police report')),
        422,
      );
      expect(res.body.rules).toContain('reportIsExpected');
    });

    it('a conference of another area (404), a conference that does not exist (404), and a role that may not (403)', async () => {
      const south = await c.as(Role.Coordinator, { sub: 'coord-south', area: 'south' });
      await expectRefused(() => upload(target.id, REPORT_KEYS.gp, pdfBytes('GP'), { auth: south }), 404);
      await expectRefused(
        () => upload('6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b', REPORT_KEYS.gp, pdfBytes('GP')),
        404,
      );
      await expectRefused(
        async () =>
          upload(target.id, REPORT_KEYS.gp, pdfBytes('GP'), {
            auth: await c.as(Role.TeamManager, { area: 'north' }),
          }),
        403,
      );
    });

    it('a conference of another area, or none, is refused (404) before the file is read', async () => {
      const server = t.app.getHttpServer();
      if (!server.listening) await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      const port = (server.address() as AddressInfo).port;
      const body = formBody('r3port', [{ file: 'file', content: pdfBytes('GP'.repeat(40_000)) }]);
      const south = await c.as(Role.Coordinator, { sub: 'coord-south', area: 'south' });
      for (const [id, auth] of [
        [target.id, south],
        ['6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b', await c.coordinator()],
      ] as const) {
        const before = await countRows(t.databaseUrl);
        const res = await streamedRequest(
          port,
          `/conferences/${id}/reports/${REPORT_KEYS.gp}/document`,
          { ...auth, 'Content-Type': 'multipart/form-data; boundary=r3port' },
          body,
          1024,
        );
        expect({ status: res.status, ended: res.ended, answeredAfter: res.answeredAfter }).toEqual({
          status: 404,
          ended: false,
          answeredAfter: 1024,
        });
        expect(await countRows(t.databaseUrl)).toEqual(before);
      }
    });
  });
});
