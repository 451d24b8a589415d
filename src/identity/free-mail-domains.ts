/**
 * Mail providers anyone can sign up with: an address there says nothing about the company, so the
 * domain rule never uses these domains (neither the requester's nor a customer's). A short list of
 * the big ones on purpose; a person on another free-mail domain is matched by exact email or linked once.
 */
export const FREE_MAIL_DOMAINS: readonly string[] = [
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "msn.com",
  "yahoo.com",
  "icloud.com",
  "me.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "gmx.com",
  "gmx.de",
  "web.de",
  "mail.com",
  "yandex.com",
];

/** An email address trimmed and lowercased; null when it has no `local@domain` shape. */
export function normalizeEmail(email: string | null | undefined): string | null {
  const e = email?.trim().toLowerCase();
  if (!e) return null;
  const at = e.lastIndexOf("@");
  return at > 0 && at < e.length - 1 ? e : null;
}

/** The domain of a normalised address (after its last @). */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1);
}

export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL_DOMAINS.includes(domain);
}
