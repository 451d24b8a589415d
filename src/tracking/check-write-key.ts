import { AppError, ErrorCode } from "../errors.ts";
import { sameSecret } from "../same-secret.ts";

/**
 * Segment's authentication: HTTP Basic with the write key as the username and an empty password
 * (`Authorization: Basic base64("<write key>:")`). Compared in constant time (as digests, so the
 * lengths match). 404 naming RETAIN_SEGMENT_WRITE_KEY when it is unset; 401 otherwise.
 */
export function checkWriteKey(options: { writeKey: string | undefined; authorization: string | undefined }): void {
  const { writeKey, authorization } = options;
  if (!writeKey)
    throw new AppError(
      ErrorCode.NotFound,
      "product-usage tracking is off: set RETAIN_SEGMENT_WRITE_KEY on the server (the source's write key)",
    );
  const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(authorization ?? "");
  if (!m)
    throw new AppError(
      ErrorCode.Unauthorized,
      'expected Authorization: Basic base64("<write key>:") (the write key as the username, no password)',
    );
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const given = decoded.includes(":") ? decoded.slice(0, decoded.indexOf(":")) : decoded;
  if (!sameSecret(given, writeKey))
    throw new AppError(ErrorCode.Unauthorized, "wrong write key: it is not RETAIN_SEGMENT_WRITE_KEY");
}
