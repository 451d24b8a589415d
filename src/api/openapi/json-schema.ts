import { z } from "zod";

/** A JSON Schema (OpenAPI 3.1 uses JSON Schema 2020-12). */
export type Schema = Record<string, unknown>;

/** Compact builders for hand-written response schemas. */
export const s = {
  str: (description?: string): Schema => ({ type: "string", ...(description ? { description } : {}) }),
  num: (description?: string): Schema => ({ type: "number", ...(description ? { description } : {}) }),
  int: (description?: string): Schema => ({ type: "integer", ...(description ? { description } : {}) }),
  bool: (description?: string): Schema => ({ type: "boolean", ...(description ? { description } : {}) }),
  time: (description = "ISO 8601 timestamp (UTC)"): Schema => ({ type: "string", format: "date-time", description }),
  day: (description = "YYYY-MM-DD"): Schema => ({ type: "string", format: "date", description }),
  enum: (values: readonly string[], description?: string): Schema => ({
    type: "string",
    enum: [...values],
    ...(description ? { description } : {}),
  }),
  arr: (items: Schema, description?: string): Schema => ({
    type: "array",
    items,
    ...(description ? { description } : {}),
  }),
  /** Nullable: `{ type: [t, "null"] }` for simple types, anyOf otherwise. */
  nul: (schema: Schema): Schema =>
    typeof schema.type === "string" && !schema.enum
      ? { ...schema, type: [schema.type, "null"] }
      : { anyOf: [schema, { type: "null" }] },
  ref: (name: string): Schema => ({ $ref: `#/components/schemas/${name}` }),
  map: (values: Schema, description?: string): Schema => ({
    type: "object",
    additionalProperties: values,
    ...(description ? { description } : {}),
  }),
  /** An object; every property is required unless listed in `optional`. */
  obj: (
    properties: Record<string, Schema>,
    options: { optional?: string[]; description?: string; open?: boolean } = {},
  ): Schema => ({
    type: "object",
    properties,
    required: Object.keys(properties).filter((k) => !options.optional?.includes(k)),
    ...(options.open ? {} : { additionalProperties: false }),
    ...(options.description ? { description: options.description } : {}),
  }),
};

/** The JSON Schema of a zod schema's input (what a client sends). */
export function fromZod(schema: z.ZodType): Schema {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Schema;
  return rest;
}

/** OpenAPI parameters from a zod object of query or path parameters. */
export function parametersOf(schema: z.ZodObject, where: "query" | "path"): Schema[] {
  const json = fromZod(schema) as { properties?: Record<string, Schema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, p]) => {
    const { description, ...rest } = p;
    return {
      name,
      in: where,
      required: where === "path" || (json.required ?? []).includes(name),
      schema: rest,
      ...(description ? { description } : {}),
    };
  });
}

/** A query or path parameter written by hand. */
export function param(
  name: string,
  where: "query" | "path" | "header",
  schema: Schema,
  description: string,
  required = where === "path",
): Schema {
  return { name, in: where, required, schema, description };
}
