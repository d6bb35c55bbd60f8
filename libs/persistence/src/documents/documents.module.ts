import { Module } from '@nestjs/common';
import { DocumentStore } from './document.store';

/** The document store, for the conference's reports and the distribution's documents. */
@Module({
  providers: [DocumentStore],
  exports: [DocumentStore],
})
export class DocumentStoreModule {}
