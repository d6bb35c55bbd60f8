import { Module } from '@nestjs/common';
import { BookingsStore } from './bookings.store';
import { ChairsStore } from './chairs.store';

/** Chairs, their cover and absences, and the bookings of chairs and minute takers. */
@Module({
  providers: [ChairsStore, BookingsStore],
  exports: [ChairsStore, BookingsStore],
})
export class ChairsStoreModule {}
