import { DECORATORS, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { ApiFields, withOpenApi } from './openapi-from-validation';

class Inner {
  @IsBoolean() applies!: boolean;
}

class Payload {
  @IsIn(['a', 'b']) choice!: 'a' | 'b';
  @IsString() @Length(1, 20) @Matches(/\S/) text!: string;
  @IsOptional() @IsInt() @Min(1) @Max(9) count?: number;
  @IsArray() @ArrayMaxSize(3) @ArrayUnique() @Matches(/^[a-z]+$/, { each: true }) tags!: string[];
  @IsDefined() @ValidateNested() @Type(() => Inner) inner!: Inner;
}

const property = (cls: object, name: string) =>
  Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, (cls as { prototype: object }).prototype, name) as Record<
    string,
    unknown
  >;

describe('withOpenApi: OpenAPI metadata from validation rules', () => {
  withOpenApi(Payload);

  it('says what each rule says: enum, pattern, lengths, bounds, optionality', () => {
    expect(property(Payload, 'choice')).toMatchObject({ enum: ['a', 'b'], type: 'string', required: true });
    expect(property(Payload, 'text')).toMatchObject({ type: 'string', minLength: 1, maxLength: 20, pattern: '\\S' });
    expect(property(Payload, 'count')).toMatchObject({ type: 'integer', minimum: 1, maximum: 9, required: false });
  });

  it('describes arrays by their items and nested objects by their class, described in turn', () => {
    expect(property(Payload, 'tags')).toMatchObject({
      type: 'array',
      maxItems: 3,
      uniqueItems: true,
      items: { type: 'string', pattern: '^[a-z]+$' },
    });
    expect(property(Payload, 'inner')).toMatchObject({ type: Inner, required: true });
    expect(property(Inner, 'applies')).toMatchObject({ type: 'boolean' });
  });

  it('is carried by a mapped type, with descriptions added and validation unchanged', () => {
    @ApiFields<Picked>({ text: { description: 'Said by a person', example: 'hello' } })
    class Picked extends PickType(withOpenApi(Payload), ['text', 'inner'] as const) {}
    expect(property(Picked, 'text')).toMatchObject({ maxLength: 20, description: 'Said by a person', example: 'hello' });
    expect(property(Picked, 'choice')).toBeUndefined();
    const errors = validateSync(plainToInstance(Picked, { text: ' ', inner: { applies: 'yes' } }));
    expect(errors.map((e) => e.property).sort()).toEqual(['inner', 'text']);
  });

  it('describes an array of nested objects by the class its @Type() names', () => {
    class Holder {
      @IsArray() @ValidateNested({ each: true }) @Type(() => Inner) items!: Inner[];
    }
    expect(property(withOpenApi(Holder), 'items')).toMatchObject({ type: Inner, isArray: true });
  });

  it('refuses a nested array whose class it cannot read (no @Type()), rather than describe it wrongly', () => {
    class Holder {
      @IsArray() @ValidateNested({ each: true }) items!: Inner[];
    }
    expect(() => withOpenApi(Holder)).toThrow(/Holder.items is nested/);
  });
});
