import { describe, expect, it } from "vitest";
import { loadPlays } from "./load-plays.ts";
import { renderFollowUp, type FollowUpValues } from "./render-follow-up.ts";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const values: FollowUpValues = {
  greeting: "Hi Bobby <b>,",
  contact_first_name: "Bobby <b>",
  company: "Acme & Sons",
  product: "Acme Reports",
  "customer.name": "Bobby <b>Tables</b> & Co",
  "ticket.number": "#1",
  "ticket.id": "T-1",
  "ticket.subject": "Help\r\nBcc: victim@evil.test\r\n\r\n<script>alert(1)</script>",
  "owner.name": "Jane Doe",
  "owner.first_name": "Jane",
  "owner.email": "jane.doe@acme.test",
  "unsubscribe.url": "http://retain.test/u/1.abc",
};

describe("rendering a play", () => {
  const [play] = loadPlays();

  it("the shipped play uses only known placeholders and has a versioned template id", () => {
    expect(play.name).toBe("ticket-closed");
    expect(play.template.id).toMatch(/^ticket-closed@[0-9a-f]{8}$/);
  });

  it("escapes HTML and keeps customer text on one line in every part", () => {
    const r = renderFollowUp(play.template, values);
    expect(r.subject).toBe("Your ticket #1: Help Bcc: victim@evil.test <script>alert(1)</script>");
    expect(r.html).toContain("<p>Hi Bobby &lt;b&gt;,</p>");
    expect(r.html).toContain("Acme &amp; Sons");
    expect(r.html).toContain("Help Bcc: victim@evil.test &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(r.html).not.toContain("<script>");
    expect(r.text).toContain('("Help Bcc: victim@evil.test <script>alert(1)</script>")');
    expect(r.text).toContain("http://retain.test/u/1.abc");
  });

  it("a subject template fed with CR/LF stays one header line", () => {
    const r = renderFollowUp({ ...play.template, subject: "About {{ticket.subject}}" }, values);
    expect(r.subject).not.toMatch(/[\r\n]/);
    expect(r.subject.startsWith("About Help Bcc: victim@evil.test")).toBe(true);
  });

  it("refuses a play with an unknown placeholder, naming the file and the known ones", () => {
    const dir = mkdtempSync(join(tmpdir(), "plays-"));
    mkdirSync(join(dir, "bad"));
    writeFileSync(join(dir, "bad", "play.json"), JSON.stringify({ trigger: "ticket_closed" }));
    writeFileSync(join(dir, "bad", "subject.txt"), "Hi {{customer.nmae}}");
    writeFileSync(join(dir, "bad", "text.txt"), "x");
    writeFileSync(join(dir, "bad", "html.html"), "x");
    expect(() => loadPlays(dir)).toThrow(
      /bad\/subject\.txt: unknown placeholder\(s\) customer\.nmae; expected greeting, .*customer\.name/,
    );
  });
});
