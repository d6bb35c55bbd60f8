import {
  approveDistribution,
  assemblePack,
  DistributionViolation,
  draftDistributionList,
} from './distribution-approval';
import type { DistributionFacts, DistributionList } from './distribution-facts';

// A family of two parents and a grandmother; the father was excluded from one section; the police
// report is not for sharing with parents; the mother's confidential address is in the minutes and
// the GP (only) was marked as needing it.
const facts: DistributionFacts = {
  people: [
    { personId: 'mother', role: 'parent' },
    { personId: 'father', role: 'parent' },
    { personId: 'grandmother', role: 'family-member' },
    { personId: 'foster-carer', role: 'carer' },
    { personId: 'social-worker', role: 'professional' },
    { personId: 'gp', role: 'professional' },
    { personId: 'police', role: 'professional' },
  ],
  documents: [
    { documentId: 'decisions', partIds: ['decisions-main'] },
    { documentId: 'minutes', partIds: ['minutes-main', 'minutes-excluded-1', 'minutes-address-mother'] },
    { documentId: 'report-police', partIds: ['report-police-body'] },
    { documentId: 'report-school', partIds: ['report-school-body'] },
  ],
  excludedSections: [{ partId: 'minutes-excluded-1', excludedPersonIds: ['father'] }],
  reports: [
    { partId: 'report-police-body', notForSharingWithParents: true },
    { partId: 'report-school-body', notForSharingWithParents: false },
  ],
  confidentialAddresses: [{ partId: 'minutes-address-mother', addressOfPersonId: 'mother' }],
  addressNeeds: [{ professionalId: 'gp', addressOfPersonId: 'mother' }],
};

const give = (recipientId: string, documentId: string, ...partIds: string[]): DistributionList => ({
  recipients: [{ recipientId, documents: [{ documentId, partIds }] }],
});

describe('approveDistribution', () => {
  it.each<[string, DistributionList, DistributionViolation[]]>([
    [
      'the father, the section he was excluded from',
      give('father', 'minutes', 'minutes-main', 'minutes-excluded-1'),
      [
        {
          rule: 'excluded-section',
          recipientId: 'father',
          documentId: 'minutes',
          partId: 'minutes-excluded-1',
        },
      ],
    ],
    [
      'the mother, a report not for sharing with parents',
      give('mother', 'report-police', 'report-police-body'),
      [
        {
          rule: 'report-not-for-parents',
          recipientId: 'mother',
          documentId: 'report-police',
          partId: 'report-police-body',
        },
      ],
    ],
    [
      'a carer, a report not for sharing with parents',
      give('foster-carer', 'report-police', 'report-police-body'),
      [
        {
          rule: 'report-not-for-parents',
          recipientId: 'foster-carer',
          documentId: 'report-police',
          partId: 'report-police-body',
        },
      ],
    ],
    [
      'the grandmother, that report (what the family receives, the parents can see)',
      give('grandmother', 'report-police', 'report-police-body'),
      [
        {
          rule: 'report-not-for-parents',
          recipientId: 'grandmother',
          documentId: 'report-police',
          partId: 'report-police-body',
        },
      ],
    ],
    [
      "the father, the mother's confidential address",
      give('father', 'minutes', 'minutes-address-mother'),
      [
        {
          rule: 'confidential-address',
          recipientId: 'father',
          documentId: 'minutes',
          partId: 'minutes-address-mother',
        },
      ],
    ],
    [
      "the police, not marked as needing the mother's address",
      give('police', 'minutes', 'minutes-address-mother'),
      [
        {
          rule: 'confidential-address',
          recipientId: 'police',
          documentId: 'minutes',
          partId: 'minutes-address-mother',
        },
      ],
    ],
    [
      'someone the conference does not know',
      give('stranger', 'decisions', 'decisions-main'),
      [{ rule: 'unknown-recipient', recipientId: 'stranger' }],
    ],
    [
      'a part its document does not have',
      give('social-worker', 'decisions', 'minutes-main'),
      [
        {
          rule: 'unknown-part',
          recipientId: 'social-worker',
          documentId: 'decisions',
          partId: 'minutes-main',
        },
      ],
    ],
  ])('refuses to give %s', (_case, list, violations) => {
    expect(approveDistribution(facts, list)).toEqual({ approved: false, violations });
  });

  it.each<[string, DistributionList]>([
    [
      'the mother her own confidential address',
      give('mother', 'minutes', 'minutes-main', 'minutes-excluded-1', 'minutes-address-mother'),
    ],
    ['the GP the address the chair marked as needed', give('gp', 'minutes', 'minutes-address-mother')],
    [
      'a professional a report not for sharing with parents',
      give('police', 'report-police', 'report-police-body'),
    ],
    ['a parent a report cleared for sharing', give('father', 'report-school', 'report-school-body')],
    [
      'everyone the decisions',
      { recipients: facts.people.map((p) => give(p.personId, 'decisions', 'decisions-main').recipients[0]!) },
    ],
  ])('approves giving %s', (_case, list) => {
    expect(approveDistribution(facts, list)).toEqual({ approved: true });
  });

  it('lists every violation of a list, each with its rule and recipient', () => {
    const list: DistributionList = {
      recipients: [
        {
          recipientId: 'father',
          documents: [
            {
              documentId: 'minutes',
              partIds: ['minutes-main', 'minutes-excluded-1', 'minutes-address-mother'],
            },
            { documentId: 'report-police', partIds: ['report-police-body'] },
          ],
        },
        {
          recipientId: 'social-worker',
          documents: [{ documentId: 'minutes', partIds: ['minutes-address-mother'] }],
        },
      ],
    };
    const result = approveDistribution(facts, list);
    expect(result.approved).toBe(false);
    expect(!result.approved && result.violations.map((v) => [v.rule, v.recipientId, v.partId])).toEqual([
      ['excluded-section', 'father', 'minutes-excluded-1'],
      ['confidential-address', 'father', 'minutes-address-mother'],
      ['report-not-for-parents', 'father', 'report-police-body'],
      ['confidential-address', 'social-worker', 'minutes-address-mother'],
    ]);
  });

  it('judges a part that breaks two rules at once on both', () => {
    const overlapping: DistributionFacts = {
      ...facts,
      excludedSections: [{ partId: 'minutes-address-mother', excludedPersonIds: ['father'] }],
    };
    const result = approveDistribution(overlapping, give('father', 'minutes', 'minutes-address-mother'));
    expect(!result.approved && result.violations.map((v) => v.rule)).toEqual([
      'excluded-section',
      'confidential-address',
    ]);
  });
});

describe('assemblePack', () => {
  const minutes = facts.documents.find((d) => d.documentId === 'minutes')!.partIds;

  it.each([
    ['the father: no excluded section, no address', 'father', ['minutes-main']],
    ['the grandmother: no address', 'grandmother', ['minutes-main', 'minutes-excluded-1']],
    [
      'the mother: her own address included',
      'mother',
      ['minutes-main', 'minutes-excluded-1', 'minutes-address-mother'],
    ],
    ['the GP: the address it needs', 'gp', ['minutes-main', 'minutes-excluded-1', 'minutes-address-mother']],
    ['the police: no address', 'police', ['minutes-main', 'minutes-excluded-1']],
    ['someone unknown: nothing', 'stranger', []],
  ])('assembles the minutes for %s', (_case, recipientId, parts) => {
    expect(assemblePack(recipientId, minutes, facts)).toEqual(parts);
  });

  it('drafts a list for everyone that the chair can approve, leaving the police report out for the family', () => {
    const draft = draftDistributionList(
      facts,
      facts.people.map((p) => p.personId),
    );
    expect(approveDistribution(facts, draft)).toEqual({ approved: true });
    const documentsOf = (id: string) =>
      draft.recipients.find((r) => r.recipientId === id)!.documents.map((d) => d.documentId);
    expect(documentsOf('mother')).toEqual(['decisions', 'minutes', 'report-school']);
    expect(documentsOf('police')).toEqual(['decisions', 'minutes', 'report-police', 'report-school']);
  });
});
