import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { WorkingDayCalendar } from '../../calendar';
import type {
  DistributionExclusion,
  DistributionInvitee,
  DistributionReport,
  DistributionStartInput,
} from '../conference/conference.handover';
import { WITHOUT_PLAN_OUTCOMES, WithoutPlanOutcome } from '../conference/conference.outcome.vocabulary';
import { CONFERENCE_FIELD_PATTERNS } from '../conference/conference.payloads';
import { CONTACT_BY, ContactBy, INVITEE_ROLES, InviteeRole } from '../conference/conference.vocabulary';
import { ABUSE_CATEGORIES, AbuseCategory } from '../conference/rules/categories';
import { CONFERENCE_KINDS } from '../conference/rules/conference-kind';
import type { DistributionFigures } from './distribution.context';
import {
  CHANNELS,
  Channel,
  DOCUMENT_ORIGINS,
  DOCUMENT_TEMPLATES,
  DocumentOrigin,
  PART_KINDS,
  PartKind,
  RECIPIENT_ROLES,
  RecipientRole,
  REVOCATION_REASONS,
  RevocationReason,
} from './distribution.vocabulary';

/**
 * Payload classes, validated with class-validator (the engine refuses unknown fields). Ids,
 * flags, hashes and dates only: no name, address, email or document text is accepted, so none
 * reaches the journal. A part arrives as its id and the SHA-256 of its bytes, never its content.
 */

const {
  opaqueId: OPAQUE_ID,
  reference: CONFERENCE_REFERENCE,
  dateOnly: DATE_ONLY,
} = CONFERENCE_FIELD_PATTERNS;
const SHA256 = /^[0-9a-f]{64}$/;
/** A document of the distribution: 'decisions', 'minutes' or 'report:<report id>'. */
const DOCUMENT_ID = /^(decisions|minutes|report:[A-Za-z0-9][A-Za-z0-9_.:-]{0,63})$/;

export const DISTRIBUTION_FIELD_PATTERNS = { sha256: SHA256, documentId: DOCUMENT_ID } as const;

/** A real date within the calendar's years, so no clock computed from it can throw inside an action. */
function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !DATE_ONLY.test(value)) return false;
          const [y, m, d] = value.split('-').map(Number) as [number, number, number];
          return (
            new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) === value &&
            y >= WorkingDayCalendar.firstYear + 1 &&
            y <= WorkingDayCalendar.lastYear - 1
          );
        },
        defaultMessage: () =>
          '$property must be a calendar date (YYYY-MM-DD) within the years the calendar covers',
      },
    },
    options,
  );
}

/** A rule across fields of one payload; placed on a field that is always present so it always runs. */
function Holds<T>(name: string, rule: (payload: T) => boolean, message: string): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (_value: unknown, args) => rule(args?.object as T),
      defaultMessage: () => message,
    },
  });
}

const uniqueBy = <T>(items: readonly T[] | undefined, key: (item: T) => unknown): boolean =>
  !Array.isArray(items) || new Set(items.map((item) => key(item))).size === items.length;

function PersonIds(max: number): PropertyDecorator {
  return (target, key) =>
    [IsArray(), ArrayMaxSize(max), ArrayUnique(), Matches(OPAQUE_ID, { each: true })].forEach((d) =>
      d(target, key),
    );
}

// ---------------------------------------------------------------- the start

/**
 * The figures, filled from StatutorySettings and the authority's closure days
 * (distributionFigures()), never by a client; kept in the context so a replay computes the same dates.
 */
export class DistributionFiguresInput implements DistributionFigures {
  @IsInt() @Min(0) @Max(30) decisionsDistributionWorkingDays!: number;
  @IsInt() @Min(1) @Max(60) minutesDistributionWorkingDays!: number;
  @IsInt() @Min(1) @Max(60) minutesCorrectionsWorkingDays!: number;
  @IsInt() @Min(1) @Max(60) correctionAnswerWorkingDays!: number;
  @IsInt() @Min(1) @Max(365) personalLinkExpiryDays!: number;
  @IsArray() @ArrayMaxSize(400) @ArrayUnique() @IsCalendarDate({ each: true }) localClosureDays!: string[];
}

/** An invitee as the conference hands them over: their role at the conference, whether they came, how they were invited. */
export class InviteeInput implements DistributionInvitee {
  @Matches(OPAQUE_ID) personId!: string;
  @IsIn(INVITEE_ROLES) invitedAs!: InviteeRole;
  @IsOptional() @Matches(OPAQUE_ID) agencyId!: string | null;
  @IsBoolean() attended!: boolean;
  @IsIn(CONTACT_BY) contactBy!: ContactBy;
}

export class HandoverExclusionInput implements DistributionExclusion {
  /** The id part 2 gave the excluded part of the meeting (a minutes part naming it is kept from those excluded). */
  @Matches(OPAQUE_ID) partId!: string;
  @PersonIds(40) @ArrayMinSize(1) excludedPersonIds!: string[];
}

export class ReportInput implements DistributionReport {
  /** The agency's key, or 'social-worker'. */
  @Matches(OPAQUE_ID) key!: string;
  /** The report's document in the store (uploaded in part 1); null when it came as a case-management reference only. */
  @IsOptional() @Matches(OPAQUE_ID) documentId!: string | null;
  @IsOptional() @Matches(OPAQUE_ID) caseManagementReference!: string | null;
  /** The chair's decision (true while an agency's request awaits it). */
  @IsBoolean() notForSharingWithParents!: boolean;
}

export class ChildOutcomeInput {
  @Matches(OPAQUE_ID) childId!: string;
  @IsIn(['plan', ...WITHOUT_PLAN_OUTCOMES]) outcome!: 'plan' | WithoutPlanOutcome;
  @IsArray()
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsIn(ABUSE_CATEGORIES, { each: true })
  categories!: AbuseCategory[];
}

type Start = DistributionInput;

/**
 * The start: exactly what a decided conference hands over (DistributionStartInput, written by the
 * conference in conference.handover.ts), checked here again. Ids and flags of part 1 and part 2,
 * and the figures fixed at the conference's request.
 */
export class DistributionInput implements DistributionStartInput {
  @Matches(CONFERENCE_REFERENCE) conferenceReference!: string;
  @IsString() @Length(1, 40) area!: string;
  @Matches(OPAQUE_ID) householdId!: string;
  @IsIn(CONFERENCE_KINDS) conferenceKind!: string;
  /** The London day the conference was held: the decisions and minutes clocks run from it. */
  @IsCalendarDate() heldOn!: string;
  /** The conference's chair (the identity provider's subject): approves lists, answers corrections. */
  @Matches(OPAQUE_ID) chairSub!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => InviteeInput)
  @Holds<Start>(
    'everyInviteeOnce',
    (s) => uniqueBy(s.invitees, (i) => i?.personId),
    'every invitee appears once',
  )
  invitees!: InviteeInput[];
  /** Professionals who came uninvited: the chair may add them to the list. */
  @PersonIds(40) uninvitedAttendeePersonIds!: string[];
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => HandoverExclusionInput)
  @Holds<Start>(
    'everyPartOnce',
    (s) => uniqueBy(s.exclusions, (e) => e?.partId),
    'every excluded part of the meeting appears once',
  )
  exclusions!: HandoverExclusionInput[];
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => ReportInput)
  @Holds<Start>(
    'everyReportOnce',
    (s) =>
      uniqueBy(s.reports, (r) => r?.key) &&
      uniqueBy(
        s.reports?.filter((r) => r?.documentId),
        (r) => r.documentId,
      ),
    'every report (and every report document) appears once',
  )
  reports!: ReportInput[];
  /** Whose address is confidential (the addresses are in the person store). */
  @PersonIds(40) confidentialAddressPersonIds!: string[];
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ChildOutcomeInput)
  children!: ChildOutcomeInput[];
  @ValidateNested() @Type(() => DistributionFiguresInput) figures!: DistributionFiguresInput;
}

/** Someone the chair adds (a GP who did not attend): their role, and whether they have an email (from their record, by the API). */
export class RecipientAddedPayload {
  @Matches(OPAQUE_ID) personId!: string;
  @IsIn(RECIPIENT_ROLES) role!: RecipientRole;
  @IsBoolean() hasEmail!: boolean;
}

// ---------------------------------------------------------------- events

export class PartInput {
  @Matches(OPAQUE_ID)
  @Holds<PartInput>(
    'factOfItsKind',
    (p) =>
      (p.kind === 'excluded-section') === (p.sectionId !== undefined) &&
      (p.kind === 'report') === (p.reportId !== undefined) &&
      (p.kind === 'confidential-address') === (p.addressOfPersonId !== undefined),
    'sectionId is given for an excluded section, reportId for a report, addressOfPersonId for a confidential address, each only for its kind',
  )
  partId!: string;
  @IsIn(PART_KINDS) kind!: PartKind;
  /** The SHA-256 of the part's bytes in the document store, lower-case hex. */
  @Matches(SHA256) sha256!: string;
  @IsOptional() @Matches(OPAQUE_ID) sectionId?: string;
  @IsOptional() @Matches(OPAQUE_ID) reportId?: string;
  @IsOptional() @Matches(OPAQUE_ID) addressOfPersonId?: string;
}

/** A new version of the decisions or the minutes: uploaded, or drafted from its template. */
export class DocumentRegisteredPayload {
  @IsIn(DOCUMENT_ORIGINS)
  @Holds<DocumentRegisteredPayload>(
    'templateWhenDrafted',
    (p) => (p.origin === 'template') === (p.templateId !== undefined),
    'templateId is given for a version drafted from a template, and only for one',
  )
  origin!: DocumentOrigin;
  @IsOptional() @IsIn(Object.values(DOCUMENT_TEMPLATES)) templateId?: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PartInput)
  @Holds<DocumentRegisteredPayload>(
    'everyPartOnce',
    (p) => uniqueBy(p.parts, (part) => part?.partId),
    'every part appears once',
  )
  parts!: PartInput[];
}

export class ReportRegisteredPayload extends DocumentRegisteredPayload {
  @Matches(OPAQUE_ID) reportId!: string;
}

export class ListDocumentInput {
  @Matches(DOCUMENT_ID) documentId!: string;
  @IsArray() @ArrayMaxSize(100) @ArrayUnique() @Matches(OPAQUE_ID, { each: true }) partIds!: string[];
}

export class ListEntryInput {
  @Matches(OPAQUE_ID) recipientId!: string;
  @IsArray()
  @ArrayMaxSize(70)
  @ValidateNested({ each: true })
  @Type(() => ListDocumentInput)
  @Holds<ListEntryInput>(
    'everyDocumentOnce',
    (e) => uniqueBy(e.documents, (d) => d?.documentId),
    'every document appears once per recipient',
  )
  documents!: ListDocumentInput[];
}

export class AddressNeedInput {
  @Matches(OPAQUE_ID) professionalId!: string;
  @Matches(OPAQUE_ID) addressOfPersonId!: string;
}

/** The list the chair approves: per recipient the documents and parts, and who needs which confidential address. */
export class ApprovalPayload {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(140)
  @ValidateNested({ each: true })
  @Type(() => ListEntryInput)
  @Holds<ApprovalPayload>(
    'everyRecipientOnce',
    (p) => uniqueBy(p.recipients, (r) => r?.recipientId),
    'every recipient appears once',
  )
  recipients!: ListEntryInput[];
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AddressNeedInput)
  addressNeeds!: AddressNeedInput[];
}

/** From the outbox dispatcher, on one sending of a pack (a report on an older attempt is refused). */
export class PackDeliveryPayload {
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/) packId!: string;
  @IsInt() @Min(1) @Max(100) attempt!: number;
}

/** A delivery report's outcome: delivered, with the time the relay gives for it (an instant, UTC), if any. */
export class PackDeliveredPayload extends PackDeliveryPayload {
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/) deliveredAt?: string;
}

export class PackOpenedPayload {
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/) packId!: string;
}

export class PackResentPayload extends PackOpenedPayload {
  @IsIn(CHANNELS) channel!: Channel;
}

export class PackRevokedPayload extends PackOpenedPayload {
  @IsIn(REVOCATION_REASONS) reason!: RevocationReason;
}

export class CorrectionRequestedPayload extends PackOpenedPayload {
  /** The stored request (its text stays in the document store). */
  @Matches(OPAQUE_ID) correctionId!: string;
}

export class CorrectionAnsweredPayload {
  @Matches(OPAQUE_ID) correctionId!: string;
  @IsBoolean() accepted!: boolean;
}
