/**
 * Text that goes into a mail header (a display name, a subject): control characters,
 * including CR and LF, become spaces, runs of spaces collapse, and the result is cut to
 * `maxLength`. Whatever a customer typed, it stays one header line.
 */
export function toHeaderText(value: string | null | undefined, maxLength = 200): string {
  const text = (value ?? "")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters (CR, LF, NUL…) are what this strips from header text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

const PLAIN_ADDRESS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: an address with control characters in it is refused
  /^[^\s@<>()[\]\\,;:"\u0000-\u001f\u007f]+@[A-Za-z0-9\u0080-\uffff](?:[A-Za-z0-9\u0080-\uffff.-]*[A-Za-z0-9\u0080-\uffff])?$/;

/** A single plain address (`local@domain`), with nothing a header parser could read as more. */
export function isPlainAddress(value: string | null | undefined): value is string {
  if (!value || value.length > 254) return false;
  return PLAIN_ADDRESS.test(value);
}

/** `Name <address>` or `address` → its parts; null when it is not one plain address. */
export function parseMailbox(value: string): { name: string; address: string } | null {
  const match = /^\s*(?:"?([^"<>]*?)"?\s*<([^<>]+)>|([^<>\s]+))\s*$/.exec(value);
  if (!match) return null;
  const address = (match[2] ?? match[3]).trim();
  return isPlainAddress(address) ? { name: toHeaderText(match[1] ?? ""), address } : null;
}
