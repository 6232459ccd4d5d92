/**
 * Self-hosted rooms: the link is BASE_URL/rooms/<128 random bits>. The room page (routes) shows
 * when the consultation is and with whom; the video call itself is not part of Machi yet.
 */
import { randomBytes } from "node:crypto";
import type { Meeting, MeetingProvider, MeetingRequest } from "./provider.ts";

export function selfHostedProvider(baseUrl: () => string): MeetingProvider {
  return {
    name: "self-hosted",
    async createMeeting(_request: MeetingRequest): Promise<Meeting> {
      const roomId = randomBytes(16).toString("base64url");
      const url = `${baseUrl()}/rooms/${roomId}`;
      return { provider: "self-hosted", meetingId: roomId, joinUrl: url, hostUrl: `${url}?host=1`, roomId };
    },
    async cancelMeeting() {
      // The room page says the consultation was cancelled; nothing to call.
    },
  };
}
