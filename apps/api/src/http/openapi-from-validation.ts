import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

// A process's payload classes (libs/workflows) carry class-validator rules and no OpenAPI
// metadata: that library is pure and may not import @nestjs/swagger. The domain DTOs are built
// from them with PickType/OmitType/IntersectionType, which copy validation, transformation and
// OpenAPI metadata, so the payload class needs OpenAPI metadata before a DTO is derived from it.
// `withOpenApi(PayloadClass)` writes it, here in the API, from the class's own validation rules:
// the schema a client sees is the rule the machine applies (enum, pattern, lengths, bounds, arrays,
// nesting, optionality), never a second copy that could drift. It adds OpenAPI metadata only (the
// validation rules are untouched) and is idempotent. The API adds what rules cannot say (a
// description, an example) on the derived DTO with `@ApiFields`.
//
// The swagger CLI plugin would read the same rules at build time, but it needs the TypeScript
// compiler in the build (the service builds with swc) and reads only the files it compiles.

type Constructor = abstract new (...args: never[]) => object;
type Schema = Record<string, unknown>;

const documented = new WeakSet<Constructor>();

// class-transformer keeps each @Type() in a storage its index does not export.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: MetadataStorage;
};

/** The class a nested property holds: its declared type, which decorator metadata records. */
function nestedType(target: Constructor, property: string): Constructor {
  // An array of nested objects: the class its @Type() names (class-transformer's own metadata).
  const typed = defaultMetadataStorage.findTypeMetadata(target, property)?.typeFunction() as unknown;
  if (typeof typed === 'function' && typed !== Object && typed !== Array) return typed as Constructor;
  const designType = Reflect.getMetadata('design:type', target.prototype, property) as unknown;
  if (typeof designType !== 'function' || designType === Object || designType === Array) {
    // An array of nested objects records only Array: say so at start rather than describe it wrongly.
    throw new Error(`withOpenApi: ${target.name}.${property} is nested but its class cannot be read`);
  }
  return designType as Constructor;
}

/** The schema one value must have, from the validators that apply to it (each: the items of an array). */
function valueSchema(rules: ValidationMetadata[]): Schema {
  const schema: Schema = {};
  for (const rule of rules) {
    const [first, second] = rule.constraints ?? [];
    switch (rule.name) {
      case 'isIn':
        schema.enum = [...(first as unknown[])];
        schema.type = typeof (first as unknown[])[0] === 'number' ? 'number' : 'string';
        break;
      case 'isString':
      case 'isIso8601':
        schema.type = 'string';
        break;
      case 'matches':
        schema.type = 'string';
        schema.pattern = (first instanceof RegExp ? first : new RegExp(String(first))).source;
        break;
      case 'isLength':
        schema.type = 'string';
        if (typeof first === 'number' && first > 0) schema.minLength = first;
        if (typeof second === 'number') schema.maxLength = second;
        break;
      case 'isBoolean':
        schema.type = 'boolean';
        break;
      case 'isInt':
        schema.type = 'integer';
        break;
      case 'isNumber':
        schema.type = 'number';
        break;
      case 'min':
        schema.minimum = first;
        break;
      case 'max':
        schema.maximum = first;
        break;
    }
  }
  return schema;
}

/** The OpenAPI property of one validated field. */
function propertyOptions(target: Constructor, property: string, rules: ValidationMetadata[]): ApiPropertyOptions {
  const optional = rules.some((rule) => rule.type === 'conditionalValidation');
  const own = valueSchema(rules.filter((rule) => !rule.each));
  const nested = rules.some((rule) => rule.type === 'nestedValidation') ? nestedType(target, property) : undefined;
  const isArray = rules.some((rule) => rule.name === 'isArray');
  const options: Schema = { required: !optional };
  if (isArray && nested) {
    Object.assign(options, { type: withOpenApi(nested), isArray: true });
    for (const rule of rules) {
      if (rule.name === 'arrayMaxSize') options.maxItems = rule.constraints[0];
      if (rule.name === 'arrayMinSize') options.minItems = rule.constraints[0];
    }
  } else if (isArray) {
    Object.assign(options, {
      type: 'array',
      items: { type: 'string', ...valueSchema(rules.filter((rule) => rule.each)) },
    });
    for (const rule of rules) {
      if (rule.name === 'arrayMaxSize') options.maxItems = rule.constraints[0];
      if (rule.name === 'arrayMinSize') options.minItems = rule.constraints[0];
      if (rule.name === 'arrayUnique') options.uniqueItems = true;
    }
  } else if (nested) {
    options.type = withOpenApi(nested);
  } else {
    Object.assign(options, own);
    if (options.type === undefined) {
      const designType = Reflect.getMetadata('design:type', target.prototype, property) as unknown;
      options.type =
        designType === Boolean ? 'boolean' : designType === Number ? 'number' : designType === Object ? 'object' : 'string';
    }
  }
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as ApiPropertyOptions;
}

/**
 * Gives a payload class (and every class nested in it) the OpenAPI metadata its validation rules
 * imply, and returns it, for `PickType(withOpenApi(Payload), [...])` and the like.
 */
export function withOpenApi<T extends Constructor>(cls: T): T {
  if (documented.has(cls)) return cls;
  documented.add(cls);
  const rules = getMetadataStorage().getTargetValidationMetadatas(cls as unknown as new () => object, '', false, false);
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const rule of rules) byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
  for (const [property, propertyRules] of byProperty) {
    ApiProperty(propertyOptions(cls, property, propertyRules))(cls.prototype, property);
  }
  return cls;
}

/**
 * What rules cannot say about a DTO's fields, added to the OpenAPI metadata they already have
 * (from `withOpenApi` through a mapped type): descriptions, examples, formats. Class decorator.
 */
export function ApiFields<T extends object>(fields: { [K in keyof T]?: ApiPropertyOptions }): ClassDecorator {
  return (target) => {
    for (const [property, options] of Object.entries(fields as Record<string, ApiPropertyOptions>)) {
      ApiProperty(options)(target.prototype as object, property);
    }
  };
}
