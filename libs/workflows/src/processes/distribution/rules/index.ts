// Pure rules of the distribution process: who may receive which part of a conference's documents.
export * from './distribution-facts';
export * from './distribution-approval';
