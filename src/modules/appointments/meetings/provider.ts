/**
 * Where the meeting link of a web consultation comes from. One small interface, two adapters:
 * - `self-hosted` (default): an unguessable room under BASE_URL/rooms/:id (the room page is
 *   ours; the video itself is out of scope, see docs/decisions/0014-appointments.md);
 * - `zoom`: the Zoom Meetings API with a Server-to-Server OAuth app (meetings/zoom.ts).
 *
 * Settings (environment variables, read when the app starts):
 *   APPOINTMENTS_MEETING_PROVIDER   self-hosted (default) | zoom
 *   ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET   the S2S OAuth app's credentials
 *   ZOOM_API_BASE     default https://api.zoom.us/v2
 *   ZOOM_OAUTH_BASE   default https://zoom.us
 *   ZOOM_USER_ID      the host user, default "me"
 */
export type MeetingRequest = {
  /** Our consultation id (used for idempotent room ids). */
  consultationId: string;
  topic: string;
  startsAt: Date;
  durationMinutes: number;
  agenda: string;
};

export type Meeting = {
  provider: string;
  meetingId: string;
  /** The link residents use. */
  joinUrl: string;
  /** The link the host (staff) uses; may equal joinUrl. */
  hostUrl: string;
  /** Our own room id for self-hosted rooms, null otherwise. */
  roomId: string | null;
};

export interface MeetingProvider {
  readonly name: string;
  createMeeting(request: MeetingRequest): Promise<Meeting>;
  /** Cancels a meeting; a meeting that is already gone counts as cancelled. */
  cancelMeeting(meetingId: string): Promise<void>;
}

/** The provider could not do it now (rate limit, outage): the job is retried later. */
export class MeetingProviderError extends Error {
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly code: number | string | undefined;
  constructor(message: string, options: { retryable: boolean; status?: number; code?: number | string }) {
    super(message);
    this.retryable = options.retryable;
    this.status = options.status;
    this.code = options.code;
  }
}
