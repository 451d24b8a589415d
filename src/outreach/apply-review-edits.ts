import { toHeaderText, type OutgoingMail } from "../mail/index.ts";
import { escapeHtml } from "./render-follow-up.ts";

/** Plain text as simple HTML: paragraphs at blank lines, line breaks kept, links clickable, everything escaped. */
export function textToHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const linked = escapeHtml(p).replace(/https?:\/\/[^\s<>"']+/g, (url) => `<a href="${url}">${url}</a>`);
      return `<p>${linked.replace(/\n/g, "<br>\n")}</p>`;
    });
  return `<!doctype html>\n<html lang="en">\n<body>\n${paragraphs.join("\n")}\n</body>\n</html>\n`;
}

/**
 * The reviewer's edits on the rendered email: their subject (one header line), their text, and HTML made
 * from that text (the play's HTML would say what they took out). Unedited parts stay as rendered.
 */
export function applyReviewEdits(
  mail: OutgoingMail,
  edits: { subject: string | null; text: string | null },
): OutgoingMail {
  return {
    ...mail,
    subject: edits.subject ? toHeaderText(edits.subject, 250) : mail.subject,
    text: edits.text ?? mail.text,
    html: edits.text ? textToHtml(edits.text) : mail.html,
  };
}
