import request from 'supertest';
import { loadConfig } from '@app/persistence';
import { ManualClock } from '@app/workflows';
import { ServiceProcess } from '../support/child-process';
import { createTestDatabase } from '../support/database';
import { waitFor } from '../support/timers';
import { bearer } from '../support/tokens';

/** Values that appear nowhere else, so finding one in the output can only mean it was logged. */
const PERSONAL = {
  givenName: 'Zephyrine',
  familyName: 'Quillfeather',
  correctedFamilyName: 'Quillfeather-Brook',
  dateOfBirth: '2015-04-23',
  nhsNumber: '9990000018',
  wrongNhsNumber: '9990000017',
  email: 'zephyrine.q@mail.example',
  phone: '+447700900777',
  addressLine: '77 Larkspur Crescent',
  postcode: 'NW1 4AB',
  accessNeeds: 'Needs a quiet room',
  caseId: 'CM-LOGGED-991',
  chairName: 'Marigold Thistlewood',
  chairEmail: 'marigold.thistlewood@council.example',
};

/**
 * The service in a process of its own at the most talkative log level, its stdout and stderr
 * captured, driven through every people and chairs route with good and bad requests (refusals
 * included: their errors are where values leak first). None of the personal values appears in
 * what it wrote.
 */
describe('No personal data in the service log', () => {
  let service: ServiceProcess;
  let drop: () => Promise<void>;
  const config = loadConfig({});
  // The child runs on the system clock, so tokens are issued now.
  const clock = new ManualClock(new Date());
  const as = (role: string, claims: { area?: string; sub?: string } = { area: 'north' }) =>
    bearer(config, clock, role as 'coordinator', claims);

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    service = await ServiceProcess.start({
      DATABASE_URL: database.url,
      MIGRATE_ON_START: 'false',
      QUEUE_PREFIX: `logs${process.pid}`,
      PROCESS_ROLE: 'api',
      LOG_LEVEL: 'trace',
    });
  });
  afterAll(async () => {
    await service?.kill();
    await drop?.();
  });

  const person = (overrides: Record<string, unknown> = {}) => ({
    kind: 'child',
    givenName: PERSONAL.givenName,
    familyName: PERSONAL.familyName,
    dateOfBirth: PERSONAL.dateOfBirth,
    accessNeeds: PERSONAL.accessNeeds,
    address: { lines: [PERSONAL.addressLine], postcode: PERSONAL.postcode },
    contactPoints: [
      { system: 'email', value: PERSONAL.email },
      { system: 'phone', value: PERSONAL.phone },
    ],
    externalIds: [
      { system: 'case-management', value: PERSONAL.caseId },
      { system: 'nhs-number', value: PERSONAL.nhsNumber },
    ],
    ...overrides,
  });

  it('writes none of a person’s names, dates, NHS number, contact details or address, whatever the answer', async () => {
    const http = () => request(service.url);
    const statuses: number[] = [];
    const send = async (req: request.Test) => {
      const res = await req;
      statuses.push(res.status);
      return res;
    };
    const social = await as('social_worker', { area: 'north', sub: 'sw-logs' });
    const manager = await as('manager', { sub: 'manager-logs' });

    const created = await send(http().post('/people?givenName=Zephyrine').set('Authorization', social).send({ area: 'north', people: [person()] }));
    expect(created.status).toBe(200);
    const id = created.body.people[0].id as string;
    await send(http().post('/people').set('Authorization', social).set('Idempotency-Key', 'logs-1').send({ area: 'north', people: [person()] }));
    await send(http().post('/people').set('Authorization', social).set('Idempotency-Key', 'logs-1').send({ area: 'north', people: [person({ givenName: 'Other' })] }));
    await send(
      http()
        .post('/people')
        .set('Authorization', social)
        .send({ area: 'north', people: [person({ externalIds: [{ system: 'nhs-number', value: PERSONAL.wrongNhsNumber }] })] }),
    );
    await send(http().post('/people').set('Authorization', social).send({ area: 'north', people: [person({ religion: PERSONAL.givenName })] }));
    await send(http().post('/people').set('Authorization', social).send({ area: 'south', people: [person()] }));
    await send(http().post('/people').set('Authorization', social).set('Content-Type', 'application/json').send(`{"givenName":"${PERSONAL.givenName}",`));
    await send(http().get(`/people/${id}`).set('Authorization', social));
    await send(http().get(`/people/${id}?familyName=${PERSONAL.familyName}`).set('Authorization', await as('coordinator', { area: 'south' })));
    await send(http().patch(`/people/${id}`).set('Authorization', social).send({ familyName: PERSONAL.correctedFamilyName, reason: 'Double-barrelled' }));
    await send(http().patch(`/people/${id}`).set('Authorization', social).send({ dateOfBirth: '2999-01-01', familyName: PERSONAL.familyName, reason: 'x' }));
    await send(http().patch(`/people/${id}`).set('Authorization', social).send({ externalIds: [{ system: 'nhs-number', value: PERSONAL.wrongNhsNumber }], reason: 'x' }));
    // A workflow's journal mentions the person (the child process runs the engine's test machine).
    const coordinator = await as('coordinator');
    const workflow = await send(
      http()
        .post('/workflows')
        .set('Authorization', coordinator)
        .send({ type: 'demo-case', input: { reference: 'DEMO-77', area: 'north', receivedAt: new Date().toISOString() } }),
    );
    expect(workflow.status).toBe(201);
    const note = await send(
      http().post(`/workflows/${workflow.body.id}/events`).set('Authorization', coordinator).send({ type: 'note.added', text: `Child ${id} seen` }),
    );
    expect(note.status).toBe(200);
    expect((await send(http().delete(`/people/${id}`).set('Authorization', manager).send({ reason: 'Request' }))).status).toBe(409);
    const other = (
      await send(
        http()
          .post('/people')
          .set('Authorization', social)
          .send({ area: 'north', people: [person({ externalIds: [{ system: 'case-management', value: 'CM-LOGGED-992' }] })] }),
      )
    ).body.people[0].id;
    expect((await send(http().delete(`/people/${other}`).set('Authorization', manager).send({ reason: 'Recorded in error' }))).status).toBe(200);

    const chair = { displayName: PERSONAL.chairName, email: PERSONAL.chairEmail, homeAreas: ['north'] };
    await send(http().put('/chairs/chair-logs').set('Authorization', manager).send(chair));
    await send(http().put('/chairs/chair-logs-2').set('Authorization', manager).send(chair));
    await send(http().put('/chairs/chair-logs').set('Authorization', manager).send({ ...chair, email: PERSONAL.givenName }));
    await send(http().get('/chairs/chair-logs').set('Authorization', manager));
    await send(http().get(`/chairs?area=north`).set('Authorization', await as('coordinator')));
    await send(http().post('/chairs/chair-logs/absences').set('Authorization', manager).send({ from: '2030-01-07', to: '2030-01-07' }));
    await send(http().get('/chairs/chair-logs/slots?until=2030-01-08').set('Authorization', manager).set('X-Request-Id', 'last-request-of-logs'));

    // Every kind of answer was given: the log holds successes and refusals alike.
    expect(new Set(statuses)).toEqual(new Set([200, 201, 400, 404, 409]));
    await waitFor('the last request in the log', async () => service.log.includes('last-request-of-logs'));
    const output = service.log;
    expect(output).toMatch(/"path":"\/people"/);
    expect(output).toMatch(/"statusCode":409/);
    for (const [what, value] of Object.entries(PERSONAL)) {
      expect({ what, logged: output.includes(value) }).toEqual({ what, logged: false });
    }
    expect(output).not.toContain(PERSONAL.nhsNumber.replace(/(\d{3})(\d{3})(\d{4})/, '$1 $2 $3'));
  });
});
