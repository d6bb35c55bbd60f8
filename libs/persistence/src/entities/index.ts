import type { EntitySchema } from 'typeorm';

// Every entity class, listed explicitly for the data source.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ENTITIES: (new (...args: any[]) => unknown | EntitySchema)[] = [];
