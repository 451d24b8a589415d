import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** A message as the test SMTP server accepted it, with its MIME parts decoded. */
export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  raw: string;
  /** Header values by lower-case name (unfolded, encoded words decoded); repeated headers keep every value. */
  headers: Map<string, string[]>;
  header(name: string): string | undefined;
  text: string;
  html: string;
}

/** How the server answers: an SMTP error reply at one stage, and a hold before answering MAIL FROM. */
export interface SmtpBehaviour {
  reply: { code: number; message?: string; at: "mail" | "rcpt" | "data" } | null;
  delayMs: number;
}

export interface TestSmtpServer {
  readonly port: number;
  /** `smtp://127.0.0.1:<port>` for SMTP_URL. */
  readonly url: string;
  readonly messages: ReceivedMail[];
  set(behaviour: Partial<SmtpBehaviour>): void;
  /** Resolves the next time the server holds a MAIL FROM (delayMs > 0): a sender is mid-send. */
  nextHold(): Promise<void>;
  /** Waits until at least n messages arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  /** Stops listening (connections are refused) and drops open connections. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

/**
 * A real SMTP server (the smtp-server package) on an ephemeral 127.0.0.1 port, for tests:
 * records what it accepts, and can be told to answer 4xx/5xx, to hold senders before
 * answering MAIL FROM (a sender killed while held never gets to DATA), or to go away.
 */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const behaviour: SmtpBehaviour = { reply: null, delayMs: 0 };
  const messages: ReceivedMail[] = [];
  let holdWaiters: (() => void)[] = [];
  const refuse = (at: "mail" | "rcpt" | "data") => {
    const r = behaviour.reply;
    return r && r.at === at
      ? Object.assign(new Error(r.message ?? `refused by the test server`), { responseCode: r.code })
      : null;
  };
  const create = () =>
    new SMTPServer({
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      closeTimeout: 50,
      onMailFrom(_address, _session, callback) {
        if (behaviour.delayMs > 0) {
          for (const w of holdWaiters) w();
          holdWaiters = [];
        }
        setTimeout(() => callback(refuse("mail")), behaviour.delayMs);
      },
      onRcptTo(_address, _session, callback) {
        callback(refuse("rcpt"));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const error = refuse("data");
          if (error) return callback(error);
          const raw = Buffer.concat(chunks).toString("utf8");
          const envelope = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
          };
          messages.push(parseMail(raw, envelope));
          callback(null, `queued as T${messages.length}`);
        });
      },
    });
  let server = create();
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
  await listen();
  port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    set: (b) => Object.assign(behaviour, b),
    nextHold: () => new Promise<void>((resolve) => holdWaiters.push(resolve)),
    async waitFor(n, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (messages.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} message(s), got ${messages.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    async start() {
      server = create();
      await listen();
    },
  };
}

/** Minimal MIME reading: headers, encoded words, multipart parts, quoted-printable and base64. */
export function parseMail(raw: string, envelope: ReceivedMail["envelope"]): ReceivedMail {
  const { headers, body } = splitEntity(raw);
  const parts = { text: "", html: "" };
  collectParts(headers, body, parts);
  return { envelope, raw, headers, header: (name) => headers.get(name.toLowerCase())?.[0], ...parts };
}

function splitEntity(entity: string): { headers: Map<string, string[]>; body: string } {
  const end = entity.search(/\r?\n\r?\n/);
  const head = end === -1 ? entity : entity.slice(0, end);
  const body = end === -1 ? "" : entity.slice(end).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string[]>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), decodeWords(line.slice(colon + 1).trim())]);
  }
  return { headers, body };
}

function decodeWords(value: string): string {
  return value.replace(
    /=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*(?==\?)|=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g,
    (_m, _c1, e1, t1, _c2, e2, t2) => {
      const [enc, text] = e1 ? [e1, t1] : [e2, t2];
      if (enc.toUpperCase() === "B") return Buffer.from(text, "base64").toString("utf8");
      return decodeQp(text.replace(/_/g, " "));
    },
  );
}

function decodeQp(text: string): string {
  const bytes: number[] = [];
  const s = text.replace(/=\r?\n/g, "");
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i], "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

function collectParts(headers: Map<string, string[]>, body: string, out: { text: string; html: string }): void {
  const type = headers.get("content-type")?.[0] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith("--")) break;
      const entity = splitEntity(part.replace(/^\r?\n/, ""));
      collectParts(entity.headers, entity.body, out);
    }
    return;
  }
  const encoding = (headers.get("content-transfer-encoding")?.[0] ?? "7bit").toLowerCase();
  const decoded =
    encoding === "base64"
      ? Buffer.from(body, "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? decodeQp(body)
        : body;
  if (/^text\/html/i.test(type)) out.html += decoded;
  else if (/^text\/plain/i.test(type)) out.text += decoded;
}
