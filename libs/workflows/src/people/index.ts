export * from './nhs-number';
export * from './person';
