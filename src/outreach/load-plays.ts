import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { AppError, ErrorCode } from "../errors.ts";
import { projectPath } from "../project-path.ts";
import { PLACEHOLDERS } from "./render-follow-up.ts";

/** The plays shipped with Retain: one folder per play. */
export const DEFAULT_PLAYS_DIR = projectPath("src", "outreach", "plays");

/** An outreach play: when it fires, its holdout share and delay (when set), and its email templates. */
export interface Play {
  name: string;
  description: string;
  trigger: "ticket_closed";
  /** Percent of customers held out (default: RETAIN_OUTREACH_HOLDOUT_PERCENT). */
  holdoutPercent?: number;
  /** Hours after the ticket closed (default: RETAIN_OUTREACH_DELAY_HOURS). */
  delayHours?: number;
  /** Hold follow-ups for the owner's review when the account's MRR is above `mrrAbove`, for `windowHours`. */
  review?: PlayReview;
  template: PlayTemplate;
}

export interface PlayReview {
  /** Default: RETAIN_OUTREACH_REVIEW_MRR (no review when neither is set). */
  mrrAbove?: number;
  /** How long after the planned send a held follow-up waits (default: RETAIN_OUTREACH_EXPIRE_HOURS). */
  windowHours?: number;
}

export interface PlayTemplate {
  /** `<play>@<first 8 hex of the SHA-256 of the template files>`: which version of the words went out. */
  id: string;
  subject: string;
  text: string;
  html: string;
}

const FILES = ["play.json", "subject.txt", "text.txt", "html.html"] as const;

/**
 * Loads every play folder under `dir` (play.json, subject.txt, text.txt, html.html) and
 * checks it: known trigger, sane numbers, only known {{placeholders}}. All problems are
 * reported at once.
 */
export function loadPlays(dir: string = DEFAULT_PLAYS_DIR): Play[] {
  if (!existsSync(dir))
    throw new AppError(ErrorCode.BadConfig, `plays: expected a folder of play folders at ${dir}, found nothing`);
  const problems: string[] = [];
  const plays: Play[] = [];
  for (const name of readdirSync(dir).sort()) {
    const folder = join(dir, name);
    if (!statSync(folder).isDirectory()) continue;
    const missing = FILES.filter((f) => !existsSync(join(folder, f)));
    if (missing.length) {
      problems.push(`${name}: missing ${missing.join(", ")}`);
      continue;
    }
    const [json, subject, text, html] = FILES.map((f) => readFileSync(join(folder, f), "utf8"));
    let meta: Partial<Play>;
    try {
      meta = JSON.parse(json);
    } catch (error) {
      problems.push(`${name}/play.json: not JSON (${(error as Error).message})`);
      continue;
    }
    if (meta.trigger !== "ticket_closed")
      problems.push(`${name}/play.json: trigger: expected "ticket_closed", found ${JSON.stringify(meta.trigger)}`);
    if (meta.holdoutPercent !== undefined && !(meta.holdoutPercent >= 0 && meta.holdoutPercent <= 90))
      problems.push(`${name}/play.json: holdoutPercent: expected 0–90, found ${meta.holdoutPercent}`);
    if (meta.delayHours !== undefined && !(meta.delayHours >= 0 && meta.delayHours <= 720))
      problems.push(`${name}/play.json: delayHours: expected 0–720, found ${meta.delayHours}`);
    const review = meta.review;
    if (review !== undefined && (typeof review !== "object" || review === null))
      problems.push(
        `${name}/play.json: review: expected {"mrrAbove": AMOUNT, "windowHours": H}, found ${JSON.stringify(review)}`,
      );
    else if (review?.mrrAbove !== undefined && !(typeof review.mrrAbove === "number" && review.mrrAbove >= 0))
      problems.push(
        `${name}/play.json: review.mrrAbove: expected an amount ≥ 0, found ${JSON.stringify(review.mrrAbove)}`,
      );
    else if (review?.windowHours !== undefined && !(review.windowHours > 0 && review.windowHours <= 720))
      problems.push(
        `${name}/play.json: review.windowHours: expected 1–720, found ${JSON.stringify(review.windowHours)}`,
      );
    for (const [file, body] of [
      ["subject.txt", subject],
      ["text.txt", text],
      ["html.html", html],
    ] as const) {
      const unknown = [...body.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)]
        .map((m) => m[1])
        .filter((p) => !(PLACEHOLDERS as readonly string[]).includes(p));
      if (unknown.length)
        problems.push(
          `${name}/${file}: unknown placeholder(s) ${unknown.join(", ")}; expected ${PLACEHOLDERS.join(", ")}`,
        );
    }
    const hash = createHash("sha256").update([json, subject, text, html].join("\u0000")).digest("hex").slice(0, 8);
    plays.push({
      name,
      description: String(meta.description ?? ""),
      trigger: "ticket_closed",
      holdoutPercent: meta.holdoutPercent,
      review: meta.review,
      delayHours: meta.delayHours,
      template: { id: `${name}@${hash}`, subject: subject.trim(), text, html },
    });
  }
  if (problems.length)
    throw new AppError(ErrorCode.BadConfig, `plays in ${dir}:\n  ${problems.join("\n  ")}`, problems);
  if (!plays.length)
    throw new AppError(ErrorCode.BadConfig, `plays: expected at least one play folder in ${dir}, found none`);
  return plays;
}
