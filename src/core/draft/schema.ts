import { assertNever } from '../assert-never.ts';
import type { ValidatorLibrary } from './facts.ts';
import type { FieldRule, ValueKind } from './fields.ts';
import { at, checkCondition } from './markdown.ts';

/** A validation schema skeleton: its code, the fenced block's language and the names it introduces. */
export type SchemaCode = {
  readonly code: string;
  readonly language: string;
  readonly names: readonly string[];
};

/** Libraries whose schemas are classes or records; path parameters are bound by the framework instead. */
export function isClassBased(library: ValidatorLibrary): boolean {
  return !['zod', 'Joi', 'Yup', 'Valibot'].includes(library);
}

const quoted = (values: readonly string[], quote = "'"): string =>
  values.map((value) => `${quote}${value}${quote}`).join(', ');

/** Where each rule of a field comes from, as a trailing comment (`// db-plan.md:12`). */
function origins(rule: FieldRule): string {
  const refs = [at(rule.source), ...rule.limits.map((limit) => at(limit.source))];
  return [...new Set(refs)].join(', ');
}

function dbCheckNotes(rules: readonly FieldRule[], comment: string): string[] {
  return rules.flatMap((rule) =>
    rule.dbChecks.map(
      (check) => `${comment} ${rule.name}: CHECK (${checkCondition(check.expression)}) (${at(check.source)})`,
    ),
  );
}

function zodBase(kind: ValueKind, rule: FieldRule, coerce: boolean): string {
  const z = coerce ? 'z.coerce' : 'z';
  switch (kind) {
    case 'uuid':
      return 'z.string().uuid()';
    case 'email':
      return 'z.string().email()';
    case 'url':
      return 'z.string().url()';
    case 'date':
      return 'z.string().date()';
    case 'datetime':
      return 'z.string().datetime()';
    case 'integer':
      return `${z}.number().int()`;
    case 'number':
      return `${z}.number()`;
    case 'boolean':
      return coerce ? "z.enum(['true', 'false']).transform((value) => value === 'true')" : 'z.boolean()';
    case 'enum':
      return `z.enum([${quoted(rule.values)}])`;
    case 'array':
      return 'z.array(z.unknown())';
    case 'object':
      return 'z.record(z.string(), z.unknown())';
    case 'string':
      return 'z.string()';
    case 'unknown':
      return 'z.unknown()';
    default:
      return assertNever(kind);
  }
}

function zodField(rule: FieldRule): string {
  let text = zodBase(rule.kind, rule, rule.where !== 'body');
  for (const limit of rule.limits) {
    const method = limit.kind === 'minLength' ? 'min' : limit.kind === 'maxLength' ? 'max' : limit.kind;
    if ((limit.kind === 'min' || limit.kind === 'max') && rule.kind !== 'integer' && rule.kind !== 'number')
      continue;
    if (
      (limit.kind === 'minLength' || limit.kind === 'maxLength') &&
      !['string', 'email', 'url'].includes(rule.kind)
    )
      continue;
    text += `.${method}(${limit.value})`;
  }
  if (rule.nullable) text += '.nullable()';
  if (rule.required !== true) text += '.optional()';
  return text;
}

function tsObject(
  name: string,
  rules: readonly FieldRule[],
  field: (rule: FieldRule) => string,
  wrap: (body: string) => string,
  unknown: string,
): string {
  const lines = rules.map(
    (rule) =>
      `  ${rule.name}: ${field(rule)}, // ${origins(rule)}${rule.required === undefined ? ` (${unknown})` : ''}`,
  );
  return `export const ${name} = ${wrap(`{\n${lines.join('\n')}\n}`)};`;
}

function joiField(rule: FieldRule): string {
  const base: Record<ValueKind, string> = {
    uuid: 'Joi.string().uuid()',
    email: 'Joi.string().email()',
    url: 'Joi.string().uri()',
    date: 'Joi.date().iso()',
    datetime: 'Joi.date().iso()',
    integer: 'Joi.number().integer()',
    number: 'Joi.number()',
    boolean: 'Joi.boolean()',
    enum: `Joi.string().valid(${quoted(rule.values)})`,
    array: 'Joi.array()',
    object: 'Joi.object()',
    string: 'Joi.string()',
    unknown: 'Joi.any()',
  };
  let text = base[rule.kind];
  for (const limit of rule.limits)
    text += `.${limit.kind === 'minLength' ? 'min' : limit.kind === 'maxLength' ? 'max' : limit.kind}(${limit.value})`;
  if (rule.nullable) text += '.allow(null)';
  return `${text}${rule.required === true ? '.required()' : ''}`;
}

function yupField(rule: FieldRule): string {
  const base: Record<ValueKind, string> = {
    uuid: 'yup.string().uuid()',
    email: 'yup.string().email()',
    url: 'yup.string().url()',
    date: 'yup.date()',
    datetime: 'yup.date()',
    integer: 'yup.number().integer()',
    number: 'yup.number()',
    boolean: 'yup.boolean()',
    enum: `yup.string().oneOf([${quoted(rule.values)}])`,
    array: 'yup.array()',
    object: 'yup.object()',
    string: 'yup.string()',
    unknown: 'yup.mixed()',
  };
  let text = base[rule.kind];
  for (const limit of rule.limits)
    text += `.${limit.kind === 'minLength' ? 'min' : limit.kind === 'maxLength' ? 'max' : limit.kind}(${limit.value})`;
  if (rule.nullable) text += '.nullable()';
  return `${text}${rule.required === true ? '.required()' : ''}`;
}

function valibotField(rule: FieldRule): string {
  const base: Record<ValueKind, string> = {
    uuid: 'v.pipe(v.string(), v.uuid())',
    email: 'v.pipe(v.string(), v.email())',
    url: 'v.pipe(v.string(), v.url())',
    date: 'v.pipe(v.string(), v.isoDate())',
    datetime: 'v.pipe(v.string(), v.isoTimestamp())',
    integer: 'v.pipe(v.number(), v.integer())',
    number: 'v.number()',
    boolean: 'v.boolean()',
    enum: `v.picklist([${quoted(rule.values)}])`,
    array: 'v.array(v.unknown())',
    object: 'v.record(v.string(), v.unknown())',
    string: 'v.string()',
    unknown: 'v.unknown()',
  };
  let text = base[rule.kind];
  const actions = rule.limits.map(
    (limit) =>
      `v.${{ min: 'minValue', max: 'maxValue', minLength: 'minLength', maxLength: 'maxLength' }[limit.kind]}(${limit.value})`,
  );
  if (actions.length > 0) text = `v.pipe(${text}, ${actions.join(', ')})`;
  if (rule.nullable) text = `v.nullable(${text})`;
  return rule.required === true ? text : `v.optional(${text})`;
}

function classValidator(
  className: string,
  rules: readonly FieldRule[],
  typeName: string | undefined,
): string {
  const decorators: Record<ValueKind, string> = {
    uuid: '@IsUUID()',
    email: '@IsEmail()',
    url: '@IsUrl()',
    date: '@IsDateString()',
    datetime: '@IsDateString()',
    integer: '@IsInt()',
    number: '@IsNumber()',
    boolean: '@IsBoolean()',
    enum: '@IsIn([…])',
    array: '@IsArray()',
    object: '@IsObject()',
    string: '@IsString()',
    unknown: '@IsDefined()',
  };
  const tsType: Record<ValueKind, string> = {
    uuid: 'string',
    email: 'string',
    url: 'string',
    date: 'string',
    datetime: 'string',
    integer: 'number',
    number: 'number',
    boolean: 'boolean',
    enum: 'string',
    array: 'unknown[]',
    object: 'Record<string, unknown>',
    string: 'string',
    unknown: 'unknown',
  };
  const body = rules.flatMap((rule) => [
    `  // ${origins(rule)}`,
    ...(rule.required === true ? [] : ['  @IsOptional()']),
    `  ${rule.kind === 'enum' ? `@IsIn([${quoted(rule.values)}])` : decorators[rule.kind]}`,
    ...rule.limits.map(
      (limit) =>
        `  @${{ min: 'Min', max: 'Max', minLength: 'MinLength', maxLength: 'MaxLength' }[limit.kind]}(${limit.value})`,
    ),
    `  ${rule.name}${rule.required === true ? '!' : '?'}: ${rule.kind === 'enum' ? rule.values.map((value) => `'${value}'`).join(' | ') : tsType[rule.kind]}${rule.nullable ? ' | null' : ''};`,
  ]);
  return `export class ${className}${typeName === undefined ? '' : ` implements ${typeName}`} {\n${body.join('\n')}\n}`;
}

function pydantic(className: string, rules: readonly FieldRule[]): string {
  const pyType: Record<ValueKind, string> = {
    uuid: 'UUID',
    email: 'EmailStr',
    url: 'HttpUrl',
    date: 'date',
    datetime: 'datetime',
    integer: 'int',
    number: 'float',
    boolean: 'bool',
    enum: 'str',
    array: 'list',
    object: 'dict',
    string: 'str',
    unknown: 'Any',
  };
  const args = (rule: FieldRule): string[] =>
    rule.limits.map(
      (limit) =>
        `${{ min: 'ge', max: 'le', minLength: 'min_length', maxLength: 'max_length' }[limit.kind]}=${limit.value}`,
    );
  const lines = rules.map((rule) => {
    let type = rule.kind === 'enum' ? `Literal[${quoted(rule.values, '"')}]` : pyType[rule.kind];
    if (rule.nullable || rule.required !== true) type = `${type} | None`;
    const field = args(rule);
    const value =
      rule.required === true
        ? field.length > 0
          ? ` = Field(${field.join(', ')})`
          : ''
        : ` = ${field.length > 0 ? `Field(None, ${field.join(', ')})` : 'None'}`;
    return `    ${rule.name}: ${type}${value}  # ${origins(rule)}`;
  });
  return `class ${className}(BaseModel):\n${lines.length > 0 ? lines.join('\n') : '    pass'}`;
}

function drf(className: string, rules: readonly FieldRule[]): string {
  const field: Record<ValueKind, string> = {
    uuid: 'UUIDField',
    email: 'EmailField',
    url: 'URLField',
    date: 'DateField',
    datetime: 'DateTimeField',
    integer: 'IntegerField',
    number: 'DecimalField',
    boolean: 'BooleanField',
    enum: 'ChoiceField',
    array: 'ListField',
    object: 'JSONField',
    string: 'CharField',
    unknown: 'JSONField',
  };
  const lines = rules.map((rule) => {
    const args = [
      ...(rule.kind === 'enum' ? [`choices=[${quoted(rule.values, '"')}]`] : []),
      ...(rule.required === true ? [] : ['required=False']),
      ...(rule.nullable ? ['allow_null=True'] : []),
      ...rule.limits.map(
        (limit) =>
          `${{ min: 'min_value', max: 'max_value', minLength: 'min_length', maxLength: 'max_length' }[limit.kind]}=${limit.value}`,
      ),
    ];
    return `    ${rule.name} = serializers.${field[rule.kind]}(${args.join(', ')})  # ${origins(rule)}`;
  });
  return `class ${className}(serializers.Serializer):\n${lines.length > 0 ? lines.join('\n') : '    pass'}`;
}

const pascal = (name: string): string =>
  name
    .split(/[_-]/)
    .map((word) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`)
    .join('');

function fluent(className: string, rules: readonly FieldRule[]): string {
  const csType: Record<ValueKind, string> = {
    uuid: 'Guid',
    email: 'string',
    url: 'string',
    date: 'DateOnly',
    datetime: 'DateTimeOffset',
    integer: 'int',
    number: 'decimal',
    boolean: 'bool',
    enum: 'string',
    array: 'List<object>',
    object: 'Dictionary<string, object>',
    string: 'string',
    unknown: 'object',
  };
  const record = `public sealed record ${className}(${rules.map((rule) => `${csType[rule.kind]}${rule.required === true && !rule.nullable ? '' : '?'} ${pascal(rule.name)}`).join(', ')});`;
  const lines = rules.flatMap((rule) => {
    const chain = [
      ...(rule.required === true ? ['.NotEmpty()'] : []),
      ...(rule.kind === 'email' ? ['.EmailAddress()'] : []),
      ...(rule.kind === 'enum'
        ? [`.Must(value => new[] { ${quoted(rule.values, '"')} }.Contains(value))`]
        : []),
      ...rule.limits.map((limit) =>
        limit.kind === 'min'
          ? `.GreaterThanOrEqualTo(${limit.value})`
          : limit.kind === 'max'
            ? `.LessThanOrEqualTo(${limit.value})`
            : limit.kind === 'minLength'
              ? `.MinimumLength(${limit.value})`
              : `.MaximumLength(${limit.value})`,
      ),
    ];
    return chain.length === 0
      ? []
      : [`        RuleFor(x => x.${pascal(rule.name)})${chain.join('')}; // ${origins(rule)}`];
  });
  return `${record}\n\npublic sealed class ${className}Validator : AbstractValidator<${className}>\n{\n    public ${className}Validator()\n    {\n${lines.join('\n')}\n    }\n}`;
}

function beanValidation(className: string, rules: readonly FieldRule[]): string {
  const javaType: Record<ValueKind, string> = {
    uuid: 'UUID',
    email: 'String',
    url: 'String',
    date: 'LocalDate',
    datetime: 'OffsetDateTime',
    integer: 'Integer',
    number: 'BigDecimal',
    boolean: 'Boolean',
    enum: 'String',
    array: 'List<Object>',
    object: 'Map<String, Object>',
    string: 'String',
    unknown: 'Object',
  };
  const parts = rules.map((rule) => {
    const annotations = [
      ...(rule.required === true ? ['@NotNull'] : []),
      ...(rule.kind === 'email' ? ['@Email'] : []),
      ...(rule.kind === 'enum' ? [`@Pattern(regexp = "${rule.values.join('|')}")`] : []),
      ...rule.limits.map((limit) =>
        limit.kind === 'min'
          ? `@Min(${limit.value})`
          : limit.kind === 'max'
            ? `@Max(${limit.value})`
            : limit.kind === 'minLength'
              ? `@Size(min = ${limit.value})`
              : `@Size(max = ${limit.value})`,
      ),
    ];
    return `    ${[...annotations, javaType[rule.kind]].join(' ')} ${rule.name}`;
  });
  return `public record ${className}(\n${parts.join(',\n')}\n) {}`;
}

/** The schema of the fields in the library, named `name` (or `Name` for class-based libraries). */
export function schemaCode(
  library: ValidatorLibrary,
  name: string,
  rules: readonly FieldRule[],
  typeName: string | undefined,
  requiredUnknown: string,
): SchemaCode {
  const className = `${name.charAt(0).toUpperCase()}${name.slice(1)}`.replace(/Schema$/, '');
  const ts = (imports: string, body: string): SchemaCode => ({
    code: [imports, '', body, ...dbCheckNotes(rules, '//')].join('\n'),
    language: 'ts',
    names: [name],
  });
  switch (library) {
    case 'zod': {
      const satisfies = typeName === undefined ? '' : ` satisfies z.ZodType<${typeName}>`;
      return ts(
        "import { z } from 'zod';",
        tsObject(name, rules, zodField, (body) => `z.object(${body})${satisfies}`, requiredUnknown),
      );
    }
    case 'Joi':
      return ts(
        "import Joi from 'joi';",
        tsObject(name, rules, joiField, (body) => `Joi.object(${body})`, requiredUnknown),
      );
    case 'Yup':
      return ts(
        "import * as yup from 'yup';",
        tsObject(name, rules, yupField, (body) => `yup.object(${body})`, requiredUnknown),
      );
    case 'Valibot':
      return ts(
        "import * as v from 'valibot';",
        tsObject(name, rules, valibotField, (body) => `v.object(${body})`, requiredUnknown),
      );
    case 'class-validator':
      return {
        code: [
          "import { IsArray, IsBoolean, IsDateString, IsDefined, IsEmail, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, IsUrl, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';",
          '',
          classValidator(className, rules, typeName),
          ...dbCheckNotes(rules, '//'),
        ].join('\n'),
        language: 'ts',
        names: [className],
      };
    case 'Pydantic':
      return {
        code: [
          'from pydantic import BaseModel, Field',
          '',
          pydantic(className, rules),
          ...dbCheckNotes(rules, '#'),
        ].join('\n'),
        language: 'python',
        names: [className],
      };
    case 'DRF serializers':
      return {
        code: [
          'from rest_framework import serializers',
          '',
          drf(`${className}Serializer`, rules),
          ...dbCheckNotes(rules, '#'),
        ].join('\n'),
        language: 'python',
        names: [`${className}Serializer`],
      };
    case 'FluentValidation':
      return {
        code: ['using FluentValidation;', '', fluent(className, rules), ...dbCheckNotes(rules, '//')].join(
          '\n',
        ),
        language: 'csharp',
        names: [className, `${className}Validator`],
      };
    case 'Bean Validation':
      return {
        code: [
          'import jakarta.validation.constraints.*;',
          '',
          beanValidation(className, rules),
          ...dbCheckNotes(rules, '//'),
        ].join('\n'),
        language: 'java',
        names: [className],
      };
    default:
      return assertNever(library);
  }
}
