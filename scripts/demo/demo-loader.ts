// The demo's cases, loaded through the service's own HTTP API as the council's systems and staff
// would enter them: duty teams and a rota first (so every escalation reaches someone), chairs and
// staff records, then allegations against staff (ASV) and families' child protection conferences
// in three areas, dated so that some are on time, some at risk (a warning has fired) and some
// overdue. Every write carries an Idempotency-Key derived from the case, so running it again
// writes nothing new. Every name is fictional and plainly so.
import { RECIPIENT_KINDS, type RecipientKind } from '@app/timers';
import { dateInLondon, WorkingDayCalendar } from '@app/workflows';
import type { Role } from '../../apps/api/src/auth/role';

export const DEMO_AREAS = ['north', 'south', 'east'] as const;
export type DemoArea = (typeof DEMO_AREAS)[number];

/** Who a request is made as: a role, a subject id, an area. */
export interface DemoActor {
  role: `${Role}`;
  sub: string;
  area?: string;
}

/** The service's API as the loader calls it. */
export interface DemoApi {
  /** Answers the parsed JSON body; throws (with the status and the problem's detail) unless 2xx. */
  call(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    as: DemoActor,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<Record<string, unknown>>;
}

export interface DemoContext {
  api: DemoApi;
  /** The time the demo is built around (today): the cases are dated from it. */
  now: Date;
  calendar: WorkingDayCalendar;
  /**
   * Sets the service's clock (its injected Clock) to when a case was entered, so each case is
   * recorded at its own time in the past and its clocks open then: the warnings that fell between
   * then and now fire when the clock is set back to now, as they would have on the day.
   */
  at: (when: Date) => void;
}

/** What one part of the demo loaded: a line for the summary. */
export interface DemoPart {
  name: string;
  count: number;
}

/** The parts of the demo, in order. A part is one function. */
export const DEMO_PARTS: ((ctx: DemoContext) => Promise<DemoPart>)[] = [
  dutyTeamsAndRota,
  chairsAndStaff,
  allegations,
  conferences,
  decidedConferences,
];

const manager: DemoActor = { role: 'manager', sub: 'manager' };
const coordinator = (area: string): DemoActor => ({ role: 'coordinator', sub: `coordinator-${area}`, area });
const socialWorker = (area: string): DemoActor => ({
  role: 'social_worker',
  sub: `social-worker-${area}`,
  area,
});

/** The date n working days before `date` (n ≥ 0; day 0 is the date itself when it is a working day). */
export function workingDaysBefore(calendar: WorkingDayCalendar, date: string, n: number): string {
  let day = date;
  let left = n;
  while (left > 0 || !calendar.isWorkingDay(day)) {
    const previous = new Date(`${day}T12:00:00Z`);
    previous.setUTCDate(previous.getUTCDate() - 1);
    day = previous.toISOString().slice(0, 10);
    if (calendar.isWorkingDay(day)) left--;
  }
  return day;
}

/**
 * The time the demo is built around: now on a first run; on a later run, the time the first run
 * was built around (read back from its first case), so every request is the same as then and is
 * answered from the journal: nothing is written twice, and a run cut short is completed.
 */
export async function demoAnchor(api: DemoApi, now: Date): Promise<Date> {
  const found = await api.call('GET', `/workflows?subject=${MARKER_SUBJECT}&type=asv-referral`, manager);
  const first = (found.items as { id: string }[])[0];
  if (!first) return now;
  const details = await api.call('GET', `/workflows/${first.id}`, manager);
  return new Date(Date.parse((details.context as { receivedAt: string }).receivedAt) + 3_600_000);
}

/** The subject of the first allegation (received an hour before the time the demo is built around). */
const MARKER_SUBJECT = 'demo-subject-north-0';

/** Everything, in order. */
export async function loadDemo(ctx: DemoContext): Promise<DemoPart[]> {
  const parts: DemoPart[] = [];
  try {
    for (const part of DEMO_PARTS) parts.push(await part(ctx));
  } finally {
    ctx.at(ctx.now);
  }
  return parts;
}

/** 10:00 in London (GMT in winter, BST in summer: near enough for a demo) on a date. */
const tenOClock = (date: string) => new Date(`${date}T10:00:00Z`);

/**
 * A team for every kind of recipient in every area, each with a named fallback (whose inbox gets
 * the team's items when nobody is on the rota) and a shared address, and a rota of duty managers
 * for the weeks around today: no escalation finds "no one to notify". The fallbacks are the local
 * sign-in provider's users where one fits, so their inboxes show the demo's escalations.
 */
async function dutyTeamsAndRota({ api, now }: DemoContext): Promise<DemoPart> {
  const fallback: Record<RecipientKind, (area: string) => string> = {
    coordinator: (area) => `coordinator-${area}`,
    chair: (area) => `chair-${area}`,
    lado: () => 'lado',
    duty_manager: () => 'duty-manager',
    service_manager: () => 'manager',
    front_door: (area) => `front-door-${area}`,
    team_manager: (area) => `team-manager-${area}`,
    manager: () => 'manager',
  };
  let teams = 0;
  for (const area of [...DEMO_AREAS, '*']) {
    const named = area === '*' ? 'Whole authority' : `${area[0]!.toUpperCase()}${area.slice(1)}`;
    for (const recipient of RECIPIENT_KINDS) {
      await api.call('PUT', '/duty-teams', manager, {
        area,
        recipient,
        name: `${named} ${recipient.replace(/_/g, ' ')} team (demo)`,
        fallbackEmail: `demo-${recipient.replace(/_/g, '-')}-${area === '*' ? 'all' : area}@council.example`,
        fallbackSubject: fallback[recipient](area === '*' ? 'north' : area),
      });
      teams++;
    }
  }
  // Duty managers on a rota, a fortnight back and eight weeks ahead, two fictional people taking turns.
  const today = dateInLondon(now);
  const day = (offset: number) =>
    new Date(Date.parse(`${today}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  const from = day(-14);
  const to = day(56);
  for (const area of DEMO_AREAS) {
    const entries = Array.from({ length: 71 }, (_, i) => {
      const who = i % 2 === 0 ? 'duty-manager' : `duty-manager-${area}-2`;
      return { date: day(i - 14), subject: who, email: `${who}@council.example` };
    });
    await api.call('PUT', '/duty-rota', manager, { area, recipient: 'duty_manager', from, to, entries });
  }
  return { name: 'duty teams (and a duty managers rota per area)', count: teams };
}

const chairName = (area: string) => `Chair Example ${area[0]!.toUpperCase()}${area.slice(1)} (fictional)`;

/** A chair per area (the north one is the local provider's chair-north), and the social work staff the conferences name. */
async function chairsAndStaff({ api }: DemoContext): Promise<DemoPart> {
  for (const area of DEMO_AREAS) {
    await api.call('PUT', `/chairs/chair-${area}`, manager, {
      displayName: chairName(area),
      email: `chair-${area}@council.example`,
      homeAreas: [area],
    });
  }
  return { name: 'chairs', count: DEMO_AREAS.length };
}

/** The social worker and team manager of an area, as person records (found again by their staff ids). */
async function staffOf(api: DemoApi, area: string): Promise<{ socialWorker: string; teamManager: string }> {
  const answer = await api.call('POST', '/people', coordinator(area), {
    area,
    people: [
      {
        kind: 'adult',
        givenName: 'Sam',
        familyName: `Socialworker-Example-${area}`,
        externalIds: [{ system: 'staff', value: `demo-sw-${area}` }],
      },
      {
        kind: 'adult',
        givenName: 'Toni',
        familyName: `Teammanager-Example-${area}`,
        externalIds: [{ system: 'staff', value: `demo-tm-${area}` }],
      },
    ],
  });
  const [socialWorker, teamManager] = answer.people as { id: string }[];
  return { socialWorker: socialWorker!.id, teamManager: teamManager!.id };
}

const LIMBS = ['harmedChild', 'criminalOffence', 'riskOfHarm', 'transferableRisk'] as const;
const limbs = (...applying: (typeof LIMBS)[number][]) =>
  Object.fromEntries(
    LIMBS.map((limb) => [
      limb,
      {
        applies: applying.includes(limb),
        rationale: applying.includes(limb)
          ? 'Demo: account given (fictional)'
          : 'Demo: no indication (fictional)',
      },
    ]),
  );

/**
 * Ten allegations per area, at five stages: received today (on time); received days ago and not
 * screened (overdue); screened and referred to the LADO (the meeting's clock running); redirected
 * as advice only; threshold met today, the referral to the LADO still to make.
 */
async function allegations({ api, now, calendar, at }: DemoContext): Promise<DemoPart> {
  const today = dateInLondon(now);
  let count = 0;
  for (const area of DEMO_AREAS) {
    for (let i = 0; i < 10; i++) {
      const key = `demo-asv-${area}-${i}`;
      const stage = i % 5;
      const receivedOn = stage === 1 || stage === 2 ? workingDaysBefore(calendar, today, 4 + (i % 3)) : today;
      const received = receivedOn === today ? new Date(now.getTime() - 3_600_000) : tenOClock(receivedOn);
      const receivedAt = received.toISOString();
      // Entered when received; screened (and referred) an hour later the same day.
      at(received);
      const referral = await api.call(
        'POST',
        '/asv-referrals',
        coordinator(area),
        {
          receivedAt,
          area,
          referrer: {
            type: 'employer',
            organisationId: `demo-org-${area}-${i % 4}`,
            organisationName: `Example ${['Primary School', 'Academy', 'Youth Club', 'Nursery'][i % 4]} (fictional)`,
          },
          subjectPersonId: `demo-subject-${area}-${i}`,
          childIds: [`demo-child-${area}-${i}`],
          employerIds: [`demo-org-${area}-${i % 4}`],
          concernCategory: ['physical-abuse', 'emotional-abuse', 'neglect', 'sexual-abuse', 'physical-abuse'][
            stage
          ],
        },
        key,
      );
      const id = referral.id as string;
      at(new Date(Math.min(received.getTime() + 3_600_000, now.getTime())));
      if (stage === 2 || stage === 4) {
        await api.call(
          'POST',
          `/asv-referrals/${id}/screening`,
          coordinator(area),
          { decision: 'threshold-met', limbs: limbs('harmedChild') },
          `${key}-screened`,
        );
      }
      if (stage === 2)
        await api.call(
          'POST',
          `/asv-referrals/${id}/lado-referral`,
          coordinator(area),
          undefined,
          `${key}-referred`,
        );
      if (stage === 3) {
        await api.call(
          'POST',
          `/asv-referrals/${id}/screening`,
          coordinator(area),
          {
            decision: 'redirect',
            limbs: limbs(),
            route: 'advice-only',
            reason: 'Demo: the employer asked for advice only (fictional)',
          },
          `${key}-redirected`,
        );
      }
      count++;
    }
  }
  return { name: 'allegations against staff (ASV)', count };
}

const FAMILY_NAMES = ['Example', 'Sample', 'Placeholder', 'Specimen'];

/**
 * Four families' initial conferences per area: overdue (the strategy discussion twenty working days
 * ago, a chair but no date), at risk (due in three working days: the five-day warning has fired),
 * booked within the timescale, and requested yesterday with no chair yet.
 */
async function conferences({ api, now, calendar, at }: DemoContext): Promise<DemoPart> {
  const today = dateInLondon(now);
  let count = 0;
  for (const [a, area] of DEMO_AREAS.entries()) {
    const staff = await staffOf(api, area);
    for (let i = 0; i < 4; i++) {
      const key = `demo-cpc-${area}-${i}`;
      const family = `${FAMILY_NAMES[i]}-${area}`;
      const heldOn = workingDaysBefore(calendar, today, [20, 12, 2, 1][i]!);
      // Requested the working day after the strategy discussion, a chair found and a date booked that day.
      at(new Date(Math.min(tenOClock(calendar.addWorkingDays(heldOn, 1)).getTime(), now.getTime())));
      const conference = await api.call(
        'POST',
        '/conferences',
        socialWorker(area),
        {
          kind: 'initial',
          area,
          householdId: `DEMO-HH-${area}-${i}`,
          children: [0, 1].slice(0, 1 + (i % 2)).map((c) => ({
            person: {
              kind: 'child',
              givenName: ['Demo', 'Testy'][c],
              familyName: family,
              dateOfBirth: `${2014 + i + c * 3}-0${1 + c}-15`,
              externalIds: [{ system: 'case-management', value: `DEMO-CM-${area}-${i}-${c}` }],
            },
          })),
          parentsAndCarers: [
            {
              person: {
                kind: 'adult',
                givenName: 'Pat',
                familyName: family,
                externalIds: [{ system: 'case-management', value: `DEMO-CM-${area}-${i}-parent` }],
              },
              relationship: 'mother',
              parentalResponsibility: true,
              children: [0, 1].slice(0, 1 + (i % 2)),
            },
          ],
          strategyDiscussions: [{ id: `sd-${i}`, heldOn, startedSection47: true }],
          section47StartDate: heldOn,
          socialWorker: {
            personId: staff.socialWorker,
            teamId: `demo-team-${area}`,
            teamManagerPersonId: staff.teamManager,
            agencyId: `csc:${area}`,
          },
          professionals: [],
        },
        key,
      );
      const id = conference.id as string;
      if (i < 3) await api.call('POST', `/conferences/${id}/chair`, coordinator(area), {}, `${key}-chair`);
      if (i === 2) {
        const view = await api.call('GET', `/conferences/${id}`, coordinator(area));
        const date = workingDaysBefore(calendar, String(view.dueDate), 2);
        await api.call(
          'POST',
          `/conferences/${id}/schedule`,
          coordinator(area),
          {
            date,
            startTime: `1${a}:00`,
            durationMinutes: 90,
            venueId: `demo-venue-${area}`,
            minuteTakerSub: `minute-taker-${area}`,
          },
          `${key}-schedule`,
        );
      }
      count++;
    }
  }
  return { name: 'families with initial conferences', count };
}

const chair = (area: string): DemoActor => ({ role: 'chair', sub: `chair-${area}`, area });

/** The GP and the police officer who know an area's demo children (with the social worker: quorate). */
async function professionalsOf(api: DemoApi, area: string): Promise<{ gp: string; police: string }> {
  const answer = await api.call('POST', '/people', coordinator(area), {
    area,
    people: ['Gp', 'Police'].map((who) => ({
      kind: 'adult',
      givenName: 'Alex',
      familyName: `${who}-Example-${area}`,
      externalIds: [{ system: 'staff', value: `demo-${who.toLowerCase()}-${area}` }],
    })),
  });
  const [gp, police] = answer.people as { id: string }[];
  return { gp: gp!.id, police: police!.id };
}

/** One child's decision at the initial conference: a plan with its categories, or a child in need plan. */
type DemoDecision = { plan: true; categories: string[] } | { plan: false; withoutPlan: 'child-in-need' };

interface DecidedFamily {
  area: DemoArea;
  family: string;
  /** Working days before today that the initial conference sat; or, with `reviewDueIn`, found from it. */
  satWorkingDaysAgo?: number;
  /** The first review due this many calendar days from today (negative: already missed). */
  reviewDueIn?: number;
  decisions: DemoDecision[];
  /** The first child's core group met this many working days after the conference. */
  coreGroupAfter?: number;
}

/**
 * Four families whose initial conferences sat and decided (oldest first, so the clock only moves
 * on), so the register and the board show plans and the review conferences they start: in the
 * south, a child on a plan whose first review is overdue; in the north, two children on plans
 * (neglect; emotional) whose first review falls due in a few days (at risk: its warning has
 * fired), the eldest's core group met; in the east,
 * one child on a plan (sexual abuse) and a sibling with a child in need plan; and a north child
 * decided this week on a plan of two categories (multiple), the core group still to meet.
 */
const DECIDED_FAMILIES: DecidedFamily[] = [
  {
    area: 'south',
    family: 'Madeup',
    reviewDueIn: -21,
    decisions: [{ plan: true, categories: ['physical'] }],
  },
  {
    area: 'north',
    family: 'Fictional',
    reviewDueIn: 3,
    decisions: [
      { plan: true, categories: ['neglect'] },
      { plan: true, categories: ['emotional'] },
    ],
    coreGroupAfter: 6,
  },
  {
    area: 'east',
    family: 'Pretend',
    satWorkingDaysAgo: 25,
    decisions: [
      { plan: true, categories: ['sexual'] },
      { plan: false, withoutPlan: 'child-in-need' },
    ],
  },
  {
    area: 'north',
    family: 'Invented',
    satWorkingDaysAgo: 3,
    decisions: [{ plan: true, categories: ['neglect', 'emotional'] }],
  },
];

/** The working day the conference sat so that its first review (three months on) falls due on `reviewDue` or just before. */
function satForReview(calendar: WorkingDayCalendar, reviewDue: string): string {
  let day = workingDaysBefore(calendar, reviewDue, 0);
  const threeMonthsBack = new Date(`${day}T12:00:00Z`);
  threeMonthsBack.setUTCMonth(threeMonthsBack.getUTCMonth() - 3);
  day = workingDaysBefore(calendar, threeMonthsBack.toISOString().slice(0, 10), 0);
  while (calendar.addMonthsDeadline(day, 3) > reviewDue) day = workingDaysBefore(calendar, day, 1);
  return day;
}

/**
 * Each decided family's initial conference through the whole journey, each step at its own time
 * on the service's clock: requested the day after the strategy discussion, a chair and a date
 * booked, the sitting that morning, a quorate attendance, the chair's decision for each child.
 * The decision starts the plans and the review conference through the engine; the first child's
 * core group is recorded once its plan has started.
 */
async function decidedConferences({ api, now, calendar, at }: DemoContext): Promise<DemoPart> {
  const today = dateInLondon(now);
  const dayFromToday = (days: number) =>
    new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  let plans = 0;
  for (const [f, spec] of DECIDED_FAMILIES.entries()) {
    const { area, decisions } = spec;
    const key = `demo-decided-${area}-${f}`;
    const family = `${spec.family}-${area}`;
    const household = `DEMO-HH-${area}-decided-${f}`;
    const satOn =
      spec.reviewDueIn === undefined
        ? workingDaysBefore(calendar, today, spec.satWorkingDaysAgo ?? 0)
        : satForReview(calendar, dayFromToday(spec.reviewDueIn));
    const heldOn = workingDaysBefore(calendar, satOn, 10);
    const staff = await staffOf(api, area);
    const professionals = await professionalsOf(api, area);
    const children = decisions.map((_, c) => ({
      person: {
        kind: 'child',
        givenName: ['Demo', 'Testy'][c],
        familyName: family,
        dateOfBirth: `${2012 + f + c * 4}-0${3 + c}-20`,
        externalIds: [{ system: 'case-management', value: `DEMO-CM-${area}-decided-${f}-${c}` }],
      },
    }));
    const all = decisions.map((_, c) => c);
    at(tenOClock(calendar.addWorkingDays(heldOn, 1)));
    const conference = await api.call(
      'POST',
      '/conferences',
      socialWorker(area),
      {
        kind: 'initial',
        area,
        householdId: household,
        children,
        parentsAndCarers: [
          {
            person: {
              kind: 'adult',
              givenName: 'Jo',
              familyName: family,
              externalIds: [{ system: 'case-management', value: `DEMO-CM-${area}-decided-${f}-parent` }],
            },
            relationship: 'father',
            parentalResponsibility: true,
            children: all,
          },
        ],
        strategyDiscussions: [{ id: 'sd-1', heldOn, startedSection47: true }],
        section47StartDate: heldOn,
        socialWorker: {
          personId: staff.socialWorker,
          teamId: `demo-team-${area}`,
          teamManagerPersonId: staff.teamManager,
          agencyId: `csc:${area}`,
        },
        professionals: [
          {
            personId: professionals.gp,
            agencyId: `gp:demo-${area}`,
            professionalGroup: 'gp',
            directContactWith: all,
          },
          {
            personId: professionals.police,
            agencyId: 'police:demo',
            professionalGroup: 'police',
            directContactWith: all,
          },
        ],
      },
      key,
    );
    const id = conference.id as string;
    await api.call('POST', `/conferences/${id}/chair`, coordinator(area), {}, `${key}-chair`);
    await api.call(
      'POST',
      `/conferences/${id}/schedule`,
      coordinator(area),
      {
        date: satOn,
        startTime: '10:00',
        durationMinutes: 90,
        venueId: `demo-venue-${area}`,
        minuteTakerSub: `minute-taker-${area}`,
      },
      `${key}-schedule`,
    );
    at(new Date(`${satOn}T10:00:00Z`));
    await api.call('POST', `/conferences/${id}/sitting`, chair(area), {}, `${key}-sitting`);
    const view = await api.call('GET', `/conferences/${id}`, coordinator(area));
    const childIds = ((view.conference as { children: { personId: string }[] }).children ?? []).map(
      (c) => c.personId,
    );
    const professional = (personId: string, agencyId: string, professionalGroup: string) => ({
      personId,
      capacity: 'professional',
      agencyId,
      professionalGroup,
      directContactChildIds: childIds,
    });
    at(new Date(`${satOn}T10:15:00Z`));
    await api.call(
      'POST',
      `/conferences/${id}/attendance`,
      chair(area),
      {
        attendees: [
          professional(staff.socialWorker, `csc:${area}`, 'childrens-social-care'),
          professional(professionals.gp, `gp:demo-${area}`, 'gp'),
          professional(professionals.police, 'police:demo', 'police'),
        ],
        apologies: [],
        exclusions: [],
      },
      `${key}-attendance`,
    );
    at(new Date(`${satOn}T11:30:00Z`));
    await api.call(
      'POST',
      `/conferences/${id}/decision`,
      chair(area),
      {
        children: decisions.map((decision, c) => ({
          childId: childIds[c],
          ...decision,
          dissent: [],
          chairDecisionRecord: decision.plan
            ? 'Demo: likely to suffer significant harm (fictional)'
            : 'Demo: support as a child in need (fictional)',
        })),
      },
      `${key}-decision`,
    );
    plans += decisions.filter((d) => d.plan).length;
    // Before the clock moves on: the plans and the review conference start at the decision's time.
    await startedBy(api, id, decisions.filter((d) => d.plan).length);
    if (spec.coreGroupAfter !== undefined) {
      const metOn = calendar.addWorkingDays(satOn, spec.coreGroupAfter);
      const found = await api.call('GET', `/plans?child=${childIds[0]!}`, coordinator(area));
      const planId = (found.items as { id: string }[])[0]!.id;
      at(new Date(Math.min(new Date(`${metOn}T15:00:00Z`).getTime(), now.getTime())));
      await api.call(
        'POST',
        `/plans/${planId}/core-group`,
        socialWorker(area),
        { metOn },
        `${key}-core-group`,
      );
    }
  }
  return { name: 'children on plans (their families’ conferences decided)', count: plans };
}

/** Until the engine has started a decided conference's plans and its review conference (bounded). */
async function startedBy(api: DemoApi, conferenceId: string, plans: number): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt++) {
    const details = await api.call('GET', `/workflows/${conferenceId}`, manager);
    const children = (details.children ?? []) as { type: string }[];
    const count = (type: string) => children.filter((c) => c.type === type).length;
    if (count('child-protection-plan') >= plans && count('conference') >= 1) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the plans and review a decision starts did not start within a minute');
}

/**
 * The one failure the demo shows: a contact redirected to the front door, whose notification's
 * webhook goes to a subscriber that is not listening. Loaded by a service configured with that
 * subscriber and a single attempt (scripts/demo.ts), so its effect fails and raises an incident.
 */
export async function failedDelivery({ api, now, at }: DemoContext): Promise<DemoPart> {
  at(now);
  const key = 'demo-asv-failed-webhook';
  const referral = await api.call(
    'POST',
    '/asv-referrals',
    coordinator('north'),
    {
      receivedAt: new Date(now.getTime() - 2 * 3_600_000).toISOString(),
      area: 'north',
      referrer: {
        type: 'employer',
        organisationId: 'demo-org-north-9',
        organisationName: 'Example Sports Centre (fictional)',
      },
      subjectPersonId: 'demo-subject-north-failed',
      childIds: ['demo-child-north-failed'],
      employerIds: ['demo-org-north-9'],
      concernCategory: 'emotional-abuse',
    },
    key,
  );
  await api.call(
    'POST',
    `/asv-referrals/${referral.id as string}/screening`,
    coordinator('north'),
    {
      decision: 'redirect',
      limbs: limbs(),
      route: 'front-door',
      reason: 'Demo: a welfare concern at home, for the front door (fictional)',
    },
    `${key}-redirected`,
  );
  return { name: 'a contact whose webhook fails', count: 1 };
}

/** The demo's subscriber that nobody listens to (the discard port on loopback). */
export const DEMO_FAILING_WEBHOOK = {
  endpoint: 'demo-records=http://127.0.0.1:9/demo-closed',
  secret: `demo-records=${'demo-webhook-secret-'.repeat(2)}`,
};
