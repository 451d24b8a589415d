import { createHash } from "node:crypto";
import { Arm } from "../outreach-statuses.ts";

/**
 * A number in [0, 1) drawn from a hash of (seed, play, customer): the same customer gets
 * the same draw for a play on every run and machine, and draws of different plays are independent.
 */
export function holdoutDraw(options: { play: string; customerKey: string; seed?: string }): number {
  const digest = createHash("sha256")
    .update(`${options.seed ?? "retain-holdout"}\u0000${options.play}\u0000${options.customerKey}`)
    .digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/** The arm of a customer in a play: holdout (no email) for a `share` (0–1) of customers, chosen by holdoutDraw. */
export function assignArm(options: { play: string; customerKey: string; share: number; seed?: string }): Arm {
  return holdoutDraw(options) < options.share ? Arm.Holdout : Arm.Treatment;
}
