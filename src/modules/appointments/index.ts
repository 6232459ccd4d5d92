/**
 * The appointments module's public face: 来庁予約 (counter bookings at the ward offices, with
 * e-mail verification, change/cancel links, reminders, .ics files and a check-in QR code), the
 * 整理券 queue with its public display, and web consultations with a meeting provider adapter.
 *
 * Routes: /appointments…, /consultations…, /queue/:office, /rooms/:roomId, /staff/appointments…,
 * /api/appointments/{offices,slots,bookings} (see routes/*.ts). Jobs: see jobs/topics.ts.
 */
import type { AppDeps, Module } from "../../core/app-deps.ts";
import { bookingMailHandler, reminderHandler } from "./jobs/booking-mail.ts";
import { consultationCancelHandler, consultationMeetingHandler } from "./jobs/consultation.ts";
import { TOPICS } from "./jobs/topics.ts";
import type { MeetingProvider } from "./meetings/provider.ts";
import { selfHostedProvider } from "./meetings/self-hosted.ts";
import { zoomProvider, zoomSettingsFromEnv } from "./meetings/zoom.ts";
import { registerApiRoutes } from "./routes/api.ts";
import { registerConsultationRoutes } from "./routes/consultations.ts";
import { registerPublicRoutes } from "./routes/public.ts";
import { registerResidentRoutes } from "./routes/resident.ts";
import { registerStaffRoutes } from "./routes/staff.ts";
import "./messages.ts";

export type AppointmentsOptions = {
  /** Environment to read the meeting provider settings from (default process.env). */
  env?: Record<string, string | undefined>;
  /** A provider to use instead of the configured one (tests). */
  provider?: MeetingProvider;
};

/** The meeting provider the environment asks for (APPOINTMENTS_MEETING_PROVIDER, ZOOM_*). */
export function meetingProviderFromEnv(env: Record<string, string | undefined>, baseUrl: () => string): MeetingProvider {
  const name = env.APPOINTMENTS_MEETING_PROVIDER || "self-hosted";
  if (name === "self-hosted") return selfHostedProvider(baseUrl);
  if (name === "zoom") {
    const settings = zoomSettingsFromEnv(env);
    if (!settings) throw new Error("APPOINTMENTS_MEETING_PROVIDER=zoom needs ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET (a Zoom Server-to-Server OAuth app).");
    return zoomProvider(settings);
  }
  throw new Error(`APPOINTMENTS_MEETING_PROVIDER must be self-hosted or zoom; got "${name}".`);
}

export function createAppointmentsModule(options: AppointmentsOptions = {}): Module {
  return {
    name: "appointments",
    async routes(app, deps) {
      registerResidentRoutes(app, deps);
      registerConsultationRoutes(app, deps);
      registerPublicRoutes(app, deps);
      registerStaffRoutes(app, deps);
      await registerApiRoutes(app, deps);
    },
    jobs(deps: AppDeps) {
      const baseUrl = () => deps.config.baseUrl;
      const provider = options.provider ?? meetingProviderFromEnv(options.env ?? process.env, baseUrl);
      const mailDeps = { db: deps.db, mailer: deps.mailer, baseUrl };
      const consultationDeps = { ...mailDeps, provider, mailFrom: deps.config.mailFrom };
      return {
        [TOPICS.bookingMail]: bookingMailHandler(mailDeps),
        [TOPICS.reminder]: reminderHandler(mailDeps),
        [TOPICS.consultationMeeting]: consultationMeetingHandler(consultationDeps),
        [TOPICS.consultationCancel]: consultationCancelHandler(consultationDeps),
      };
    },
  };
}

export const appointmentsModule: Module = createAppointmentsModule();

export { seedAppointmentsDemo, DEMO_OFFICES, DEMO_SERVICES } from "./demo.ts";
export { holidayOn, holidayName, isYearEndClosure } from "./holidays.ts";
export { planDay, slotsOfDay, isFourthSunday, type CounterRule, type DayException, type DayPlan } from "./schedule.ts";
export { buildCalendar, type CalendarEventInput } from "./ics.ts";
export type { MeetingProvider, Meeting, MeetingRequest } from "./meetings/provider.ts";
