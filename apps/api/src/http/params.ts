import { Param, ParseUUIDPipe } from '@nestjs/common';

/** Every id the API hands out is a v4 UUID; anything else is 400 before a query runs. */
export const uuidPipe = new ParseUUIDPipe({ version: '4' });

/** A path parameter that is a record's id: `@IdParam() id` for `:id`, `@IdParam('incidentId')`. */
export const IdParam = (name = 'id'): ParameterDecorator => Param(name, uuidPipe);
