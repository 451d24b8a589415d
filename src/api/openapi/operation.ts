import type { Role } from "../../auth/index.ts";
import { s, type Schema } from "./json-schema.ts";

const ERROR_REFS: Record<string, string> = {
  "400": "BadInput",
  "401": "Unauthorized",
  "403": "Forbidden",
  "404": "NotFound",
  "409": "Conflict",
  "413": "PayloadTooLarge",
  "429": "RateLimited",
  "500": "Internal",
};

/** A JSON response with a schema (a component name or an inline schema). */
export function json(description: string, schema: string | Schema): Schema {
  return {
    description,
    content: { "application/json": { schema: typeof schema === "string" ? s.ref(schema) : schema } },
  };
}

/**
 * One operation. `role` is the lowest role allowed (`x-required-role`); "public" needs no key.
 * Every authenticated operation can answer 401 and 429; `errors` adds more statuses (the
 * Error shape). Changes made with the session cookie may also answer 403 (cross-site).
 */
export function op(o: {
  summary: string;
  description?: string;
  tags: string[];
  role: Role | "public";
  parameters?: Schema[];
  body?: { schema: Schema; required?: boolean; description?: string; mediaType?: string };
  responses: Record<string, Schema>;
  errors?: string[];
}): Schema {
  const errors = new Set(o.errors ?? []);
  if (o.role !== "public") for (const e of ["401", "429"]) errors.add(e);
  if (o.role === "csm" || o.role === "admin") errors.add("403");
  errors.add("500");
  const responses: Record<string, Schema> = { ...o.responses };
  for (const code of [...errors].sort()) responses[code] ??= { $ref: `#/components/responses/${ERROR_REFS[code]}` };
  return {
    summary: o.summary,
    ...(o.description ? { description: o.description } : {}),
    tags: o.tags,
    "x-required-role": o.role,
    ...(o.role === "public" ? { security: [] } : {}),
    ...(o.parameters?.length ? { parameters: o.parameters } : {}),
    ...(o.body
      ? {
          requestBody: {
            required: o.body.required ?? true,
            ...(o.body.description ? { description: o.body.description } : {}),
            content: { [o.body.mediaType ?? "application/json"]: { schema: o.body.schema } },
          },
        }
      : {}),
    responses,
  };
}
