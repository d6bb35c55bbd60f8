import request from 'supertest';
import { demoCaseV1 } from '../fixtures/demo-case.machine';
import { startTestApp, TestApp } from '../support/app';
import { authorization, foreignSigningKey, Role, tokenFor } from '../support/auth';
import { countRows } from '../support/rows';

const PROBLEM_JSON = /^application\/problem\+json/;

describe('Authentication, authorization and area scoping', () => {
  let t: TestApp;
  let northCase: string;

  beforeAll(async () => {
    t = await startTestApp({ PROCESS_ROLE: 'api' }, undefined, { definitions: [demoCaseV1] });
    const started = await request(t.app.getHttpServer())
      .post('/workflows')
      .set(await authorization(t, Role.Coordinator, { area: 'north' }))
      .send({
        type: 'demo-case',
        input: { reference: 'DEMO-1', area: 'north', receivedAt: '2026-01-05T09:00:00Z' },
      });
    expect(started.status).toBe(201);
    northCase = started.body.id;
  });
  afterAll(() => t?.close());

  const http = () => request(t.app.getHttpServer());

  it('serves /health without a token', async () => {
    const res = await http().get('/health');
    expect(res.status).toBe(200);
  });

  describe('401 with a Bearer challenge', () => {
    it('for a request without a token', async () => {
      for (const path of ['/workflows', '/audit', `/workflows/${northCase}`]) {
        const res = await http().get(path);
        expect(res.status).toBe(401);
        expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
        expect(res.headers['www-authenticate']).toBe('Bearer realm="cp-workflows"');
        expect(res.body).toMatchObject({ status: 401, detail: 'A bearer token is required.' });
      }
    });

    const badTokens: [string, () => Promise<string>][] = [
      [
        'an expired token',
        () => tokenFor(t, Role.Manager, { issuedAt: new Date(t.clock.now().getTime() - 2 * 3600_000) }),
      ],
      ['a token for another audience', () => tokenFor(t, Role.Manager, { audience: 'another-council-api' })],
      [
        'a token from another issuer',
        () => tokenFor(t, Role.Manager, { issuer: 'https://login.example/other-tenant' }),
      ],
      ['a token with a bad signature', () => tokenFor(t, Role.Manager, { signingKey: foreignSigningKey() })],
      ['a malformed token', async () => 'not.a.token'],
    ];

    it.each(badTokens)('for %s, without echoing it', async (_, mint) => {
      const token = await mint();
      const res = await http().get('/workflows').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="cp-workflows", error="invalid_token"/);
      expect(res.text).not.toContain(token);
    });

    it('says an expired token has expired', async () => {
      const expired = await tokenFor(t, Role.Manager, {
        issuedAt: new Date(t.clock.now().getTime() - 2 * 3600_000),
      });
      const res = await http().get('/workflows').set('Authorization', `Bearer ${expired}`);
      expect(res.headers['www-authenticate']).toContain('The token has expired');
      expect(res.body.detail).toBe('The bearer token has expired.');
    });

    it('for other schemes than Bearer', async () => {
      const res = await http().get('/workflows').set('Authorization', 'Basic YWRtaW46YWRtaW4=');
      expect(res.status).toBe(401);
    });
  });

  describe('403 for a role the route does not admit', () => {
    it.each([
      [Role.Auditor, 'GET', '/workflows'],
      [Role.PartnerAgency, 'GET', '/workflow-types'],
      [Role.Chair, 'GET', '/audit'],
      [Role.SocialWorker, 'POST', `/workflows/00000000-0000-4000-8000-000000000000/migrate`],
    ])('%s on %s %s', async (role, method, path) => {
      const res = await http()
        [method === 'GET' ? 'get' : 'post'](path)
        .set(await authorization(t, role, { area: 'north' }));
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({ status: 403, title: 'Forbidden' });
    });

    it('a token with no role of ours at all', async () => {
      const res = await http()
        .get('/workflow-types')
        .set(await authorization(t, [] as Role[]));
      expect(res.status).toBe(403);
    });
  });

  describe('area scoping: out of scope answers as missing (404)', () => {
    const get = async (
      id: string,
      role: Role,
      claims: { area?: string; coveringAreas?: readonly string[] } = {},
    ) =>
      http()
        .get(`/workflows/${id}`)
        .set(await authorization(t, role, claims));

    it('lets a chair of the area, a chair covering it and a manager in', async () => {
      expect((await get(northCase, Role.Chair, { area: 'north' })).status).toBe(200);
      expect((await get(northCase, Role.Chair, { area: 'south', coveringAreas: ['north'] })).status).toBe(
        200,
      );
      expect(
        (await get(northCase, Role.Coordinator, { area: 'south', coveringAreas: ['north'] })).status,
      ).toBe(200);
      expect((await get(northCase, Role.Manager)).status).toBe(200);
      expect((await get(northCase, Role.Lado)).status).toBe(200);
    });

    it('answers a record in another area exactly as a record that does not exist', async () => {
      const missing = await get('00000000-0000-4000-8000-000000000000', Role.Chair, { area: 'south' });
      expect(missing.status).toBe(404);
      for (const [role, claims] of [
        [Role.Chair, { area: 'south' }],
        [Role.Coordinator, { area: 'south', coveringAreas: ['west'] }],
        // A social worker does not cover other areas, whatever the token says.
        [Role.SocialWorker, { area: 'south', coveringAreas: ['north'] }],
        [Role.Chair, {}],
      ] as const) {
        const res = await get(northCase, role, claims);
        expect(res.status).toBe(404);
        expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
        const { instance: _a, ...body } = res.body;
        const { instance: _b, ...expected } = missing.body;
        expect(body).toEqual(expected);
      }
    });

    it('refuses an out-of-scope event with 404 and writes nothing', async () => {
      const before = await countRows(t.databaseUrl);
      const res = await http()
        .post(`/workflows/${northCase}/events`)
        .set(await authorization(t, Role.Chair, { area: 'south' }))
        .send({ type: 'note.added', text: 'looked in' });
      expect(res.status).toBe(404);
      expect(await countRows(t.databaseUrl)).toEqual(before);
    });

    it('leaves out-of-scope records out of lists', async () => {
      const south = await http()
        .get('/workflows')
        .set(await authorization(t, Role.Chair, { area: 'south' }));
      expect(south.status).toBe(200);
      expect(JSON.stringify(south.body)).not.toContain(northCase);
      const north = await http()
        .get('/workflows')
        .set(await authorization(t, Role.Chair, { area: 'north' }));
      expect(JSON.stringify(north.body)).toContain(northCase);
    });
  });

  describe('hardening', () => {
    it('sends security headers and no X-Powered-By', async () => {
      const res = await http().get('/health');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
      expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
      // Plain http outside production: the Swagger UI must not be sent to https.
      expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['x-powered-by']).toBeUndefined();
    });

    it('keeps CORS closed by default', async () => {
      const preflight = await http()
        .options('/workflows')
        .set('Origin', 'https://portal.council.example')
        .set('Access-Control-Request-Method', 'GET');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      const simple = await http().get('/health').set('Origin', 'https://portal.council.example');
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('never echoes what a client sent in an error: unreadable JSON, a bad path encoding', async () => {
      const manager = await authorization(t, Role.Manager);
      for (const body of ['Jane', '{"name": "Jane Smith", "dob": 2015-', 'null']) {
        const res = await http()
          .post('/workflows')
          .set(manager)
          .set('Content-Type', 'application/json')
          .send(body);
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
        expect(res.body.detail).toBe('The request body is not valid JSON.');
        expect(res.text).not.toMatch(/Jane|Smith|2015|null"/);
      }
      const res = await http().get('/workflows/Jane%E0%A4%A').set(manager);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body.detail).not.toContain('Jane');
    });

    it('refuses a body over 256kb with a 413 problem', async () => {
      const res = await http()
        .post('/workflows')
        .set(await authorization(t, Role.Coordinator, { area: 'north' }))
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ type: 'demo-case', input: { padding: 'x'.repeat(300 * 1024) } }));
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    });
  });
});

describe('Rate limits and a CORS allow-list', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      PROCESS_ROLE: 'api',
      RATE_LIMIT_MAX_REQUESTS: '5',
      RATE_LIMIT_WINDOW_SECONDS: '60',
      CORS_ORIGINS: 'https://portal.council.example',
    });
  });
  afterAll(() => t?.close());
  const http = () => request(t.app.getHttpServer());

  it('lets a listed origin in and no other', async () => {
    const listed = await http()
      .options('/workflows')
      .set('Origin', 'https://portal.council.example')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization');
    expect(listed.headers['access-control-allow-origin']).toBe('https://portal.council.example');
    expect(listed.headers['access-control-allow-headers']).toMatch(/Authorization/);
    const other = await http()
      .options('/workflows')
      .set('Origin', 'https://elsewhere.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers 429 problem+json once a client passes the limit, tokens or not', async () => {
    const token = await authorization(t, Role.Manager);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await http().get('/workflow-types').set(token)).status);
    for (let i = 0; i < 2; i++) statuses.push((await http().get('/workflow-types')).status);
    expect(statuses).toEqual([200, 200, 200, 401, 401]);
    const limited = await http().get('/workflow-types').set(token);
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited.body).toMatchObject({ status: 429, detail: 'Too many requests: try again shortly.' });
  });
});
