import { z } from 'zod';

/** Strips the wrappers (defaults, optionals, transforms) around a schema to reach its shape. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (;;) {
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault ||
      current instanceof z.ZodNullable
    ) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else return current;
  }
}

/** Picks the member of a union whose `kind` literal matches the value in the file. */
function pickMember(options: readonly z.ZodType[], value: unknown): z.ZodType | undefined {
  const kind = value && typeof value === 'object' ? (value as Record<string, unknown>).kind : undefined;
  for (const option of options) {
    const object = unwrap(option);
    if (!(object instanceof z.ZodObject)) continue;
    const literal: unknown = object.shape.kind;
    if (literal instanceof z.ZodLiteral && literal.values.has(kind as never)) return object;
  }
  return undefined;
}

/**
 * The keys the schema accepts at `path` of the file (`raw` is the parsed file, used to pick a
 * source's kind), for suggesting the key a misspelt one was meant to be.
 */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[], raw: unknown): string[] {
  let current: z.ZodType | undefined = unwrap(schema);
  let value = raw;
  const steps = [...path, undefined];
  for (const part of steps) {
    if (current instanceof z.ZodDiscriminatedUnion || current instanceof z.ZodUnion) {
      current = pickMember(current.options as readonly z.ZodType[], value);
      current = current && unwrap(current);
    }
    if (part === undefined) break;
    value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[part] : undefined;
    if (current instanceof z.ZodObject && typeof part === 'string') {
      const field = (current.shape as Record<string, z.ZodType | undefined>)[part];
      current = field && unwrap(field);
    } else if (current instanceof z.ZodArray && typeof part === 'number') {
      current = unwrap(current.element as z.ZodType);
    } else return [];
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}
