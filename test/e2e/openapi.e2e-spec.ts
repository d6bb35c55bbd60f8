import request from 'supertest';
import { demoCaseV1 } from '../fixtures/demo-case.machine';
import { WORKFLOW_DEFINITIONS } from '@app/workflows';
import { startTestApp, TestApp } from '../support/app';
import { ROUTE_ACCESS } from '../support/auth';

interface Operation {
  description?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
  'x-roles'?: string[];
}
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
};

const PROBLEM_REF = '#/components/schemas/ProblemDetailsDto';

/** The description a client is generated from (test/e2e/openapi-client.e2e-spec.ts does so). */
describe('The OpenAPI description', () => {
  let t: TestApp;
  let doc: Document;
  let operations: { key: string; method: string; path: string; op: Operation }[];

  beforeAll(async () => {
    // A generic type registered beside the service's own, as an integration would register one.
    t = await startTestApp({ PROCESS_ROLE: 'api' }, undefined, {
      definitions: [...WORKFLOW_DEFINITIONS, demoCaseV1],
    });
    doc = (await request(t.app.getHttpServer()).get('/docs-json')).body as Document;
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({
        key: `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
        method,
        path,
        op,
      })),
    );
  });
  afterAll(() => t?.close());

  it('describes every operation the service answers', () => {
    expect(operations.length).toBeGreaterThan(30);
    for (const { key } of operations)
      expect({ key, listed: key in ROUTE_ACCESS }).toEqual({ key, listed: true });
  });

  it('describes every parameter in every path, required, and no path parameter the path lacks', () => {
    const wrong = operations.flatMap(({ key, path, op }) => {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
      const described = (op.parameters ?? []).filter((p) => p.in === 'path');
      const names = described.map((p) => p.name).sort();
      const optional = described.filter((p) => p.required !== true).map((p) => p.name);
      return JSON.stringify(names) === JSON.stringify(inPath) && optional.length === 0
        ? []
        : [{ key, inPath, described: names, optional }];
    });
    expect(wrong).toEqual([]);
  });

  it('gives every operation a success answer with its schema', () => {
    const missing = operations
      .filter(({ op }) => {
        const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
        // JSON, or a file's bytes under their media types (a report's PDF, DOCX or ODT; a printed pack's ZIP).
        const described = (r: Operation['responses'][string]) =>
          r.content?.['application/json']?.schema ??
          Object.values(r.content ?? {}).find((c) => c.schema?.format === 'binary')?.schema ??
          r.content?.['application/zip']?.schema;
        return success.length === 0 || success.some(([, r]) => !described(r));
      })
      .map(({ key }) => key);
    expect(missing).toEqual([]);
  });

  it('describes the errors as problem+json with one shared schema, by status', () => {
    expect(doc.components.schemas.ProblemDetailsDto).toBeDefined();
    for (const { key, op } of operations) {
      const errors = Object.entries(op.responses).filter(([status]) => !status.startsWith('2'));
      expect({ key, errors: errors.length > 0 }).toEqual({ key, errors: true });
      for (const [status, answer] of errors) {
        expect({ key, status, schema: answer.content?.['application/problem+json']?.schema }).toEqual({
          key,
          status,
          schema: { $ref: PROBLEM_REF },
        });
      }
      const access = ROUTE_ACCESS[key];
      if (access && access.access !== 'public') {
        // Every route behind a token can refuse the token, the role, or fail to reach a dependency.
        expect({ key, statuses: Object.keys(op.responses) }).toEqual({
          key,
          statuses: expect.arrayContaining(['401', '403', '503']),
        });
      }
      // A path id that is not a UUID is 400; a record behind it may be missing.
      if (key.includes(':id')) {
        expect({ key, statuses: Object.keys(op.responses) }).toEqual({
          key,
          statuses: expect.arrayContaining(['400', '404']),
        });
      }
    }
  });

  it('says which roles may call each operation, as the authorization matrix does', () => {
    for (const { key, op } of operations) {
      const access = ROUTE_ACCESS[key]!.access;
      if (access === 'public') {
        expect({ key, roles: op['x-roles'] }).toEqual({ key, roles: undefined });
        continue;
      }
      expect({ key, roles: [...(op['x-roles'] ?? [])].sort() }).toEqual({ key, roles: [...access].sort() });
      expect(op.description).toContain(`Roles: ${op['x-roles']!.join(', ')}.`);
    }
  });

  it('lists one Idempotency-Key header on every write that honours one, optional, and no operation lists two', () => {
    for (const { key, method, path, op } of operations) {
      const headers = (op.parameters ?? []).filter((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
      // The writes to a workflow (the conferences', plans' and distributions' too), and resolving people (a retry must not create the
      // people twice), answer a repeated key with the first answer. Acknowledging a notification and the PUTs
      // of the rota and of a chair are idempotent in themselves; a repeated cover, absence or booking of a
      // chair overlaps the first and is refused (409), so nothing is written twice, but no key replays its
      // answer: none lists one.
      const honoursKey =
        method === 'post' &&
        (/^\/(workflows|asv-referrals|conferences|plans|distributions)\b/.test(path) || path === '/people');
      expect({ key, headers: headers.length }).toEqual({ key, headers: honoursKey ? 1 : 0 });
      if (headers[0]) expect(headers[0]).toMatchObject({ name: 'Idempotency-Key', required: false });
    }
  });

  it('gives POST /workflows/{id}/events a body schema', () => {
    const schema =
      doc.paths['/workflows/{id}/events']!.post!.requestBody?.content['application/json']?.schema;
    expect(schema).toMatchObject({
      type: 'object',
      required: ['type'],
      properties: { type: { type: 'string' } },
      additionalProperties: true,
    });
  });

  it('says which types the generic start and events serve, and offers one of them as the example', () => {
    const start = doc.paths['/workflows']!.post!;
    expect(start.description).toContain('Serves the registered types without a domain API: demo-case.');
    expect(start.description).toContain('asv-referral through /asv-referrals');
    expect(doc.paths['/workflows/{id}/events']!.post!.description).toContain('demo-case');
    expect(doc.components.schemas.StartWorkflowDto!.properties!.type).toMatchObject({
      enum: ['demo-case'],
      example: 'demo-case',
    });
  });

  it('describes the ASV bodies from the payload classes: their rules, nesting and optional fields', () => {
    const receive = doc.components.schemas.ReceiveContactDto as unknown as {
      required: string[];
      properties: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(receive.properties).sort()).toEqual(
      [
        'area',
        'childIds',
        'concernCategory',
        'employerIds',
        'receivedAt',
        'referrer',
        'subjectPersonId',
      ].sort(),
    );
    expect(receive.required.sort()).toEqual(Object.keys(receive.properties).sort());
    expect(receive.properties.childIds).toMatchObject({
      type: 'array',
      maxItems: 50,
      uniqueItems: true,
      items: { type: 'string', pattern: expect.any(String) },
    });
    expect(receive.properties.concernCategory).toMatchObject({
      enum: expect.arrayContaining(['physical-abuse']),
    });
    expect(receive.properties.referrer).toEqual({ $ref: '#/components/schemas/ReferrerDetails' });
    expect(receive.properties.receivedAt).toMatchObject({
      example: '2026-11-20T10:00:00Z',
      description: expect.any(String),
    });
    const screening = doc.components.schemas.ScreeningDto as unknown as { required: string[] };
    expect(screening.required.sort()).toEqual(['decision', 'limbs']);
  });

  it('describes a distribution version as JSON or as a multipart form, and its 413 and 415', () => {
    const op = doc.paths['/distributions/{id}/documents/{round}/versions']!.post!;
    const content = op.requestBody!.content;
    expect(Object.keys(content).sort()).toEqual(['application/json', 'multipart/form-data']);
    expect(content['application/json']!.schema).toEqual({ $ref: '#/components/schemas/DocumentVersionDto' });
    expect(content['multipart/form-data']!.schema).toMatchObject({
      type: 'object',
      required: ['manifest'],
      properties: { manifest: { type: 'string' } },
      additionalProperties: { type: 'string', format: 'binary' },
    });
    expect(doc.components.schemas.VersionManifestDto).toBeDefined();
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['400', '404', '409', '413', '415', '422']));
    // The extension that carried the form's schema is gone from the document.
    expect(Object.keys(op).filter((key) => key === 'x-multipart-body')).toEqual([]);
  });
});
