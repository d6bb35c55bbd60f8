import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { WorkflowEngine } from '@app/persistence';
import { type DistributionContext, ManualClock, SYSTEM_ACTOR } from '@app/workflows';
import { unzipStored } from '../../apps/api/src/distribution/pack-zip';
import { distributionHandover, handoverInvitee } from '../fixtures/distribution';
import { startTestApp, TestApp } from '../support/app';
import { docxBytes, odtBytes, pdfBytes, pngBytes, scriptBytes } from '../support/documents';
import { type Answer, asBytes, formBody, streamedRequest } from '../support/multipart';
import { countRows, query } from '../support/rows';
import { bearer } from '../support/tokens';

/**
 * Versions of a distribution's documents uploaded as multipart/form-data (a `manifest` field,
 * then a file per new part) against the real service, PostgreSQL and Redis: what is stored and
 * what a pack's bytes hold, the limits (per part, the whole version: refused while the body is
 * still arriving), the bodies refused (415, bad manifests, a text file sent as a PDF), the
 * Idempotency-Key, and generated forms. Every refusal is problem+json and changes no row in any
 * table (document, workflow_journal, outbox, the access log).
 */
const PART_MAX = 64 * 1024;
const VERSION_MAX = 160 * 1024;
const PDF = 'application/pdf';

/** A PDF of exactly `size` bytes saying `text`. */
const paddedPdf = (text: string, size: number) => {
  const base = pdfBytes(text);
  return Buffer.concat([base, Buffer.alloc(size - base.length, 0x20)]);
};


describe('distribution versions as multipart/form-data', () => {
  let t: TestApp;
  let port: number;
  let n = 0;
  const http = () => request(t.app.getHttpServer());
  const as = (role: string, sub = `user-${role}`) =>
    bearer(t.config, t.clock, role as never, { sub, area: 'north' });
  const versions = (id: string) => `/distributions/${id}/documents/minutes/versions`;

  /** A distribution just started: a parent excluded from one section, a professional, both by letter. */
  async function started(): Promise<string> {
    n += 1;
    const run = await t.app.get(WorkflowEngine).start(
      'distribution',
      distributionHandover(
        {
          conferenceReference: `CPC-2026-${String(700000 + n).padStart(6, '0')}`,
          householdId: `household-u${n}`,
          heldOn: '2026-11-23',
          chairSub: 'chair-7',
          invitees: [
            handoverInvitee('parent-1', 'parent', null, 'letter'),
            handoverInvitee('pro-1', 'professional', 'police:met', 'letter'),
          ],
        },
        {
          exclusions: [{ partId: 'section-1', excludedPersonIds: ['parent-1'] }],
          confidentialAddressPersonIds: ['parent-1'],
        },
      ),
      { actor: SYSTEM_ACTOR, idempotencyKey: `uploads-${n}` },
    );
    return run.id;
  }

  const contextOf = async (id: string) =>
    (await t.app.get(WorkflowEngine).get(id)).context as unknown as DistributionContext;

  /** Rows that would show an upload: documents, journal events, outbox effects (and every other table). */
  const rows = () => countRows(t.databaseUrl);

  async function expectRefused(act: () => PromiseLike<Answer>, status: number) {
    const before = await rows();
    const res = await act();
    expect({ status: res.status, body: res.body }).toMatchObject({
      status,
      body: { status, type: expect.any(String) },
    });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await rows()).toEqual(before);
    return res;
  }

  const streamed = (path: string, headers: Record<string, string>, body: Buffer, pauseAt: number) =>
    streamedRequest(port, path, headers, body, pauseAt);

  beforeAll(async () => {
    t = await startTestApp(
      {
        PROCESS_ROLE: 'api',
        DISTRIBUTION_PART_MAX_BYTES: String(PART_MAX),
        DISTRIBUTION_VERSION_MAX_BYTES: String(VERSION_MAX),
        RATE_LIMIT_MAX_REQUESTS: '100000',
      },
      new ManualClock(new Date('2026-11-23T16:00:00Z')),
    );
    const server = t.app.getHttpServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as AddressInfo).port;
  }, 60_000);
  afterAll(() => t?.close());

  describe('a version accepted', () => {
    let id: string;
    const main = pdfBytes('MARK-MAIN-V1');
    const section = docxBytes('MARK-SECTION-V1');
    const address = odtBytes('MARK-ADDRESS-V1');

    beforeAll(async () => {
      id = await started();
    });

    it('stores each file as a part, names them in the event, and each pack’s bytes hold its parts', async () => {
      const res = await http()
        .post(versions(id))
        .set('Authorization', await as('coordinator'))
        .set('Idempotency-Key', 'multipart-v1')
        .field(
          'manifest',
          JSON.stringify({
            parts: [
              { kind: 'main', file: 'part0' },
              { kind: 'excluded-section', sectionId: 'section-1', file: 'section' },
              { kind: 'confidential-address', addressOfPersonId: 'parent-1', file: 'address' },
            ],
          }),
        )
        .attach('part0', main, { filename: 'minutes.pdf', contentType: PDF })
        .attach('section', section, { filename: 'section.docx', contentType: 'application/octet-stream' })
        .attach('address', address, { filename: 'address.odt', contentType: 'application/octet-stream' });
      expect({ status: res.status, state: res.body.state }).toMatchObject({ status: 200 });

      const parts = (await contextOf(id)).documents.find((d) => d.documentId === 'minutes')!.versions[0]!
        .parts;
      expect(parts.map((p) => p.kind)).toEqual(['main', 'excluded-section', 'confidential-address']);
      const stored = await query<{ id: string; media_type: string; content: Buffer }>(
        t.databaseUrl,
        `SELECT id::text, media_type, content FROM document WHERE workflow_id = $1`,
        [id],
      );
      const byId = new Map(stored.map((d) => [d.id, d]));
      expect(parts.map((p) => byId.get(p.partId)?.media_type)).toEqual([
        PDF,
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/vnd.oasis.opendocument.text',
      ]);
      expect(
        parts.map((p) => byId.get(p.partId)!.content.equals([main, section, address][parts.indexOf(p)]!)),
      ).toEqual([true, true, true]);
      // The journal names the parts by id and hash, never their bytes.
      const journal = await query<{ text: string }>(
        t.databaseUrl,
        `SELECT payload::text AS text FROM workflow_journal WHERE workflow_id = $1`,
        [id],
      );
      expect(journal.some((row) => row.text.includes('MARK-'))).toBe(false);

      // Approved, each printed pack holds exactly the bytes uploaded, the parent's without the section or the address.
      const approval = await http()
        .post(`/distributions/${id}/approvals/minutes`)
        .set('Authorization', await as('chair', 'chair-7'))
        .send({
          recipients: [
            {
              recipientId: 'pro-1',
              documents: [{ documentId: 'minutes', partIds: parts.map((p) => p.partId) }],
            },
            {
              recipientId: 'parent-1',
              documents: [{ documentId: 'minutes', partIds: [parts[0]!.partId, parts[2]!.partId] }],
            },
          ],
          addressNeeds: [{ professionalId: 'pro-1', addressOfPersonId: 'parent-1' }],
        });
      expect(approval.status).toBe(200);
      const packs = (await contextOf(id)).packs.filter((p) => p.round === 'minutes');
      const pack = async (recipientId: string) => {
        const printed = await http()
          .get(`/distributions/${id}/packs/${packs.find((p) => p.recipientId === recipientId)!.packId}/print`)
          .set('Authorization', await as('coordinator'))
          .buffer(true)
          .parse(asBytes);
        expect(printed.status).toBe(200);
        return unzipStored(printed.body as Buffer).map((e) => e.content);
      };
      const professional = await pack('pro-1');
      expect([main, section, address].map((bytes) => professional.some((c) => c.equals(bytes)))).toEqual([
        true,
        true,
        true,
      ]);
      const parent = await pack('parent-1');
      expect([main, section, address].map((bytes) => parent.some((c) => c.equals(bytes)))).toEqual([
        true,
        false,
        true, // their own address
      ]);
    });

    it('answers a retry with the same key and bytes as the first time, storing nothing twice; other bytes under the key are 409', async () => {
      const id2 = await started();
      const send = (bytes: Buffer) => async () =>
        http()
          .post(versions(id2))
          .set('Authorization', await as('coordinator'))
          .set('Idempotency-Key', 'multipart-retry')
          .field('manifest', JSON.stringify({ parts: [{ kind: 'main', file: 'f' }] }))
          .attach('f', bytes, { filename: 'm.pdf', contentType: PDF });
      const first = await (await send(pdfBytes('MARK-RETRY')))();
      expect(first.status).toBe(200);
      const before = await rows();
      const again = await (await send(pdfBytes('MARK-RETRY')))();
      expect({ status: again.status, replayed: again.body.replayed }).toEqual({
        status: 200,
        replayed: true,
      });
      expect(await rows()).toEqual(before);
      // The same version sent as JSON under the key names the same parts: the same answer.
      const asJson = await http()
        .post(versions(id2))
        .set('Authorization', await as('coordinator'))
        .set('Idempotency-Key', 'multipart-retry')
        .send({ parts: [{ kind: 'main', content: pdfBytes('MARK-RETRY').toString('base64') }] });
      expect({ status: asJson.status, replayed: asJson.body.replayed }).toEqual({
        status: 200,
        replayed: true,
      });
      await expectRefused(send(pdfBytes('MARK-OTHER')), 409);
    });

    it('mixes parts carried over (by partId) with new files', async () => {
      id = await started();
      const first = await http()
        .post(versions(id))
        .set('Authorization', await as('coordinator'))
        .field(
          'manifest',
          JSON.stringify({
            parts: [
              { kind: 'main', file: 'part0' },
              { kind: 'excluded-section', sectionId: 'section-1', file: 'section' },
              { kind: 'confidential-address', addressOfPersonId: 'parent-1', file: 'address' },
            ],
          }),
        )
        .attach('part0', main, 'minutes.pdf')
        .attach('section', section, 'section.docx')
        .attach('address', address, 'address.odt');
      expect(first.status).toBe(200);
      const before = (await contextOf(id)).documents.find((d) => d.documentId === 'minutes')!.versions;
      const [mainPart, , addressPart] = before[0]!.parts;
      const newSection = pdfBytes('MARK-SECTION-V2');
      const res = await http()
        .post(versions(id))
        .set('Authorization', await as('coordinator'))
        .field(
          'manifest',
          JSON.stringify({
            parts: [
              { partId: mainPart!.partId },
              { kind: 'excluded-section', sectionId: 'section-1', file: 'section2' },
              { partId: addressPart!.partId },
            ],
          }),
        )
        .attach('section2', newSection, { filename: 's.pdf', contentType: PDF });
      expect(res.status).toBe(200);
      const latest = (await contextOf(id)).documents
        .find((d) => d.documentId === 'minutes')!
        .versions.at(-1)!;
      expect(latest.parts.map((p) => p.partId)).toEqual([
        mainPart!.partId,
        expect.not.stringMatching(before[0]!.parts[1]!.partId),
        addressPart!.partId,
      ]);
      const [stored] = await query<{ content: Buffer }>(
        t.databaseUrl,
        `SELECT content FROM document WHERE id = $1`,
        [latest.parts[1]!.partId],
      );
      expect(stored!.content.equals(newSection)).toBe(true);
    });
  });

  describe('refusals change nothing', () => {
    let id: string;
    beforeAll(async () => {
      id = await started();
    });
    let coordinator: string;
    beforeAll(async () => {
      coordinator = await as('coordinator');
    });
    const post = () => http().post(versions(id)).set('Authorization', coordinator);
    const manifest = (parts: unknown[]) => JSON.stringify({ parts });

    it('a part over DISTRIBUTION_PART_MAX_BYTES (413); one at the limit is taken', async () => {
      const res = await expectRefused(
        async () =>
          post()
            .field('manifest', manifest([{ kind: 'main', file: 'big' }]))
            .attach('big', paddedPdf('MARK-BIG', PART_MAX + 1), { filename: 'big.pdf', contentType: PDF }),
        413,
      );
      expect(res.body.detail).toMatch(/DISTRIBUTION_PART_MAX_BYTES/);
      const atLimit = await post()
        .field('manifest', manifest([{ kind: 'main', file: 'big' }]))
        .attach('big', paddedPdf('MARK-AT-LIMIT', PART_MAX), { filename: 'big.pdf', contentType: PDF });
      expect(atLimit.status).toBe(200);
    });

    it('a version over DISTRIBUTION_VERSION_MAX_BYTES (413), answered while the body is still arriving', async () => {
      const files = [0, 1, 2].map((i) => paddedPdf(`MARK-PART-${i}`, PART_MAX - 1000));
      const body = formBody('b0undary', [
        {
          field: 'manifest',
          value: manifest([
            { kind: 'main', file: 'f0' },
            { kind: 'excluded-section', sectionId: 'section-1', file: 'f1' },
            { kind: 'confidential-address', addressOfPersonId: 'parent-1', file: 'f2' },
          ]),
        },
        ...files.map((content, i) => ({ file: `f${i}`, content })),
      ]);
      expect(body.length).toBeGreaterThan(VERSION_MAX);
      const before = await rows();
      // The client stops writing well before the end of the body; the answer comes anyway.
      const pauseAt = Math.min(body.length - 1, VERSION_MAX + 20 * 1024);
      const res = await streamed(
        versions(id),
        { Authorization: await as('coordinator'), 'Content-Type': 'multipart/form-data; boundary=b0undary' },
        body,
        pauseAt,
      );
      expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
        status: 413,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
      expect(res.body.detail).toMatch(/DISTRIBUTION_VERSION_MAX_BYTES/);
      expect(res.ended).toBe(false);
      expect(res.answeredAfter).toBeLessThan(body.length);
      expect(await rows()).toEqual(before);
    });

    it('a role that may not upload is refused (403) before the body is read', async () => {
      const body = formBody('b0undary', [
        { field: 'manifest', value: manifest([{ kind: 'main', file: 'f0' }]) },
        { file: 'f0', content: paddedPdf('MARK-403', PART_MAX - 10) },
      ]);
      const before = await rows();
      const res = await streamed(
        versions(id),
        {
          Authorization: await as('social-worker'),
          'Content-Type': 'multipart/form-data; boundary=b0undary',
        },
        body,
        1024,
      );
      expect({ status: res.status, ended: res.ended, answeredAfter: res.answeredAfter }).toEqual({
        status: 403,
        ended: false,
        answeredAfter: 1024,
      });
      expect(await rows()).toEqual(before);
    });

    it.each([
      ['another area’s distribution (404)', 'south', () => id, 'minutes', 404],
      ['no such distribution (404)', 'north', () => '7d1e2f30-4a5b-4c6d-8e7f-901a2b3c4d5e', 'minutes', 404],
      ['an id that is no id (400)', 'north', () => 'not-an-id', 'minutes', 400],
      ['a round that is none (400)', 'north', () => id, 'agenda', 400],
    ])('a form for %s is refused before its body is read', async (_what, area, target, round, status) => {
      const body = formBody('b0undary', [
        { field: 'manifest', value: manifest([{ kind: 'main', file: 'f0' }]) },
        { file: 'f0', content: paddedPdf('MARK-TARGET', PART_MAX - 10) },
      ]);
      const before = await rows();
      const res = await streamed(
        `/distributions/${target()}/documents/${round}/versions`,
        {
          Authorization: await bearer(t.config, t.clock, 'coordinator' as never, { sub: `coordinator-${area}`, area }),
          'Content-Type': 'multipart/form-data; boundary=b0undary',
        },
        body,
        1024,
      );
      expect({ status: res.status, ended: res.ended, answeredAfter: res.answeredAfter }).toEqual({
        status,
        ended: false,
        answeredAfter: 1024,
      });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await rows()).toEqual(before);
    });

    it.each([
      ['multipart/mixed', 'multipart/mixed; boundary=b0undary'],
      ['text/plain', 'text/plain'],
      ['a URL-encoded form', 'application/x-www-form-urlencoded'],
      ['an octet stream', 'application/octet-stream'],
    ])('a body of another type (415): %s', async (_what, type) => {
      const body = formBody('b0undary', [
        { field: 'manifest', value: manifest([{ kind: 'main', file: 'f0' }]) },
        { file: 'f0', content: pdfBytes('MARK-415') },
      ]);
      await expectRefused(async () => post().set('Content-Type', type).send(body), 415);
    });

    it('a text file named .pdf and sent as a PDF (400, by its content); a PNG; an empty file', async () => {
      for (const [content, detail] of [
        [scriptBytes(), /not a PDF, DOCX or ODT/],
        [pngBytes(), /image\/png/],
        [Buffer.alloc(0), /empty/],
      ] as const) {
        const res = await expectRefused(
          async () =>
            post()
              .field('manifest', manifest([{ kind: 'main', file: 'f0' }]))
              .attach('f0', content, { filename: 'minutes.pdf', contentType: PDF }),
          400,
        );
        expect(res.body.detail).toMatch(detail);
      }
    });

    const pdf = pdfBytes('MARK-BAD');
    it.each<[string, (r: request.Test) => request.Test, RegExp]>([
      ['no manifest', (r) => r.attach('f0', pdf, 'a.pdf'), /manifest/],
      [
        'the manifest after a file',
        (r) => r.attach('f0', pdf, 'a.pdf').field('manifest', manifest([{ kind: 'main', file: 'f0' }])),
        /manifest must be the first field/,
      ],
      [
        'a manifest that is not JSON',
        (r) => r.field('manifest', '{parts:').attach('f0', pdf, 'a.pdf'),
        /JSON/,
      ],
      [
        'a manifest that is a JSON array',
        (r) => r.field('manifest', '[]').attach('f0', pdf, 'a.pdf'),
        /object/,
      ],
      [
        'a manifest part of no known kind',
        (r) => r.field('manifest', manifest([{ kind: 'agenda', file: 'f0' }])).attach('f0', pdf, 'a.pdf'),
        /validation/,
      ],
      [
        'a manifest part with base64 content',
        (r) => r.field('manifest', manifest([{ kind: 'main', content: pdf.toString('base64') }])),
        /validation/,
      ],
      ['a manifest with no parts', (r) => r.field('manifest', manifest([])), /validation/],
      [
        'a file field the manifest does not name',
        (r) =>
          r
            .field('manifest', manifest([{ kind: 'main', file: 'f0' }]))
            .attach('f0', pdf, 'a.pdf')
            .attach('other', pdf, 'b.pdf'),
        /manifest names/,
      ],
      [
        'a named file missing',
        (r) =>
          r
            .field(
              'manifest',
              manifest([
                { kind: 'main', file: 'f0' },
                { kind: 'excluded-section', sectionId: 'section-1', file: 'f1' },
              ]),
            )
            .attach('f0', pdf, 'a.pdf'),
        /was not sent/,
      ],
      [
        'two parts naming the same file',
        (r) =>
          r
            .field(
              'manifest',
              manifest([
                { kind: 'main', file: 'f0' },
                { kind: 'excluded-section', sectionId: 'section-1', file: 'f0' },
              ]),
            )
            .attach('f0', pdf, 'a.pdf'),
        /file field of its own/,
      ],
      [
        'the same file field twice',
        (r) =>
          r
            .field('manifest', manifest([{ kind: 'main', file: 'f0' }]))
            .attach('f0', pdf, 'a.pdf')
            .attach('f0', pdf, 'b.pdf'),
        /sent once/,
      ],
      [
        'a second text field',
        (r) =>
          r
            .field('manifest', manifest([{ kind: 'main', file: 'f0' }]))
            .field('note', 'x')
            .attach('f0', pdf, 'a.pdf'),
        /one text field/,
      ],
      [
        'too many files',
        (r) => {
          let out = r.field(
            'manifest',
            manifest(Array.from({ length: 40 }, (_, i) => ({ kind: 'main', file: `f${i}` }))),
          );
          for (let i = 0; i < 41; i += 1) out = out.attach(`f${i}`, pdf, `${i}.pdf`);
          return out;
        },
        /at most 40 files|manifest names/,
      ],
      [
        'a carried part that is not in the previous version',
        (r) => r.field('manifest', manifest([{ partId: 'no-such-part' }])),
        /previous version/,
      ],
      [
        'a carried part with a file of its own',
        (r) =>
          r.field('manifest', manifest([{ partId: 'no-such-part', file: 'f0' }])).attach('f0', pdf, 'a.pdf'),
        /carried part/,
      ],
      [
        'a body that breaks off',
        (r) =>
          r
            .set('Content-Type', 'multipart/form-data; boundary=xyz')
            .send(
              '--xyz\r\nContent-Disposition: form-data; name="manifest"\r\n\r\n{"parts":[{"kind":"main","file":"f0"}]}\r\n--xyz\r\nContent-Disposition: form-data; name="f0"; filename="a.pdf"\r\n\r\n%PDF-1.4',
            ),
        /could not be read/,
      ],
      [
        'multipart/form-data with no boundary',
        (r) => r.set('Content-Type', 'multipart/form-data').send('x'),
        /could not be read/,
      ],
    ])('%s (400)', async (_what, build, detail) => {
      const res = await expectRefused(() => build(post()), 400);
      expect(JSON.stringify(res.body)).toMatch(detail);
    });

    it('JSON bodies are still taken as they were, and refused as they were', async () => {
      await expectRefused(
        async () => post().send({ parts: [{ kind: 'main', content: 'not base64!' }] }),
        400,
      );
      await expectRefused(async () => post().send({}), 400);
      await expectRefused(() => post(), 400);
      const ok = await post().send({
        parts: [{ kind: 'main', content: pdfBytes('MARK-JSON').toString('base64') }],
      });
      expect(ok.status).toBe(200);
    });
  });

  describe('generated forms', () => {
    const RUNS = 20;
    const rarely = <T>(arbitrary: fc.Arbitrary<T>) =>
      fc.oneof({ arbitrary: fc.constant(undefined), weight: 5 }, { arbitrary, weight: 1 });
    const content = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom(pdfBytes('MARK-GEN'), docxBytes('MARK-GEN'), odtBytes('MARK-GEN')),
      },
      { weight: 1, arbitrary: fc.constantFrom(scriptBytes(), pngBytes(), Buffer.alloc(0)) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)) },
      {
        weight: 1,
        arbitrary: fc
          .integer({ min: PART_MAX - 10, max: PART_MAX + 10 })
          .map((size) => paddedPdf('MARK-EDGE', size)),
      },
    );
    const fileName = fc.oneof(
      { arbitrary: fc.constantFrom('f0', 'f1', 'f2', 'part.0'), weight: 6 },
      { arbitrary: fc.string({ maxLength: 8 }), weight: 1 },
    );
    const soundPart = fc.oneof(
      fc.record({ kind: fc.constant('main'), file: fileName }),
      fc.record({
        kind: fc.constant('excluded-section'),
        sectionId: fc.constant('section-1'),
        file: fileName,
      }),
      fc.record({
        kind: fc.constant('confidential-address'),
        addressOfPersonId: fc.constant('parent-1'),
        file: fileName,
      }),
      fc.record({ partId: fc.constant('carried') }),
    );
    const anyPart = fc.oneof(
      fc.record({
        kind: fc.constantFrom('main', 'main', 'excluded-section', 'confidential-address', 'report', 'x'),
        sectionId: fc.option(fc.constantFrom('section-1', 'section-9'), { nil: undefined }),
        addressOfPersonId: fc.option(fc.constantFrom('parent-1', 'pro-1'), { nil: undefined }),
        file: fc.option(fileName, { nil: undefined, freq: 8 }),
      }),
      fc.record({
        partId: fc.constantFrom('no-such-part', 'carried'),
        file: fc.option(fileName, { nil: undefined }),
      }),
    );
    const part = fc.oneof({ arbitrary: soundPart, weight: 5 }, { arbitrary: anyPart, weight: 1 });
    // Mostly what a client means to send (each file the manifest names, the manifest first), with
    // a file left out, one more, a manifest later or broken, now and then.
    const form = fc.record({
      parts: fc.oneof(
        { arbitrary: fc.array(part, { minLength: 1, maxLength: 3 }), weight: 6 },
        { arbitrary: fc.array(part, { maxLength: 4 }), weight: 1 },
      ),
      contents: fc.array(content, { minLength: 4, maxLength: 4 }),
      leaveOut: rarely(fc.nat({ max: 3 })),
      extra: rarely(fc.record({ field: fileName, content })),
      brokenManifest: rarely(fc.string({ maxLength: 30 })),
      manifestAt: fc.oneof(
        { arbitrary: fc.constant(0), weight: 6 },
        { arbitrary: fc.nat({ max: 4 }), weight: 1 },
      ),
      sentAs: fc.constantFrom(PDF, 'text/plain', 'application/octet-stream'),
    });

    it(`answers every generated form with a version or a problem that changes nothing (${RUNS} forms)`, async () => {
      const id = await started();
      const seed = await http()
        .post(versions(id))
        .set('Authorization', await as('coordinator'))
        .send({ parts: [{ kind: 'main', content: pdfBytes('MARK-SEED').toString('base64') }] });
      expect(seed.status).toBe(200);
      const carried = (await contextOf(id)).documents.find((d) => d.documentId === 'minutes')!.versions[0]!
        .parts[0]!.partId;
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(form, async (f) => {
          const parts = f.parts.map((p) =>
            'partId' in p && p.partId === 'carried' ? { ...p, partId: carried } : p,
          );
          const manifestText = f.brokenManifest ?? JSON.stringify({ parts });
          const named = parts.flatMap((p) => ('file' in p && p.file !== undefined ? [p.file] : []));
          const files = named
            .map((field, i) => ({ field, content: f.contents[i % 4]! }))
            .filter((_, i) => i !== f.leaveOut);
          if (f.extra) files.push(f.extra);
          const entries: Parameters<typeof formBody>[1] = files.map((file) => ({
            file: file.field || 'unnamed',
            content: file.content,
            type: f.sentAs,
          }));
          entries.splice(Math.min(f.manifestAt, entries.length), 0, {
            field: 'manifest',
            value: manifestText,
          });
          const before = await rows();
          const res = await http()
            .post(versions(id))
            .set('Authorization', await as('coordinator'))
            .set('Content-Type', 'multipart/form-data; boundary=gen0boundary')
            .send(formBody('gen0boundary', entries));
          const context = `${res.status} ${res.text.slice(0, 200)}`;
          if (process.env.DEBUG_UPLOADS) process.stdout.write(`${context}\n`);
          if (res.status === 200) {
            accepted += 1;
            return;
          }
          expect({ context, status: res.status >= 400 && res.status < 500 }).toEqual({
            context,
            status: true,
          });
          expect({ context, type: res.headers['content-type'] }).toEqual({
            context,
            type: expect.stringMatching(/^application\/problem\+json/),
          });
          expect({ context, rows: await rows() }).toEqual({ context, rows: before });
        }),
        { numRuns: RUNS },
      );
      // How deep the runs reached (a share are accepted, most refused), for a reader with DEBUG_UPLOADS set.
      if (process.env.DEBUG_UPLOADS) process.stdout.write(`accepted ${accepted} of ${RUNS}\n`);
    }, 120_000);
  });
});
