import type { EntityManager } from 'typeorm';
import type { ExternalId, PersonDetails } from '@app/workflows';

/** Who is acting, as the access log and the correction log record them. */
export interface PeopleActor {
  sub: string;
  role: string;
}

/** A person named in a request: found by any of their external ids, or created from these details. */
export interface PersonToResolve extends PersonDetails {
  externalIds: ExternalId[];
}

export interface ResolvedPerson {
  id: string;
  /** True when this request created the record; false when it found one (its details unchanged). */
  created: boolean;
  /** True when the request created the record or added external ids it did not have. */
  changed: boolean;
}

export interface ResolveRequest {
  /** The area the request is made in: a person created here is recorded in it. */
  area: string;
  people: PersonToResolve[];
}

export interface ResolveAnswer {
  people: { id: string; created: boolean }[];
  /** True when this is the recorded answer to an earlier request with the same Idempotency-Key. */
  replayed?: boolean;
}

/** A person as stored, with where the record may be seen from. */
export interface PersonRecord extends PersonDetails {
  id: string;
  /** The area the person was first recorded in. */
  area: string;
  /** The areas of the records that refer to the person (their workflows'), which widen who may see it. */
  referenceAreas: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Who may see a record: throws (404) to refuse. */
export type AuthorizePerson = (person: { area: string; referenceAreas: string[] }) => void;

export interface PeopleWriteHooks {
  authorize?: AuthorizePerson;
  /** Runs in the write's transaction: the access log row. */
  alsoInTransaction?: (tx: EntityManager, personIds: string[]) => Promise<void>;
}

/** A correction: each field given replaces the stored one (null clears it); external ids are set per system (null removes). */
export interface PersonCorrection {
  changes: Partial<Omit<PersonDetails, 'externalIds'>> & {
    externalIds?: { system: string; value: string | null }[];
  };
  reason: string;
}

export interface CorrectionResult {
  person: PersonRecord;
  /** The fields the correction changed (none: nothing was written). */
  changedFields: string[];
}

/** A record outside the database's sight that names people and must be kept while it is (a workflow). */
export interface PersonReferrer {
  type: string;
  id: string;
  area: string | null;
}
