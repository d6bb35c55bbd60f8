import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { BOARD_VIEWS, type BoardView } from './board/board.query';

/** An empty form field is no filter. */
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

export class BoardQueryDto {
  @IsOptional() @IsIn(BOARD_VIEWS) view?: BoardView;
  @IsOptional() @Transform(emptyToUndefined) @Matches(/^[a-z][a-z0-9-]{0,62}$/) type?: string;
  @IsOptional() @Transform(emptyToUndefined) @IsString() @Length(1, 200) state?: string;
  @IsOptional() @Transform(emptyToUndefined) @IsString() @Length(1, 40) area?: string;
  @IsOptional() @Transform(emptyToUndefined) @Type(() => Number) @IsInt() @Min(0) @Max(3650) days?: number;
  @IsOptional() @Transform(emptyToUndefined) @Matches(/^[a-z][a-z0-9-]{0,62}$/) deadline?: string;
  @IsOptional() @Transform(emptyToUndefined) @Matches(/^[^\s]{1,255}$/) chair?: string;
  @IsOptional() @Transform(emptyToUndefined) @Matches(/^[^\s]{1,255}$/) assignee?: string;
  @IsOptional() @IsString() @Length(1, 300) cursor?: string;
  @IsOptional() @IsIn(['reason', 'selection']) error?: 'reason' | 'selection';
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1000) retried?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1000) skipped?: number;
}

/** Every console form carries the session's CSRF token. */
export class CsrfForm {
  @IsString() @Length(1, 200) _csrf!: string;
}

export class ReasonForm extends CsrfForm {
  /** Checked by the controller, so an empty reason re-renders the page with the GOV.UK error message. */
  @IsOptional() @IsString() @Length(0, 2000) reason?: string;
}

export class ForceForm extends ReasonForm {
  @IsOptional() @IsString() @Length(0, 200) toState?: string;
}

export class ReassignForm extends ReasonForm {
  /** Checked by the controller (empty: assign to no one when `to` is 'nobody'). */
  @IsOptional() @IsString() @Length(0, 300) assignee?: string;
  @IsOptional() @IsIn(['someone', 'nobody']) to?: 'someone' | 'nobody';
}

export class MigrateForm extends ReasonForm {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10000) toVersion?: number;
}

export class ResolveIncidentForm extends ReasonForm {
  @IsOptional() @IsIn(['yes', 'no']) retry?: 'yes' | 'no';
}

/** The failed list's selection: one workflow is one value, several are repeated fields. */
export class BatchRetryForm extends ReasonForm {
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value))
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('4', { each: true })
  ids?: string[];
}
