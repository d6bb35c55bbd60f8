import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_JSON } from './problem-details.filter';

class FieldErrorDto {
  @ApiProperty({ example: 'receivedAt' }) field!: string;
  @ApiProperty({ type: [String], example: ['receivedAt must not be in the future'] }) messages!: string[];
}

/**
 * RFC 9457 problem details, the body of every error answer, with the members some answers add:
 * `errors` (400), `state` and `allowedEvents` (409 for an event the state does not accept),
 * `rules` (422), `use` (403 for a type with a domain API), `areas` (403 for an area outside
 * yours). A failed health check (503) adds its report (`info`, `error`, `details`).
 */
export class ProblemDetailsDto {
  @ApiProperty({ example: 'https://cp-workflows.local/problems/not-found' }) type!: string;
  @ApiProperty({ example: 'Not found' }) title!: string;
  @ApiProperty({ example: 404 }) status!: number;
  @ApiPropertyOptional({ example: 'ASV referral not found' }) detail?: string;
  @ApiPropertyOptional({ example: '/asv-referrals/7a0b3d4e-5f60-4718-8a9b-0c1d2e3f4a5b' }) instance?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Which fields failed and why (400); never the values sent.' })
  errors?: FieldErrorDto[];
  @ApiPropertyOptional({ description: 'Quote it to support (500): the log has the rest.' }) errorId?: string;
  @ApiPropertyOptional({ description: 'The state that does not accept the event (409).' }) state?: string;
  @ApiPropertyOptional({ type: [String], description: 'The events that state accepts (409).' }) allowedEvents?: string[];
  @ApiPropertyOptional({ type: [String], description: 'The rules of the process that refused it (422).' }) rules?: string[];
  @ApiPropertyOptional({ description: 'The domain API to use instead (403).', example: '/asv-referrals' }) use?: string;
  @ApiPropertyOptional({ type: [String], description: 'The areas you work in or cover (403 for an area outside yours).' })
  areas?: string[];
}

/** What each status means on this API, for every operation that can answer it. */
export const PROBLEM_STATUSES = {
  400: 'The request is not valid: a field, the query, a path id or the Idempotency-Key header (`errors` names them).',
  401: 'No valid bearer token.',
  403: 'Your role may not do this, or the area is outside yours.',
  404: 'No such record, or one you may not see (another area, another type): the same answer for both.',
  409: 'The state does not accept this now (`state`, `allowedEvents`), or the Idempotency-Key was used for another request.',
  413: 'The body is too large: an uploaded file (or a version’s files together) over its limit.',
  415: 'The body is not of a type the operation takes (its Content-Type): nothing was read or stored.',
  422: 'A rule of the process refuses it (`rules` names them).',
  503: 'A dependency (the database, the identity provider) is unavailable for the moment: retry later with the same Idempotency-Key.',
} as const;
export type ProblemStatus = keyof typeof PROBLEM_STATUSES;

/**
 * An operation that takes multipart/form-data beside JSON: `{ schema }` of its form, which
 * finishDocument (openapi-document.ts) puts under the request body's multipart/form-data in place
 * of the JSON schema @ApiBody gave every type it consumes.
 */
export const MULTIPART_BODY_EXTENSION = 'x-multipart-body';

/** The error answers an operation can give, each as problem+json with the one shared schema. */
export function ApiProblems(...statuses: ProblemStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: PROBLEM_STATUSES[status],
        content: { [PROBLEM_JSON]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
        // Swagger merges a status's entries: this one replaces a schema another decorator gave it
        // (terminus's @HealthCheck describes its 503 as plain JSON; it leaves as problem+json).
        schema: undefined,
      }),
    ),
  );
}

/** A page of a cursor-paginated list. */
export function pageOf<T extends new () => object>(item: T, name: string): new () => { items: InstanceType<T>[]; nextCursor: string | null } {
  class Page {
    @ApiProperty({ type: () => [item] }) items!: InstanceType<T>[];
    @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last.' })
    nextCursor!: string | null;
  }
  Object.defineProperty(Page, 'name', { value: name });
  return Page;
}
