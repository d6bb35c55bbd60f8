import request from 'supertest';
import { demoCaseV1 } from '../fixtures/demo-case.machine';
import { startTestApp, TestApp } from '../support/app';
import { ALL_ROLES } from '../../apps/api/src/auth/role';
import { discoverRoutes, ROUTE_ACCESS as EXPECTED, Role, routeKey, tokenFor } from '../support/auth';
import { pdfBytes } from '../support/documents';

/** Roles whose scope is their area (plus covered areas): the ones a wrong-area token can test. */
const AREA_BOUND = new Set<Role>([Role.Coordinator, Role.Chair, Role.SocialWorker, Role.TeamManager]);
const HOME = 'north';
const ELSEWHERE = 'south';

/**
 * Every route the service answers × no token, an expired token, a wrong-audience token, every role
 * in its own area, and every area-bound role in another area, against ROUTE_ACCESS (test/support/auth.ts).
 */
describe('Authorization matrix: every route × every role', () => {
  let t: TestApp;
  const params: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ PROCESS_ROLE: 'api', RATE_LIMIT_MAX_REQUESTS: '100000' }, undefined, {
      definitions: [demoCaseV1],
    });
    const started = await request(t.app.getHttpServer())
      .post('/workflows')
      .set('Authorization', `Bearer ${await tokenFor(t, Role.Manager)}`)
      .send({
        type: 'demo-case',
        input: { reference: 'DEMO-1', area: HOME, receivedAt: '2026-01-05T09:00:00Z' },
      });
    expect(started.status).toBe(201);
    params.id = started.body.id;
    params.track = 'police';
    params.kind = 'icpc';
    params.personId = 'p-1';
    params.key = 'police:met'; // GET /timescales/:kind without ?from= is 400 to every admitted role
    params.incidentId = '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b'; // none such: allowed roles get 404, not 403
    params.sub = 'matrix-chair'; // made by PUT /chairs/:sub when its row runs
    params.bookingId = '0d9a8b7c-6e5f-4a3b-9c2d-1e0f9a8b7c6d'; // none such
    params.taskId = '1e2d3c4b-5a69-4877-8695-a4b3c2d1e0f9'; // none such
    params.token = 'A'.repeat(43); // a well-formed personal link that opens nothing: 404
    params.round = 'minutes';
    params.packId = 'minutes.1.p-1'; // none such
    params.correctionId = 'c-1';
  });
  afterAll(() => t?.close());

  function send(key: string, token?: string, as: 'body' | 'form' = 'body') {
    const [method, pattern] = key.split(' ');
    const path = pattern.replace(/:(\w+)/g, (_, name: string) => {
      if (!params[name]) throw new Error(`No value for :${name} in ${key}: add one to params`);
      return params[name];
    });
    const expectation = EXPECTED[key];
    const verb =
      method === 'USE' || method === 'ALL'
        ? 'get'
        : (method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete');
    const req = request(t.app.getHttpServer())[verb](path);
    if (token) req.set('Authorization', `Bearer ${token}`);
    const body = expectation && 'body' in expectation ? expectation.body : undefined;
    const file = expectation && 'file' in expectation ? expectation.file : undefined;
    if (file) return req.attach(file, pdfBytes('Matrix report'), { filename: 'matrix.pdf', contentType: 'application/pdf' });
    const form = expectation && 'form' in expectation ? expectation.form : undefined;
    if (as === 'form' && form) {
      let out = req;
      for (const [name, value] of Object.entries(form.fields)) out = out.field(name, value);
      for (const name of form.files)
        out = out.attach(name, pdfBytes('Matrix version'), { filename: `${name}.pdf`, contentType: 'application/pdf' });
      return out;
    }
    return verb === 'get' ? req : req.send(body ?? {});
  }

  it('covers every route the app answers, and no route it does not', () => {
    const discovered = discoverRoutes(t.app).map(routeKey).sort();
    expect(discovered).toEqual(Object.keys(EXPECTED).sort());
  });

  // Console pages: no bearer token opens them, whatever its role; sessions are console.e2e-spec.ts's.
  const sessionRoutes = Object.entries(EXPECTED).filter(([, e]) => e.access === 'session');
  describe.each(sessionRoutes)('%s (a console session route)', (key) => {
    it.each([undefined, ...ALL_ROLES])(
      'answers 401 to a request with %s bearer token and no session',
      async (role) => {
        const res = await send(key, role ? await tokenFor(t, role, { area: HOME }) : undefined);
        expect(res.status).toBe(401);
      },
    );
  });

  // Each route with its body; a route that also takes a multipart form, a second time with the form.
  const bodies = Object.entries(EXPECTED)
    .filter(([, e]) => e.access !== 'session')
    .flatMap(([key, e]) => [
      [key, key, e, 'body'] as const,
      ...('form' in e && e.form ? [[`${key} (multipart/form-data)`, key, e, 'form'] as const] : []),
    ]);
  describe.each(bodies)(
    '%s',
    (_label, key, expectation, as) => {
      const call = (route: string, token?: string) => send(route, token, as);
      const isPublic = expectation.access === 'public';
      const admitted = (role: Role) => !isPublic && (expectation.access as readonly Role[]).includes(role);

      it(isPublic ? 'answers without a token' : 'answers 401 without a token', async () => {
        const res = await call(key);
        if (isPublic) expect([401, 403]).not.toContain(res.status);
        else expect(res.status).toBe(401);
      });

      it.each([
        ['an expired token', { issuedAt: new Date('2026-01-05T06:00:00Z'), expiresInSeconds: 3600 }],
        ['a wrong-audience token', { audience: 'another-api' }],
      ])(isPublic ? 'ignores %s' : 'answers 401 to %s', async (_, options) => {
        const res = await call(key, await tokenFor(t, Role.Manager, options));
        if (isPublic) expect([401, 403]).not.toContain(res.status);
        else expect(res.status).toBe(401);
      });

      it.each(ALL_ROLES.map((role) => [role, admitted(role) || isPublic]))(
        '%s: allowed %s',
        async (role, allowed) => {
          const res = await call(key, await tokenFor(t, role, { area: HOME }));
          if (!allowed) return expect(res.status).toBe(403);
          expect([401, 403]).not.toContain(res.status);
          // The record is in the role's own area: in scope, so never hidden nor refused for its area.
          const scope = (expectation as { scope?: string }).scope;
          if (scope === 'record' || scope === 'create') expect(res.status).not.toBe(404);
        },
      );

      const scope = isPublic ? undefined : (expectation as { scope?: 'record' | 'create' | 'list' }).scope;
      const wrongArea = ALL_ROLES.filter((role) => scope && admitted(role) && AREA_BOUND.has(role));
      if (wrongArea.length > 0) {
        const answer = {
          record: '404',
          create: '403, the area outside theirs',
          list: 'none of the home area',
        };
        it.each(wrongArea)(`%s of another area: ${answer[scope!]}`, async (role) => {
          const res = await call(key, await tokenFor(t, role, { area: ELSEWHERE }));
          if (scope === 'record') {
            expect(res.status).toBe(404);
          } else if (scope === 'create') {
            expect(res.status).toBe(403);
            expect(res.body.detail).toMatch(/area is outside yours/);
          } else {
            expect(res.status).toBe(200);
            expect(JSON.stringify(res.body)).not.toContain(params.id);
          }
        });
      }
    },
  );
});
