// Pure rules of the conference process: timescales, quoracy, categories of abuse, the chair and free slots.
export * from './conference-kind';
export * from './timescales';
export * from './pre-birth';
export * from './clock-catalogue';
export * from './attendance';
export * from './quoracy';
export * from './categories';
export * from './chair-assignment';
export * from './slots';
