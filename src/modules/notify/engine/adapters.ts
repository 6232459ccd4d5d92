/** Builds the channel adapters the configuration allows (the module and the benchmark use it). */
import { createEmailAdapter } from "../channels/email.ts";
import { createLineAdapter, LINE_MULTICAST_REQUESTS_PER_SECOND } from "../channels/line.ts";
import type { ChannelAdapter } from "../channels/types.ts";
import { createWebPushAdapter } from "../channels/webpush.ts";
import { createXAdapter, type XAdapter } from "../channels/x.ts";
import type { NotifyConfig } from "../config.ts";
import type { Links } from "../links.ts";

/** Below the provider's limit by this factor, so clock drift between us and them never costs a 429. */
export const RATE_SAFETY = 0.95;

export function buildAdapters(config: NotifyConfig, links: Links): { adapters: ChannelAdapter[]; x: XAdapter | undefined } {
  const adapters: ChannelAdapter[] = [];
  if (config.smtpUrl) {
    adapters.push(createEmailAdapter({ smtpUrl: config.smtpUrl, fromAddress: config.mailFrom, links, ratePerSecond: config.smtpRate * RATE_SAFETY }));
  }
  if (config.line) {
    adapters.push(
      createLineAdapter({
        baseUrl: config.line.baseUrl,
        channelAccessToken: config.line.channelAccessToken,
        requestsPerSecond: (LINE_MULTICAST_REQUESTS_PER_SECOND / config.instances) * RATE_SAFETY,
      }),
    );
  }
  if (config.vapid) adapters.push(createWebPushAdapter({ vapid: config.vapid, ratePerOrigin: config.webPushRate * RATE_SAFETY }));
  return { adapters, x: config.x ? createXAdapter(config.x) : undefined };
}
