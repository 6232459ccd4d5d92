/**
 * The question-type registry: one handler per QuestionType (parse + validate, render, display).
 * Adding a type means adding it to QUESTION_TYPES in definition.ts and a handler here; the
 * type checker insists on both.
 */
import type { QuestionType } from "../definition.ts";
import { addressHandler } from "./address.ts";
import { calculatedHandler } from "./calculated.ts";
import { multipleHandler, selectHandler, singleHandler } from "./choice.ts";
import type { QuestionHandler } from "./common.ts";
import { emailHandler, phoneHandler } from "./contact.ts";
import { dateHandler } from "./date.ts";
import { declarationHandler } from "./declaration.ts";
import { fileHandler } from "./file.ts";
import { createGroupHandler } from "./group.ts";
import { furiganaHandler, nameHandler } from "./name.ts";
import { numberHandler } from "./number.ts";
import { textHandler } from "./text.ts";

const handlers: Record<QuestionType, QuestionHandler> = {
  text: textHandler,
  textarea: textHandler,
  name: nameHandler,
  furigana: furiganaHandler,
  date: dateHandler,
  address: addressHandler,
  phone: phoneHandler,
  email: emailHandler,
  number: numberHandler,
  single: singleHandler,
  multiple: multipleHandler,
  select: selectHandler,
  group: createGroupHandler((type) => handlerFor(type)),
  file: fileHandler,
  declaration: declarationHandler,
  calculated: calculatedHandler,
};

export function handlerFor(type: QuestionType): QuestionHandler {
  const handler = handlers[type];
  if (!handler) throw new Error(`No handler for question type ${String(type)}`);
  return handler;
}
