export * from './chairs.types';
export * from './chairs.store';
export * from './bookings.store';
export * from './chairs.module';
