import { Module } from '@nestjs/common';
import { PeopleStore } from './people.store';

/** The people store, for the people API and for processes that name people (a conference's household). */
@Module({
  providers: [PeopleStore],
  exports: [PeopleStore],
})
export class PeopleStoreModule {}
