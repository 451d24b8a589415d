import type { Database } from "../db/index.ts";
import { getSentMessage } from "../db/repositories/outreach-review.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { readSentMessage, type SentMessageView } from "../mail/index.ts";

/** A follow-up's email as it went out, read from the stored copy. */
export interface SentEmail extends SentMessageView {
  followUpId: number;
  messageId: string;
  sentAt: Date;
  recipient: string;
  /** The message as stored (RFC 5322). */
  raw: string;
}

/** The stored copy of a sent follow-up; NotFound when it was not sent or went before copies were kept. */
export async function getSentEmail(db: Database, followUpId: number): Promise<SentEmail> {
  const sent = await getSentMessage(db.sql, followUpId);
  if (!sent) throw new AppError(ErrorCode.NotFound, `follow-up ${followUpId} has no sent email`);
  if (!sent.raw)
    throw new AppError(ErrorCode.NotFound, `follow-up ${followUpId} was sent before Retain kept copies of sent emails`);
  return { ...sent, raw: sent.raw, ...readSentMessage(sent.raw) };
}
