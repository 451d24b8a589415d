import { Router, type Response } from "express";
import { isAppError } from "../../errors.ts";
import { escapeHtml, type Outreach } from "../../outreach/index.ts";

function page(res: Response, status: number, title: string, body: string): void {
  res
    .status(status)
    .type("html")
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>` +
        `<body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">` +
        `<h1 style="font-size: 1.4rem">${escapeHtml(title)}</h1>${body}</body></html>`,
    );
}

/** Runs a handler; an invalid link gets a readable page instead of JSON. */
function html(handler: (token: string, res: Response) => Promise<void>) {
  return async (req: { params: { token: string } }, res: Response) => {
    try {
      await handler(req.params.token, res);
    } catch (error) {
      if (!isAppError(error)) throw error;
      page(res, 404, "Link not valid", `<p>${escapeHtml(error.message)}.</p>`);
    }
  };
}

/**
 * The unsubscribe link of every follow-up, no login needed (the token is an HMAC of the
 * customer id): GET shows a page with a confirm button (link scanners only GET, so GET never
 * unsubscribes); POST unsubscribes at once, whatever its body: the RFC 8058 one-click POST
 * (`List-Unsubscribe=One-Click`) and the page's button alike.
 */
export function unsubscribeRoutes(deps: { outreach: Outreach }): Router {
  const router = Router();
  router.get(
    "/u/:token",
    html(async (token, res) => {
      const target = await deps.outreach.findUnsubscribeTarget(token);
      if (target.unsubscribedAt)
        return page(res, 200, "You are unsubscribed", "<p>You will not get these follow-up emails any more.</p>");
      const who = target.name ? ` for ${escapeHtml(target.name)}` : "";
      page(
        res,
        200,
        "Stop follow-up emails?",
        `<p>We send a short check-in after a support ticket closes. Stop these emails${who}?</p>` +
          `<form method="post" action="/u/${escapeHtml(token)}"><button type="submit" style="font-size: ` +
          `1rem; padding: .5rem 1rem">Unsubscribe</button></form>`,
      );
    }),
  );
  router.post(
    "/u/:token",
    html(async (token, res) => {
      await deps.outreach.unsubscribe(token);
      page(res, 200, "You are unsubscribed", "<p>Done: you will not get these follow-up emails any more.</p>");
    }),
  );
  return router;
}
