/** One reason for a customer's risk, as scoring stores it. */
export interface Driver {
  feature: string;
  /** The reason in words ("logins fell 40 % in 30 days"). */
  text: string;
  value: number | string | null;
  /** How much it raises the probability. */
  delta: number;
}

/** Drivers from their stored JSON; malformed JSON reads as none (a display must not fail on one bad row). */
export function parseDrivers(json: string | null): Driver[] {
  if (!json) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter((d): d is Record<string, unknown> => d !== null && typeof d === "object")
      .map((d) => ({ feature: String(d.feature ?? ""), text: String(d.text ?? d.feature ?? ""), value: (d.value as number | string | null) ?? null, delta: Number(d.delta ?? 0) }));
  } catch {
    return [];
  }
}
