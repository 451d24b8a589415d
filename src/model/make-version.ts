import { randomBytes } from "node:crypto";

/** A sortable, unique model version name: UTC `YYYYMMDD-HHMMSS-<6 hex>`, e.g. `20261124-153012-ab12cd`. */
export function makeVersion(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  const date = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}`;
  const time = `${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
  return `${date}-${time}-${randomBytes(3).toString("hex")}`;
}
