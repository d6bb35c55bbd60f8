import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  canonicalJson,
  CLOCK,
  type Clock,
  dateInLondon,
  DomainError,
  DomainErrorCode,
  type PersonDetails,
  personRecordProblems,
} from '@app/workflows';
import type {
  AuthorizePerson,
  CorrectionResult,
  PeopleActor,
  PeopleWriteHooks,
  PersonCorrection,
  PersonRecord,
  PersonReferrer,
  ResolveAnswer,
  ResolvedPerson,
  ResolveRequest,
} from './people.types';
import { resolvePeople } from './person-resolver';
import { readPerson, replaceContactPoints, updatePerson } from './person-rows';
import { guardingPersonalData, PG, pgCode, pgConstraint, withoutPersonalData } from './safe-database-error';

const notFound = () => new DomainError(DomainErrorCode.NotFound, 'Person not found');
const REQUEST_KEY_TAKEN = 'person_request_pkey';
const EXTERNAL_ID_TAKEN = 'person_external_id_once';

/** The details of a record, without what the store keeps about it (id, area, timestamps). */
const detailsOf = (person: PersonRecord): PersonDetails => ({
  kind: person.kind,
  givenName: person.givenName,
  familyName: person.familyName,
  dateOfBirth: person.dateOfBirth,
  expectedDeliveryDate: person.expectedDeliveryDate,
  gender: person.gender,
  language: person.language,
  interpreterLanguage: person.interpreterLanguage,
  accessNeeds: person.accessNeeds,
  confidentialAddress: person.confidentialAddress,
  address: person.address,
  contactPoints: person.contactPoints,
  externalIds: person.externalIds,
});

/**
 * The people store: the only code that reads or writes names, dates of birth, NHS numbers and
 * contact details. Every query runs through guardingPersonalData, so no error leaving it carries a
 * value; nothing here logs.
 */
@Injectable()
export class PeopleStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Finds or creates the people named, in the caller's transaction (a conference request resolves
   * its household in the transaction that starts the conference), answering their ids in order.
   */
  resolve(tx: EntityManager, people: ResolveRequest['people'], area: string): Promise<ResolvedPerson[]> {
    return guardingPersonalData(() => resolvePeople(tx, people, area, this.clock.now()));
  }

  /**
   * POST /people: resolve in a transaction of its own, answered once per caller and
   * Idempotency-Key (a retry gets the first answer; the same key with another request is refused).
   */
  async resolveRequest(
    request: ResolveRequest,
    actor: PeopleActor,
    key: string | undefined,
    hooks: { alsoInTransaction?: (tx: EntityManager, resolved: ResolvedPerson[]) => Promise<void> } = {},
  ): Promise<ResolveAnswer> {
    const hash = createHash('sha256').update(canonicalJson(request)).digest('hex');
    if (key) {
      const earlier = await this.earlierAnswer(actor.sub, key, hash);
      if (earlier) return earlier;
    }
    try {
      return await guardingPersonalData(() =>
        this.dataSource.transaction(async (tx) => {
          const resolved = await resolvePeople(tx, request.people, request.area, this.clock.now());
          const answer: ResolveAnswer = { people: resolved.map(({ id, created }) => ({ id, created })) };
          if (key) {
            await tx.query(
              `INSERT INTO person_request (subject, idempotency_key, request_hash, person_ids, result, created_at)
               VALUES ($1, $2, $3, $4, $5, $6)`,
              [actor.sub, key, hash, resolved.map((person) => person.id), answer, this.clock.now()],
            );
          }
          await hooks.alsoInTransaction?.(tx, resolved);
          return answer;
        }),
      );
    } catch (error) {
      // The same key raced us: answer with what the winner recorded.
      if (key && pgCode(error) === PG.uniqueViolation && pgConstraint(error) === REQUEST_KEY_TAKEN) {
        const earlier = await this.earlierAnswer(actor.sub, key, hash);
        if (earlier) return earlier;
      }
      throw error;
    }
  }

  /**
   * Records that a record the database cannot see into (a workflow, by id) names these people and
   * must be kept while it is: erasure is refused until the reference is gone. In the caller's
   * transaction; a person erased meanwhile is a conflict.
   */
  async reference(tx: EntityManager, personIds: readonly string[], referrer: PersonReferrer): Promise<void> {
    if (personIds.length === 0) return;
    try {
      await tx.query(
        `INSERT INTO person_reference (person_id, referrer_type, referrer_id, area, created_at)
         SELECT DISTINCT unnest($1::uuid[]), $2::text, $3::text, $4::text, $5::timestamptz
         ON CONFLICT DO NOTHING`,
        [personIds, referrer.type, referrer.id, referrer.area, this.clock.now()],
      );
    } catch (error) {
      if (pgCode(error) === PG.foreignKeyViolation) {
        throw new DomainError(DomainErrorCode.Conflict, 'A person named is no longer on record.');
      }
      throw withoutPersonalData(error);
    }
  }

  /** The person, if `authorize` lets the caller see them; 404 otherwise, as for a missing one. */
  async get(id: string, authorize: AuthorizePerson): Promise<PersonRecord> {
    const person = await guardingPersonalData(() => readPerson(this.dataSource.manager, id));
    if (!person) throw notFound();
    authorize(person);
    return person;
  }

  /**
   * Corrects a record: the fields given replace the stored ones, the whole record is checked again,
   * and which fields changed, why and by whom is recorded (not their old values). A correction that
   * changes nothing writes nothing, so repeating one is harmless.
   */
  async correct(
    id: string,
    correction: PersonCorrection,
    actor: PeopleActor,
    hooks: PeopleWriteHooks = {},
  ): Promise<CorrectionResult> {
    return guardingPersonalData(() =>
      this.dataSource.transaction(async (tx) => {
        const current = await readPerson(tx, id, 'update');
        if (!current) throw notFound();
        hooks.authorize?.(current);
        const before = detailsOf(current);
        const after = corrected(before, correction.changes);
        const problems = personRecordProblems(after, dateInLondon(this.clock.now()));
        if (problems.length > 0) {
          throw new DomainError(DomainErrorCode.InvalidInput, 'The corrected record is not valid.', { errors: problems });
        }
        const changedFields = (Object.keys(after) as (keyof PersonDetails)[]).filter(
          (field) => canonicalJson(before[field]) !== canonicalJson(after[field]),
        );
        if (changedFields.length === 0) return { person: current, changedFields };
        const now = this.clock.now();
        await updatePerson(tx, id, after, now);
        if (changedFields.includes('contactPoints')) await replaceContactPoints(tx, id, after.contactPoints);
        if (changedFields.includes('externalIds')) await this.setExternalIds(tx, id, before, after, now);
        await tx.query(
          `INSERT INTO person_correction (person_id, at, subject, role, reason, fields) VALUES ($1, $2, $3, $4, $5, $6)`,
          [id, now, actor.sub, actor.role, correction.reason, changedFields],
        );
        await hooks.alsoInTransaction?.(tx, [id]);
        return { person: (await readPerson(tx, id))!, changedFields };
      }),
    );
  }

  /**
   * Erases the person: the record, its external ids, contact points and corrections, and the
   * idempotency answers that named it; what remains is a person_erasure row (id, when, who, why).
   * Refused (409, naming the referrers) while a record that must be retained refers to them. The
   * row lock taken first makes a reference being added at the same moment wait, then fail.
   */
  async erase(
    id: string,
    reason: string,
    actor: PeopleActor,
    hooks: PeopleWriteHooks = {},
  ): Promise<{ id: string; erasedAt: string }> {
    try {
      return await guardingPersonalData(() =>
        this.dataSource.transaction(async (tx) => {
          const current = await readPerson(tx, id, 'update');
          if (!current) throw notFound();
          hooks.authorize?.(current);
          const referrers: { referrer: string }[] = await tx.query(
            `SELECT person_retained_references AS referrer FROM person_retained_references($1)`,
            [id],
          );
          if (referrers.length > 0) throw stillReferenced(referrers.map((row) => row.referrer));
          const now = this.clock.now();
          await tx.query(`DELETE FROM person_request WHERE person_ids @> ARRAY[$1::uuid]`, [id]);
          await tx.query(`DELETE FROM person WHERE id = $1`, [id]);
          await tx.query(
            `INSERT INTO person_erasure (person_id, at, subject, role, reason) VALUES ($1, $2, $3, $4, $5)`,
            [id, now, actor.sub, actor.role, reason],
          );
          await hooks.alsoInTransaction?.(tx, [id]);
          return { id, erasedAt: now.toISOString() };
        }),
      );
    } catch (error) {
      // A referrer with a foreign key to person (workflow_subject, say) that the registry missed.
      if (pgCode(error) === PG.foreignKeyViolation) throw stillReferenced([pgConstraint(error) ?? 'foreign key']);
      throw error;
    }
  }

  // ---------------------------------------------------------------------------------------

  private async earlierAnswer(subject: string, key: string, hash: string): Promise<ResolveAnswer | undefined> {
    const rows: { request_hash: string; result: ResolveAnswer }[] = await this.dataSource.query(
      `SELECT request_hash, result FROM person_request WHERE subject = $1 AND idempotency_key = $2`,
      [subject, key],
    );
    if (rows.length === 0) return undefined;
    if (rows[0].request_hash !== hash) {
      throw new DomainError(DomainErrorCode.IdempotencyKeyReused, 'This Idempotency-Key was used for a different request.');
    }
    return { ...rows[0].result, replayed: true };
  }

  private async setExternalIds(
    tx: EntityManager,
    id: string,
    before: PersonDetails,
    after: PersonDetails,
    now: Date,
  ): Promise<void> {
    const kept = new Set(after.externalIds.map((externalId) => externalId.system));
    const removed = before.externalIds.filter((externalId) => !kept.has(externalId.system)).map((e) => e.system);
    if (removed.length > 0) {
      await tx.query(`DELETE FROM person_external_id WHERE person_id = $1 AND system = ANY($2::text[])`, [id, removed]);
    }
    const previous = new Map(before.externalIds.map((externalId) => [externalId.system, externalId.value]));
    for (const externalId of after.externalIds.filter((e) => previous.get(e.system) !== e.value)) {
      try {
        await tx.query(
          `INSERT INTO person_external_id (person_id, system, value, created_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (person_id, system) DO UPDATE SET value = EXCLUDED.value, created_at = EXCLUDED.created_at`,
          [id, externalId.system, externalId.value, now],
        );
      } catch (error) {
        if (pgCode(error) === PG.uniqueViolation && pgConstraint(error) === EXTERNAL_ID_TAKEN) {
          throw new DomainError(DomainErrorCode.Conflict, `Another person holds that ${externalId.system} id.`, {
            errors: [{ field: 'externalIds', messages: [`another person holds that ${externalId.system} id`] }],
          });
        }
        throw error;
      }
    }
  }
}

/** The record with a correction applied: fields given replace, null clears; external ids per system. */
function corrected(before: PersonDetails, changes: PersonCorrection['changes']): PersonDetails {
  const { externalIds, ...fields } = changes;
  const after: PersonDetails = { ...before };
  for (const [field, value] of Object.entries(fields) as [keyof PersonDetails, unknown][]) {
    if (value !== undefined) (after as unknown as Record<string, unknown>)[field] = value;
  }
  if (externalIds) {
    const bySystem = new Map(before.externalIds.map((externalId) => [externalId.system, externalId.value]));
    for (const { system, value } of externalIds) {
      if (value === null) bySystem.delete(system);
      else bySystem.set(system, value);
    }
    after.externalIds = [...bySystem.entries()]
      .map(([system, value]) => ({ system, value }))
      .sort((a, b) => (a.system < b.system ? -1 : 1));
  }
  return after;
}

function stillReferenced(referrers: string[]): DomainError {
  return new DomainError(
    DomainErrorCode.Conflict,
    'The person is referred to by records that must be retained; erase them, or let their retention end, first.',
    { referrers },
  );
}
