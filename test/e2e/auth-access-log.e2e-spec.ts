import request from 'supertest';
import { AccessLogService } from '@app/persistence';
import { demoCaseV1 } from '../fixtures/demo-case.machine';
import { startTestApp, TestApp } from '../support/app';
import { authorization, Role } from '../support/auth';
import { query } from '../support/rows';

interface AccessLogRow {
  id: string;
  at: Date;
  subject: string;
  role: string;
  action: string;
  record_type: string;
  record_id: string;
  route: string;
  ip: string | null;
  request_id: string | null;
}

describe('The access log', () => {
  let t: TestApp;
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp({ PROCESS_ROLE: 'api' }, undefined, { definitions: [demoCaseV1] });
    const started = await http()
      .post('/workflows')
      .set(await authorization(t, Role.Coordinator, { area: 'north' }))
      .send({
        type: 'demo-case',
        input: { reference: 'DEMO-7', area: 'north', receivedAt: '2026-01-05T09:00:00Z' },
      });
    expect(started.status).toBe(201);
    caseId = started.body.id;
  });
  afterAll(() => t?.close());

  const http = () => request(t.app.getHttpServer());
  const rows = () =>
    query<AccessLogRow>(t.databaseUrl, 'SELECT *, host(ip) AS ip FROM access_log ORDER BY id');
  const audit = async (params: Record<string, string | number>) =>
    http()
      .get('/audit')
      .query(params)
      .set(await authorization(t, Role.Auditor, { sub: 'auditor-1' }));

  it('records exactly one row when a chair reads a child’s workflow, and the auditor finds it', async () => {
    const before = await rows();
    t.clock.set('2026-01-06T10:30:00Z');
    const read = await http()
      .get(`/workflows/${caseId}`)
      .set(await authorization(t, Role.Chair, { sub: 'chair-42', area: 'north' }))
      .set('X-Request-Id', 'req-read-1');
    expect(read.status).toBe(200);

    const added = (await rows()).slice(before.length);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      at: new Date('2026-01-06T10:30:00Z'),
      subject: 'chair-42',
      role: 'chair',
      action: 'read',
      record_type: 'workflow',
      record_id: caseId,
      route: 'GET /workflows/:id',
      request_id: 'req-read-1',
    });
    expect(added[0].ip).toMatch(/127\.0\.0\.1|::1/);

    const found = await audit({ recordType: 'workflow', recordId: caseId, action: 'read' });
    expect(found.status).toBe(200);
    expect(found.body.items).toEqual([
      {
        id: added[0].id,
        at: '2026-01-06T10:30:00.000Z',
        subject: 'chair-42',
        role: 'chair',
        action: 'read',
        recordType: 'workflow',
        recordId: caseId,
        route: 'GET /workflows/:id',
        ip: added[0].ip,
        requestId: 'req-read-1',
      },
    ]);
    expect(found.body.nextCursor).toBeNull();
  });

  it('records nothing for a refused read: no token, wrong role, out of area, unknown record', async () => {
    const before = (await rows()).length;
    expect((await http().get(`/workflows/${caseId}`)).status).toBe(401);
    expect(
      (
        await http()
          .get(`/workflows/${caseId}`)
          .set(await authorization(t, Role.Auditor))
      ).status,
    ).toBe(403);
    expect(
      (
        await http()
          .get(`/workflows/${caseId}`)
          .set(await authorization(t, Role.Chair, { area: 'south' }))
      ).status,
    ).toBe(404);
    expect(
      (
        await http()
          .get('/workflows/00000000-0000-4000-8000-000000000000')
          .set(await authorization(t, Role.Manager))
      ).status,
    ).toBe(404);
    expect((await rows()).length).toBe(before);
  });

  it('filters by subject, action and time, and pages with an opaque cursor', async () => {
    t.clock.set('2026-02-01T09:00:00Z');
    const reader = await authorization(t, Role.Manager, { sub: 'manager-pager' });
    for (let i = 0; i < 5; i++) {
      expect((await http().get(`/workflows/${caseId}`).set(reader)).status).toBe(200);
      t.clock.advanceMs(60_000);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await audit({ subject: 'manager-pager', limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => b - a));

    const window = await audit({
      subject: 'manager-pager',
      from: '2026-02-01T09:01:00Z',
      to: '2026-02-01T09:03:00Z',
    });
    expect(window.body.items.map((item: { at: string }) => item.at)).toEqual([
      '2026-02-01T09:02:00.000Z',
      '2026-02-01T09:01:00.000Z',
    ]);
    expect((await audit({ subject: 'manager-pager', action: 'write' })).body.items).toEqual([]);
  });

  it('logs a write in the same transaction as the event it records', async () => {
    const before = (await rows()).length;
    const res = await http()
      .post(`/workflows/${caseId}/events`)
      .set(await authorization(t, Role.Coordinator, { sub: 'coord-9', area: 'north' }))
      .send({ type: 'note.added', text: 'phoned the school' });
    expect(res.status).toBe(200);
    const added = (await rows()).slice(before);
    expect(added).toEqual([
      expect.objectContaining({
        subject: 'coord-9',
        role: 'coordinator',
        action: 'write',
        record_id: caseId,
      }),
    ]);
  });

  it.each([
    [{ limit: 201 }, 'limit'],
    [{ limit: 0 }, 'limit'],
    [{ cursor: 'not-a-cursor' }, 'cursor'],
    [{ from: 'yesterday' }, 'from'],
    [{ to: '2026-02-30T00:00:00Z' }, 'to'],
    [{ action: 'delete' }, 'action'],
    [{ recordType: 'Workflow' }, 'recordType'],
    [{ child: 'anything' }, 'child'],
  ])('answers %p with a 400 problem naming %s', async (params, field) => {
    const res = await audit(params as Record<string, string | number>);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(res.body)).toContain(field);
  });

  it('has no route that changes or removes an entry', async () => {
    const auditor = await authorization(t, Role.Auditor);
    const [first] = await rows();
    for (const method of ['put', 'patch', 'delete', 'post'] as const) {
      for (const path of ['/audit', `/audit/${first.id}`]) {
        const res = await http()[method](path).set(auditor).send({});
        expect(res.status).toBe(404);
      }
    }
  });

  it('is append-only in the database itself, for the service’s own user too', async () => {
    await t.app.get(AccessLogService).record({
      subject: 'someone',
      role: 'manager',
      action: 'read',
      recordType: 'child',
      recordId: 'child-1',
      route: 'GET /children/:id',
    });
    for (const sql of [
      'UPDATE access_log SET subject = $1',
      'DELETE FROM access_log WHERE subject <> $1',
      'TRUNCATE access_log',
    ]) {
      await expect(query(t.databaseUrl, sql, sql.includes('$1') ? ['x'] : [])).rejects.toThrow(/append-only/);
    }
    expect((await rows()).some((row) => row.subject === 'someone')).toBe(true);
  });

  it('refuses rows that break its rules', async () => {
    const service = t.app.get(AccessLogService);
    const good = {
      subject: 's',
      role: 'chair',
      action: 'read' as const,
      recordType: 'child',
      recordId: '1',
      route: 'GET /x',
    };
    await expect(service.record({ ...good, role: 'superuser' })).rejects.toThrow();
    await expect(service.record({ ...good, recordType: 'Child Record' })).rejects.toThrow();
    await expect(service.record({ ...good, subject: '' })).rejects.toThrow();
  });

  it('writes a page of reads in one statement: all of them, or none when one breaks a rule', async () => {
    const service = t.app.get(AccessLogService);
    const entry = (recordId: string) => ({
      subject: 'lister-1',
      role: 'coordinator',
      action: 'read' as const,
      recordType: 'distribution',
      recordId,
      route: 'GET /distributions',
    });
    const mine = async () => (await rows()).filter((row) => row.subject === 'lister-1').map((row) => row.record_id);
    await expect(service.recordAll([entry('d-1'), { ...entry('d-2'), role: 'superuser' }, entry('d-3')])).rejects.toThrow();
    expect(await mine()).toEqual([]);
    await service.recordAll([]);
    await service.recordAll(Array.from({ length: 200 }, (_, i) => entry(`d-${i}`)));
    expect(await mine()).toEqual(Array.from({ length: 200 }, (_, i) => `d-${i}`));
  });
});
