// Prisma CLI config: the JS schema engine needs no downloaded binary, so generate and
// migrate diff work offline. Retain applies migrations itself (`retain db migrate`).
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    return new PrismaBetterSQLite3({ url: "file:./data/prisma-cli.db" });
  },
});
