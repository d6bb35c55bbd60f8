import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, ChairsStore, type Page, PeopleStore, type PersonRecord } from '@app/persistence';
import {
  ageBandOn,
  assignChair,
  CLOCK,
  type Clock,
  CONFERENCE_EVENTS as E,
  type ConferenceContext,
  ConferenceRequestInput,
  conferenceFigures,
  type ContactBy,
  dateInLondon,
  DomainError,
  DomainErrorCode,
  type FamilyNeeds,
  type InterpreterNeed,
  preBirthIdealDate,
  preBirthLatestDate,
  requestClock,
  freeSlots,
  slotQueryProblems,
  throwIfInvalidPayload,
  WorkingDayCalendar,
} from '@app/workflows';
import { type AuthenticatedRequest, POLICY, type Role } from '../auth';
import { type DomainWorkflow, DomainWorkflows } from '../workflows/domain-workflow.service';
import { CONFERENCE_WORKFLOW } from './conference.workflow';
import { ConferenceStore, type ConferenceSummary } from './conference.store';
import { conferenceView, type ConferenceView, transitionView } from './conference.view';
import type {
  AddInviteeDto,
  ConferenceSlotsDto,
  InvitationResponseDto,
  RemoveInviteeDto,
  ReportDto,
  ReportShareDto,
  ReportSharingDto,
  SlotsForConferenceQuery,
  AssignChairDto,
  CancelDto,
  ListConferencesQuery,
  RequestConferenceDto,
  RescheduleDto,
  ScheduleDto,
  WithdrawDto,
} from './conferences.dto';
import { toResolve } from '../people/people.service';
import { ConferenceReportsService } from './conference-reports.service';

const invalid = (field: string, message: string) =>
  new DomainError(DomainErrorCode.InvalidInput, message, { errors: [{ field, messages: [message] }] });

/** What the request needs of a person's record (or, before they are resolved, of the request's details). */
type PersonFacts = Pick<
  PersonRecord,
  | 'kind'
  | 'dateOfBirth'
  | 'expectedDeliveryDate'
  | 'interpreterLanguage'
  | 'accessNeeds'
  | 'confidentialAddress'
  | 'contactPoints'
>;

/** The service's interpreter flag from the person store's interpreter language ('bfi' is British Sign Language). */
const interpreterOf = (person: PersonFacts): InterpreterNeed =>
  person.interpreterLanguage === null
    ? 'none'
    : person.interpreterLanguage === 'bfi'
      ? 'bsl'
      : 'spoken-language';
const contactByOf = (person: PersonFacts): ContactBy =>
  person.contactPoints.some((point) => point.system === 'email') ? 'email' : 'letter';
const needsOf = (
  person: PersonFacts,
  ids: { supporterPersonId?: string; advocatePersonId?: string },
): FamilyNeeds => ({
  interpreter: interpreterOf(person),
  accessNeeds: person.accessNeeds !== null,
  supporterPersonId: ids.supporterPersonId ?? null,
  advocatePersonId: ids.advocatePersonId ?? null,
});

/**
 * Child protection conferences in the domain's terms. Each write is one event on the
 * conference's workflow through the domain-workflow layer (type and area checks, the actor, the
 * access log, idempotency); what is the conference's own is here: the reference, the figures from
 * the settings, the family resolved through the person store (dates of birth and expected dates
 * stay there: only an age band and a pre-birth clock reach the workflow), the chair by the rule,
 * and the chair's and minute taker's diaries kept in step with the booking.
 */
@Injectable()
export class ConferencesService {
  private readonly workflow: DomainWorkflow;

  constructor(
    domainWorkflows: DomainWorkflows,
    private readonly store: ConferenceStore,
    private readonly people: PeopleStore,
    private readonly chairs: ChairsStore,
    private readonly config: AppConfig,
    private readonly calendar: WorkingDayCalendar,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly reportDocuments: ConferenceReportsService,
  ) {
    this.workflow = domainWorkflows.for(CONFERENCE_WORKFLOW);
  }

  async request(req: AuthenticatedRequest, dto: RequestConferenceDto, key: string | undefined) {
    this.workflow.throwIfAreaOutside(req, dto.area);
    const now = this.clock.now();
    const today = dateInLondon(now);
    this.throwIfBadRequest(dto, today);
    const record = (id: string, field: string) =>
      this.people
        .get(id, () => undefined)
        .catch(() => {
          throw invalid(field, `${field} names no person on record`);
        });
    const professionals = await Promise.all(
      dto.professionals.map((p, i) => record(p.personId, `professionals.${i}.personId`)),
    );
    await record(dto.socialWorker.personId, 'socialWorker.personId');
    await record(dto.socialWorker.teamManagerPersonId, 'socialWorker.teamManagerPersonId');

    // The whole request checked as the machine will check it, before anyone is found or created:
    // refused input writes nothing. The family's details from the request stand in for their records.
    const family = [...dto.children.map((c) => c.person), ...dto.parentsAndCarers.map((p) => p.person)].map(
      toResolve,
    );
    const checked = this.inputFor(
      dto,
      family.map((_, i) => `person-${i}`),
      family,
      professionals,
      today,
    );
    throwIfInvalidPayload(
      ConferenceRequestInput,
      { ...checked, reference: 'CPC-0000-000000' },
      'The conference request',
    );

    // Found by their external ids or created, in one transaction: a retry finds the same people.
    const resolved = await this.dataSource.transaction((tx) => this.people.resolve(tx, family, dto.area));
    const ids = resolved.map((person) => person.id);
    const records = await Promise.all(
      ids.map((id, i) => record(id, i < dto.children.length ? `children.${i}` : 'parentsAndCarers')),
    );
    const input = this.inputFor(dto, ids, records, professionals, today);
    const everyone = [
      ...ids,
      ...dto.professionals.map((p) => p.personId),
      dto.socialWorker.personId,
      dto.socialWorker.teamManagerPersonId,
    ];

    let reference =
      (key && (await this.store.referenceStartedWith(key))) || (await this.store.newReference(now));
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.workflow.start(req, { ...input, reference }, key, {
          // The person records are kept while the conference names them (erasure is refused).
          alsoInTransaction: (tx, id) =>
            this.people.reference(tx, everyone, { type: 'conference', id, area: dto.area }),
        });
        return { ...transitionView(result), reference };
      } catch (error) {
        // A request with the same key won the race: its reference is now found by the key.
        const retryWith = key && attempt < 3 ? await this.store.referenceStartedWith(key) : undefined;
        if (!retryWith || retryWith === reference) throw error;
        reference = retryWith;
      }
    }
  }

  /**
   * The machine's input (reference aside) from the request, the family's person ids and their
   * records: the age band on the due date, a pre-birth conference's dates from the expected date of
   * delivery, each person's way of being invited (letter without an email), needs as flags.
   */
  private inputFor(
    dto: RequestConferenceDto,
    ids: string[],
    records: PersonFacts[],
    professionals: PersonFacts[],
    today: string,
  ): Omit<ConferenceRequestInput, 'reference'> {
    const settings = this.config.statutory;
    const figures = conferenceFigures(settings, this.config.localClosureDays);
    const childIds = ids.slice(0, dto.children.length);
    const parentIds = ids.slice(dto.children.length);
    const children = records.slice(0, dto.children.length);
    const parents = records.slice(dto.children.length);
    const unborn = children.find((child) => child.kind === 'unborn-child');
    const preBirthClock =
      dto.kind === 'pre-birth' && unborn?.expectedDeliveryDate
        ? {
            latestDate: preBirthLatestDate(unborn.expectedDeliveryDate, settings, this.calendar),
            idealDate: preBirthIdealDate(unborn.expectedDeliveryDate, settings, this.calendar),
          }
        : undefined;
    if (dto.kind === 'pre-birth' && !preBirthClock) {
      throw invalid(
        'children',
        'a pre-birth conference names an unborn child with an expected date of delivery',
      );
    }
    const started = dto.strategyDiscussions.find((d) => d.startedSection47);
    const { dueDate } = requestClock(
      {
        kind: dto.kind,
        requestDate: today,
        strategyDiscussionDate: started?.heldOn ?? null,
        notifiedOn: dto.transfer?.notifiedOn ?? null,
        preBirthClock: preBirthClock ?? null,
        reviewDueDate: null,
      },
      figures,
    );
    return {
      kind: dto.kind,
      area: dto.area,
      householdId: dto.householdId,
      children: dto.children.map((child, i) => {
        const person = children[i]!;
        const ageBand = ageBandOn(
          person.kind === 'unborn-child' ? null : (person.dateOfBirth ?? today),
          dueDate,
          settings.childInvitationAge,
        );
        const invited = ageBand === 'invitation-age';
        return {
          personId: childIds[i]!,
          ageBand,
          ...(child.motherIndex !== undefined ? { motherPersonId: parentIds[child.motherIndex] } : {}),
          ...(invited
            ? {
                contactBy: contactByOf(person),
                needs: needsOf(person, { advocatePersonId: child.advocatePersonId }),
              }
            : {}),
        };
      }),
      parentsAndCarers: dto.parentsAndCarers.map((parent, i) => ({
        personId: parentIds[i]!,
        relationship: parent.relationship,
        parentalResponsibility: parent.parentalResponsibility,
        confidentialAddress: parents[i]!.confidentialAddress,
        childIds: parent.children.map((index) => childIds[index]!),
        contactBy: contactByOf(parents[i]!),
        needs: needsOf(parents[i]!, parent),
      })),
      strategyDiscussions: dto.strategyDiscussions.map(({ id, heldOn, startedSection47 }) => ({
        id,
        heldOn,
        startedSection47,
      })),
      ...(dto.section47StartDate !== undefined ? { section47StartDate: dto.section47StartDate } : {}),
      socialWorker: {
        personId: dto.socialWorker.personId,
        teamId: dto.socialWorker.teamId,
        teamManagerPersonId: dto.socialWorker.teamManagerPersonId,
        agencyId: dto.socialWorker.agencyId,
      },
      professionals: dto.professionals.map((p, i) => ({
        personId: p.personId,
        agencyId: p.agencyId,
        professionalGroup: p.professionalGroup,
        directContactWith: p.directContactWith.map((index) => childIds[index]!),
        contactBy: contactByOf(professionals[i]!),
      })),
      ...(dto.transfer
        ? {
            transfer: {
              transferringAuthorityId: dto.transfer.transferringAuthorityId,
              notifiedOn: dto.transfer.notifiedOn,
            },
          }
        : {}),
      ...(preBirthClock ? { preBirthClock } : {}),
      figures,
    } as Omit<ConferenceRequestInput, 'reference'>;
  }

  async get(req: AuthenticatedRequest, id: string): Promise<ConferenceView> {
    const details = await this.workflow.read(req, id);
    // The distribution's id for those who may read it (its area is the conference's, checked above).
    const mayReadDistributions = req.principal.roles.some((role) => (POLICY.readDistributions as readonly Role[]).includes(role));
    const distributionId = mayReadDistributions ? ((await this.store.distributionOf(id)) ?? null) : null;
    const view = conferenceView(details, distributionId);
    // Each report received as an upload shows its document's size, SHA-256, and when and by whom.
    const documents = await this.reportDocuments.documentsOf(view.conference as ConferenceContext, id);
    view.conference.reports = view.conference.reports.map((report) => ({
      ...report,
      document: documents.get(report.key) ?? null,
    }));
    return view;
  }

  list(req: AuthenticatedRequest, query: ListConferencesQuery): Promise<Page<ConferenceSummary>> {
    return this.workflow.list(req, (areas) => this.store.list({ ...query, areas }));
  }

  withdraw(req: AuthenticatedRequest, id: string, dto: WithdrawDto, key: string | undefined) {
    return this.send(req, id, E.withdrawn, { reason: dto.reason, note: dto.note }, key);
  }

  /**
   * The chair: the one a co-ordinator chose (with a reason), else the area's chair on the due
   * date, or the chair covering the area that day when the area's chair is away.
   */
  async assignChair(req: AuthenticatedRequest, id: string, dto: AssignChairDto, key: string | undefined) {
    const context = await this.contextOf(req, id);
    if (dto.chairSub !== undefined) {
      if (dto.reason === undefined) throw invalid('reason', 'reason is given when choosing another chair');
      await this.chairs.get(dto.chairSub).catch(() => {
        throw invalid('chairSub', 'chairSub names no chair');
      });
      return this.send(
        req,
        id,
        E.chairAssigned,
        { chairSub: dto.chairSub, selection: 'chosen-by-coordinator', reason: dto.reason },
        key,
      );
    }
    if (dto.reason !== undefined)
      throw invalid('reason', 'reason is given only with a chair chosen by the co-ordinator');
    const on = context.booking?.date ?? context.clocks.dueDate;
    const assignment = assignChair(await this.chairs.assignmentFacts(context.area, on));
    if (assignment.outcome === 'none') {
      throw new DomainError(
        DomainErrorCode.GuardRejected,
        `No chair for the area on ${on}: choose one with a reason.`,
        {
          rules: [assignment.reason],
        },
      );
    }
    const selection = assignment.outcome === 'home' ? 'area-chair' : 'cover';
    return this.send(req, id, E.chairAssigned, { chairSub: assignment.chairSub, selection }, key);
  }

  schedule(req: AuthenticatedRequest, id: string, dto: ScheduleDto, key: string | undefined) {
    return this.sendBooking(req, id, E.scheduled, { ...dto }, key);
  }

  reschedule(req: AuthenticatedRequest, id: string, dto: RescheduleDto, key: string | undefined) {
    return this.sendBooking(req, id, E.rescheduled, { ...dto }, key);
  }

  /** The team manager's or the chair's agreement to a late date (the acting role decides which). */
  agreeLateDate(req: AuthenticatedRequest, id: string, key: string | undefined) {
    return this.sendBooking(req, id, E.lateReasonAgreed, {}, key);
  }

  cancel(req: AuthenticatedRequest, id: string, dto: CancelDto, key: string | undefined) {
    return this.sendBooking(req, id, E.cancelled, { reason: dto.reason }, key);
  }

  /** The assigned chair's free slots on working days in office hours, from today to the due date. */
  async slots(req: AuthenticatedRequest, query: SlotsForConferenceQuery): Promise<ConferenceSlotsDto> {
    const found = (await this.workflow.recordFor(req, query.conference))
      .context as unknown as ConferenceContext;
    if (!found.chair)
      throw new DomainError(DomainErrorCode.Conflict, 'The conference has no chair yet: assign one first.');
    // Read again, and logged as a read of the conference: the chair may have changed meanwhile.
    const context = (await this.workflow.read(req, query.conference)).context as unknown as ConferenceContext;
    if (!context.chair)
      throw new DomainError(DomainErrorCode.Conflict, 'The conference has no chair yet: assign one first.');
    const now = this.clock.now();
    const until = context.clocks.dueDate;
    const minutes = query.minutes ?? this.config.slotMinutes;
    const settings = {
      officeHoursStart: this.config.officeHoursStart,
      officeHoursEnd: this.config.officeHoursEnd,
      slotMinutes: this.config.slotMinutes,
      dailyLimit: this.config.chairDailyConferenceLimit,
    };
    const problem = slotQueryProblems(settings, minutes)[0];
    if (problem) throw invalid(problem.field, problem.message);
    const today = dateInLondon(now);
    const diary =
      until < today
        ? { absences: [], bookings: [] }
        : await this.chairs.diary(context.chair.sub, today, until);
    const slots =
      until < today
        ? []
        : freeSlots({
            now,
            until,
            minutes,
            settings,
            calendar: this.calendar,
            absences: diary.absences,
            bookings: diary.bookings.map((booking) => ({
              start: new Date(booking.start),
              end: new Date(booking.end),
            })),
          });
    return {
      chair: context.chair.sub,
      until,
      minutes,
      slots: slots.map((slot) => ({ start: slot.start.toISOString(), end: slot.end.toISOString() })),
    };
  }

  addInvitee(req: AuthenticatedRequest, id: string, dto: AddInviteeDto, key: string | undefined) {
    return this.send(req, id, E.inviteeAdded, { ...dto }, key);
  }

  removeInvitee(
    req: AuthenticatedRequest,
    id: string,
    personId: string,
    dto: RemoveInviteeDto,
    key: string | undefined,
  ) {
    return this.send(req, id, E.inviteeRemoved, { personId, reason: dto.reason }, key);
  }

  /** The chair agrees the list: the invitations go out (the machine declares them). */
  agreeInvitees(req: AuthenticatedRequest, id: string, key: string | undefined) {
    return this.send(req, id, E.inviteesAgreed, {}, key);
  }

  answerInvitation(
    req: AuthenticatedRequest,
    id: string,
    personId: string,
    dto: InvitationResponseDto,
    key: string | undefined,
  ) {
    return this.send(
      req,
      id,
      E.invitationAnswered,
      { personId, answer: dto.answer, withReport: dto.withReport },
      key,
    );
  }

  /** A report received as a reference to the case-management system's document. */
  receiveReport(req: AuthenticatedRequest, id: string, dto: ReportDto, key: string | undefined) {
    const { author, agencyId, caseManagementReference } = dto;
    return this.send(req, id, E.reportReceived, { author, agencyId, caseManagementReference }, key);
  }

  /** An agency's request that its report not go to the parents, or the chair's decision on it. */
  reportSharing(
    req: AuthenticatedRequest,
    id: string,
    agencyId: string,
    dto: ReportSharingDto,
    key: string | undefined,
  ) {
    return dto.withhold === undefined
      ? this.send(req, id, E.reportWithholdingRequested, { agencyId, reason: dto.reason }, key)
      : this.send(
          req,
          id,
          E.reportWithholdingDecided,
          { agencyId, withhold: dto.withhold, reason: dto.reason },
          key,
        );
  }

  socialWorkerReportShared(
    req: AuthenticatedRequest,
    id: string,
    dto: ReportShareDto,
    key: string | undefined,
  ) {
    return this.send(req, id, E.socialWorkerReportShared, { sharedOn: dto.sharedOn }, key);
  }

  // ---------------------------------------------------------------------------------------

  private async send(
    req: AuthenticatedRequest,
    id: string,
    type: string,
    payload: object,
    key: string | undefined,
  ) {
    return transitionView(await this.workflow.send(req, id, type, payload, key));
  }

  /** An event that may change the booking: the diaries follow it in the same transaction. */
  private async sendBooking(
    req: AuthenticatedRequest,
    id: string,
    type: string,
    payload: object,
    key: string | undefined,
  ) {
    const result = await this.workflow.send(req, id, type, payload, key, {
      alsoInTransaction: (tx) => this.store.syncBookings(tx, id, req.principal.sub),
    });
    return transitionView(result);
  }

  private async contextOf(req: AuthenticatedRequest, id: string): Promise<ConferenceContext> {
    return (await this.workflow.recordFor(req, id)).context as unknown as ConferenceContext;
  }

  /** What the machine cannot refuse once started: a clock counted from a date after the request. */
  private throwIfBadRequest(dto: RequestConferenceDto, today: string): void {
    dto.strategyDiscussions.forEach((discussion, i) => {
      if (discussion.heldOn > today) {
        throw invalid(`strategyDiscussions.${i}.heldOn`, 'a strategy discussion is held before the request');
      }
    });
    if (dto.transfer && dto.transfer.notifiedOn > today) {
      throw invalid('transfer.notifiedOn', 'the notification comes before the request');
    }
    const family = [
      ...dto.children.map((c, i) => [c.person, `children.${i}.person`] as const),
      ...dto.parentsAndCarers.map((p, i) => [p.person, `parentsAndCarers.${i}.person`] as const),
    ];
    for (const [person, field] of family) {
      if (!person.externalIds?.length) {
        throw invalid(
          `${field}.externalIds`,
          'a family member is named by at least one external id, so a retry finds them',
        );
      }
    }
    dto.children.forEach((child, i) => {
      if (!['child', 'unborn-child'].includes(child.person.kind))
        throw invalid(`children.${i}.person.kind`, 'a child is a child or an unborn child');
      if ((child.person.kind === 'unborn-child') !== (child.motherIndex !== undefined)) {
        throw invalid(
          `children.${i}.motherIndex`,
          'motherIndex is given for an unborn child, and only for one',
        );
      }
      if (child.motherIndex !== undefined && child.motherIndex >= dto.parentsAndCarers.length) {
        throw invalid(`children.${i}.motherIndex`, 'motherIndex names one of parentsAndCarers');
      }
    });
    dto.parentsAndCarers.forEach((parent, i) => {
      if (parent.person.kind !== 'adult')
        throw invalid(`parentsAndCarers.${i}.person.kind`, 'a parent or carer is an adult');
      if (parent.children.some((index) => index >= dto.children.length)) {
        throw invalid(`parentsAndCarers.${i}.children`, 'children names indexes of children');
      }
    });
    dto.professionals.forEach((p, i) => {
      if (p.directContactWith.some((index) => index >= dto.children.length)) {
        throw invalid(`professionals.${i}.directContactWith`, 'directContactWith names indexes of children');
      }
    });
  }
}
