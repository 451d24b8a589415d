import { pino, type Logger } from "pino";
import { initialLogLevel } from "./config.ts";

/** One structured logger (JSON to stderr, so CLI stdout stays clean for --json). */
export const logger: Logger = pino({ level: initialLogLevel(), base: undefined }, pino.destination(2));

/** A child logger for one module: `moduleLogger("import")`. */
export function moduleLogger(module: string): Logger {
  return logger.child({ module });
}
