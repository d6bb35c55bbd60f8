import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';

describe('HTTP basics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('answers an unknown path with a problem+json 404', async () => {
    const res = await request(t.app.getHttpServer()).get('/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, title: expect.any(String), type: expect.any(String) });
  });

  it('serves the OpenAPI document and the Swagger UI', async () => {
    const json = await request(t.app.getHttpServer()).get('/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toContain('/health');
    const ui = await request(t.app.getHttpServer()).get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });
});
