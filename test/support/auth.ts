import type { INestApplication } from '@nestjs/common';
import { generateKeyPairSync, KeyObject } from 'node:crypto';
import type { AppConfig } from '@app/persistence';
import type { Clock } from '@app/workflows';
import { loadOrCreateDevKeyPair, signToken, tokenOptionsOf } from '../../apps/api/src/auth/dev-tokens';
import { Role } from '../../apps/api/src/auth/role';

export interface TestTokenOptions {
  sub?: string;
  area?: string;
  coveringAreas?: readonly string[];
  /** Issue time; the app's clock by default, so expiry follows the injected clock. */
  issuedAt?: Date;
  expiresInSeconds?: number;
  issuer?: string;
  audience?: string;
  /** Sign with another key than the development key the app trusts (a forged token). */
  signingKey?: KeyObject;
}

/**
 * A token as the identity provider issues them, signed with the development key the test app
 * trusts (the same code and key file as `npm run token`), unless told to be wrong in one way.
 */
export function tokenFor(
  t: { config: AppConfig; clock: Clock },
  roles: Role | Role[],
  options: TestTokenOptions = {},
): Promise<string> {
  const { config, clock } = t;
  return signToken(
    options.signingKey ?? loadOrCreateDevKeyPair(config.authDevKeyDir).privateKey,
    {
      sub: options.sub ?? `test-${Array.isArray(roles) ? roles.join('-') : roles}`,
      roles: Array.isArray(roles) ? roles : [roles],
      area: options.area,
      coveringAreas: options.coveringAreas && [...options.coveringAreas],
    },
    {
      ...tokenOptionsOf(config, {
        now: options.issuedAt ?? clock.now(),
        expiresInSeconds: options.expiresInSeconds ?? 3600,
      }),
      ...(options.issuer !== undefined ? { issuer: options.issuer } : {}),
      ...(options.audience !== undefined ? { audience: options.audience } : {}),
    },
  );
}

/** `{ Authorization: 'Bearer …' }` for supertest's `.set(...)`. */
export async function authorization(
  t: { config: AppConfig; clock: Clock },
  roles: Role | Role[],
  options: TestTokenOptions = {},
): Promise<{ Authorization: string }> {
  return { Authorization: `Bearer ${await tokenFor(t, roles, options)}` };
}

/** A key pair the app does not trust, for forged tokens. */
export const foreignSigningKey = (): KeyObject =>
  generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

export interface DiscoveredRoute {
  /** GET, POST…; ALL for a route on every method; USE for middleware mounted at a path. */
  method: string;
  /** Express pattern: '/workflows/:id'. */
  path: string;
}

const CATCH_ALL = new Set(['{/*splat}', '/{*splat}', '*', '/*', '/']);

interface RouterLayer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
}

/**
 * Every route the running app answers, read from the HTTP server's own router: Nest controllers,
 * routes others add directly (Swagger's /docs) and middleware mounted at a path (USE), so nothing
 * reachable escapes the authorization matrix. Nest's global middleware (every method on every
 * path) is left out.
 */
export function discoverRoutes(app: INestApplication): DiscoveredRoute[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: RouterLayer[] } };
  const routes: DiscoveredRoute[] = [];
  for (const layer of express.router.stack) {
    if (!layer.route) {
      if (typeof layer.rawPath === 'string' && !CATCH_ALL.has(layer.rawPath)) {
        routes.push({ method: 'USE', path: layer.rawPath });
      }
      continue;
    }
    const path = String(layer.route.path);
    const methods = Object.keys(layer.route.methods).filter((m) => layer.route!.methods[m]);
    if (methods.length > 5) {
      if (!CATCH_ALL.has(path)) routes.push({ method: 'ALL', path });
      continue;
    }
    for (const method of methods) routes.push({ method: method.toUpperCase(), path });
  }
  return routes;
}

export const routeKey = (route: DiscoveredRoute) => `${route.method} ${route.path}`;

export { Role };

/**
 * Every route the service answers, and who may use it. Written out by hand on purpose (not read
 * from POLICY), so a change of policy is a change of this table too. A route someone adds without
 * a row here fails authorization-matrix.e2e-spec.ts: add its row.
 *
 * scope: 'record': a role bound to an area, asking for a record in another area, gets 404.
 *        'create': the same role, opening a record in another area, gets 403 (it named the area).
 *        'list':   the same role gets 200 without the other area's records.
 */
export type RouteAccess =
  | { access: 'public' }
  | {
      access: readonly Role[];
      scope?: 'record' | 'create' | 'list';
      body?: Record<string, unknown>;
      /** A multipart/form-data route: the name of its one file field (a file is sent there, not a JSON body). */
      file?: string;
      /**
       * A route that takes multipart/form-data as well as its JSON body: a valid form's text fields
       * (sent first, in order) and its file fields (a PDF in each). The matrix and the property test
       * send both bodies.
       */
      form?: { fields: Record<string, string>; files: readonly string[] };
    }
  /**
   * The console's pages (apps/api/src/console): opened by a signed-in session cookie, never by a
   * bearer token (401 to any token, any role). `roles` are those a session needs; console.e2e-spec.ts
   * proves them with real sessions through the local identity provider.
   */
  | { access: 'session'; roles: readonly Role[] };

const { Coordinator, Chair, Lado, SocialWorker, TeamManager, Manager, DutyManager, Auditor } = Role;
const CASEWORK = [Coordinator, Chair, Lado, SocialWorker];
const MANAGEMENT = [Manager, DutyManager];
const PUBLIC = { access: 'public' } as const;
/** ASV contacts: intake, screening, referral to the LADO, contacts, reading. */
const ASV_SCREENING = [Coordinator, Lado, ...MANAGEMENT];
/** ASV cases at the LADO stage. */
const LADO_STAGE = [Lado, ...MANAGEMENT];
/** Conferences: requesting and withdrawing; reading; scheduling, chairs and invitations. */
const CONFERENCE_REQUESTERS = [SocialWorker, Coordinator, ...MANAGEMENT];
const CONFERENCE_READERS = [Coordinator, Chair, SocialWorker, TeamManager, ...MANAGEMENT];
const CONFERENCE_ADMINISTRATORS = [Coordinator, Chair, ...MANAGEMENT];
/** A conference's distribution: reading, administering, the chair's own, the data-protection incidents. */
const DISTRIBUTION_STAFF = [Coordinator, Chair, ...MANAGEMENT];
const INCIDENT_READERS = [Manager, Auditor];
/** Chairs' diaries: who chairs an area, free slots, bookings. */
const CHAIR_DIARIES = [Coordinator, Chair, ...MANAGEMENT];
/** Plans and the register: reading; a plan's core group and birth. */
const PLAN_READERS = [Coordinator, Chair, SocialWorker, TeamManager, ...MANAGEMENT];
const PLAN_RECORDERS = [Coordinator, SocialWorker, ...MANAGEMENT];

export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  'GET /health': PUBLIC,
  // The API's description, no data (see configureApp): public.
  'GET /docs': PUBLIC,
  'GET /docs/': PUBLIC,
  'GET /docs/index.html': PUBLIC,
  'GET /docs/swagger-ui-init.js': PUBLIC,
  'GET /docs/docs/swagger-ui-init.js': PUBLIC,
  'GET /docs/LICENSE': PUBLIC,
  'GET /docs-json': PUBLIC,
  'GET /docs-yaml': PUBLIC,
  'USE /docs': PUBLIC,

  'GET /calendar/add-working-days': { access: [...CASEWORK, ...MANAGEMENT] },
  'GET /calendar/working-days-between': { access: [...CASEWORK, ...MANAGEMENT] },
  // The statutory clocks: reference data with no personal data, like the calendar.
  'GET /timescales': { access: [...CASEWORK, ...MANAGEMENT] },
  'GET /timescales/:kind': { access: [...CASEWORK, ...MANAGEMENT] },

  'GET /workflow-types': { access: [...CASEWORK, ...MANAGEMENT] },
  'GET /workflows': { access: [...CASEWORK, ...MANAGEMENT], scope: 'list' },
  'GET /workflows/:id': { access: [...CASEWORK, ...MANAGEMENT], scope: 'record' },
  'GET /workflows/:id/history': { access: [...CASEWORK, ...MANAGEMENT], scope: 'record' },
  'POST /workflows': {
    access: [...CASEWORK, ...MANAGEMENT],
    scope: 'create',
    body: {
      type: 'demo-case',
      input: { reference: 'DEMO-99', area: 'north', receivedAt: '2026-01-05T09:00:00Z' },
    },
  },
  'POST /workflows/:id/events': {
    access: [...CASEWORK, ...MANAGEMENT],
    scope: 'record',
    body: { type: 'note.added', text: 'matrix' },
  },
  'POST /workflows/:id/migrate': { access: MANAGEMENT, body: { toVersion: 2, reason: 'matrix' } },
  'GET /workflows/:id/inspection': { access: MANAGEMENT },
  'POST /workflows/:id/force': { access: MANAGEMENT, body: { toState: 'screening', reason: 'matrix test' } },
  'POST /workflows/:id/reassign': { access: MANAGEMENT, body: { assignee: 'matrix-staff', reason: 'matrix test' } },
  'POST /workflows/:id/incidents/:incidentId/resolve': {
    access: MANAGEMENT,
    body: { reason: 'matrix test', retry: false },
  },

  'GET /audit': { access: [Auditor] },

  // Bull Board (apps/api/src/admin/queues-board.module.ts): an Express router, not a Nest route,
  // behind its own check of the token and of POLICY.inspectWorkflows.
  'USE /admin/queues': { access: MANAGEMENT },

  // ASV referrals. :id here is the matrix's demo-case, which these routes do not find (404 to every
  // admitted role), so their area scoping is proven in asv.e2e-spec.ts on real referrals instead.
  'POST /asv-referrals': {
    access: ASV_SCREENING,
    scope: 'create',
    body: {
      receivedAt: '2026-01-05T09:00:00Z',
      area: 'north',
      referrer: { type: 'employer' },
      subjectPersonId: 'person-1',
      childIds: ['child-1'],
      employerIds: ['org-1'],
      concernCategory: 'physical-abuse',
    },
  },
  'GET /asv-referrals': { access: ASV_SCREENING, scope: 'list' },
  'GET /asv-referrals/:id': { access: ASV_SCREENING },
  'POST /asv-referrals/:id/screening': { access: ASV_SCREENING },
  'POST /asv-referrals/:id/lado-referral': { access: ASV_SCREENING },
  'POST /asv-referrals/:id/contacts': { access: ASV_SCREENING },
  'POST /asv-referrals/:id/meetings': { access: LADO_STAGE },
  'POST /asv-referrals/:id/tracks/:track/open': { access: LADO_STAGE },
  'POST /asv-referrals/:id/tracks/:track/conclude': { access: LADO_STAGE },
  'POST /asv-referrals/:id/outcome': { access: LADO_STAGE },
  'POST /asv-referrals/:id/follow-ups': { access: LADO_STAGE },
  'POST /asv-referrals/:id/close': { access: LADO_STAGE },
  'POST /asv-referrals/:id/reopen': { access: LADO_STAGE },

  // Notifications. Teams and the rota hold colleagues' contact details: managers only, both ways.
  'GET /duty-teams': { access: MANAGEMENT },
  'PUT /duty-teams': {
    access: MANAGEMENT,
    body: {
      area: 'north',
      recipient: 'duty_manager',
      name: 'Matrix',
      fallbackEmail: 'matrix@council.example',
    },
  },
  'GET /duty-rota': { access: MANAGEMENT },
  'PUT /duty-rota': {
    access: MANAGEMENT,
    body: { area: 'north', recipient: 'duty_manager', from: '2026-01-05', to: '2026-01-05', entries: [] },
  },
  // The caller's own items only (another's is 404 to everyone, proven in notifications.e2e-spec.ts).
  'GET /me/notifications': { access: [...CASEWORK, ...MANAGEMENT] },
  'POST /me/notifications/:id/acknowledge': { access: [...CASEWORK, ...MANAGEMENT] },
  'GET /workflows/:id/notifications': { access: [...CASEWORK, ...MANAGEMENT], scope: 'record' },

  // People: personal details for casework roles and managers; erasure for managers. :id is the
  // matrix's demo-case, no person (404 to every admitted role): people.e2e-spec.ts proves the area
  // scoping of a person's record; POST /people is scoped by the area it names.
  'POST /people': {
    access: [...CASEWORK, ...MANAGEMENT],
    scope: 'record',
    body: {
      area: 'north',
      people: [
        {
          kind: 'child',
          givenName: 'Matrix',
          externalIds: [{ system: 'case-management', value: 'MATRIX-1' }],
        },
      ],
    },
  },
  'GET /people/:id': { access: [...CASEWORK, ...MANAGEMENT] },
  'PATCH /people/:id': {
    access: [...CASEWORK, ...MANAGEMENT],
    body: { givenName: 'Matrix', reason: 'matrix' },
  },
  'DELETE /people/:id': { access: [Manager], body: { reason: 'matrix' } },

  // Chairs: their records and cover for managers, absences for co-ordinators too, diaries for those
  // who schedule. Chairs serve the whole authority: only "who chairs this area" is area-scoped
  // (chairs.e2e-spec.ts), and the matrix asks it without an area (400 to every admitted role).
  'GET /chairs': { access: CHAIR_DIARIES },
  'GET /chairs/:sub': { access: MANAGEMENT },
  'PUT /chairs/:sub': {
    access: MANAGEMENT,
    body: { displayName: 'Matrix chair', email: 'matrix-chair@council.example', homeAreas: [] },
  },
  'POST /chairs/:sub/cover': {
    access: MANAGEMENT,
    body: { area: 'west', from: '2026-02-02', to: '2026-02-06' },
  },
  'POST /chairs/:sub/absences': {
    access: [Coordinator, ...MANAGEMENT],
    body: { from: '2026-02-09', to: '2026-02-09' },
  },
  'GET /chairs/:sub/slots': { access: CHAIR_DIARIES },
  'POST /chairs/:sub/bookings': {
    access: CHAIR_DIARIES,
    body: { start: '2026-02-10T09:30:00Z', minutes: 90 },
  },
  'DELETE /chairs/:sub/bookings/:bookingId': { access: CHAIR_DIARIES },
  // The console (apps/api/src/console). Signing in and out, and govuk-frontend's files: public (the
  // way to a session, and no data). The pages and their forms: a console session (see RouteAccess).
  'GET /console/sign-in': PUBLIC,
  'GET /console/callback': PUBLIC,
  'POST /console/sign-out': PUBLIC,
  'GET /console/signed-out': PUBLIC,
  'GET /console/assets/*path': PUBLIC,
  'GET /console': { access: 'session', roles: [...CASEWORK, ...MANAGEMENT] },
  'POST /console/retry': { access: 'session', roles: MANAGEMENT },
  'GET /console/charts': { access: 'session', roles: [...CASEWORK, ...MANAGEMENT] },
  'GET /console/workflows/:id': { access: 'session', roles: [...CASEWORK, ...MANAGEMENT] },
  'POST /console/workflows/:id/force': { access: 'session', roles: MANAGEMENT },
  'POST /console/workflows/:id/reassign': { access: 'session', roles: MANAGEMENT },
  'POST /console/workflows/:id/migrate': { access: 'session', roles: MANAGEMENT },
  'POST /console/workflows/:id/incidents/:incidentId/resolve': { access: 'session', roles: MANAGEMENT },
  'GET /console/inbox': { access: 'session', roles: [...CASEWORK, ...MANAGEMENT] },
  'GET /console/data-protection': { access: 'session', roles: INCIDENT_READERS },
  'POST /console/inbox/:id/acknowledge': { access: 'session', roles: [...CASEWORK, ...MANAGEMENT] },

  // Conferences. :id is the matrix's demo-case, which these routes do not find (404 to every
  // admitted role): conferences.e2e-spec.ts proves their area scoping on real conferences. The
  // request names people not on record, so an admitted role in its own area gets 400, and one of
  // another area 403 before anything is looked up.
  'POST /conferences': {
    access: CONFERENCE_REQUESTERS,
    scope: 'create',
    body: {
      kind: 'initial',
      area: 'north',
      householdId: 'HH-MATRIX',
      children: [
        {
          person: {
            kind: 'child',
            givenName: 'Matrix',
            externalIds: [{ system: 'case-management', value: 'MATRIX-C' }],
          },
        },
      ],
      parentsAndCarers: [],
      strategyDiscussions: [{ id: 'sd-1', heldOn: '2026-01-02', startedSection47: true }],
      section47StartDate: '2026-01-02',
      socialWorker: {
        personId: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b',
        teamId: 'team-1',
        teamManagerPersonId: '7f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b',
        agencyId: 'csc:north',
      },
      professionals: [],
    },
  },
  'GET /conferences': { access: CONFERENCE_READERS, scope: 'list' },
  'GET /conferences/:id': { access: CONFERENCE_READERS },
  'POST /conferences/:id/withdrawal': {
    access: CONFERENCE_REQUESTERS,
    body: { reason: 'icpc-not-required' },
  },
  'POST /conferences/:id/chair': { access: CONFERENCE_ADMINISTRATORS },
  'POST /conferences/:id/schedule': {
    access: CONFERENCE_ADMINISTRATORS,
    body: {
      date: '2026-02-10',
      startTime: '10:00',
      durationMinutes: 90,
      venueId: 'room-1',
      minuteTakerSub: 'mt-1',
    },
  },
  'POST /conferences/:id/reschedule': {
    access: CONFERENCE_ADMINISTRATORS,
    body: {
      date: '2026-02-10',
      startTime: '10:00',
      durationMinutes: 90,
      venueId: 'room-1',
      minuteTakerSub: 'mt-1',
      reason: 'matrix',
    },
  },
  'POST /conferences/:id/late-approvals': { access: [TeamManager, Chair] },
  'POST /conferences/:id/cancellation': { access: CONFERENCE_ADMINISTRATORS, body: { reason: 'matrix' } },
  // The chair's diary through the conference: 404 for the matrix's demo-case.
  'GET /conferences/slots': { access: CHAIR_DIARIES },
  'POST /conferences/:id/invitees': {
    access: CONFERENCE_ADMINISTRATORS,
    body: {
      personId: 'p-1',
      invitedAs: 'professional',
      agencyId: 'police:met',
      professionalGroup: 'police',
      directContactWith: [],
      contactBy: 'email',
    },
  },
  'POST /conferences/:id/invitees/agreement': { access: [Chair] },
  'POST /conferences/:id/invitees/:personId/removal': {
    access: CONFERENCE_ADMINISTRATORS,
    body: { reason: 'matrix' },
  },
  'POST /conferences/:id/invitations/:personId/response': {
    access: CONFERENCE_ADMINISTRATORS,
    body: { answer: 'attending' },
  },
  'POST /conferences/:id/reports': {
    access: [Coordinator, Chair, SocialWorker, ...MANAGEMENT],
    body: { author: 'social-worker', caseManagementReference: 'DOC-1' },
  },
  // Report documents: the upload is multipart (a PDF in its file field); reading answers the bytes.
  'POST /conferences/:id/reports/:key/document': {
    access: [Coordinator, Chair, SocialWorker, ...MANAGEMENT],
    file: 'file',
  },
  'GET /conferences/:id/reports/:key/document': { access: CONFERENCE_READERS },
  'POST /conferences/:id/reports/:key/sharing': {
    access: CONFERENCE_ADMINISTRATORS,
    body: { reason: 'matrix' },
  },
  'POST /conferences/:id/social-worker-report/shared': {
    access: CONFERENCE_REQUESTERS,
    body: { sharedOn: '2026-01-05' },
  },
  // Invitation letters for invitees without email (conference-invitations.e2e-spec.ts proves them
  // on real conferences): the demo-case :id is not found (404), and /letters lists the caller's areas.
  'GET /letters': { access: CONFERENCE_ADMINISTRATORS, scope: 'list' },
  'GET /conferences/:id/letters': { access: CONFERENCE_ADMINISTRATORS },
  'POST /conferences/:id/letters/:taskId/posted': { access: CONFERENCE_ADMINISTRATORS, body: { postedOn: '2026-01-05' } },
  'POST /conferences/:id/invitations/:personId/resend': { access: CONFERENCE_ADMINISTRATORS, body: { contactBy: 'letter' } },
  // An invitee's personal link: the token is the credential (a bearer token neither opens nor
  // refuses it); an unknown one is 404 to everyone.
  'GET /invitations/:token': PUBLIC,
  'POST /invitations/:token': PUBLIC,
  // Part 2: the meeting and the decision (404 for the matrix's demo-case; conferences-outcome.e2e-spec.ts proves them).
  'POST /conferences/:id/sitting': { access: CONFERENCE_ADMINISTRATORS },
  'POST /conferences/:id/attendance': {
    access: [Coordinator, Chair],
    body: {
      attendees: [
        {
          personId: 'sw-1',
          capacity: 'professional',
          agencyId: 'csc:north',
          professionalGroup: 'childrens-social-care',
          directContactChildIds: ['c-1'],
        },
      ],
      apologies: [],
      exclusions: [],
    },
  },
  'POST /conferences/:id/adjournment': { access: [Chair, Manager], body: { interimProtectionPlan: 'matrix' } },
  'POST /conferences/:id/exceptional-quorum': {
    access: [Chair],
    body: { delayWouldHarm: 'matrix', informationSufficient: 'matrix' },
  },
  'POST /conferences/:id/decision': {
    access: [Chair],
    body: {
      children: [{ childId: 'c-1', plan: true, categories: ['neglect'], dissent: [], chairDecisionRecord: 'matrix' }],
    },
  },
  // Plans: :id is the demo-case, which these routes do not find (404 to every admitted role).
  'GET /plans': { access: PLAN_READERS, scope: 'list' },
  'GET /plans/:id': { access: PLAN_READERS },
  'POST /plans/:id/core-group': { access: PLAN_RECORDERS, body: { metOn: '2026-01-05' } },
  'POST /plans/:id/previous-plans': { access: [Coordinator], body: { source: 'before-the-service', count: 1 } },
  'POST /plans/:id/birth': {
    access: PLAN_RECORDERS,
    body: {
      person: {
        kind: 'child',
        givenName: 'Matrix',
        dateOfBirth: '2026-01-02',
        externalIds: [{ system: 'case-management', value: 'MATRIX-B' }],
      },
    },
  },
  'POST /plans/:id/lead-social-worker': {
    access: [Coordinator, TeamManager, ...MANAGEMENT],
    body: { personId: 'sw-2', teamId: 'team-2' },
  },
  'POST /plans/:id/ending': { access: [Coordinator, TeamManager, Manager], body: { endDate: '2026-01-05', reason: 'left-the-uk' } },
  // The register and the census: read models, by area.
  'GET /register': { access: PLAN_READERS, scope: 'list' },
  'GET /returns/census': { access: [Coordinator, ...MANAGEMENT] },

  // The distribution. :id is the matrix's demo-case, which these routes do not find (404 to every
  // admitted role): distribution.e2e-spec.ts proves them on a real distribution.
  'GET /distributions': { access: DISTRIBUTION_STAFF, scope: 'list' },
  'GET /distributions/incidents': { access: INCIDENT_READERS },
  'GET /distributions/:id': { access: DISTRIBUTION_STAFF },
  'GET /distributions/:id/lists/:round': { access: DISTRIBUTION_STAFF },
  'POST /distributions/:id/recipients': { access: [Chair], body: { personId: 'gp-1', role: 'professional' } },
  // A version: JSON (parts in base64) or multipart (a manifest field, then a file per new part).
  'POST /distributions/:id/documents/:round/versions': {
    access: DISTRIBUTION_STAFF,
    body: { parts: [{ kind: 'main', content: 'JVBERi0xLjQK' }] },
    form: { fields: { manifest: JSON.stringify({ parts: [{ kind: 'main', file: 'part0' }] }) }, files: ['part0'] },
  },
  'POST /distributions/:id/documents/:round/drafts': { access: DISTRIBUTION_STAFF },
  'POST /distributions/:id/reports': { access: DISTRIBUTION_STAFF },
  'POST /distributions/:id/approvals/:round': { access: [Chair], body: { addressNeeds: [] } },
  'GET /distributions/:id/packs/:packId/print': { access: DISTRIBUTION_STAFF },
  'POST /distributions/:id/packs/:packId/posted': { access: DISTRIBUTION_STAFF },
  'POST /distributions/:id/packs/:packId/resending': {
    access: DISTRIBUTION_STAFF,
    body: { channel: 'letter' },
  },
  'POST /distributions/:id/packs/:packId/revocation': {
    access: DISTRIBUTION_STAFF,
    body: { reason: 'wrong-recipient' },
  },
  'POST /distributions/:id/corrections': {
    access: DISTRIBUTION_STAFF,
    body: { packId: 'minutes.1.p-1', text: 'matrix' },
  },
  'POST /distributions/:id/corrections/:correctionId/answer': { access: [Chair], body: { accepted: false } },
  'GET /distributions/:id/incidents': { access: INCIDENT_READERS },
  // A recipient's personal link: public, but gated by its token (a random 256-bit value, only its
  // SHA-256 stored): an unknown token is 404, a superseded, revoked or expired one 410, with no bytes.
  'GET /packs/:token': PUBLIC,
  'POST /packs/:token/code': PUBLIC,
  'POST /packs/:token/documents': PUBLIC,
  'POST /packs/:token/corrections': PUBLIC,
};
