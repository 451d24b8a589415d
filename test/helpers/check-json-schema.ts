/**
 * A small JSON Schema checker for the subset the OpenAPI document uses (type, enum,
 * properties, required, additionalProperties, items, anyOf, oneOf, $ref into
 * components.schemas), so tests can hold real responses to the documented schemas.
 * Returns the problems found ("$.items[0].band: expected one of …"); empty when it fits.
 */
export function checkJsonSchema(
  value: unknown,
  schema: Record<string, unknown>,
  components: Record<string, Record<string, unknown>>,
  path = "$",
): string[] {
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.replace("#/components/schemas/", "");
    if (!components[name]) return [`${path}: unknown $ref ${schema.$ref}`];
    return checkJsonSchema(value, components[name], components, path);
  }
  const alternatives = (schema.anyOf ?? schema.oneOf) as Record<string, unknown>[] | undefined;
  if (alternatives) {
    const results = alternatives.map((s) => checkJsonSchema(value, s, components, path));
    const fits = results.filter((r) => r.length === 0).length;
    if (schema.oneOf ? fits === 1 : fits >= 1) return [];
    return [
      `${path}: fits ${fits} of the ${alternatives.length} alternatives (${results.map((r) => r[0]).join(" | ")})`,
    ];
  }
  const problems: string[] = [];
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const actual = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
    const ok = types.some(
      (t) =>
        t === actual ||
        (t === "integer" && typeof value === "number" && Number.isInteger(value)) ||
        (t === "number" && actual === "number"),
    );
    if (!ok) return [`${path}: expected ${types.join("|")}, found ${JSON.stringify(value)?.slice(0, 60)}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    problems.push(`${path}: expected one of ${schema.enum.join("|")}, found ${JSON.stringify(value)}`);
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    for (const key of (schema.required ?? []) as string[])
      if (!(key in obj)) problems.push(`${path}.${key}: required but missing`);
    for (const [key, v] of Object.entries(obj)) {
      if (props[key]) problems.push(...checkJsonSchema(v, props[key], components, `${path}.${key}`));
      else if (schema.additionalProperties === false) problems.push(`${path}.${key}: not in the schema`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
        problems.push(
          ...checkJsonSchema(v, schema.additionalProperties as Record<string, unknown>, components, `${path}.${key}`),
        );
      }
    }
  }
  if (Array.isArray(value) && schema.items)
    for (const [i, item] of value.entries())
      problems.push(...checkJsonSchema(item, schema.items as Record<string, unknown>, components, `${path}[${i}]`));
  return problems;
}
