// What each step of the conference machine changes and declares (pure).
export * from './step';
export * from './request.steps';
export * from './booking.steps';
export * from './invitation.steps';
export * from './report.steps';
