// Pure rules of the conference process: timescales, quoracy, categories of abuse.
export * from './conference-kind';
export * from './timescales';
export * from './pre-birth';
export * from './clock-catalogue';
export * from './attendance';
export * from './quoracy';
export * from './categories';
