import fc from 'fast-check';
import { applyEvent, startWorkflow, TransitionOutcome } from '../../engine';
import { DomainError } from '../../errors';
import type { SendPackEffect } from './distribution.effects';
import { distributionDefinition } from './distribution.definition';
import { draftList } from './distribution.facts';
import type { ApprovalPayload } from './distribution.payloads';
import { approveDistribution, assemblePack, withholdingRulesFor } from './rules';
import type { DistributionFacts, RecipientRole } from './rules';
import { ACTORS, conferenceHeld, env, inviteeOf, part } from './distribution.test-support';

/**
 * Through the machine (fewer runs than the rule's own property): generated households,
 * exclusions, reports and confidential addresses, and lists over them. The facts the rule judges
 * are built here from the generated data, apart from the machine's own distributionFacts.
 */

const FAMILY: RecipientRole[] = ['parent', 'carer', 'family-member'];

const scenario = fc
  .record({
    family: fc.array(fc.constantFrom(...FAMILY), { minLength: 1, maxLength: 4 }),
    professionals: fc.integer({ min: 0, max: 3 }),
    sections: fc.integer({ min: 0, max: 2 }),
    reports: fc.array(fc.boolean(), { maxLength: 2 }),
  })
  .chain(({ family, professionals, sections, reports }) => {
    const people = [
      ...family.map((role, i) => ({ personId: `family-${i}`, role })),
      ...Array.from({ length: professionals }, (_, i) => ({
        personId: `pro-${i}`,
        role: 'professional' as RecipientRole,
      })),
    ];
    const ids = people.map((p) => p.personId);
    return fc.record({
      people: fc.constant(people),
      reportsNotForParents: fc.constant(reports),
      exclusions: fc.tuple(...Array.from({ length: sections }, () => fc.subarray(ids, { minLength: 1 }))),
      holders: fc.subarray(ids),
      // Whether each report also holds the first holder's address.
      reportAddress: fc.array(fc.boolean(), { minLength: reports.length, maxLength: reports.length }),
    });
  });

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** The start, the minutes and the report registrations the scenario makes. */
function build(s: Scenario) {
  const input = conferenceHeld({
    invitees: s.people.map((p) => inviteeOf({ ...p, hasEmail: p.personId.endsWith('0') })),
    exclusions: s.exclusions.map((excluded, i) => ({
      partId: `section-${i}`,
      excludedPersonIds: excluded,
    })),
    reports: s.reportsNotForParents.map((notForSharingWithParents, i) => ({
      key: `agency-${i}`,
      documentId: `report-${i}`,
      caseManagementReference: null,
      notForSharingWithParents,
    })),
    confidentialAddressPersonIds: s.holders,
  });
  const minutesParts = [
    part('minutes-main'),
    ...s.exclusions.map((_, i) =>
      part(`minutes-section-${i}`, 'excluded-section', { sectionId: `section-${i}` }),
    ),
    ...s.holders.map((holder) =>
      part(`minutes-address-${holder}`, 'confidential-address', { addressOfPersonId: holder }),
    ),
  ];
  const reports = s.reportsNotForParents.map((_, i) => ({
    reportId: `report-${i}`,
    origin: 'uploaded',
    parts: [
      part(`report-${i}-body`, 'report', { reportId: `report-${i}` }),
      ...(s.reportAddress[i] && s.holders[0]
        ? [part(`report-${i}-address`, 'confidential-address', { addressOfPersonId: s.holders[0] })]
        : []),
    ],
  }));
  const documents = [
    { documentId: 'minutes', partIds: minutesParts.map((p) => p.partId) },
    ...reports.map((r) => ({ documentId: `report:${r.reportId}`, partIds: r.parts.map((p) => p.partId) })),
  ];
  const allParts = [...minutesParts, ...reports.flatMap((r) => r.parts)];
  const facts = (addressNeeds: ApprovalPayload['addressNeeds']): DistributionFacts => ({
    people: s.people,
    documents,
    excludedSections: s.exclusions.map((excluded, i) => ({
      partId: `minutes-section-${i}`,
      excludedPersonIds: excluded,
    })),
    reports: s.reportsNotForParents.map((notForSharingWithParents, i) => ({
      partId: `report-${i}-body`,
      notForSharingWithParents,
    })),
    confidentialAddresses: allParts
      .filter((p) => p.kind === 'confidential-address')
      .map((p) => ({
        partId: p.partId,
        addressOfPersonId: (p as { addressOfPersonId?: string }).addressOfPersonId!,
      })),
    addressNeeds,
  });
  return { input, minutesParts, reports, documents, facts };
}

let seq = 0;
const meta = (actor = ACTORS.coordinator) => ({
  at: '2026-12-01T10:00:00.000Z',
  eventId: `e-${(seq += 1)}`,
  actor,
});

function readyForApproval(s: Scenario): { outcome: TransitionOutcome; built: ReturnType<typeof build> } {
  const built = build(s);
  let outcome = startWorkflow(distributionDefinition, built.input, meta(ACTORS.system), env);
  const send = (type: string, payload: Record<string, unknown>) => {
    outcome = applyEvent(distributionDefinition, outcome.snapshot, { type, ...payload, meta: meta() }, env);
  };
  send('minutes.registered', { origin: 'uploaded', parts: built.minutesParts });
  for (const report of built.reports) send('report.registered', report);
  return { outcome, built };
}

const listFor = (built: ReturnType<typeof build>, s: Scenario): fc.Arbitrary<ApprovalPayload> => {
  const ids = s.people.map((p) => p.personId);
  const everyPart = built.documents.flatMap((d) => d.partIds);
  const entry = (recipientId: string) =>
    fc.record({
      recipientId: fc.constant(recipientId),
      documents: fc.subarray(built.documents).chain((docs) =>
        fc.tuple(
          ...docs.map((d) =>
            fc.record({
              documentId: fc.constant(d.documentId),
              partIds: fc.oneof(
                { weight: 8, arbitrary: fc.subarray([...d.partIds]) },
                {
                  weight: 1,
                  arbitrary: fc
                    .subarray([...d.partIds])
                    .chain((p: string[]) =>
                      fc.constantFrom(...everyPart).map((x): string[] => [...new Set([...p, x])]),
                    ),
                },
              ),
            }),
          ),
        ),
      ),
    });
  return fc.record({
    recipients: fc
      .uniqueArray(
        fc.oneof(
          { weight: 10, arbitrary: fc.constantFrom(...ids) },
          { weight: 1, arbitrary: fc.constant('stranger') },
        ),
        {
          minLength: 1,
          maxLength: ids.length + 1,
        },
      )
      .chain((recipients) => fc.tuple(...recipients.map(entry))),
    addressNeeds: fc.array(
      fc.record({ professionalId: fc.constantFrom(...ids), addressOfPersonId: fc.constantFrom(...ids) }),
      { maxLength: 3 },
    ),
  });
};

const sends = (outcome: TransitionOutcome) =>
  outcome.effects.filter((e) => e.type === 'distribution.send-pack') as unknown as SendPackEffect[];

describe('distribution machine, over generated conferences and lists', () => {
  it('approves exactly when approveDistribution does, refuses with its violations, and sends only what assemblePack allows (150 runs)', () => {
    let approved = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        scenario.chain((s) => fc.tuple(fc.constant(s), listFor(build(s), s))),
        ([s, list]) => {
          const { outcome, built } = readyForApproval(s);
          const facts = built.facts(list.addressNeeds);
          const expected = approveDistribution(facts, list);
          let result: TransitionOutcome | DomainError;
          try {
            result = applyEvent(
              distributionDefinition,
              outcome.snapshot,
              { type: 'minutes.approved', ...list, meta: meta(ACTORS.chair) },
              env,
            );
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            result = error;
          }
          if (!expected.approved) {
            refused += 1;
            expect(result).toBeInstanceOf(DomainError);
            expect((result as DomainError).extensions.violations).toEqual(expected.violations);
            return;
          }
          approved += 1;
          expect(result).not.toBeInstanceOf(DomainError);
          const effects = sends(result as TransitionOutcome);
          for (const entry of list.recipients) {
            const sent = effects.find((e) => e.recipientId === entry.recipientId);
            const wanted = entry.documents
              .map((d) => ({
                documentId: d.documentId,
                partIds: assemblePack(
                  entry.recipientId,
                  built.documents
                    .find((doc) => doc.documentId === d.documentId)!
                    .partIds.filter((p) => d.partIds.includes(p)),
                  facts,
                ),
              }))
              .filter((d) => d.partIds.length > 0);
            expect(sent?.documents.map(({ documentId, partIds }) => ({ documentId, partIds })) ?? []).toEqual(
              wanted,
            );
            for (const partId of sent?.partIds ?? [])
              expect(withholdingRulesFor(entry.recipientId, partId, facts)).toEqual([]);
          }
          expect(effects).toHaveLength(
            list.recipients.filter((r) => r.documents.some((d) => d.partIds.length > 0)).length,
          );
        },
      ),
      { numRuns: 150 },
    );
    // Both sides exercised, or the property proves nothing.
    expect(approved).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
  });

  it("sends, for the draft list, every recipient exactly assemblePack's parts of each whole document (60 runs)", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { outcome, built } = readyForApproval(s);
        const draft = draftList(outcome.snapshot.context as never, 'minutes');
        const next = applyEvent(
          distributionDefinition,
          outcome.snapshot,
          { type: 'minutes.approved', ...draft, meta: meta(ACTORS.chair) },
          env,
        );
        const facts = built.facts([]);
        for (const person of s.people) {
          const sent = sends(next).find((e) => e.recipientId === person.personId);
          const wanted = built.documents
            .map((d) => ({
              documentId: d.documentId,
              partIds: assemblePack(person.personId, d.partIds, facts),
            }))
            .filter((d) => d.partIds.length > 0);
          expect(sent?.documents.map(({ documentId, partIds }) => ({ documentId, partIds })) ?? []).toEqual(
            wanted,
          );
        }
      }),
      { numRuns: 60 },
    );
  });
});
