import { Inject, Injectable } from '@nestjs/common';
import {
  AccessLogService,
  type AuthorizePerson,
  PeopleStore,
  type PersonCorrection,
  type PersonToResolve,
  type ResolveAnswer,
} from '@app/persistence';
import { CLOCK, type Clock, dateInLondon, DomainError, DomainErrorCode, personRecordProblems } from '@app/workflows';
import { accessContextOf } from '../audit/access-context';
import { type AuthenticatedRequest, isInScope, throwIfOutOfScope } from '../auth';
import type { CorrectPersonDto, ErasePersonDto, PersonToResolveDto, ResolvePeopleDto } from './people.dto';
import { personView, type PersonView } from './person.view';

/** The access log's name for these records. */
export const PERSON_RECORD_TYPE = 'person';

const notFound = () => new DomainError(DomainErrorCode.NotFound, 'Person not found');

/**
 * People in the service's terms: resolve (find or create by external ids), read, correct, erase.
 * Every read and write of a record is access-logged, a write in its own transaction. A record is
 * seen from the area it was recorded in and from the areas of the workflows that name the person;
 * outside them it answers 404, as a missing one.
 */
@Injectable()
export class PeopleService {
  constructor(
    private readonly people: PeopleStore,
    private readonly accessLog: AccessLogService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  resolve(req: AuthenticatedRequest, dto: ResolvePeopleDto, key: string | undefined): Promise<ResolveAnswer> {
    throwIfOutOfScope(req.principal, dto.area, 'Area');
    const today = dateInLondon(this.clock.now());
    const people = dto.people.map(toResolve);
    const problems = people.flatMap((person, i) =>
      personRecordProblems(person, today).map((problem) => ({ ...problem, field: `people.${i}.${problem.field}` })),
    );
    if (problems.length > 0) {
      throw new DomainError(DomainErrorCode.InvalidInput, 'One or more people are not valid.', { errors: problems });
    }
    return this.people.resolveRequest({ area: dto.area, people }, this.actor(req), key, {
      // A person found unchanged was looked up (a read); one created or given new ids was written.
      alsoInTransaction: async (tx, resolved) => {
        for (const person of resolved) {
          await this.accessLog.record(this.logEntry(req, person.changed ? 'write' : 'read', person.id), tx);
        }
      },
    });
  }

  async get(req: AuthenticatedRequest, id: string): Promise<PersonView> {
    const person = await this.people.get(id, this.authorize(req));
    await this.accessLog.record(this.logEntry(req, 'read', id));
    return personView(person);
  }

  async correct(req: AuthenticatedRequest, id: string, dto: CorrectPersonDto): Promise<PersonView & { changedFields: string[] }> {
    const { reason, externalIds, address, contactPoints, ...fields } = dto;
    const correction: PersonCorrection = {
      reason,
      changes: {
        ...fields,
        ...(address !== undefined ? { address: address && { lines: address.lines, postcode: address.postcode ?? null } } : {}),
        ...(contactPoints !== undefined
          ? { contactPoints: contactPoints.map((p) => ({ system: p.system, value: p.value, use: p.use ?? null })) }
          : {}),
        ...(externalIds !== undefined ? { externalIds: externalIds.map(({ system, value }) => ({ system, value })) } : {}),
      },
    };
    let logged = false;
    const result = await this.people.correct(id, correction, this.actor(req), {
      authorize: this.authorize(req),
      alsoInTransaction: async (tx) => {
        logged = true;
        await this.accessLog.record(this.logEntry(req, 'write', id), tx);
      },
    });
    // A correction that changed nothing wrote nothing, but the answer shows the record: a read.
    if (!logged) await this.accessLog.record(this.logEntry(req, 'read', id));
    return { ...personView(result.person), changedFields: result.changedFields };
  }

  erase(req: AuthenticatedRequest, id: string, dto: ErasePersonDto): Promise<{ id: string; erasedAt: string }> {
    return this.people.erase(id, dto.reason, this.actor(req), {
      authorize: this.authorize(req),
      alsoInTransaction: (tx) => this.accessLog.record(this.logEntry(req, 'write', id), tx),
    });
  }

  // ---------------------------------------------------------------------------------------

  private authorize(req: AuthenticatedRequest): AuthorizePerson {
    return (person) => {
      const areas = [person.area, ...person.referenceAreas];
      if (!areas.some((area) => isInScope(req.principal, area))) throw notFound();
    };
  }

  private actor(req: AuthenticatedRequest) {
    return { sub: req.principal.sub, role: req.actingRole };
  }

  private logEntry(req: AuthenticatedRequest, action: 'read' | 'write', recordId: string) {
    return { ...accessContextOf(req), action, recordType: PERSON_RECORD_TYPE, recordId };
  }
}

/** A person as the people store resolves them, from the request's fields (the conference request names its family the same way). */
export function toResolve(dto: PersonToResolveDto): PersonToResolve {
  return {
    kind: dto.kind,
    givenName: dto.givenName ?? null,
    familyName: dto.familyName ?? null,
    dateOfBirth: dto.dateOfBirth ?? null,
    expectedDeliveryDate: dto.expectedDeliveryDate ?? null,
    gender: dto.gender ?? null,
    language: dto.language ?? null,
    interpreterLanguage: dto.interpreterLanguage ?? null,
    accessNeeds: dto.accessNeeds ?? null,
    confidentialAddress: dto.confidentialAddress ?? false,
    address: dto.address ? { lines: dto.address.lines, postcode: dto.address.postcode ?? null } : null,
    contactPoints: (dto.contactPoints ?? []).map((p) => ({ system: p.system, value: p.value, use: p.use ?? null })),
    externalIds: (dto.externalIds ?? []).map(({ system, value }) => ({ system, value })),
  };
}
