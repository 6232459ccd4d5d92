import type { FastifyInstance } from "fastify";
import { t } from "../../core/i18n/index.ts";
import { html } from "../../core/ui/html.ts";
import { noticesFor } from "../builder/index.ts";
import "./messages.ts";

export function homeRoutes(app: FastifyInstance): void {
  app.get("/", { schema: { hide: true } }, async (request, reply) => {
    const locale = request.locale;
    return reply.page({
      title: t(locale, "home.title"),
      body: html`<h1>${t(locale, "home.title")}</h1>
<p class="lead">${t(locale, "home.lead")}</p>
<p><a class="button" href="/procedures">${t(locale, "home.findProcedure")}</a></p>
${await noticesFor(request)}
<h2>${t(locale, "home.popular")}</h2>
<ul>
  <li><a href="/procedures/residence-certificate">${t(locale, "home.juminhyo")}</a></li>
  <li><a href="/procedures/long-term-care-certification">${t(locale, "home.care")}</a></li>
  <li><a href="/procedures/child-medical-subsidy">${t(locale, "home.childMedical")}</a></li>
</ul>
<h2>${t(locale, "home.myPageTitle")}</h2>
<p>${t(locale, "home.myPageText")} <a href="/my">${t(locale, "home.myPageLink")}</a></p>
<h2>${t(locale, "home.moreTitle")}</h2>
<ul>
  <li><a href="/navigator">${t(locale, "home.navigator")}</a></li>
  <li><a href="/support-programmes">${t(locale, "home.programmes")}</a></li>
  <li><a href="/appointments">${t(locale, "home.appointments")}</a></li>
  <li><a href="/consultations">${t(locale, "home.consultations")}</a></li>
  <li><a href="/forms">${t(locale, "home.forms")}</a></li>
</ul>
<h2>${t(locale, "home.disasterTitle")}</h2>
<ul>
  <li><a href="/alerts">${t(locale, "home.alerts")}</a></li>
  <li><a href="/shelters">${t(locale, "home.shelters")}</a></li>
  <li><a href="/notify/subscribe">${t(locale, "home.subscribe")}</a></li>
</ul>`,
    });
  });
}
