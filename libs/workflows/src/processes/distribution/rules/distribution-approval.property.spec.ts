import fc from 'fast-check';
import { approveDistribution, assemblePack, DistributionRule } from './distribution-approval';
import type { DistributionFacts, DistributionList, RecipientRole } from './distribution-facts';

/**
 * Generated households, attendances, exclusions, not-for-sharing reports and confidential
 * addresses. The oracle below restates the rules from their definitions, apart from the code
 * under test, so the properties compare two readings of the rules rather than one with itself.
 */

const FAMILY_ROLES: RecipientRole[] = ['parent', 'carer', 'family-member'];
const PART_POOL = Array.from({ length: 8 }, (_, i) => `part-${i}`);

const householdArbitrary = fc
  .record({
    family: fc.array(fc.constantFrom(...FAMILY_ROLES), { minLength: 1, maxLength: 5 }),
    professionals: fc.integer({ min: 0, max: 5 }),
    documentCount: fc.integer({ min: 1, max: 3 }),
  })
  .chain(({ family, professionals, documentCount }) => {
    const people = [
      ...family.map((role, i) => ({ personId: `family-${i}`, role })),
      ...Array.from({ length: professionals }, (_, i) => ({
        personId: `professional-${i}`,
        role: 'professional' as const,
      })),
    ];
    const ids = people.map((p) => p.personId);
    const professionalIds = ids.filter((id) => id.startsWith('professional-'));
    const person = fc.constantFrom(...ids);
    const part = fc.constantFrom(...PART_POOL);
    return fc.record({
      people: fc.constant(people),
      documents: fc
        .array(fc.integer({ min: 0, max: documentCount - 1 }), {
          minLength: PART_POOL.length,
          maxLength: PART_POOL.length,
        })
        .map((assignment) =>
          Array.from({ length: documentCount }, (_, d) => ({
            documentId: `document-${d}`,
            partIds: PART_POOL.filter((_, p) => assignment[p] === d),
          })),
        ),
      excludedSections: fc.array(
        fc.record({ partId: part, excludedPersonIds: fc.uniqueArray(person, { maxLength: 3 }) }),
        { maxLength: 3 },
      ),
      reports: fc.array(fc.record({ partId: part, notForSharingWithParents: fc.boolean() }), {
        maxLength: 3,
      }),
      confidentialAddresses: fc.array(fc.record({ partId: part, addressOfPersonId: person }), {
        maxLength: 3,
      }),
      // Needs may (wrongly) name family members too: that must grant them nothing.
      addressNeeds: fc.array(
        fc.record({
          professionalId:
            professionalIds.length > 0 ? fc.oneof(fc.constantFrom(...professionalIds), person) : person,
          addressOfPersonId: person,
        }),
        { maxLength: 4 },
      ),
    });
  });

/** A proposed list over the household: anyone (and sometimes a stranger), any documents, any parts (and sometimes a part from elsewhere). */
const listArbitrary = (facts: DistributionFacts): fc.Arbitrary<DistributionList> => {
  const recipientId = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...facts.people.map((p) => p.personId)) },
    { weight: 1, arbitrary: fc.constant('stranger') },
  );
  const document = fc.constantFrom(...facts.documents).chain((doc) =>
    fc.record({
      documentId: fc.constant(doc.documentId),
      partIds: fc
        .subarray([...doc.partIds])
        .chain((parts) =>
          fc.oneof(
            { weight: 12, arbitrary: fc.constant(parts) },
            { weight: 1, arbitrary: fc.constantFrom(...PART_POOL).map((extra) => [...parts, extra]) },
          ),
        ),
    }),
  );
  return fc.record({
    recipients: fc.array(fc.record({ recipientId, documents: fc.array(document, { maxLength: 3 }) }), {
      maxLength: 6,
    }),
  });
};

const caseArbitrary = householdArbitrary.chain((facts) => fc.tuple(fc.constant(facts), listArbitrary(facts)));

interface Breach {
  rule: DistributionRule;
  recipientId: string;
  partId?: string;
}

/** The rules restated: every delivery of a part to a recipient that must not happen. */
function oracleBreaches(facts: DistributionFacts, list: DistributionList): Breach[] {
  const roleOf = new Map(facts.people.map((p) => [p.personId, p.role]));
  const partsOf = new Map(facts.documents.map((d) => [d.documentId, new Set(d.partIds)]));
  const breaches: Breach[] = [];
  for (const { recipientId, documents } of list.recipients) {
    const role = roleOf.get(recipientId);
    if (role === undefined) {
      breaches.push({ rule: 'unknown-recipient', recipientId });
      continue;
    }
    const isProfessional = role === 'professional';
    for (const { documentId, partIds } of documents) {
      for (const partId of partIds) {
        if (!partsOf.get(documentId)?.has(partId)) {
          breaches.push({ rule: 'unknown-part', recipientId, partId });
          continue;
        }
        for (const section of facts.excludedSections) {
          if (section.partId === partId && section.excludedPersonIds.includes(recipientId)) {
            breaches.push({ rule: 'excluded-section', recipientId, partId });
            break;
          }
        }
        if (!isProfessional && facts.reports.find((r) => r.partId === partId && r.notForSharingWithParents)) {
          breaches.push({ rule: 'report-not-for-parents', recipientId, partId });
        }
        const exposed = facts.confidentialAddresses.filter(
          (a) => a.partId === partId && a.addressOfPersonId !== recipientId,
        );
        const unauthorised = exposed.filter(
          (a) =>
            !isProfessional ||
            !facts.addressNeeds.find(
              (n) => n.professionalId === recipientId && n.addressOfPersonId === a.addressOfPersonId,
            ),
        );
        if (unauthorised.length > 0) breaches.push({ rule: 'confidential-address', recipientId, partId });
      }
    }
  }
  return breaches;
}

const key = (b: Breach) => `${b.rule}|${b.recipientId}|${b.partId ?? ''}`;

describe('distribution approval, over generated conferences', () => {
  it('never approves a list that breaks a rule, and refuses with exactly the breaches (5,000 runs)', () => {
    let approved = 0;
    let refused = 0;
    fc.assert(
      fc.property(caseArbitrary, ([facts, list]) => {
        const breaches = oracleBreaches(facts, list);
        const result = approveDistribution(facts, list);
        if (breaches.length > 0) {
          refused += 1;
          expect(result.approved).toBe(false);
          if (!result.approved) expect(result.violations.map(key).sort()).toEqual(breaches.map(key).sort());
        } else {
          approved += 1;
          expect(result).toEqual({ approved: true });
        }
      }),
      { numRuns: 5000 },
    );
    // The generator must exercise both sides, or the property proves nothing.
    expect(approved).toBeGreaterThan(250);
    expect(refused).toBeGreaterThan(250);
  });

  it('always approves a list built by assemblePack for everyone, which holds every part they may have (2,000 runs)', () => {
    fc.assert(
      fc.property(householdArbitrary, (facts) => {
        const list: DistributionList = {
          recipients: facts.people.map(({ personId }) => ({
            recipientId: personId,
            documents: facts.documents.map((d) => ({
              documentId: d.documentId,
              partIds: assemblePack(personId, d.partIds, facts),
            })),
          })),
        };
        expect(approveDistribution(facts, list)).toEqual({ approved: true });
        expect(oracleBreaches(facts, list)).toEqual([]);
        // Nothing is withheld that the rules allow: giving any one more part would be a breach.
        for (const { personId } of facts.people) {
          for (const document of facts.documents) {
            const pack = new Set(assemblePack(personId, document.partIds, facts));
            for (const partId of document.partIds.filter((p) => !pack.has(p))) {
              const single: DistributionList = {
                recipients: [
                  {
                    recipientId: personId,
                    documents: [{ documentId: document.documentId, partIds: [partId] }],
                  },
                ],
              };
              expect(oracleBreaches(facts, single).length).toBeGreaterThan(0);
            }
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('assembles nothing for someone the facts do not know', () => {
    fc.assert(
      fc.property(householdArbitrary, (facts) => {
        for (const document of facts.documents)
          expect(assemblePack('stranger', document.partIds, facts)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
