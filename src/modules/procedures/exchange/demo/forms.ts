/**
 * Building blocks of the generated demo forms: the pages city forms are made of (who applies,
 * the organisation, the place, the permit or decision referred to, attachments, bank account,
 * declaration). Each form is 2–6 pages and uses the form engine's question types; every form
 * passes validateDefinition (a test checks all of them).
 */
import type { LocalizedText } from "../../../../core/i18n/index.ts";
import type { Condition, FormDefinition, Option, PageDef, QuestionDef, QuestionType } from "../../forms/definition.ts";

export const L = (ja: string, en: string): LocalizedText => ({ ja, en });
export const opt = (value: string, ja: string, en: string): Option => ({ value, label: L(ja, en) });

type More = Omit<Partial<QuestionDef>, "id" | "type" | "label">;

export function q(id: string, type: QuestionType, label: LocalizedText, more: More = {}): QuestionDef {
  return { id, type, label, ...more };
}

export function page(id: string, title: LocalizedText, questions: QuestionDef[], showIf?: Condition): PageDef {
  return showIf ? { id, title, showIf, questions } : { id, title, questions };
}

const FILE = { accept: ["pdf", "jpeg", "png"] as Array<"pdf" | "jpeg" | "png">, maxBytes: 10 * 1024 * 1024 };
const file = (id: string, label: LocalizedText, more: More = {}) => q(id, "file", label, { ...FILE, ...more });

const PHONE_HINT = L("日中に連絡がつく番号（例：06-1234-5678）", "A number we can reach you on during the day (e.g. 06-1234-5678)");

/** 申請者: who applies (a person, or someone for an organisation). */
export function applicantPage(options: { kind?: boolean; birthDate?: boolean; title?: LocalizedText } = {}): PageDef {
  const questions: QuestionDef[] = [];
  if (options.kind) {
    questions.push(
      q("applicant_kind", "single", L("申請するのはどなたですか", "Who is applying?"), {
        options: [opt("person", "個人", "An individual"), opt("organisation", "団体・法人", "An organisation or company")],
      }),
    );
  }
  questions.push(
    q("applicant_name", "name", L("氏名", "Full name"), options.kind ? { hint: L("団体・法人の場合は担当者の氏名", "For an organisation: the name of the person in charge") } : {}),
    q("applicant_furigana", "furigana", L("フリガナ", "Name in katakana (furigana)")),
  );
  if (options.birthDate) questions.push(q("applicant_birth_date", "date", L("生年月日", "Date of birth"), { maxDate: "today" }));
  questions.push(
    q("applicant_address", "address", L("住所", "Address")),
    q("applicant_phone", "phone", L("電話番号", "Phone number"), { hint: PHONE_HINT }),
    q("applicant_email", "email", L("メールアドレス", "Email address"), { required: false }),
  );
  return page("applicant", options.title ?? L("申請者について教えてください", "About you"), questions);
}

/** 団体・法人: shown only when applicant_kind = organisation (applicantPage with kind). */
export function organisationPage(onlyForOrganisations = true): PageDef {
  return page(
    "organisation",
    L("団体・法人について教えてください", "About the organisation"),
    [
      q("organisation_name", "text", L("団体・法人の名称", "Name of the organisation"), { maxLength: 100 }),
      q("representative_name", "name", L("代表者の氏名", "Name of the representative")),
      q("organisation_address", "address", L("所在地", "Address of the organisation")),
      q("organisation_members", "number", L("構成員の数", "Number of members"), { required: false, min: 1, max: 100000 }),
    ],
    onlyForOrganisations ? { question: "applicant_kind", equals: "organisation" } : undefined,
  );
}

export function declarationPage(text: LocalizedText = L("記入した内容に誤りはありません。", "The information I have given is correct.")): PageDef {
  return page("declaration", L("申請内容の確認", "Declaration"), [q("declaration", "declaration", text)]);
}

/** Which permit, decision or registration an application refers to. */
function referencePage(id: string, title: LocalizedText, number: LocalizedText, date: LocalizedText): PageDef {
  return page(id, title, [
    q(`${id}_number`, "text", number, {
      maxLength: 30,
      pattern: { regex: "^[0-9A-Za-z-]{1,30}$", message: L("番号は半角英数字とハイフンで入力してください（例：R6-1234）", "Enter the number in letters, digits and hyphens (e.g. R6-1234)") },
      hint: L("通知書に書かれている番号（例：R6-1234）", "The number on the notice (e.g. R6-1234)"),
    }),
    q(`${id}_date`, "date", date, { maxDate: "today" }),
  ]);
}

export const permitReferencePage = () =>
  referencePage("permit", L("現在の許可について", "Your current permit"), L("許可番号", "Permit number"), L("許可年月日", "Date of the permit"));
export const decisionReferencePage = () =>
  referencePage("decision", L("交付決定について", "The grant decision"), L("交付決定番号", "Grant decision number"), L("交付決定日", "Date of the decision"));
export const registrationReferencePage = () =>
  referencePage("registration", L("登録について", "Your registration"), L("登録番号", "Registration number"), L("登録日", "Date of registration"));

export function sitePage(place: LocalizedText): PageDef {
  return page("site", L("場所と期間を入力してください", "Where and for how long"), [
    q("site_address", "address", place),
    q("site_area", "number", L("面積（平方メートル）", "Area (square metres)"), { min: 0.1, max: 100000 }),
    q("site_start", "date", L("開始日", "Start date"), { minDate: "today" }),
    q("site_end", "date", L("終了日", "End date"), { minDate: "today" }),
  ]);
}

export function attachmentsPage(first: LocalizedText, second?: LocalizedText): PageDef {
  const questions = [file("attachment_main", first)];
  if (second) questions.push(file("attachment_other", second, { required: false }));
  return page("attachments", L("書類を添付してください", "Attach documents"), questions);
}

export function changePage(items: Option[]): PageDef {
  return page("change", L("変更の内容を入力してください", "What changes"), [
    q("change_items", "multiple", L("変更する事項", "What is changing"), { options: items }),
    q("change_detail", "textarea", L("変更の内容", "Details of the change"), { maxLength: 800, hint: L("変更前と変更後がわかるように書いてください", "Say what it was before and what it will be") }),
    q("change_date", "date", L("変更日", "Date of the change")),
  ]);
}

export const CHANGE_ITEMS: Option[] = [
  opt("name", "名称", "Name"),
  opt("address", "所在地", "Address"),
  opt("representative", "代表者", "Representative"),
  opt("structure", "構造・設備", "Structure or equipment"),
  opt("other", "その他", "Other"),
];

export function endPage(reasonOptions: Option[]): PageDef {
  return page("ending", L("廃止・終了について", "Ending"), [
    q("end_date", "date", L("廃止・終了の日", "Date of ending")),
    q("end_reason", "select", L("理由", "Reason"), { options: reasonOptions }),
    q("end_note", "textarea", L("補足", "Anything else we should know"), { required: false, maxLength: 400 }),
  ]);
}

export const END_REASONS: Option[] = [
  opt("closing", "事業をやめるため", "The business is closing"),
  opt("moving", "移転するため", "Moving elsewhere"),
  opt("transfer", "他の人・団体に引き継ぐため", "Handing over to someone else"),
  opt("other", "その他", "Other"),
];

export function planPage(): PageDef {
  return page("plan", L("事業の計画を入力してください", "Your plan"), [
    q("plan_title", "text", L("事業の名称", "Name of the project"), { maxLength: 100 }),
    q("plan_start", "date", L("開始予定日", "Planned start")),
    q("plan_end", "date", L("終了予定日", "Planned end")),
    q("plan_total_yen", "number", L("事業費の総額（円）", "Total cost (yen)"), { min: 1, max: 100000000 }),
    q("plan_request_yen", "number", L("補助を申請する額（円）", "Amount of subsidy requested (yen)"), { min: 1, max: 100000000 }),
    q("plan_summary", "textarea", L("事業の内容", "What the project will do"), { maxLength: 1000 }),
  ]);
}

export function resultsPage(): PageDef {
  return page("results", L("実施した結果を入力してください", "What was done"), [
    q("results_completed", "date", L("完了日", "Date completed"), { maxDate: "today" }),
    q("results_cost_yen", "number", L("実際にかかった経費（円）", "Actual cost (yen)"), { min: 0, max: 100000000 }),
    q("results_participants", "number", L("参加者・利用者の数", "Number of participants or users"), { required: false, min: 0, max: 1000000 }),
    q("results_summary", "textarea", L("実施内容と成果", "What was done and achieved"), { maxLength: 1000 }),
  ]);
}

export function amountPage(label: LocalizedText): PageDef {
  return page("amount", L("金額を入力してください", "Amount"), [q("amount_yen", "number", label, { min: 1, max: 100000000 })]);
}

export function bankPage(): PageDef {
  return page("bank", L("振込先の口座を入力してください", "Bank account for the payment"), [
    q("bank_name", "text", L("金融機関名", "Bank name"), { maxLength: 40 }),
    q("bank_branch", "text", L("支店名", "Branch name"), { maxLength: 40 }),
    q("account_type", "single", L("預金の種類", "Account type"), { options: [opt("ordinary", "普通", "Ordinary"), opt("current", "当座", "Current")] }),
    q("account_number", "text", L("口座番号", "Account number"), {
      pattern: { regex: "^[0-9]{7}$", message: L("口座番号は7桁の数字で入力してください（例：1234567）", "Enter the account number as 7 digits (e.g. 1234567)") },
    }),
    q("account_holder", "furigana", L("口座名義（カタカナ）", "Account holder (katakana)")),
  ]);
}

export function businessPage(kindOptions: Option[]): PageDef {
  return page("business", L("事業所・施設について入力してください", "The business or facility"), [
    q("business_name", "text", L("事業所・施設の名称", "Name of the business or facility"), { maxLength: 100 }),
    q("business_address", "address", L("所在地", "Address")),
    q("business_kind", "select", L("種類", "Kind"), { options: kindOptions }),
    q("business_start", "date", L("開始日（予定日）", "Start date (planned)")),
  ]);
}

export function businessNamePage(): PageDef {
  return page("business", L("届出をする事業所・施設", "Which business or facility"), [
    q("business_name", "text", L("事業所・施設の名称", "Name of the business or facility"), { maxLength: 100 }),
    q("business_address", "address", L("所在地", "Address")),
  ]);
}

export const WEEKDAYS: Option[] = [
  opt("mon", "月曜日", "Monday"),
  opt("tue", "火曜日", "Tuesday"),
  opt("wed", "水曜日", "Wednesday"),
  opt("thu", "木曜日", "Thursday"),
  opt("fri", "金曜日", "Friday"),
  opt("sat", "土曜日", "Saturday"),
  opt("sun", "日曜日", "Sunday"),
];

export function activityPage(areas: Option[]): PageDef {
  return page("activity", L("活動について教えてください", "Your activity"), [
    q("activity_areas", "multiple", L("希望する活動", "Activities you would like to do"), { options: areas }),
    q("activity_days", "multiple", L("活動できる曜日", "Days you are available"), { options: WEEKDAYS }),
    q("activity_experience", "textarea", L("これまでの経験や資格", "Experience or qualifications"), { required: false, maxLength: 600 }),
  ]);
}

export const TIME_SLOTS: Option[] = [
  opt("morning", "午前（9時〜12時）", "Morning (9:00–12:00)"),
  opt("afternoon", "午後（13時〜17時）", "Afternoon (13:00–17:00)"),
  opt("evening", "夜間（18時〜21時）", "Evening (18:00–21:00)"),
];

export function bookingPage(maxPeople: number): PageDef {
  return page("booking", L("使用する日と人数を入力してください", "When and how many people"), [
    q("booking_date", "date", L("使用日", "Date"), { minDate: "today" }),
    q("booking_slot", "select", L("時間帯", "Time"), { options: TIME_SLOTS }),
    q("booking_people", "number", L("使用人数", "Number of people"), { min: 1, max: maxPeople }),
    q("booking_purpose", "textarea", L("使用目的・内容", "What it is for"), { maxLength: 400 }),
  ]);
}

export function equipmentPage(items: Option[]): PageDef {
  return page("equipment", L("使用する設備を選んでください", "Equipment"), [
    q("equipment", "multiple", L("設備（必要なものだけ）", "Equipment (only what you need)"), { required: false, options: items }),
    q("admission_fee", "single", L("入場料や参加費を集めますか", "Will you charge admission or fees?"), { options: [opt("no", "集めない", "No"), opt("yes", "集める", "Yes")] }),
  ]);
}

export function participantsPage(withChildren: boolean): PageDef {
  const questions: QuestionDef[] = [q("participants", "number", L("参加する人数（申込者を含む）", "Number of people (including you)"), { min: 1, max: 5 })];
  if (withChildren) {
    questions.push(
      q("children", "group", L("一緒に参加するお子さん", "Children coming with you"), {
        required: false,
        itemLabel: L("お子さん", "Child"),
        minItems: 0,
        maxItems: 3,
        fields: [q("child_name", "name", L("氏名", "Full name")), q("child_birth_date", "date", L("生年月日", "Date of birth"), { maxDate: "today" })],
      }),
    );
  }
  questions.push(
    q("needs_support", "single", L("手話通訳や車いす席などの配慮が必要ですか", "Do you need sign language, wheelchair space or other support?"), {
      options: [opt("no", "必要ない", "No"), opt("yes", "必要", "Yes")],
    }),
  );
  return page("participants", L("参加する方について", "Who is coming"), questions);
}

export function supportDetailPage(): PageDef {
  return page(
    "support",
    L("必要な配慮を教えてください", "What support you need"),
    [q("support_detail", "textarea", L("必要な配慮", "Support needed"), { maxLength: 400 })],
    { question: "needs_support", equals: "yes" },
  );
}

export function sessionPage(sessions: Option[]): PageDef {
  return page("session", L("参加する回を選んでください", "Which session"), [q("session", "single", L("参加する回", "Session"), { options: sessions })]);
}

/** Three sessions on weekdays of the coming months (demo: fixed labels, no real dates). */
export const SESSIONS: Option[] = [
  opt("first", "第1回（平日午前）", "Session 1 (weekday morning)"),
  opt("second", "第2回（平日午後）", "Session 2 (weekday afternoon)"),
  opt("third", "第3回（土曜午前）", "Session 3 (Saturday morning)"),
];

export function childCheckupPages(): PageDef[] {
  return [
    page("child", L("お子さんについて", "About your child"), [
      q("child_name", "name", L("お子さんの氏名", "Child’s full name")),
      q("child_furigana", "furigana", L("フリガナ", "Name in katakana (furigana)")),
      q("child_birth_date", "date", L("お子さんの生年月日", "Child’s date of birth"), { maxDate: "today" }),
    ]),
    page("schedule", L("日程の変更", "Changing the date"), [
      q("current_date", "date", L("案内された日", "Date you were given")),
      q("preferred_date", "date", L("希望する日", "Date you would prefer"), { minDate: "today" }),
      q("preferred_slot", "select", L("希望する時間帯", "Preferred time"), { options: TIME_SLOTS.slice(0, 2) }),
    ]),
    page("guardian", L("保護者の連絡先", "Parent’s contact details"), [
      q("guardian_name", "name", L("保護者の氏名", "Parent’s full name")),
      q("guardian_phone", "phone", L("電話番号", "Phone number"), { hint: PHONE_HINT }),
    ]),
  ];
}

export function consultationPages(topics: Option[]): PageDef[] {
  return [
    page("person", L("相談する方", "About you"), [
      q("person_name", "name", L("氏名", "Full name")),
      q("person_furigana", "furigana", L("フリガナ", "Name in katakana (furigana)")),
      q("person_phone", "phone", L("電話番号", "Phone number"), { hint: PHONE_HINT }),
      q("person_email", "email", L("メールアドレス", "Email address"), { required: false }),
    ]),
    page("topic", L("相談の内容", "What you want to ask about"), [
      q("topic", "single", L("相談の分野", "Subject"), { options: topics }),
      q("topic_summary", "textarea", L("相談したいこと（簡単に）", "What you want to ask (briefly)"), { maxLength: 400 }),
    ]),
    page("slot", L("希望する日時", "When"), [
      q("slot_date", "date", L("希望日", "Preferred date"), { minDate: "today" }),
      q("slot_time", "select", L("時間帯", "Time"), { options: TIME_SLOTS.slice(0, 2) }),
    ]),
  ];
}

export function requestItemsPage(items: Option[]): PageDef {
  return page("items", L("必要なものを選んでください", "What you need"), [
    q("items", "multiple", L("必要なもの", "Items"), { options: items }),
    q("copies", "number", L("部数", "Number of copies"), { min: 1, max: 5 }),
  ]);
}

export function certificatePage(purposes: Option[]): PageDef {
  return page("certificate", L("必要な証明書について", "The certificate you need"), [
    q("fiscal_year", "select", L("年度", "Fiscal year"), {
      options: [opt("current", "今年度", "This fiscal year"), opt("previous", "前年度", "Last fiscal year"), opt("two_years_ago", "2年前の年度", "Two years ago")],
    }),
    q("copies", "number", L("通数", "Number of copies"), { min: 1, max: 10 }),
    q("purpose", "select", L("使いみち", "Purpose"), { options: purposes }),
  ]);
}

export function deliveryPage(): PageDef {
  return page("delivery", L("受け取り方法", "How you receive it"), [
    q("delivery", "single", L("受け取り方法", "How you receive it"), {
      options: [opt("post", "郵送（住所あて）", "By post to your address"), opt("counter", "窓口で受け取る", "Collect at the counter")],
    }),
  ]);
}

export function nomineePage(): PageDef {
  return page("nominee", L("推薦する方・団体", "Who you are nominating"), [
    q("nominee_name", "text", L("氏名または団体名", "Name of the person or group"), { maxLength: 100 }),
    q("nominee_address", "address", L("住所・所在地", "Address")),
    q("nominee_achievements", "textarea", L("推薦の理由（活動の内容と年数）", "Why (what they have done, and for how long)"), { maxLength: 1200 }),
  ]);
}

export function opinionPages(topics: Option[]): PageDef[] {
  return [
    page("opinion", L("ご意見・ご提案", "Your comment or suggestion"), [
      q("opinion_topic", "select", L("分野", "Subject"), { options: topics }),
      q("opinion_text", "textarea", L("ご意見・ご提案", "Comment or suggestion"), { maxLength: 2000 }),
      q("reply_wanted", "single", L("回答を希望しますか", "Would you like a reply?"), { options: [opt("no", "希望しない", "No"), opt("yes", "希望する", "Yes")] }),
    ]),
    page(
      "reply",
      L("回答の送り先", "Where to send the reply"),
      [q("reply_name", "name", L("氏名", "Full name")), q("reply_address", "address", L("住所", "Address")), q("reply_email", "email", L("メールアドレス", "Email address"), { required: false })],
      { question: "reply_wanted", equals: "yes" },
    ),
  ];
}

/** A form; the pages are checked elsewhere (the generator's test runs validateDefinition on every one). */
export const form = (...pages: Array<PageDef | PageDef[]>): FormDefinition => ({ pages: pages.flat() });
