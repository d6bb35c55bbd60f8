import fc from 'fast-check';
import { Client } from 'pg';
import request from 'supertest';
import { demoCaseV1 } from '../fixtures/demo-case.machine';
import { startTestApp, TestApp } from '../support/app';
import { DiscoveredRoute, discoverRoutes, Role, ROUTE_ACCESS, routeKey, tokenFor } from '../support/auth';
import { docxBytes, odtBytes, pdfBytes, pngBytes, scriptBytes, zipOf } from '../support/documents';

const PRINTABLE = /^[\x20-\x7e]{0,60}$/;
/** Every route gets this many generated requests, so a route added later is exercised as much as any. */
const RUNS_PER_ROUTE = 25;

/** Row counts of every table, in one query on one connection: fast enough to take around every request. */
async function rowCounter(databaseUrl: string) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const tables = (
    await client.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY tablename`,
    )
  ).rows.map((row) => row.tablename);
  const sql = tables
    .map((table) => `SELECT '${table}' AS t, count(*)::int AS n FROM "${table}"`)
    .join(' UNION ALL ');
  return {
    count: async () =>
      Object.fromEntries(
        (await client.query<{ t: string; n: number }>(sql)).rows.map((row) => [row.t, row.n]),
      ),
    close: () => client.end(),
  };
}

const segment = (knownId: string) =>
  fc.oneof(
    { arbitrary: fc.constant(knownId), weight: 3 },
    { arbitrary: fc.uuid(), weight: 2 },
    { arbitrary: fc.string({ maxLength: 40, unit: 'grapheme' }).map(encodeURIComponent), weight: 2 },
    {
      arbitrary: fc.constantFrom(
        '..',
        '.',
        '%',
        '%00',
        '%E0%A4%A',
        '%2F',
        '%2e%2e',
        '%F0%9F%92%A9',
        'null',
        '-1',
        '0'.repeat(300),
      ),
      weight: 1,
    },
  );

const query = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      'type',
      'state',
      'status',
      'overdue',
      'stuck',
      'updatedBefore',
      'cursor',
      'limit',
      'from',
      'to',
      'days',
      'until',
      'minutes',
      'on',
      'conference',
      'child',
      'household',
    ),
    fc.constantFrom('subject', 'recordType', 'recordId', 'action', 'area', '__proto__', 'constructor'),
    fc.string({ maxLength: 10 }),
  ),
  fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.integer().map(String),
  ),
  { maxKeys: 4 },
);

const headers = fc.dictionary(
  fc.constantFrom(
    'content-type',
    'idempotency-key',
    'x-request-id',
    'accept',
    'x-forwarded-for',
    'origin',
    'if-none-match',
  ),
  fc.oneof(
    fc.stringMatching(PRINTABLE),
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-16',
      'text/plain',
      'application/x-www-form-urlencoded',
    ),
  ),
  { maxKeys: 4 },
);

const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
  fc
    .record(
      {
        type: fc.oneof(
          fc.constantFrom(
            'demo-case',
            'note.added',
            'case.decided',
            'case.closed',
            'deadline.fired',
            'engine.noop',
            'asv-referral',
          ),
          fc.string({ maxLength: 20 }),
        ),
        input: fc.oneof(
          fc.object({ maxDepth: 2 }),
          fc.record(
            {
              reference: fc.oneof(fc.constant('DEMO-5'), fc.string({ maxLength: 12 })),
              area: fc.constantFrom('north', 'south', ''),
              receivedAt: fc.oneof(fc.constant('2026-01-05T09:00:00Z'), fc.string({ maxLength: 25 })),
            },
            { requiredKeys: [] },
          ),
        ),
        text: fc.string({ maxLength: 300 }),
        decision: fc.constantFrom('accept', 'reject', 'maybe'),
        toVersion: fc.oneof(fc.integer(), fc.string({ maxLength: 3 })),
        reason: fc.string({ maxLength: 50 }),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
);

/** What a multipart route's file field may be sent: real documents, not documents, nothing, too much. */
const fileContent = fc.oneof(
  fc.constantFrom(
    pdfBytes('Generated report'),
    docxBytes('Generated report'),
    odtBytes('Generated report'),
    scriptBytes(),
    pngBytes(),
    zipOf([{ name: 'notes.txt', content: 'not a document' }]),
    Buffer.alloc(0),
  ),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  // A PDF's magic followed by noise: recognised by content as a PDF.
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(bytes)])),
);

/** A multipart body for a route whose file field is `field`: right or wrong field, extra parts, a broken body. */
const multipartFor = (field: string) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('form' as const),
        fieldName: fc.oneof({ arbitrary: fc.constant(field), weight: 4 }, { arbitrary: fc.string({ maxLength: 12 }), weight: 1 }),
        content: fileContent,
        filename: fc.oneof(fc.constantFrom('report.pdf', 'report.docx', 'run.sh', '../../etc/passwd', 'rapport é.odt'), fc.string({ maxLength: 30 })),
        contentType: fc.constantFrom('application/pdf', 'application/octet-stream', 'text/x-shellscript', 'image/png'),
        second: fc.option(fileContent, { nil: undefined }),
        textField: fc.option(fc.tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.string({ maxLength: 20 })), { nil: undefined }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('raw' as const),
        boundary: fc.stringMatching(/^[A-Za-z0-9]{0,20}$/),
        text: fc.string({ maxLength: 200 }),
      }),
    },
  );
/**
 * A multipart body for a route that takes a form beside its JSON (ROUTE_ACCESS `form`): its valid
 * text field or a generated one (or none), then a file under its file field or another name.
 */
const formFor = (form: { fields: Record<string, string>; files: readonly string[] }) => {
  const [name, valid] = Object.entries(form.fields)[0]!;
  return fc.record({
    kind: fc.constant('form' as const),
    textField: fc.oneof(
      { arbitrary: fc.constant<[string, string] | undefined>([name, valid]), weight: 4 },
      { arbitrary: fc.string({ maxLength: 60 }).map((text): [string, string] => [name, text]), weight: 1 },
      { arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v): [string, string] => [name, JSON.stringify({ parts: v })]), weight: 1 },
      { arbitrary: fc.constant(undefined), weight: 1 },
    ),
    fieldName: fc.oneof({ arbitrary: fc.constantFrom(...form.files), weight: 4 }, { arbitrary: fc.string({ maxLength: 12 }), weight: 1 }),
    content: fileContent,
    filename: fc.constantFrom('minutes.pdf', 'run.sh', 'rapport é.odt'),
    contentType: fc.constantFrom('application/pdf', 'application/octet-stream', 'text/x-shellscript'),
    second: fc.option(fileContent, { nil: undefined, freq: 4 }),
  });
};
type Multipart =
  | {
      kind: 'form';
      fieldName: string;
      content: Buffer;
      filename: string;
      contentType: string;
      second?: Buffer;
      textField?: [string, string];
    }
  | { kind: 'raw'; boundary: string; text: string };

/** Sends a generated multipart body the way a client would: supertest builds the form (or the raw text is sent as it is). */
function sendMultipart(req: request.Test, body: Multipart): request.Test {
  if (body.kind === 'raw') {
    return req.set('Content-Type', `multipart/form-data; boundary=${body.boundary}`).send(body.text);
  }
  let out = body.textField ? req.field(body.textField[0], body.textField[1]) : req;
  out = out.attach(body.fieldName || 'file', body.content, {
    filename: body.filename || 'x',
    contentType: body.contentType,
  });
  if (body.second) out = out.attach(body.fieldName || 'file', body.second, { filename: 'second.pdf', contentType: 'application/pdf' });
  return out;
}

/**
 * Generated paths, query strings, headers and bodies at every discovered route, each with a valid
 * token of a role the route admits, in the home area so requests reach as deep as they can. Never
 * a 5xx; every error is problem+json; and a rejected request (any 4xx) writes no row in any table,
 * the access log included: a refused read is not a read, so it is not logged there (the HTTP log
 * records it, with its request id). A request that succeeds may write (a started workflow, a
 * logged read), so its rows are not compared.
 */
describe('Generated requests at every route', () => {
  let t: TestApp;
  let knownId: string;
  let routes: DiscoveredRoute[];
  let rows: Awaited<ReturnType<typeof rowCounter>>;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    t = await startTestApp({ PROCESS_ROLE: 'api', RATE_LIMIT_MAX_REQUESTS: '100000' }, undefined, {
      definitions: [demoCaseV1],
    });
    for (const role of Object.values(Role)) tokens.set(role, await tokenFor(t, role, { area: 'north' }));
    const started = await request(t.app.getHttpServer())
      .post('/workflows')
      .set('Authorization', `Bearer ${tokens.get(Role.Coordinator)}`)
      .send({
        type: 'demo-case',
        input: { reference: 'DEMO-1', area: 'north', receivedAt: '2026-01-05T09:00:00Z' },
      });
    expect(started.status).toBe(201);
    knownId = started.body.id;
    // A route missing from ROUTE_ACCESS fails the authorization matrix, which says which row to add.
    routes = discoverRoutes(t.app).filter((route) => ROUTE_ACCESS[routeKey(route)] !== undefined);
    rows = await rowCounter(t.databaseUrl);
  });
  afterAll(async () => {
    await rows?.close();
    await t?.close();
  });

  /** Generated bodies, plus the route's valid body from ROUTE_ACCESS with one field replaced, to reach deeper. */
  const bodyFor = (route: DiscoveredRoute): fc.Arbitrary<string | undefined | Multipart> => {
    const access = ROUTE_ACCESS[routeKey(route)];
    const file = 'file' in access ? access.file : undefined;
    // A multipart route gets mostly forms with a file (what its clients send), sometimes anything else.
    if (file) return fc.oneof({ arbitrary: multipartFor(file), weight: 4 }, { arbitrary: body, weight: 1 });
    const valid = 'body' in access ? access.body : undefined;
    if (!valid) return body;
    // A route that takes a form as well as JSON: half of its requests are forms.
    const form = 'form' in access ? access.form : undefined;
    if (form) return fc.oneof(jsonBodies(valid), formFor(form));
    return jsonBodies(valid);
  };

  const jsonBodies = (valid: Record<string, unknown>): fc.Arbitrary<string | undefined> =>
    fc.oneof(
      body,
      fc.constant(JSON.stringify(valid)),
      fc
        .record({ field: fc.constantFrom(...Object.keys(valid)), value: fc.jsonValue({ maxDepth: 2 }) })
        .map(({ field, value }) => JSON.stringify({ ...valid, [field]: value })),
    );

  const permittedRole = (route: DiscoveredRoute): Role => {
    const access = ROUTE_ACCESS[routeKey(route)].access;
    if (access === 'public') return Role.Manager;
    return access === 'session' ? Role.Manager : access[0];
  };

  it('never answers 5xx, answers errors as problem+json, and writes nothing when it refuses', async () => {
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      const request_ = fc.record({
        params: fc.array(segment(knownId), { minLength: 3, maxLength: 3 }),
        suffix: fc.oneof(
          { arbitrary: fc.constant(''), weight: 6 },
          { arbitrary: fc.constant('/'), weight: 1 },
          { arbitrary: fc.string({ maxLength: 20 }).map((s) => `/${encodeURIComponent(s)}`), weight: 1 },
        ),
        query,
        headers,
        body: bodyFor(route),
        bodyOnGet: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(request_, async ({ params, suffix, query: q, headers: h, body: b, bodyOnGet }) => {
          let i = 0;
          const path = route.path.replace(/:\w+/g, () => params[i++ % params.length]) + suffix;
          const search = new URLSearchParams();
          for (const [key, value] of Object.entries(q)) {
            for (const item of Array.isArray(value) ? value : [value]) search.append(key, item);
          }
          const url = search.size > 0 ? `${path}?${search}` : path;
          const verb = (['GET', 'USE', 'ALL'].includes(route.method) ? 'get' : route.method.toLowerCase()) as
            'get' | 'post' | 'put' | 'patch' | 'delete';

          const before = await rows.count();
          let req = request(t.app.getHttpServer())[verb](url);
          for (const [name, value] of Object.entries(h)) {
            // A multipart form sets its own Content-Type (with its boundary).
            if (!(typeof b === 'object' && name === 'content-type')) req = req.set(name, value);
          }
          req = req.set('Authorization', `Bearer ${tokens.get(permittedRole(route))}`);
          if (typeof b === 'object') {
            req = sendMultipart(req, b);
          } else if (b !== undefined && (verb !== 'get' || bodyOnGet)) {
            if (!('content-type' in h)) req = req.set('Content-Type', 'application/json');
            req = req.send(b);
          }
          const res = await req;

          const context = `${route.method} ${url} -> ${res.status} ${res.text.slice(0, 300)}`;
          expect({ context, serverError: res.status >= 500 }).toEqual({ context, serverError: false });
          if (res.status >= 400) {
            expect({ context, type: res.headers['content-type'] }).toEqual({
              context,
              type: expect.stringMatching(/^application\/problem\+json/),
            });
            expect({ context, rows: await rows.count() }).toEqual({ context, rows: before });
          }
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    }
    // RUNS_PER_ROUTE requests at each of 50-odd routes, with a row count around each: about 40 s
    // on a loaded machine, so the default 60 s cut it off when other suites ran alongside.
  }, 5 * 60_000);
  // The edges a random search may miss, tried on every route that takes a body, every time.
  it.each([
    ['no body', undefined, undefined],
    ['a text/plain body', 'text/plain', '{"type":"x"}'],
    ['an empty content type', '', '{}'],
    ['a JSON array', 'application/json', '[]'],
    ['a JSON string', 'application/json', '"x"'],
    ['a form body', 'application/x-www-form-urlencoded', 'type=x&input=y'],
  ])(
    'answers %s on every route that takes a body without a 5xx or a write',
    async (_, contentType, payload) => {
      const failures: string[] = [];
      for (const route of routes.filter((r) => !['GET', 'USE', 'ALL'].includes(r.method))) {
        const path = route.path.replace(/:\w+/g, knownId);
        const verb = route.method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete';
        let req = request(t.app.getHttpServer())
          [verb](path)
          .set('Authorization', `Bearer ${tokens.get(permittedRole(route))}`);
        if (contentType !== undefined) req = req.set('Content-Type', contentType);
        const before = await rows.count();
        const res = payload === undefined ? await req : await req.send(payload);
        const problem = /^application\/problem\+json/.test(res.headers['content-type'] ?? '');
        const wrote = res.status >= 400 && JSON.stringify(await rows.count()) !== JSON.stringify(before);
        if (res.status >= 500 || (res.status >= 400 && !problem) || wrote) {
          failures.push(`${route.method} ${route.path} -> ${res.status}${wrote ? ' and wrote rows' : ''}`);
        }
      }
      expect(failures).toEqual([]);
    },
  );
});
