/**
 * Sends a page whose body needs the page context (CSRF token, locale). reply.pageContext() makes
 * the CSRF token once per reply, so the token in the form and the cookie set with it belong together.
 */
import type { FastifyReply } from "fastify";
import type { PageContext, PageOptions } from "./layout.ts";

export function sendPage(reply: FastifyReply, build: (ctx: PageContext) => PageOptions, status = 200): FastifyReply {
  return reply.page(build(reply.pageContext()), status);
}
