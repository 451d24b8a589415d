import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A signing key: `configured` when given, else one generated on first use and kept in
 * `<dataDir>/<file>` (mode 600, created once even by racing processes), so it survives restarts.
 * Several servers sharing a database must share the configured value instead.
 */
export function resolveLocalSecret(options: { dataDir: string; file: string; configured?: string }): string {
  const { dataDir, file, configured } = options;
  if (configured) return configured;
  const path = join(dataDir, file);
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(path, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    return readFileSync(path, "utf8").trim();
  }
}
