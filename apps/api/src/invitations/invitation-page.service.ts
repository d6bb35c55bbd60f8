import { GoneException, Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { WorkflowEngine } from '@app/persistence';
import { InvitationStore, locationOf, slotInWords, type InvitationLink } from '@app/timers';
import {
  CLOCK,
  type Clock,
  CONFERENCE_EVENTS as E,
  CONFERENCE_TYPE,
  type ConferenceContext,
  DomainError,
  DomainErrorCode,
  type InvitationAnswer,
  type Invitee,
} from '@app/workflows';

/** What the form offers: the machine's answers, apologies split by whether a report comes. */
export const FORM_ANSWERS = {
  attending: { answer: 'attending', withReport: undefined, words: 'you will attend' },
  'not-attending': { answer: 'not-attending', withReport: undefined, words: 'you will not attend' },
  'apologies-with-report': { answer: 'apologies', withReport: true, words: 'you send your apologies, and a report' },
  apologies: { answer: 'apologies', withReport: false, words: 'you send your apologies, without a report' },
} as const satisfies Record<string, { answer: InvitationAnswer; withReport: boolean | undefined; words: string }>;
export type FormAnswer = keyof typeof FORM_ANSWERS;

const SUBMISSION = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The one answer to a token that opens nothing: the same for a malformed, unknown or erased one. */
const unknownLink = () => new DomainError(DomainErrorCode.NotFound, 'This link does not open an invitation.');

export interface InvitationPage {
  reference: string;
  when: string;
  where: string;
  current: string | null;
  submission: string;
}

const wordsOf = (invitee: Invitee): string | null => {
  if (!invitee.answer) return null;
  const { answer, withReport } = invitee.answer;
  const key = answer === 'apologies' ? (withReport ? 'apologies-with-report' : 'apologies') : answer;
  return FORM_ANSWERS[key].words;
};

/**
 * An invitee's personal link: the token is the credential (only its SHA-256 is stored), so
 * the page needs no sign-in. Opening it (GET) reads and writes nothing but the page, so a mail
 * scanner following the link changes nothing; only the form's POST records an answer, as
 * `invitation.answered` on the conference, by the invitee's person id. Each page carries a
 * fresh submission id, and the event id is the link's and the submission's: a form sent twice
 * records one answer. A link is for its sending: once the conference has moved (a newer
 * SEQUENCE) or is over, it is gone (410), as after its expiry.
 */
@Injectable()
export class InvitationPageService {
  private readonly logger = new Logger(InvitationPageService.name);

  constructor(
    private readonly store: InvitationStore,
    private readonly engine: WorkflowEngine,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async page(token: string): Promise<InvitationPage> {
    const { context, invitee } = await this.open(token);
    const booking = context.booking!;
    return {
      reference: context.reference,
      when: slotInWords(booking),
      where: locationOf(booking),
      current: wordsOf(invitee),
      submission: randomUUID(),
    };
  }

  /** Records the answer; the form's fields are checked before anything is looked up. */
  async answer(token: string, form: Record<string, unknown>): Promise<{ reference: string; words: string }> {
    const choice = typeof form.answer === 'string' && form.answer in FORM_ANSWERS ? (form.answer as FormAnswer) : null;
    const submission = typeof form.submission === 'string' && SUBMISSION.test(form.submission) ? form.submission : null;
    const unexpected = Object.keys(form).filter((field) => field !== 'answer' && field !== 'submission');
    if (choice === null || submission === null || unexpected.length > 0) {
      const fields = [
        ...(choice === null ? ['answer'] : []),
        ...(submission === null ? ['submission'] : []),
        ...unexpected.map((field) => field.slice(0, 40)),
      ];
      throw new DomainError(DomainErrorCode.InvalidInput, 'Choose one of the answers.', {
        errors: fields.map((field) => ({ field, messages: [field === 'answer' ? 'Choose one of the answers' : 'not expected'] })),
      });
    }
    const { link, context } = await this.open(token);
    const { answer, withReport, words } = FORM_ANSWERS[choice];
    await this.engine.send(
      link.workflowId,
      { type: E.invitationAnswered, personId: link.personId, answer, ...(withReport === undefined ? {} : { withReport }) },
      { actor: { sub: `invitee:${link.personId}`, role: 'invitee' }, eventId: `invitation-link-${link.id}-${submission}` },
    );
    this.logger.log({ msg: 'Invitation answered through a personal link', workflowId: link.workflowId, linkId: link.id });
    return { reference: context.reference, words };
  }

  /** The link, its conference and its invitee, or 404 (opens nothing) / 410 (expired, moved, over). */
  private async open(token: string): Promise<{ link: InvitationLink; context: ConferenceContext; invitee: Invitee }> {
    const link = await this.store.findLink(token);
    if (!link) throw unknownLink();
    if (this.clock.now() >= link.expiresAt) throw new GoneException('This link has expired.');
    const details = await this.engine.get(link.workflowId).catch((error: unknown) => {
      throw error instanceof DomainError && error.code === DomainErrorCode.NotFound ? unknownLink() : error;
    });
    if (details.type !== CONFERENCE_TYPE) throw unknownLink();
    if (details.status === 'done') throw new GoneException('This conference will not take place as planned: there is nothing to answer.');
    const context = details.context as unknown as ConferenceContext;
    const invitee = context.invitees.find((person) => person.personId === link.personId);
    if (!invitee || context.booking === null || invitee.method !== 'REQUEST' || invitee.sequence !== link.sequence) {
      throw new GoneException('This invitation has been replaced: please use the link in the latest email.');
    }
    return { link, context, invitee };
  }
}
