import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, type Page } from '@app/persistence';
import {
  ASV_EVENTS,
  ASV_TRACK_EVENTS,
  type AsvReferralContext,
  type AsvReferralInput,
  type AsvTrack,
  CLOCK,
  type Clock,
  dateInLondon,
  DomainError,
  DomainErrorCode,
  retentionDate,
} from '@app/workflows';
import type { AuthenticatedRequest } from '../auth';
import { type DomainWorkflow, DomainWorkflows } from '../workflows/domain-workflow.service';
import { AsvReferralStore, type AsvReferralSummary } from './asv-referral.store';
import { ASV_REFERRAL_WORKFLOW } from './asv-referral.workflow';
import {
  type AsvReferralView,
  asvReferralView,
  type AsvTransitionView,
  transitionView,
} from './asv-referral.view';
import type {
  CloseDto,
  ContactDto,
  FollowUpDto,
  ListAsvReferralsQuery,
  MeetingDto,
  OpenTrackDto,
  OutcomeDto,
  ReceiveContactDto,
  ReopenDto,
  ScreeningDto,
} from './asv-referrals.dto';

const UNIQUE_VIOLATION = '23505';
const REFERENCE_TAKEN = 'workflow_instance_asv_reference';

const invalid = (field: string, message: string) =>
  new DomainError(DomainErrorCode.InvalidInput, message, { errors: [{ field, messages: [message] }] });

/**
 * Allegations against staff and volunteers in the domain's terms. Each write is one event on the
 * referral's workflow through the domain-workflow layer (type and area checks, the actor, the
 * access log, idempotency); what is ASV's own is here: the reference, the retention date, the
 * screening decision's two events, the view.
 */
@Injectable()
export class AsvReferralsService {
  private readonly workflow: DomainWorkflow;

  constructor(
    domainWorkflows: DomainWorkflows,
    private readonly store: AsvReferralStore,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.workflow = domainWorkflows.for(ASV_REFERRAL_WORKFLOW);
  }

  /**
   * A contact received: the referral starts in screening with its reference (from a sequence) and
   * the retention figures of the day. A retry with the same Idempotency-Key reuses the reference
   * the first attempt got, so it sends the same input and gets the first answer back.
   */
  async receive(
    req: AuthenticatedRequest,
    dto: ReceiveContactDto,
    key: string | undefined,
  ): Promise<AsvTransitionView & { reference: string }> {
    this.workflow.throwIfAreaOutside(req, dto.area);
    if (Date.parse(dto.receivedAt) > this.clock.now().getTime()) {
      throw invalid('receivedAt', 'receivedAt must not be in the future');
    }
    let reference =
      (key && (await this.store.referenceStartedWith(key))) ||
      (await this.store.newReference(dto.receivedAt));
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.workflow.start(req, this.inputFor(dto, reference), key);
        return { ...transitionView(result), reference };
      } catch (error) {
        const retryWith = attempt < 3 ? await this.referenceAfterRace(error, reference, dto, key) : undefined;
        if (!retryWith) throw error;
        reference = retryWith;
      }
    }
  }

  screen(req: AuthenticatedRequest, id: string, dto: ScreeningDto, key: string | undefined) {
    if (dto.decision === 'threshold-met') {
      return this.send(req, id, ASV_EVENTS.thresholdMet, { limbs: dto.limbs }, key);
    }
    return this.send(
      req,
      id,
      ASV_EVENTS.redirected,
      { limbs: dto.limbs, route: dto.route, reason: dto.reason },
      key,
    );
  }

  referToLado(req: AuthenticatedRequest, id: string, key: string | undefined) {
    return this.send(req, id, ASV_EVENTS.referredToLado, {}, key);
  }

  recordMeeting(req: AuthenticatedRequest, id: string, dto: MeetingDto, key: string | undefined) {
    return this.send(req, id, ASV_EVENTS.meetingHeld, { heldOn: dto.heldOn }, key);
  }

  openTrack(
    req: AuthenticatedRequest,
    id: string,
    track: AsvTrack,
    dto: OpenTrackDto,
    key: string | undefined,
  ) {
    return this.send(
      req,
      id,
      ASV_TRACK_EVENTS[track].opened,
      { externalReference: dto.externalReference },
      key,
    );
  }

  concludeTrack(req: AuthenticatedRequest, id: string, track: AsvTrack, key: string | undefined) {
    return this.send(req, id, ASV_TRACK_EVENTS[track].concluded, {}, key);
  }

  recordOutcome(req: AuthenticatedRequest, id: string, dto: OutcomeDto, key: string | undefined) {
    const { outcome, employmentOutcome, subjectIsTeacher } = dto;
    return this.send(
      req,
      id,
      ASV_EVENTS.outcomeRecorded,
      { outcome, employmentOutcome, subjectIsTeacher },
      key,
    );
  }

  recordFollowUp(req: AuthenticatedRequest, id: string, dto: FollowUpDto, key: string | undefined) {
    return this.send(
      req,
      id,
      ASV_EVENTS.followUpRecorded,
      { followUp: dto.followUp, reference: dto.reference },
      key,
    );
  }

  logContact(req: AuthenticatedRequest, id: string, dto: ContactDto, key: string | undefined) {
    const { with: party, channel, employerId, summary } = dto;
    return this.send(req, id, ASV_EVENTS.contactLogged, { with: party, channel, employerId, summary }, key);
  }

  /**
   * Closes with the retention date computed here from the date of birth, which goes no further:
   * the event (kept for ever in the journal) carries only the date and its basis.
   */
  async close(req: AuthenticatedRequest, id: string, dto: CloseDto, key: string | undefined) {
    // receivedAt and the retention figures never change after the start, so reading them before
    // the transition's lock is safe; the machine checks the result again under the lock.
    const { context } = await this.workflow.recordFor(req, id);
    const facts = context as unknown as AsvReferralContext;
    const allegationDate = dateInLondon(new Date(facts.receivedAt));
    if (dto.subjectDateOfBirth !== undefined && dto.subjectDateOfBirth >= allegationDate) {
      throw invalid('subjectDateOfBirth', 'subjectDateOfBirth must be before the allegation was received');
    }
    const { retainUntil, basis } = retentionDate({
      allegationDate,
      subjectDateOfBirth: dto.subjectDateOfBirth,
      // The outcome only sets the employer flag, which the machine derives itself from the outcome
      // it holds; without one the case cannot close, and the machine answers 409.
      outcome: facts.outcome?.outcome ?? 'unsubstantiated',
      settings: facts.retentionSettings,
    });
    return this.send(req, id, ASV_EVENTS.closed, { retention: { retainUntil, basis } }, key);
  }

  reopen(req: AuthenticatedRequest, id: string, dto: ReopenDto, key: string | undefined) {
    return this.send(req, id, ASV_EVENTS.reopened, { reason: dto.reason }, key);
  }

  async get(req: AuthenticatedRequest, id: string): Promise<AsvReferralView> {
    return asvReferralView(await this.workflow.read(req, id), this.config.statutory, this.clock.now());
  }

  list(req: AuthenticatedRequest, query: ListAsvReferralsQuery): Promise<Page<AsvReferralSummary>> {
    if (query.receivedFrom && query.receivedTo && query.receivedFrom > query.receivedTo) {
      throw invalid('receivedTo', 'receivedTo must not be before receivedFrom');
    }
    return this.workflow.list(req, (areas) => this.store.list({ ...query, areas }));
  }

  // ---------------------------------------------------------------------------------------

  private inputFor(dto: ReceiveContactDto, reference: string): Record<string, unknown> {
    const { asvRetentionYears, asvNormalRetirementAge } = this.config.statutory;
    const input: AsvReferralInput = {
      reference,
      receivedAt: dto.receivedAt,
      area: dto.area,
      referrer: {
        type: dto.referrer.type,
        organisationId: dto.referrer.organisationId,
        organisationName: dto.referrer.organisationName,
      },
      subjectPersonId: dto.subjectPersonId,
      childIds: dto.childIds,
      employerIds: dto.employerIds,
      concernCategory: dto.concernCategory,
      retentionSettings: { asvRetentionYears, asvNormalRetirementAge },
    };
    return { ...input };
  }

  /**
   * The reference to try again with, when another reference settles the failure: a request with
   * the same key won a race (its reference is now found by the key, and the retry gets its
   * answer), or a referral started through the generic API already holds the number drawn.
   */
  private async referenceAfterRace(
    error: unknown,
    tried: string,
    dto: ReceiveContactDto,
    key: string | undefined,
  ): Promise<string | undefined> {
    if (error instanceof DomainError) {
      if (!key || error.code !== DomainErrorCode.IdempotencyKeyReused) return undefined;
      const winner = await this.store.referenceStartedWith(key);
      return winner !== tried ? winner : undefined;
    }
    const { code, constraint } = error as { code?: string; constraint?: string };
    return code === UNIQUE_VIOLATION && constraint === REFERENCE_TAKEN
      ? this.store.newReference(dto.receivedAt)
      : undefined;
  }

  private async send(
    req: AuthenticatedRequest,
    id: string,
    type: string,
    payload: object,
    key: string | undefined,
  ): Promise<AsvTransitionView> {
    return transitionView(await this.workflow.send(req, id, type, payload, key));
  }
}
