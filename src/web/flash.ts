import type { Request, Response } from "express";
import { parseCookies } from "../auth/index.ts";

/** A one-time message shown on the next page of the list after a post (the bulk actions). */
export interface Flash {
  tone: "done" | "error";
  text: string;
}

const COOKIE = "retain_flash";
/** Only the at-risk list reads it; a minute is plenty for the redirect that follows. */
const ATTRIBUTES = "Path=/at-risk; HttpOnly; SameSite=Strict; Max-Age=60";
/** Cookies hold about 4 KB: a longer message is cut (the whole error is in the API's answer). */
const MAX_TEXT = 1500;

/** Sets the message for the next GET of the list (Secure over HTTPS). */
export function setFlash(req: Request, res: Response, flash: Flash): void {
  const text = flash.text.length > MAX_TEXT ? `${flash.text.slice(0, MAX_TEXT - 1)}…` : flash.text;
  const value = Buffer.from(JSON.stringify({ tone: flash.tone, text })).toString("base64url");
  res.append("Set-Cookie", `${COOKIE}=${value}; ${ATTRIBUTES}${req.secure ? "; Secure" : ""}`);
}

/** The message set by the last post, once: it is cleared as it is read. Null when there is none (or it is not ours). */
export function takeFlash(req: Request, res: Response): Flash | null {
  const value = parseCookies(req.get("cookie")).get(COOKIE);
  if (!value) return null;
  res.append(
    "Set-Cookie",
    `${COOKIE}=; Path=/at-risk; HttpOnly; SameSite=Strict; Max-Age=0${req.secure ? "; Secure" : ""}`,
  );
  try {
    const f = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if ((f.tone === "done" || f.tone === "error") && typeof f.text === "string") return { tone: f.tone, text: f.text };
  } catch {
    /* not a flash of ours: ignored */
  }
  return null;
}
