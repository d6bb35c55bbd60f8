import type { HarmThresholdLimb, HarmThresholdLimbs } from '../asv-referral.payloads';
import { limbsApplying, meetsHarmThreshold } from './harm-threshold';

const LIMBS: HarmThresholdLimb[] = ['harmedChild', 'criminalOffence', 'riskOfHarm', 'transferableRisk'];
const assessed = (...applying: HarmThresholdLimb[]): HarmThresholdLimbs =>
  Object.fromEntries(
    LIMBS.map((limb) => [limb, { applies: applying.includes(limb), rationale: 'Recorded by the screener' }]),
  ) as unknown as HarmThresholdLimbs;

describe('the harm threshold', () => {
  it('counts the limbs that apply', () => {
    expect(limbsApplying(assessed())).toBe(0);
    expect(limbsApplying(assessed('riskOfHarm'))).toBe(1);
    expect(limbsApplying(assessed(...LIMBS))).toBe(4);
  });

  it('is met by any one limb, transferable risk included, and not by none', () => {
    for (const limb of LIMBS) expect(meetsHarmThreshold(assessed(limb))).toBe(true);
    expect(meetsHarmThreshold(assessed())).toBe(false);
  });
});
