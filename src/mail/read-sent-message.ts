/** A stored message read back for people: its headers (unfolded, encoded words decoded) and its text and HTML parts. */
export interface SentMessageView {
  headers: { name: string; value: string }[];
  text: string;
  html: string;
}

function split(entity: string): { head: string; body: string } {
  const end = entity.search(/\r?\n\r?\n/);
  if (end === -1) return { head: entity, body: "" };
  return { head: entity.slice(0, end), body: entity.slice(end).replace(/^\r?\n\r?\n/, "") };
}

function readHeaders(head: string): { name: string; value: string }[] {
  const headers: { name: string; value: string }[] = [];
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers.push({ name: line.slice(0, colon).trim(), value: decodeWords(line.slice(colon + 1).trim()) });
  }
  return headers;
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const s = text.replace(/=\r?\n/g, "");
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i], "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[QqBb]\?[^?]*\?=)\s+(?==\?)/g, "$1")
    .replace(/=\?[^?]+\?([QqBb])\?([^?]*)\?=/g, (_m, enc: string, text: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : decodeQuotedPrintable(text.replace(/_/g, " ")),
    );
}

function collect(entity: string, out: { text: string; html: string }): void {
  const { head, body } = split(entity);
  const headers = readHeaders(head);
  const get = (name: string) => headers.find((h) => h.name.toLowerCase() === name)?.value ?? "";
  const type = get("content-type") || "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith("--")) break;
      collect(part.replace(/^\r?\n/, ""), out);
    }
    return;
  }
  const encoding = get("content-transfer-encoding").toLowerCase();
  const decoded =
    encoding === "base64"
      ? Buffer.from(body, "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? decodeQuotedPrintable(body)
        : body;
  if (/^text\/html/i.test(type)) out.html += decoded;
  else if (/^text\/plain/i.test(type)) out.text += decoded;
}

/** Reads a message as Retain's mailer wrote it (multipart/alternative; quoted-printable or base64 parts). */
export function readSentMessage(raw: string): SentMessageView {
  const out = { text: "", html: "" };
  collect(raw, out);
  return { headers: readHeaders(split(raw).head), ...out };
}
