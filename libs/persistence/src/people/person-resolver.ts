import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode, type ExternalId } from '@app/workflows';
import type { PersonToResolve, ResolvedPerson } from './people.types';
import { insertPerson } from './person-rows';

/** Attempts per person when another transaction creates or erases them at the same moment. */
const ATTEMPTS = 3;

const externalKey = (id: ExternalId) => `${id.system}\u0000${id.value}`;

const conflict = (index: number, message: string) =>
  new DomainError(DomainErrorCode.Conflict, `people[${index}]: ${message}`, {
    errors: [{ field: `people.${index}.externalIds`, messages: [message] }],
  });

/**
 * Finds or creates each person named, in the caller's transaction, and answers their ids in the
 * order given. A person is found by any one of their external ids (unique per system); external
 * ids the request gives that the found record lacks are added; a person named by none is created.
 * Found records keep their details: a change to them is a correction, with a reason.
 *
 * Safe against a concurrent resolve of the same person: external ids are inserted with ON CONFLICT
 * DO NOTHING, which waits for the other transaction; if it won, this one's provisional record is
 * removed and the person looked up again. People are handled in the order of their external ids,
 * so two requests naming the same people in different orders cannot deadlock. A found record is
 * locked FOR KEY SHARE, so it cannot be erased before the caller's transaction commits.
 */
export async function resolvePeople(
  tx: EntityManager,
  people: readonly PersonToResolve[],
  area: string,
  now: Date,
): Promise<ResolvedPerson[]> {
  const results: ResolvedPerson[] = new Array(people.length);
  // People named by no external id come last, in the order given (\uffff sorts after any key).
  const order = people
    .map((person, index) => ({ person, index, key: person.externalIds.map(externalKey).sort()[0] ?? '\uffff' }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
  for (const { person, index } of order) {
    results[index] = await resolveOne(tx, person, index, area, now);
  }
  return results;
}

async function resolveOne(
  tx: EntityManager,
  person: PersonToResolve,
  index: number,
  area: string,
  now: Date,
): Promise<ResolvedPerson> {
  const given = person.externalIds;
  if (new Set(given.map((id) => id.system)).size !== given.length) {
    throw new DomainError(DomainErrorCode.InvalidInput, `people[${index}]: one external id per system`, {
      errors: [{ field: `people.${index}.externalIds`, messages: ['one external id per system'] }],
    });
  }
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const outcome = given.length === 0 ? await create(tx, person, area, now) : await findOrCreate(tx, person, index, area, now);
    if (outcome) return outcome;
  }
  throw conflict(index, 'the person was being created or erased by another request at the same time: try again');
}

/** undefined: another transaction got in first; look again. */
async function findOrCreate(
  tx: EntityManager,
  person: PersonToResolve,
  index: number,
  area: string,
  now: Date,
): Promise<ResolvedPerson | undefined> {
  const found: { person_id: string; system: string; value: string }[] = await tx.query(
    `SELECT e.person_id, e.system, e.value
       FROM person_external_id e
       JOIN unnest($1::text[], $2::text[]) AS given (system, value) USING (system, value)`,
    [person.externalIds.map((id) => id.system), person.externalIds.map((id) => id.value)],
  );
  const ids = [...new Set(found.map((row) => row.person_id))];
  if (ids.length > 1) throw conflict(index, 'the external ids given belong to different people');
  if (ids.length === 0) return create(tx, person, area, now);

  const id = ids[0];
  const locked: { id: string }[] = await tx.query(`SELECT id FROM person WHERE id = $1 FOR KEY SHARE`, [id]);
  if (locked.length === 0) return undefined; // erased since the lookup
  const held: { system: string }[] = await tx.query(`SELECT system FROM person_external_id WHERE person_id = $1`, [id]);
  const heldSystems = new Set(held.map((row) => row.system));
  const foundKeys = new Set(found.map((row) => externalKey(row)));
  const missing = person.externalIds.filter((externalId) => !foundKeys.has(externalKey(externalId)));
  for (const externalId of missing) {
    if (heldSystems.has(externalId.system)) {
      throw conflict(index, `the person found already has a different ${externalId.system} id`);
    }
  }
  if (missing.length > 0 && !(await insertExternalIds(tx, id, missing, now))) return undefined;
  return { id, created: false, changed: missing.length > 0 };
}

async function create(
  tx: EntityManager,
  person: PersonToResolve,
  area: string,
  now: Date,
): Promise<ResolvedPerson | undefined> {
  const id = randomUUID();
  await insertPerson(tx, id, person, area, now);
  if (person.externalIds.length > 0 && !(await insertExternalIds(tx, id, person.externalIds, now))) {
    await tx.query(`DELETE FROM person WHERE id = $1`, [id]);
    return undefined;
  }
  return { id, created: true, changed: true };
}

/** False when another person took one of the values meanwhile (nothing of this call is then kept). */
async function insertExternalIds(tx: EntityManager, personId: string, ids: ExternalId[], now: Date): Promise<boolean> {
  const inserted: { system: string; value: string }[] = await tx.query(
    `INSERT INTO person_external_id (person_id, system, value, created_at)
     SELECT $1, system, value, $4 FROM unnest($2::text[], $3::text[]) AS given (system, value)
     ON CONFLICT DO NOTHING
     RETURNING system, value`,
    [personId, ids.map((id) => id.system), ids.map((id) => id.value), now],
  );
  if (inserted.length === ids.length) return true;
  const kept = inserted.map((row) => row.system);
  if (kept.length > 0) {
    await tx.query(`DELETE FROM person_external_id WHERE person_id = $1 AND system = ANY($2::text[])`, [personId, kept]);
  }
  return false;
}
