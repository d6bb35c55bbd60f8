// What each step of the conference machine changes and declares (pure).
export * from './step';
export * from './request.steps';
export * from './booking.steps';
export * from './invitation.steps';
export * from './report.steps';
// Part 2: the meeting and the decision.
export * from './attendance.steps';
export * from './decision.steps';
export * from './handover.steps';
