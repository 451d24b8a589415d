// The PostgreSQL schema is prisma/schema.prisma with another datasource and client output.
export function derivePostgresSchema(source) {
  return source
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('url      = "file:../data/retain.db"', 'url      = "postgresql://localhost/retain"')
    .replace('output          = "../src/db/generated/sqlite"', 'output          = "../../src/db/generated/postgres"')
    .replace(
      /^\/\/ Retain's data model.*\n\/\/.*\n\/\/.*\n/m,
      "// GENERATED from prisma/schema.prisma by scripts/prisma-generate.mjs: do not edit.\n",
    );
}
