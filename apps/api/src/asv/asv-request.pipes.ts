import { Injectable, PipeTransform } from '@nestjs/common';
import { ASV_TRACKS, type AsvTrack } from '@app/workflows';
import { RequestValidationException } from '../http/problem-details.filter';

/** The :track of /asv-referrals/:id/tracks/:track/…: police, section47 or disciplinary, else 400. */
@Injectable()
export class ParseTrackPipe implements PipeTransform<string, AsvTrack> {
  transform(value: string): AsvTrack {
    if ((ASV_TRACKS as readonly string[]).includes(value)) return value as AsvTrack;
    throw new RequestValidationException([
      { field: 'track', messages: [`track must be one of: ${ASV_TRACKS.join(', ')}`] },
    ]);
  }
}

/**
 * For an action that takes no body: none, or an empty object. Anything else is refused (400)
 * rather than ignored, as unknown fields are everywhere else. (A body class with no fields cannot
 * do it: the global pipe's forbidUnknownValues refuses every instance of such a class.)
 */
@Injectable()
export class NoBodyPipe implements PipeTransform<unknown, undefined> {
  transform(value: unknown): undefined {
    const empty =
      value === undefined ||
      value === null ||
      (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);
    if (empty) return undefined;
    const fields = typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : ['body'];
    throw new RequestValidationException(
      fields.map((field) => ({
        field,
        messages: [`property ${field} should not exist: this action takes no body`],
      })),
    );
  }
}
