import type { INestApplication } from '@nestjs/common';
import { generateKeyPairSync, KeyObject } from 'node:crypto';
import type { AppConfig } from '@app/persistence';
import type { Clock } from '@app/workflows';
import { loadOrCreateDevKeyPair, signToken } from '../../apps/api/src/auth/dev-tokens';
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
      issuer: options.issuer ?? config.authIssuer,
      audience: options.audience ?? config.authAudience,
      claimNames: {
        roles: config.authRolesClaim,
        area: config.authAreaClaim,
        coveringAreas: config.authCoveringAreasClaim,
      },
      now: options.issuedAt ?? clock.now(),
      expiresInSeconds: options.expiresInSeconds ?? 3600,
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
  | { access: readonly Role[]; scope?: 'record' | 'create' | 'list'; body?: Record<string, unknown> }
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
/** Chairs' diaries: who chairs an area, free slots, bookings. */
const CHAIR_DIARIES = [Coordinator, Chair, ...MANAGEMENT];

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
    body: { area: 'north', recipient: 'duty_manager', name: 'Matrix', fallbackEmail: 'matrix@council.example' },
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
      people: [{ kind: 'child', givenName: 'Matrix', externalIds: [{ system: 'case-management', value: 'MATRIX-1' }] }],
    },
  },
  'GET /people/:id': { access: [...CASEWORK, ...MANAGEMENT] },
  'PATCH /people/:id': { access: [...CASEWORK, ...MANAGEMENT], body: { givenName: 'Matrix', reason: 'matrix' } },
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
  'POST /chairs/:sub/cover': { access: MANAGEMENT, body: { area: 'west', from: '2026-02-02', to: '2026-02-06' } },
  'POST /chairs/:sub/absences': { access: [Coordinator, ...MANAGEMENT], body: { from: '2026-02-09', to: '2026-02-09' } },
  'GET /chairs/:sub/slots': { access: CHAIR_DIARIES },
  'POST /chairs/:sub/bookings': { access: CHAIR_DIARIES, body: { start: '2026-02-10T09:30:00Z', minutes: 90 } },
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
      children: [{ person: { kind: 'child', givenName: 'Matrix', externalIds: [{ system: 'case-management', value: 'MATRIX-C' }] } }],
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
  'POST /conferences/:id/withdrawal': { access: CONFERENCE_REQUESTERS, body: { reason: 'icpc-not-required' } },
  'POST /conferences/:id/chair': { access: CONFERENCE_ADMINISTRATORS },
  'POST /conferences/:id/schedule': {
    access: CONFERENCE_ADMINISTRATORS,
    body: { date: '2026-02-10', startTime: '10:00', durationMinutes: 90, venueId: 'room-1', minuteTakerSub: 'mt-1' },
  },
  'POST /conferences/:id/reschedule': {
    access: CONFERENCE_ADMINISTRATORS,
    body: { date: '2026-02-10', startTime: '10:00', durationMinutes: 90, venueId: 'room-1', minuteTakerSub: 'mt-1', reason: 'matrix' },
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
  'POST /conferences/:id/invitees/:personId/removal': { access: CONFERENCE_ADMINISTRATORS, body: { reason: 'matrix' } },
  'POST /conferences/:id/invitations/:personId/response': {
    access: CONFERENCE_ADMINISTRATORS,
    body: { answer: 'attending' },
  },
  'POST /conferences/:id/reports': {
    access: [Coordinator, Chair, SocialWorker, ...MANAGEMENT],
    body: { author: 'social-worker', caseManagementReference: 'DOC-1' },
  },
  'POST /conferences/:id/reports/:key/sharing': { access: CONFERENCE_ADMINISTRATORS, body: { reason: 'matrix' } },
  'POST /conferences/:id/social-worker-report/shared': {
    access: CONFERENCE_REQUESTERS,
    body: { sharedOn: '2026-01-05' },
  },
};
