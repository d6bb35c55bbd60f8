import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DocumentStore, WorkflowEngine } from '@app/persistence';
import {
  DEFAULT_STATUTORY_SETTINGS,
  type DistributionContext,
  distributionFigures,
  ManualClock,
  SYSTEM_ACTOR,
} from '@app/workflows';
import { unzipStored } from '../../apps/api/src/distribution/pack-zip';
import { startTestApp, TestApp } from '../support/app';
import { pdfBytes } from '../support/documents';
import { asBytes } from '../support/multipart';
import { bearer } from '../support/tokens';

/**
 * The approval rule and the packs' bytes through the API, over generated households: parents,
 * carers, family members and professionals; parts of the meeting some were excluded from; reports
 * not for sharing with parents; confidential addresses, and the professionals the chair marks as
 * needing one. Every approval that would give someone a part they may not have is refused (422,
 * naming the rule and the recipient); every pack the approved list makes holds, in its bytes, the
 * parts listed for its recipient and none withheld from them. Each part's bytes carry a marker, so
 * a withheld part in a pack would show. Every recipient here has no email, so their packs are
 * printed packs, which the API hands out as the recipient's link would.
 */
const ROLES = ['parent', 'carer', 'family-member', 'professional'] as const;
const INVITED_AS = {
  parent: 'parent',
  carer: 'carer',
  'family-member': 'child',
  professional: 'professional',
} as const;
const RUNS = 15;

const household = fc.array(fc.constantFrom(...ROLES), { minLength: 2, maxLength: 5 }).chain((roles) => {
  const people = roles.map((role, i) => ({ personId: `person-${i}`, role }));
  const ids = people.map((p) => p.personId);
  return fc.record({
    people: fc.constant(people),
    exclusions: fc.array(fc.subarray(ids, { minLength: 1 }), { maxLength: 2 }),
    reportsNotForParents: fc.array(fc.boolean(), { maxLength: 2 }),
    holders: fc.subarray(ids, { maxLength: 2 }),
    needs: fc.subarray(
      people
        .filter((p) => p.role === 'professional')
        .flatMap((p) => ids.map((h) => ({ professionalId: p.personId, addressOfPersonId: h }))),
    ),
    // Per recipient, per part (by position): whether the generated list gives it.
    listSeed: fc.array(fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), {
      minLength: 5,
      maxLength: 5,
    }),
  });
});

type Household = typeof household extends fc.Arbitrary<infer T> ? T : never;

describe('distribution property through the API: refused approvals and the packs’ bytes', () => {
  let t: TestApp;
  let n = 0;
  const http = () => request(t.app.getHttpServer());
  const as = (role: string, sub = `user-${role}`) =>
    bearer(t.config, t.clock, role as never, { sub, area: 'north' });

  beforeAll(async () => {
    t = await startTestApp({}, new ManualClock(new Date('2026-11-23T16:00:00Z')));
  }, 60_000);
  afterAll(() => t?.close());

  /** The oracle, written out again from the rules: what a recipient may not receive. */
  function withheld(
    h: Household,
    recipientId: string,
    part: { kind: string; of?: string; excluded?: string[]; notForParents?: boolean },
  ) {
    const role = h.people.find((p) => p.personId === recipientId)!.role;
    const familySide = role !== 'professional';
    const rules: string[] = [];
    if (part.kind === 'excluded-section' && part.excluded!.includes(recipientId))
      rules.push('excluded-section');
    if (part.kind === 'report' && part.notForParents && familySide) rules.push('report-not-for-parents');
    if (
      part.kind === 'confidential-address' &&
      part.of !== recipientId &&
      (familySide ||
        !h.needs.some((need) => need.professionalId === recipientId && need.addressOfPersonId === part.of))
    )
      rules.push('confidential-address');
    return rules;
  }

  async function setUp(h: Household) {
    n += 1;
    const reportIds: string[] = h.reportsNotForParents.map(() => randomUUID());
    const started = await t.app.get(WorkflowEngine).start(
      'distribution',
      {
        conferenceReference: `CPC-2026-${String(800000 + n).padStart(6, '0')}`,
        area: 'north',
        householdId: `household-${n}`,
        conferenceKind: 'initial',
        heldOn: '2026-11-23',
        chairSub: 'chair-7',
        invitees: h.people.map((p) => ({
          personId: p.personId,
          invitedAs: INVITED_AS[p.role],
          agencyId: null,
          attended: true,
          contactBy: 'letter',
        })),
        uninvitedAttendeePersonIds: [],
        exclusions: h.exclusions.map((excludedPersonIds, i) => ({
          partId: `section-${i}`,
          excludedPersonIds,
        })),
        reports: h.reportsNotForParents.map((notForSharingWithParents, i) => ({
          key: `agency-${i}`,
          documentId: reportIds[i],
          caseManagementReference: null,
          notForSharingWithParents,
        })),
        confidentialAddressPersonIds: h.holders,
        children: [{ childId: 'child-a', outcome: 'plan', categories: ['neglect'] }],
        figures: distributionFigures(DEFAULT_STATUTORY_SETTINGS, []),
      },
      { actor: SYSTEM_ACTOR, idempotencyKey: `property-${n}` },
    );
    const id = started.id;
    const store = t.app.get(DocumentStore);
    await t.app.get(DataSource).transaction(async (tx) => {
      for (const [i, reportId] of reportIds.entries())
        await store.insert(tx, {
          id: reportId,
          workflowId: id,
          area: 'north',
          kind: 'report',
          mediaType: 'application/pdf',
          content: pdfBytes(`MARK-REPORT-${i}-END`),
          uploadedBy: 'coordinator-1',
        });
    });
    const coordinator = await as('coordinator');
    const pdf = (marker: string) => pdfBytes(marker).toString('base64');
    const version = await http()
      .post(`/distributions/${id}/documents/minutes/versions`)
      .set('Authorization', coordinator)
      .send({
        parts: [
          { kind: 'main', content: pdf('MARK-MAIN-END') },
          ...h.exclusions.map((_, i) => ({
            kind: 'excluded-section',
            sectionId: `section-${i}`,
            content: pdf(`MARK-SECTION-${i}-END`),
          })),
          ...h.holders.map((holder) => ({
            kind: 'confidential-address',
            addressOfPersonId: holder,
            content: pdf(`MARK-ADDRESS-${holder}-END`),
          })),
        ],
      });
    expect(version.status).toBe(200);
    if (reportIds.length > 0)
      expect(
        (await http().post(`/distributions/${id}/reports`).set('Authorization', coordinator)).status,
      ).toBe(200);
    const context = (await t.app.get(WorkflowEngine).get(id)).context as unknown as DistributionContext;
    // Every part with what it holds and its marker.
    const parts = context.documents.flatMap((d) =>
      d.versions.at(-1)!.parts.map((p) => {
        const sectionIndex = p.sectionId ? Number(p.sectionId.split('-')[1]) : -1;
        const reportIndex = p.reportId ? reportIds.indexOf(p.reportId) : -1;
        return {
          documentId: d.documentId,
          partId: p.partId,
          kind: p.kind,
          of: p.addressOfPersonId ?? undefined,
          excluded: sectionIndex >= 0 ? h.exclusions[sectionIndex] : undefined,
          notForParents: reportIndex >= 0 ? h.reportsNotForParents[reportIndex] : undefined,
          marker:
            p.kind === 'main'
              ? 'MARK-MAIN-END'
              : p.kind === 'excluded-section'
                ? `MARK-SECTION-${sectionIndex}-END`
                : p.kind === 'report'
                  ? `MARK-REPORT-${reportIndex}-END`
                  : `MARK-ADDRESS-${p.addressOfPersonId}-END`,
        };
      }),
    );
    return { id, parts };
  }

  const listOf = (h: Household, parts: Awaited<ReturnType<typeof setUp>>['parts']) =>
    h.people.map((person, r) => ({
      recipientId: person.personId,
      documents: [...new Set(parts.map((p) => p.documentId))].map((documentId) => ({
        documentId,
        partIds: parts
          .map((p, k) => ({ p, k }))
          .filter(({ p, k }) => p.documentId === documentId && (h.listSeed[r]?.[k % 8] ?? false))
          .map(({ p }) => p.partId),
      })),
    }));

  async function printed(id: string, packId: string): Promise<string> {
    const res = await http()
      .get(`/distributions/${id}/packs/${packId}/print`)
      .set('Authorization', await as('coordinator'))
      .buffer(true)
      .parse(asBytes);
    expect(res.status).toBe(200);
    return unzipStored(res.body as Buffer)
      .map((e) => e.content.toString('latin1'))
      .join('\n');
  }

  it(
    `refuses every approval that breaks the rule, and no pack's bytes hold a withheld part (${RUNS} households)`,
    async () => {
      let refusedRuns = 0;
      let approvedRuns = 0;
      await fc.assert(
        fc.asyncProperty(household, async (h) => {
          const { id, parts } = await setUp(h);
          const chair = await as('chair', 'chair-7');
          const recipients = listOf(h, parts);
          const breaks = recipients.flatMap((entry) =>
            entry.documents.flatMap((d) =>
              d.partIds.flatMap((partId) =>
                withheld(
                  h,
                  entry.recipientId,
                  parts.find((p) => p.partId === partId)!,
                ).map((rule) => ({
                  rule,
                  recipientId: entry.recipientId,
                  documentId: d.documentId,
                  partId,
                })),
              ),
            ),
          );
          let approval = await http()
            .post(`/distributions/${id}/approvals/minutes`)
            .set('Authorization', chair)
            .send({ recipients, addressNeeds: h.needs });
          let approvedList = recipients;
          if (breaks.length > 0) {
            refusedRuns += 1;
            expect(approval.status).toBe(422);
            expect(approval.headers['content-type']).toMatch(/problem\+json/);
            expect(approval.body.violations).toEqual(expect.arrayContaining(breaks));
            expect(approval.body.violations).toHaveLength(breaks.length);
            // The draft the API offers keeps the rule: the chair approves it instead.
            approval = await http()
              .post(`/distributions/${id}/approvals/minutes`)
              .set('Authorization', chair)
              .send({ addressNeeds: h.needs });
            approvedList = (
              await http().get(`/distributions/${id}/lists/minutes`).set('Authorization', chair)
            ).body.draft.recipients;
          } else approvedRuns += 1;
          expect(approval.status).toBe(200);
          const context = (await t.app.get(WorkflowEngine).get(id)).context as unknown as DistributionContext;
          for (const pack of context.packs.filter((p) => p.round === 'minutes')) {
            const bytes = await printed(id, pack.packId);
            for (const part of parts) {
              const wasWithheld = withheld(h, pack.recipientId, part).length > 0;
              if (wasWithheld)
                expect([pack.recipientId, part.marker, bytes.includes(part.marker)]).toEqual([
                  pack.recipientId,
                  part.marker,
                  false,
                ]);
            }
            // Whatever the pack holds was listed for its recipient (the draft when the list was refused).
            const listed = new Set(
              approvedList
                .filter((e) => e.recipientId === pack.recipientId)
                .flatMap((e) => e.documents.flatMap((d) => d.partIds)),
            );
            for (const part of parts)
              if (bytes.includes(part.marker)) expect(listed.has(part.partId)).toBe(true);
          }
        }),
        { numRuns: RUNS },
      );
      // Both sides of the rule were met, or the property proved little.
      expect(refusedRuns).toBeGreaterThan(0);
      expect(refusedRuns + approvedRuns).toBe(RUNS);
    },
    10 * 60_000,
  );
});
