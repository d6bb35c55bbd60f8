import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../generated/api';
import { contactReceived, FRIDAY_RECEIPT, thresholdMet } from '../fixtures/asv';
import { startTestApp, TestApp } from '../support/app';
import { bearer } from '../support/tokens';

const GENERATED = join(__dirname, '..', 'generated', 'api.d.ts');
/** `npm run api:types` sets it, to write the generated types instead of comparing them. */
const UPDATE = process.env.UPDATE_API_TYPES === 'true';

/**
 * A client generated from /docs-json with openapi-typescript (committed as test/generated/api.d.ts,
 * so `npm run typecheck` checks this suite's calls against it) and used through openapi-fetch
 * against the real service: it receives, screens and refers an ASV contact, and reads a refusal
 * as the problem document the description promises.
 */
describe('A client generated from the OpenAPI description', () => {
  let t: TestApp;
  let baseUrl: string;
  let folder: string;

  beforeAll(async () => {
    t = await startTestApp({ PROCESS_ROLE: 'api' });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    folder = mkdtempSync(join(tmpdir(), 'cpw-openapi-'));
  });
  afterAll(async () => {
    if (folder) rmSync(folder, { recursive: true, force: true });
    await t?.close();
  });

  it('is generated from the description the service serves, and the committed types are current', async () => {
    const document = await (await fetch(`${baseUrl}/docs-json`)).text();
    writeFileSync(join(folder, 'openapi.json'), document);
    const cli = join(dirname(require.resolve('openapi-typescript/package.json')), 'bin', 'cli.js');
    await promisify(execFile)(process.execPath, [cli, join(folder, 'openapi.json'), '-o', join(folder, 'api.d.ts')]);
    const generated = readFileSync(join(folder, 'api.d.ts'), 'utf8');
    if (UPDATE) writeFileSync(GENERATED, generated);
    // Out of date: run `npm run api:types` and commit test/generated/api.d.ts.
    expect(generated === readFileSync(GENERATED, 'utf8')).toBe(true);
  });

  it('receives, screens and refers an ASV contact, and reads a refusal as problem+json', async () => {
    t.clock.set(FRIDAY_RECEIPT);
    const token = await bearer(t.config, t.clock, 'coordinator', { area: 'north' });
    const auth: Middleware = {
      onRequest: ({ request }) => {
        request.headers.set('Authorization', token);
        return request;
      },
    };
    const client = createClient<paths>({ baseUrl });
    client.use(auth);

    const contact = contactReceived() as paths['/asv-referrals']['post']['requestBody']['content']['application/json'];
    const received = await client.POST('/asv-referrals', {
      body: contact,
      params: { header: { 'Idempotency-Key': 'client-test-receive' } },
    });
    expect(received.response.status).toBe(201);
    const referral = received.data!;
    expect(referral).toMatchObject({ state: 'screening', status: 'open', workflowStatus: 'active' });
    expect(referral.reference).toMatch(/^ASV-2026-\d{6}$/);

    const screened = await client.POST('/asv-referrals/{id}/screening', {
      params: { path: { id: referral.id } },
      body: thresholdMet() as paths['/asv-referrals/{id}/screening']['post']['requestBody']['content']['application/json'],
    });
    expect(screened.data?.state).toBe('awaitingLadoReferral');

    const referred = await client.POST('/asv-referrals/{id}/lado-referral', { params: { path: { id: referral.id } } });
    expect(referred.data).toMatchObject({ state: 'ladoInitialConsideration', status: 'open' });
    expect(referred.data!.allowedActions.map((a) => a.action)).toContain('log-contact');

    const view = await client.GET('/asv-referrals/{id}', { params: { path: { id: referral.id } } });
    expect(view.data).toMatchObject({ reference: referral.reference, state: 'ladoInitialConsideration' });
    expect(view.data!.deadlines.map((d) => d.kind)).toEqual(['allegation-meeting']);

    const again = await client.POST('/asv-referrals/{id}/lado-referral', { params: { path: { id: referral.id } } });
    expect(again.response.status).toBe(409);
    expect(again.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(again.error).toMatchObject({ status: 409, state: 'ladoInitialConsideration' });
    expect(again.error!.allowedEvents).toContain('meeting.held');
  });
});
