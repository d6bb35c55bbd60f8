export * from './document-content';
export * from './document.store';
export * from './documents.module';
