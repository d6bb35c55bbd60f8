import type { HarmThresholdLimbs } from '../asv-referral.payloads';

/**
 * How many limbs of the harm threshold (KCSIE Part Four) the screener found to apply. The
 * threshold is met when at least one does; a contact meeting none is redirected.
 */
export function limbsApplying(limbs: HarmThresholdLimbs): number {
  return Object.values(limbs).filter((limb) => limb.applies).length;
}

export function meetsHarmThreshold(limbs: HarmThresholdLimbs): boolean {
  return limbsApplying(limbs) > 0;
}
