export * from './settings';
export * from './clock';
export * from './errors';
export * from './calendar';
export * from './engine';
export * from './rules/escalation-ladder.types';
export * from './rules/escalation-ladders';
export * from './processes';
