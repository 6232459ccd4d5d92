/**
 * Input schemas of the navigator: the shape of a definition (zod; its issues carry exact paths,
 * which validate-definition.ts turns into JSON Pointers), the staff forms, the resident's e-mail
 * form, and the JSON Schemas of the JSON API (Fastify validates with them; /openapi.json shows them).
 */
import { z } from "zod";
import type { Condition } from "./definition.ts";
import { NAVIGATOR_QUESTION_TYPES, WHERE_KINDS } from "./definition.ts";

export const EVENT_CODE = /^[a-z][a-z0-9-]{0,40}$/;
/** Event codes that are paths of the navigator itself. */
export const RESERVED_EVENTS: readonly string[] = ["assets"];
export const QUESTION_ID = /^[a-z][a-z0-9_]{0,40}$/;
export const ITEM_ID = /^[a-z][a-z0-9_-]{0,60}$/;
export const OPTION_VALUE = /^[a-z0-9][a-z0-9_-]{0,40}$/;
export const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

const Text = z.string().max(2000);
export const LocalizedTextSchema = z.object({ ja: Text, en: Text.optional() }).strict();

const Leaf = z.union([
  z.object({ question: z.string(), equals: z.string() }).strict(),
  z.object({ question: z.string(), notEquals: z.string() }).strict(),
  z.object({ question: z.string(), in: z.array(z.string()).max(50) }).strict(),
  z.object({ question: z.string(), includes: z.string() }).strict(),
  z.object({ question: z.string(), answered: z.boolean() }).strict(),
]);
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([Leaf, z.object({ all: z.array(ConditionSchema).max(20) }).strict(), z.object({ any: z.array(ConditionSchema).max(20) }).strict()]),
);

const OptionSchema = z.object({ value: z.string(), label: LocalizedTextSchema }).strict();
const DateBound = z.union([z.literal("today"), z.iso.date()]);

export const QuestionSchema = z
  .object({
    id: z.string(),
    type: z.enum(NAVIGATOR_QUESTION_TYPES),
    label: LocalizedTextSchema,
    hint: LocalizedTextSchema.optional(),
    options: z.array(OptionSchema).max(30).optional(),
    showIf: ConditionSchema.optional(),
    required: z.boolean().optional(),
    minDate: DateBound.optional(),
    maxDate: DateBound.optional(),
  })
  .strict();

const PrefillSource = z.union([z.object({ answer: z.string() }).strict(), z.object({ value: z.string().max(200) }).strict()]);

export const ItemSchema = z
  .object({
    id: z.string(),
    when: ConditionSchema.optional(),
    procedure: z.string().optional(),
    title: LocalizedTextSchema,
    where: z.object({ kind: z.enum(WHERE_KINDS), place: LocalizedTextSchema, url: z.string().max(500).optional() }).strict(),
    bring: z.array(LocalizedTextSchema).max(20),
    why: LocalizedTextSchema,
    deadline: z
      .object({
        from: z.string(),
        count: z.number().int().min(1).max(3650),
        unit: z.enum(["days", "months"]).optional(),
        countFirstDay: z.boolean().optional(),
        rollOver: z.boolean().optional(),
        basis: LocalizedTextSchema,
      })
      .strict()
      .optional(),
    prefill: z.record(z.string(), PrefillSource).optional(),
  })
  .strict();

export const HarnessCaseSchema = z
  .object({ name: z.string().max(100), answers: z.record(z.string(), z.union([z.string().max(100), z.array(z.string().max(100)).max(30)])) })
  .strict();

export const DefinitionSchema = z
  .object({
    event: z.string(),
    title: LocalizedTextSchema,
    summary: LocalizedTextSchema,
    position: z.number().int().min(0).max(1000),
    questions: z.array(QuestionSchema).max(40),
    items: z.array(ItemSchema).max(100),
    tests: z.array(HarnessCaseSchema).max(50).optional(),
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// Resident forms

/** The 「自分に送る」 form. */
export const SendToSelfInput = z.object({ email: z.string().trim().max(254) });

/** A deliberately plain check (the mailer's server decides the rest): something@something.tld. */
export function isPlausibleEmail(value: string): boolean {
  return /^[^\s@"<>,;]+@[^\s@"<>,;]+\.[^\s@"<>,;]+$/.test(value);
}

// ---------------------------------------------------------------------------------------------
// JSON API (OpenAPI)

const localizedText = {
  type: "object",
  description: "Text in Japanese (always) and English",
  properties: { ja: { type: "string" }, en: { type: "string" } },
  required: ["ja"],
} as const;

const errorResponse = {
  type: "object",
  properties: { error: { type: "string" }, message: { type: "string" }, details: { type: "object", additionalProperties: true } },
  required: ["error", "message"],
} as const;

const lang = { type: "string", enum: ["ja", "en"], description: "Language of messages (texts are always given in both)" } as const;

const questionSchema = {
  type: "object",
  properties: {
    id: { type: "string", description: "Answer key" },
    type: { type: "string", enum: [...NAVIGATOR_QUESTION_TYPES], description: "single / multiple choice, yes/no (values yes, no), or an ISO date" },
    label: localizedText,
    hint: localizedText,
    required: { type: "boolean" },
    options: { type: "array", items: { type: "object", properties: { value: { type: "string" }, label: localizedText }, required: ["value", "label"] } },
    showIf: { type: "object", additionalProperties: true, description: "Asked only when this condition on earlier answers holds (forms-engine condition)" },
  },
  required: ["id", "type", "label", "required"],
} as const;

export const listEventsSchema = {
  tags: ["navigator"],
  summary: "Life events of 手続き判定 and their questions",
  description: "The published version of every life event, with its questions in order. Answer them and POST the answers to /api/navigator/{event}/result.",
  querystring: { type: "object", properties: { lang } },
  response: {
    200: {
      type: "object",
      properties: {
        events: {
          type: "array",
          items: {
            type: "object",
            properties: {
              event: { type: "string" },
              version: { type: "integer" },
              title: localizedText,
              summary: localizedText,
              url: { type: "string", description: "The resident page" },
              questions: { type: "array", items: questionSchema },
            },
            required: ["event", "version", "title", "summary", "url", "questions"],
          },
        },
      },
      required: ["events"],
    },
  },
} as const;

const deadlineSchema = {
  type: ["object", "null"],
  properties: {
    from: { type: "string", description: "The date question it counts from" },
    count: { type: "integer" },
    unit: { type: "string", enum: ["days", "months"] },
    countFirstDay: { type: "boolean", description: "true: the first day counts (戸籍法第43条); false: it does not (民法第140条)" },
    basis: localizedText,
    date: { type: ["string", "null"], format: "date", description: "The last day (null when the date was not answered)" },
    wareki: { type: ["string", "null"], description: "The last day in 和暦, e.g. 令和8年4月15日" },
    statutoryDate: { type: ["string", "null"], format: "date", description: "The last day before moving off a day the offices are closed" },
    daysLeft: { type: ["integer", "null"] },
  },
  required: ["from", "count", "unit", "countFirstDay", "basis", "date", "wareki", "statutoryDate", "daysLeft"],
} as const;

const itemSchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    group: { type: "string", enum: ["online", "counter", "other"], description: "online now, at a city counter, at another body" },
    title: localizedText,
    procedure: {
      type: ["object", "null"],
      properties: { slug: { type: "string" }, title: localizedText, url: { type: "string" }, online: { type: "boolean" } },
      required: ["slug", "title", "url", "online"],
    },
    where: { type: "object", properties: { kind: { type: "string" }, place: localizedText, url: { type: "string" } }, required: ["kind", "place"] },
    bring: { type: "array", items: localizedText },
    why: localizedText,
    deadline: deadlineSchema,
    startUrl: { type: ["string", "null"], description: "Starts the online procedure with the answers prefilled" },
  },
  required: ["id", "group", "title", "procedure", "where", "bring", "why", "deadline", "startUrl"],
} as const;

export const resultSchema = {
  tags: ["navigator"],
  summary: "手続き判定: answers → the checklist of procedures",
  description:
    "Computes the checklist of the published version for the given answers: which procedures are needed, where (online now, a city counter, another body), what to bring, why, and the deadline counted from the answered dates (和暦 and 西暦). Nothing is stored. Values that do not fit a question are reported in `problems` and ignored.",
  params: { type: "object", properties: { event: { type: "string", maxLength: 41 } }, required: ["event"] },
  querystring: { type: "object", properties: { lang } },
  body: {
    type: "object",
    properties: {
      answers: {
        type: "object",
        description: "Answers by question id: option values (a list for multiple choice), ISO dates",
        additionalProperties: { anyOf: [{ type: "string", maxLength: 100 }, { type: "array", maxItems: 30, items: { type: "string", maxLength: 100 } }] },
        maxProperties: 60,
      },
      today: { type: "string", format: "date", description: "Count days left from this date (default: today in Japan)" },
    },
    required: ["answers"],
    additionalProperties: false,
  },
  response: {
    200: {
      type: "object",
      properties: {
        event: { type: "string" },
        version: { type: "integer" },
        title: localizedText,
        complete: { type: "boolean", description: "false when a required question is still unanswered (the list may grow)" },
        nextQuestion: { type: ["string", "null"] },
        answers: { type: "object", additionalProperties: true, description: "The answers that counted" },
        problems: { type: "array", items: { type: "object", properties: { question: { type: "string" }, code: { type: "string" } }, required: ["question", "code"] } },
        resultUrl: { type: "string", description: "Permalink of the result page" },
        items: { type: "array", items: itemSchema },
      },
      required: ["event", "version", "title", "complete", "nextQuestion", "answers", "problems", "resultUrl", "items"],
    },
    404: errorResponse,
  },
} as const;

export { errorResponse, localizedText };
