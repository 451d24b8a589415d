export { classifySmtpError, SmtpFailureKind, type SmtpFailure } from "./classify-smtp-error.ts";
export { isPlainAddress, parseMailbox, toHeaderText } from "./header-text.ts";
export { createMailer, type MailAddress, type Mailer, type OutgoingMail, type SendReceipt } from "./mailer.ts";
export { readSentMessage, type SentMessageView } from "./read-sent-message.ts";
