import { randomUUID } from 'node:crypto';
import { WorkflowEngine } from '@app/persistence';
import { ManualClock, WORKFLOW_DEFINITIONS, WorkflowDefinition } from '@app/workflows';
import { EVENT_SAMPLES, sampleActor } from '../fixtures/event-samples';
import { startTestApp, TestApp } from '../support/app';
import { EventPath, explore, follow, payloadFor } from '../support/event-paths';
import { query } from '../support/rows';

const COPIES = 10;
/** Wednesday 18 November 2026, 10:00 in London: a working day, so every clock has room. */
const NOW = new Date('2026-11-18T10:00:00Z');

/** Every registered process, every version, every event type a client may send it. */
const CASES = WORKFLOW_DEFINITIONS.flatMap((definition) =>
  Object.keys(definition.events).map((type) => ({ definition, type })),
);
const named = (definition: WorkflowDefinition) => `${definition.type} v${definition.version}`;

/**
 * Issue 9: concurrency at the engine level for every event type of every registered process,
 * driven from the registry (WORKFLOW_DEFINITIONS), so a process or an event added later is covered
 * without a new test. For each event type a state that accepts it is found by exploring the
 * machine with the process's sample payloads (test/fixtures/event-samples), an instance is seeded
 * there (its snapshot written as the engine writes it), and the event is sent ten times at once
 * with one event id: ten equal answers, one of them the first and nine replays, and one journal row.
 */
describe('Every event of every registered process, sent ten times at once with one id', () => {
  let t: TestApp;
  let engine: WorkflowEngine;
  const paths = new Map<WorkflowDefinition, Map<string, EventPath>>();
  let seeded = 0;

  beforeAll(async () => {
    t = await startTestApp({ PROCESS_ROLE: 'api' }, new ManualClock(NOW), {
      definitions: WORKFLOW_DEFINITIONS,
    });
    engine = t.app.get(WorkflowEngine);
    for (const definition of WORKFLOW_DEFINITIONS) {
      const samples = EVENT_SAMPLES[definition.type];
      if (samples) paths.set(definition, explore(definition, samples, engine.transitionEnv, NOW).paths);
    }
  });
  afterAll(() => t?.close());

  it('has samples for every registered process and every one of its event types', () => {
    const missing = WORKFLOW_DEFINITIONS.flatMap((definition) => {
      const samples = EVENT_SAMPLES[definition.type];
      if (!samples)
        return [
          `${named(definition)}: no samples at all (add test/fixtures/event-samples/${definition.type}.samples.ts)`,
        ];
      return Object.keys(definition.events)
        .filter((type) => !(type in samples.events))
        .map((type) => `${named(definition)}: no sample for '${type}'`);
    });
    expect(missing).toEqual([]);
  });

  it('reaches, for every event type, a state that accepts it', () => {
    const unreachable = CASES.filter(({ definition, type }) => !paths.get(definition)?.has(type)).map(
      ({ definition, type }) => `${named(definition)}: no reachable state accepts '${type}' with its sample`,
    );
    expect(unreachable).toEqual([]);
  });

  /** Writes an instance at the end of a path, as the engine stores one (seq 1: the seeded snapshot). */
  async function seed(definition: WorkflowDefinition, path: EventPath): Promise<string> {
    const samples = EVENT_SAMPLES[definition.type]!;
    const outcome = follow(definition, samples, path, engine.transitionEnv, NOW, ++seeded);
    const id = randomUUID();
    await query(
      t.databaseUrl,
      `INSERT INTO workflow_instance (id, type, machine_version, state, status, snapshot, area, reference, seq,
         created_at, updated_at, last_transition_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9, $9)`,
      [
        id,
        definition.type,
        definition.version,
        outcome.state,
        outcome.status,
        outcome.snapshot,
        outcome.area,
        outcome.reference,
        NOW,
      ],
    );
    return id;
  }

  it.each(CASES.map(({ definition, type }) => [named(definition), type, definition] as const))(
    '%s: %s',
    async (_, type, definition) => {
      const path = paths.get(definition)?.get(type);
      if (!path) throw new Error(`${named(definition)}: no seeded state for '${type}' (see the tests above)`);
      const id = await seed(definition, path);
      const [row] = await query<{ snapshot: { context: Record<string, unknown> } }>(
        t.databaseUrl,
        `SELECT snapshot FROM workflow_instance WHERE id = $1`,
        [id],
      );
      const samples = EVENT_SAMPLES[definition.type]!;
      const payload = payloadFor(samples, { snapshot: row!.snapshot } as never, type, NOW);
      const eventId = `concurrent-${type}`;

      const answers = await Promise.all(
        Array.from({ length: COPIES }, () =>
          engine.send(id, { ...payload, type }, { eventId, actor: sampleActor(samples, type) }),
        ),
      );

      const first = answers.filter((a) => !a.replayed);
      expect(first).toHaveLength(1);
      expect(answers.filter((a) => a.replayed)).toHaveLength(COPIES - 1);
      for (const answer of answers)
        expect({ ...answer, replayed: undefined }).toEqual({ ...first[0], replayed: undefined });
      expect(first[0]).toMatchObject({ id, seq: 2 });
      const journal = await query<{ seq: number }>(
        t.databaseUrl,
        `SELECT seq FROM workflow_journal WHERE workflow_id = $1`,
        [id],
      );
      expect(journal).toEqual([{ seq: 2 }]);
    },
  );
});
