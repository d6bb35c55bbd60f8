// The distribution process (pure part): vocabulary, payloads, context, machine, definition, descriptor, rules.
export * from './rules';
export * from './distribution.vocabulary';
export * from './distribution.payloads';
export * from './distribution.context';
export * from './distribution.events';
export * from './distribution.effects';
export { distributionFigures, linkExpiresOn } from './distribution.clocks';
export {
  approvalRefusals,
  distributionFacts,
  draftList,
  packsFor,
  partWithholdings,
} from './distribution.facts';
export type { ApprovalRefusal, MachineApprovalRule } from './distribution.facts';
export { decisionsState, minutesState, correctionsState } from './distribution.guards';
export { distributionMachine, DISTRIBUTION_MACHINE_ID } from './distribution.machine';
export { distributionDefinition, distributionRefusalDetails } from './distribution.definition';
export { DISTRIBUTION_LADDERS } from './distribution.ladders';
export { distributionProcess } from './distribution.process';
