// The child protection plan process (pure part): vocabulary, payloads, context, machine, definition, descriptor.
export * from './child-protection-plan.vocabulary';
export * from './child-protection-plan.payloads';
export * from './child-protection-plan.context';
export * from './child-protection-plan.events';
export { planFigures } from './child-protection-plan.clocks';
export { planMachine, PLAN_MACHINE_ID } from './child-protection-plan.machine';
export { childProtectionPlanDefinition, planSubjects } from './child-protection-plan.definition';
export { PLAN_LADDERS } from './child-protection-plan.ladders';
export { childProtectionPlanProcess } from './child-protection-plan.process';
export { PLAN_REGISTER } from './child-protection-plan.register';
export { planFirstReviewDueDate, planCoreGroupDueDate } from './child-protection-plan.clocks';
