/**
 * Demo content of the procedures catalogue: Osaka City's organisation, life events,
 * categories, about thirty common procedures (the three from the seed document with
 * full forms) and demo accounts.
 *
 * This is demo data. Fees, legal bases and the shape of the forms follow what Osaka City
 * publishes as far as we know; anything we could not confirm is marked 「デモ」/ "demo"
 * in the text or in a comment here. Nothing in this file is a statement of the law.
 *
 * Organisation model (kept deliberately simple): every procedure has ONE responsible
 * department.
 *  - 住民記録・戸籍 procedures (住民票, 戸籍, 印鑑登録, 転入・転出・転居, 出生・死亡・婚姻・離婚)
 *    are handled at the 窓口サービス課 of every one of the 24 ward offices. Rather than
 *    duplicating each procedure per ward, they belong to one department `ward-counter`
 *    「区役所 窓口サービス課」, whose staff work on applications from every ward. Which
 *    ward an application concerns follows from the resident's address, not from the
 *    procedure. The 24 ward offices are listed too (kind "ward") so that addresses,
 *    staff and future per-ward routing have something to point at.
 *  - Every other procedure belongs to the bureau (局) that owns the scheme, even when the
 *    counter work is done at a ward's 保健福祉センター or 保険年金課 (介護保険 → 福祉局,
 *    こども医療費助成 → こども青少年局, …).
 */
import type { LocalizedText } from "../../../core/i18n/index.ts";
import type { FormDefinition, Option, PageDef, QuestionDef, QuestionType } from "../forms/definition.ts";

// ---------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------

export type DemoDepartment = { code: string; name: LocalizedText; kind: "ward" | "bureau" };
export type DemoLifeEvent = { code: string; name: LocalizedText };
export type DemoCategory = { code: string; name: LocalizedText };

/**
 * A fee in integer yen. `per: "copy"` = per certificate issued, `per: "item"` = per item
 * (粗大ごみ). A procedure without any fee has `fee: null`. `amountYen: 0` with a note is
 * used where the application itself is free but something else is charged later.
 */
export type DemoFee = { amountYen: number; per?: "copy" | "item"; note?: LocalizedText };

export type DemoChannel = "online" | "counter" | "both";

export type DemoProcedure = {
  /** url-safe English, e.g. "residence-certificate" */
  slug: string;
  title: LocalizedText;
  /** hiragana reading of the Japanese title, for search and 五十音 sorting */
  reading: string;
  summary: LocalizedText;
  departmentCode: string;
  categoryCode: string;
  lifeEvents: string[];
  /** Japanese synonyms and readings people search with */
  keywords: string[];
  whoCanApply: LocalizedText;
  whatYouNeed: LocalizedText[];
  fee: DemoFee | null;
  processingTime: LocalizedText;
  channel: DemoChannel;
  legalBasis?: LocalizedText;
  /** null for counter-only procedures */
  form: FormDefinition | null;
};

export type DemoAccount = {
  email: string;
  /** Demo only — never use these passwords outside a local demo. */
  password: string;
  name: { family: string; given: string };
  /** katakana, as on Japanese forms */
  furigana: { family: string; given: string };
  departmentCode?: string;
  role?: "clerk" | "manager";
  /** residents only */
  birthDate?: string;
  address?: { postalCode: string; address: string; building?: string };
  phone?: string;
};

// ---------------------------------------------------------------------------------------
// Small helpers to keep the data readable
// ---------------------------------------------------------------------------------------

const L = (ja: string, en: string): LocalizedText => ({ ja, en });
const opt = (value: string, ja: string, en: string): Option => ({ value, label: L(ja, en) });

const FILE_KINDS: Array<"pdf" | "jpeg" | "png"> = ["pdf", "jpeg", "png"];
const MAX_FILE_BYTES = 10 * 1024 * 1024;

type More = Omit<Partial<QuestionDef>, "id" | "type" | "label">;

function q(id: string, type: QuestionType, label: LocalizedText, more: More = {}): QuestionDef {
  return { id, type, label, ...more };
}
function file(id: string, label: LocalizedText, more: More = {}): QuestionDef {
  return q(id, "file", label, { accept: FILE_KINDS, maxBytes: MAX_FILE_BYTES, ...more });
}
function birthDate(id: string, label: LocalizedText = L("生年月日", "Date of birth"), more: More = {}): QuestionDef {
  return q(id, "date", label, { maxDate: "today", ...more });
}
function page(
  id: string,
  title: LocalizedText,
  questions: QuestionDef[],
  more: Pick<PageDef, "description" | "showIf"> = {},
): PageDef {
  return { id, title, ...more, questions };
}

const YES_NO: Option[] = [opt("yes", "はい", "Yes"), opt("no", "いいえ", "No")];
const SEX: Option[] = [opt("male", "男", "Male"), opt("female", "女", "Female")];
const NAME = L("氏名", "Full name");
const FURIGANA = L("フリガナ", "Name in katakana (furigana)");
const ADDRESS = L("住所", "Address");
const PHONE = L("電話番号", "Phone number");
const PHONE_HINT = L("日中に連絡がつく番号を入力してください（例：06-1234-5678）", "A number we can reach you on during the day (e.g. 06-1234-5678)");
const ID_DOC_HINT = L(
  "運転免許証、マイナンバーカード（表面のみ）、パスポートなどの写し",
  "A copy of your driving licence, My Number Card (front only), passport or similar",
);

const GRADES_ELEMENTARY: Option[] = [1, 2, 3, 4, 5, 6].map((n) => opt(`e${n}`, `小学${n}年生`, `Elementary school year ${n}`));
const GRADES_JUNIOR_HIGH: Option[] = [1, 2, 3].map((n) => opt(`j${n}`, `中学${n}年生`, `Junior high school year ${n}`));

/** The 振込先口座 page used by payments (児童手当, 就学援助). */
function bankAccountQuestions(holderHint: LocalizedText): QuestionDef[] {
  return [
    q("bank_name", "text", L("金融機関名", "Bank name"), { maxLength: 40, hint: L("例：大阪みらい銀行（デモ）", "e.g. Osaka Mirai Bank (demo)") }),
    q("bank_branch", "text", L("支店名", "Branch name"), { maxLength: 40 }),
    q("account_type", "single", L("預金の種類", "Account type"), {
      options: [opt("ordinary", "普通", "Ordinary"), opt("current", "当座", "Current")],
    }),
    q("account_number", "text", L("口座番号", "Account number"), {
      pattern: { regex: "^[0-9]{7}$", message: L("口座番号は7桁の数字で入力してください（例：1234567）", "Enter the account number as 7 digits (e.g. 1234567)") },
    }),
    q("account_holder", "furigana", L("口座名義（カタカナ）", "Account holder name (katakana)"), { hint: holderHint }),
  ];
}

// ---------------------------------------------------------------------------------------
// Organisation
// ---------------------------------------------------------------------------------------

const WARDS: Array<[code: string, ja: string, en: string]> = [
  ["kita", "北区", "Kita"],
  ["miyakojima", "都島区", "Miyakojima"],
  ["fukushima", "福島区", "Fukushima"],
  ["konohana", "此花区", "Konohana"],
  ["chuo", "中央区", "Chuo"],
  ["nishi", "西区", "Nishi"],
  ["minato", "港区", "Minato"],
  ["taisho", "大正区", "Taisho"],
  ["tennoji", "天王寺区", "Tennoji"],
  ["naniwa", "浪速区", "Naniwa"],
  ["nishiyodogawa", "西淀川区", "Nishiyodogawa"],
  ["yodogawa", "淀川区", "Yodogawa"],
  ["higashiyodogawa", "東淀川区", "Higashiyodogawa"],
  ["higashinari", "東成区", "Higashinari"],
  ["ikuno", "生野区", "Ikuno"],
  ["asahi", "旭区", "Asahi"],
  ["joto", "城東区", "Joto"],
  ["tsurumi", "鶴見区", "Tsurumi"],
  ["abeno", "阿倍野区", "Abeno"],
  ["suminoe", "住之江区", "Suminoe"],
  ["sumiyoshi", "住吉区", "Sumiyoshi"],
  ["higashisumiyoshi", "東住吉区", "Higashisumiyoshi"],
  ["hirano", "平野区", "Hirano"],
  ["nishinari", "西成区", "Nishinari"],
];

export const DEPARTMENTS: DemoDepartment[] = [
  // 住民記録・戸籍 at every ward's counter — see the comment at the top of the file.
  { code: "ward-counter", name: L("区役所 窓口サービス課", "Ward Office Resident Services Division"), kind: "ward" },
  // The 24 ward offices (北区役所 … 西成区役所).
  ...WARDS.map(([code, ja, en]): DemoDepartment => ({ code: `ward-${code}`, name: L(`${ja}役所`, `${en} Ward Office`), kind: "ward" })),
  { code: "welfare", name: L("福祉局", "Welfare Bureau"), kind: "bureau" },
  { code: "children", name: L("こども青少年局", "Children and Youth Bureau"), kind: "bureau" },
  { code: "health", name: L("健康局", "Health Bureau"), kind: "bureau" },
  { code: "citizens", name: L("市民局", "Citizens Bureau"), kind: "bureau" },
  { code: "finance", name: L("財政局（税務部・市税事務所）", "Finance Bureau (Taxation Department and City Tax Offices)"), kind: "bureau" },
  { code: "environment", name: L("環境局", "Environment Bureau"), kind: "bureau" },
  { code: "urban", name: L("都市整備局", "Urban Development Bureau"), kind: "bureau" },
  { code: "construction", name: L("建設局", "Construction Bureau"), kind: "bureau" },
  { code: "economy", name: L("経済戦略局", "Economic Strategy Bureau"), kind: "bureau" },
  { code: "education", name: L("教育委員会事務局", "Board of Education Secretariat"), kind: "bureau" },
];

export const LIFE_EVENTS: DemoLifeEvent[] = [
  { code: "moving", name: L("引越し", "Moving house") },
  { code: "birth-childcare", name: L("出生・子育て", "Birth and raising children") },
  { code: "school", name: L("入園・入学", "Nursery and school") },
  { code: "marriage-divorce", name: L("結婚・離婚", "Marriage and divorce") },
  { code: "bereavement", name: L("おくやみ（死亡）", "When someone dies") },
  { code: "care-elderly", name: L("介護・高齢", "Care and older people") },
  { code: "disability", name: L("障がい", "Disability") },
  { code: "employment", name: L("就職・退職", "Starting or leaving a job") },
  { code: "business", name: L("事業", "Running a business") },
  { code: "health-medical", name: L("健康・医療", "Health and medical care") },
  { code: "tax", name: L("税金", "Taxes") },
  { code: "waste-environment", name: L("ごみ・環境", "Waste and environment") },
  { code: "pets", name: L("ペット", "Pets") },
];

export const CATEGORIES: DemoCategory[] = [
  { code: "family-register", name: L("戸籍・住民票", "Family register and residence records") },
  { code: "tax", name: L("税", "Tax") },
  { code: "welfare", name: L("福祉", "Welfare") },
  { code: "childcare", name: L("子育て", "Children and families") },
  { code: "health", name: L("健康", "Health") },
  { code: "insurance-pension", name: L("保険・年金", "Health insurance and pensions") },
  { code: "environment", name: L("環境・ごみ", "Environment and waste") },
  { code: "business", name: L("事業者", "Businesses") },
  { code: "education", name: L("教育", "Education") },
  { code: "living", name: L("くらし", "Everyday life") },
];

// ---------------------------------------------------------------------------------------
// Seed procedure 1: 住民票の写し交付請求
// Follows 大阪市「住民票の写し等交付請求書」: 請求者, 必要な方, 世帯全員/一部, 記載事項,
// 通数, 使用目的, 送付先, 本人確認.
// ---------------------------------------------------------------------------------------

const residenceCertificateForm: FormDefinition = {
  pages: [
    page("certificate", L("必要な証明書はどれですか", "Which certificate do you need?"), [
      q("certificate_type", "single", L("証明書の種類", "Type of certificate"), {
        options: [
          opt("resident_record", "住民票の写し", "Copy of the residence record (住民票の写し)"),
          opt("removed_record", "住民票の除票の写し（転出・死亡などで消除された住民票）", "Copy of a removed residence record (after moving out of Osaka City or death)"),
          opt("record_statement", "住民票記載事項証明書", "Certificate of residence record entries"),
        ],
        hint: L("わからない場合は「住民票の写し」を選んでください。", "If you are not sure, choose “Copy of the residence record”."),
      }),
    ]),
    page("requester", L("請求するのはどなたですか", "Who is making this request?"), [
      q("requester_type", "single", L("請求する方", "Person making the request"), {
        options: [
          opt("self", "本人（自分の住民票が必要）", "The person named on the record (I need my own record)"),
          opt("household", "本人と同じ世帯の方", "A member of the same household"),
          opt("agent", "代理人（本人から頼まれた方）", "A representative authorised by the person"),
        ],
      }),
    ]),
    page("requester_name", L("あなた（請求する方）の氏名と生年月日を入力してください", "Your name and date of birth"), [
      q("requester_name", "name", NAME),
      q("requester_furigana", "furigana", FURIGANA),
      birthDate("requester_birth_date"),
    ]),
    page("requester_contact", L("あなたの住所と電話番号を入力してください", "Your address and phone number"), [
      q("requester_address", "address", ADDRESS),
      q("requester_phone", "phone", PHONE, { hint: PHONE_HINT }),
    ]),
    page(
      "agent",
      L("代理人として請求する方へ", "If you are requesting as a representative"),
      [
        q("agent_relationship", "text", L("住民票が必要な方との関係", "Your relationship to the person"), {
          maxLength: 40,
          hint: L("例：子、知人、司法書士", "e.g. son or daughter, friend, judicial scrivener"),
        }),
        file("power_of_attorney", L("委任状", "Letter of authorisation (委任状)"), {
          hint: L(
            "住民票が必要な方ご本人が書いた委任状を、写真またはPDFで添付してください。",
            "Attach a photo or PDF of the letter of authorisation written by the person themselves.",
          ),
        }),
      ],
      { showIf: { question: "requester_type", equals: "agent" } },
    ),
    page(
      "subject",
      L("住民票が必要な方はどなたですか", "Whose residence record do you need?"),
      [q("subject_name", "name", NAME), q("subject_furigana", "furigana", FURIGANA), birthDate("subject_birth_date")],
      { showIf: { question: "requester_type", in: ["household", "agent"] } },
    ),
    page(
      "subject_address",
      L("住民票が必要な方の住所を入力してください", "The person’s registered address"),
      [q("subject_address", "address", L("大阪市内の住民登録地", "Registered address in Osaka City"))],
      { showIf: { question: "requester_type", equals: "agent" } },
    ),
    page("scope", L("世帯全員の分が必要ですか", "Do you need the record of the whole household?"), [
      q("scope", "single", L("必要な範囲", "Who should be included"), {
        options: [
          opt("all", "世帯全員", "Everyone in the household"),
          opt("some", "世帯の一部の方", "Only some members of the household"),
        ],
      }),
    ]),
    page(
      "scope_members",
      L("住民票に載せる方の氏名を入力してください", "Names of the people to include"),
      [
        q("scope_members", "group", L("住民票に載せる方", "People to include"), {
          itemLabel: L("載せる方", "Person"),
          minItems: 1,
          maxItems: 10,
          fields: [q("member_name", "name", NAME)],
        }),
      ],
      { showIf: { question: "scope", equals: "some" } },
    ),
    page(
      "contents",
      L("住民票に載せる事項を選んでください", "What should the record show?"),
      [
        q("include_items", "multiple", L("載せる事項（必要なものだけ）", "Items to include (only those you need)"), {
          required: false,
          options: [
            opt("householder", "世帯主の氏名と続柄", "Name of the head of household and relationship"),
            opt("domicile", "本籍と筆頭者", "Registered domicile (本籍) and head of the family register"),
            opt("resident_code", "住民票コード", "Resident record code"),
            opt("my_number", "個人番号（マイナンバー）", "Individual Number (My Number)"),
          ],
          hint: L(
            "選ばなかった事項は省略されます。住民票コードとマイナンバーは、提出先から求められた場合だけ選んでください。",
            "Items you do not choose are left out. Only choose the resident record code and My Number if the organisation asking for the record requires them.",
          ),
        }),
      ],
      {
        description: L(
          "提出先から指定がある場合は、その指定に合わせてください。",
          "If the organisation you are submitting the record to has told you what it needs, follow that.",
        ),
      },
    ),
    page(
      "my_number_notice",
      L("マイナンバー入りの住民票の送り先について", "Where a record with My Number is sent"),
      [
        q("my_number_mail_ack", "declaration", L(
          "マイナンバーが記載された住民票は、代理人には交付されず、住民票が必要な方の住民登録地へ郵送されることを確認しました。",
          "I understand that a record showing My Number is not given to a representative and will be posted to the person’s registered address.",
        )),
      ],
      { showIf: { all: [{ question: "include_items", includes: "my_number" }, { question: "requester_type", equals: "agent" }] } },
    ),
    page("copies", L("何通必要ですか", "How many copies do you need?"), [
      q("copies", "number", L("通数", "Number of copies"), {
        min: 1,
        max: 10,
        hint: L("1通300円です。", "Each copy costs 300 yen."),
      }),
    ]),
    page("purpose", L("何に使いますか", "What will you use it for?"), [
      q("purpose", "select", L("使いみち", "Purpose"), {
        options: [
          opt("employment", "就職・勤務先への提出", "Employment"),
          opt("pension", "年金の手続き", "Pension procedures"),
          opt("driving_licence", "運転免許", "Driving licence"),
          opt("bank", "金融機関・保険の手続き", "Bank or insurance procedures"),
          opt("real_estate", "不動産の登記・取引", "Real estate registration or sale"),
          opt("vehicle", "自動車の登録", "Vehicle registration"),
          opt("school", "学校への提出", "School"),
          opt("inheritance", "相続の手続き", "Inheritance"),
          opt("other", "その他", "Other"),
        ],
      }),
      q("submit_to", "text", L("提出先", "Where you will submit it"), {
        required: false,
        maxLength: 60,
        hint: L("例：大阪府警察 運転免許試験場", "e.g. Osaka Prefectural Police Driving Licence Centre"),
      }),
    ]),
    page(
      "purpose_other",
      L("使いみちを具体的に入力してください", "Tell us what you will use it for"),
      [q("purpose_detail", "text", L("使いみち", "Purpose"), { maxLength: 100 })],
      { showIf: { question: "purpose", equals: "other" } },
    ),
    page("delivery", L("住民票をどこへ送りますか", "Where should we post the certificate?"), [
      q("delivery", "single", L("送付先", "Delivery address"), {
        options: [
          opt("registered", "住民票が必要な方の住民登録地", "The person’s registered address"),
          opt("requester", "請求する方の住所（入力した住所）", "The requester’s address (the one you entered)"),
        ],
        hint: L(
          "本人確認のため、住民登録地または請求する方の住所にだけお送りします。",
          "To protect personal information we only post to the registered address or the requester’s address.",
        ),
      }),
    ]),
    page("identity", L("本人確認書類を添付してください", "Proof of identity"), [
      file("identity_document", L("請求する方の本人確認書類", "Requester’s proof of identity"), { hint: ID_DOC_HINT }),
    ]),
    page("declaration", L("申請内容の確認", "Declaration"), [
      q("declaration", "declaration", L(
        "記入した内容に偽りはありません。偽りその他不正の手段により住民票の写しの交付を受けた場合、30万円以下の罰金に処せられることがあることを理解しました（住民基本台帳法第46条）。",
        "The information I have given is true. I understand that obtaining a residence record by deception or other unlawful means can be punished by a fine of up to 300,000 yen (Basic Resident Register Act, Article 46).",
      )),
    ]),
  ],
};

// ---------------------------------------------------------------------------------------
// Seed procedure 2: 要介護・要支援認定申請
// Follows 大阪市「介護保険 要介護認定・要支援認定 申請書」: 被保険者, 申請区分, 前回の認定,
// 主治医, 過去6か月の入院・入所, 特定疾病 (第2号のみ), 保険証の添付, 申請者, 調査の連絡先.
// ---------------------------------------------------------------------------------------

const LEVELS: Option[] = [
  opt("support1", "要支援1", "Support level 1"),
  opt("support2", "要支援2", "Support level 2"),
  opt("care1", "要介護1", "Care level 1"),
  opt("care2", "要介護2", "Care level 2"),
  opt("care3", "要介護3", "Care level 3"),
  opt("care4", "要介護4", "Care level 4"),
  opt("care5", "要介護5", "Care level 5"),
];

/** The 16 特定疾病 of 介護保険法施行令第2条. */
const SPECIFIED_DISEASES: Option[] = [
  opt("cancer", "がん（医師が一般に認められている医学的知見に基づき回復の見込みがない状態に至ったと判断したもの）", "Terminal cancer"),
  opt("rheumatoid_arthritis", "関節リウマチ", "Rheumatoid arthritis"),
  opt("als", "筋萎縮性側索硬化症", "Amyotrophic lateral sclerosis (ALS)"),
  opt("opll", "後縦靱帯骨化症", "Ossification of the posterior longitudinal ligament"),
  opt("osteoporosis_fracture", "骨折を伴う骨粗鬆症", "Osteoporosis with fracture"),
  opt("presenile_dementia", "初老期における認知症", "Early-onset dementia"),
  opt("parkinsons", "進行性核上性麻痺、大脳皮質基底核変性症及びパーキンソン病", "Progressive supranuclear palsy, corticobasal degeneration and Parkinson’s disease"),
  opt("spinocerebellar", "脊髄小脳変性症", "Spinocerebellar degeneration"),
  opt("spinal_stenosis", "脊柱管狭窄症", "Spinal canal stenosis"),
  opt("progeria", "早老症", "Progeria"),
  opt("msa", "多系統萎縮症", "Multiple system atrophy"),
  opt("diabetic", "糖尿病性神経障害、糖尿病性腎症及び糖尿病性網膜症", "Diabetic neuropathy, nephropathy and retinopathy"),
  opt("cerebrovascular", "脳血管疾患", "Cerebrovascular disease"),
  opt("aso", "閉塞性動脈硬化症", "Arteriosclerosis obliterans"),
  opt("copd", "慢性閉塞性肺疾患", "Chronic obstructive pulmonary disease (COPD)"),
  opt("osteoarthritis", "両側の膝関節又は股関節に著しい変形を伴う変形性関節症", "Osteoarthritis with marked deformity of both knees or hips"),
];

const longTermCareForm: FormDefinition = {
  pages: [
    page("insured_category", L("介護を受ける方は何歳ですか", "How old is the person who needs care?"), [
      q("insured_category", "single", L("被保険者の区分", "Insured category"), {
        options: [
          opt("first", "65歳以上（第1号被保険者）", "65 or older (Category 1 insured person)"),
          opt("second", "40歳から64歳で医療保険に加入している（第2号被保険者）", "40 to 64 and covered by health insurance (Category 2 insured person)"),
        ],
        hint: L(
          "40歳から64歳の方は、特定疾病（国が定める16の病気）が原因で介護が必要な場合に申請できます。",
          "People aged 40 to 64 can apply only if they need care because of one of the 16 specified diseases.",
        ),
      }),
    ]),
    page("insurance_card", L("保険証の番号を入力してください", "Insurance numbers"), [
      q("insured_number", "text", L("介護保険の被保険者番号", "Long-term care insurance number"), {
        showIf: { question: "insured_category", equals: "first" },
        pattern: { regex: "^[0-9]{10}$", message: L("被保険者番号は10桁の数字で入力してください（例：0123456789）", "Enter the insurance number as 10 digits (e.g. 0123456789)") },
        hint: L("介護保険被保険者証に書かれている10桁の番号です。", "The 10-digit number on the long-term care insurance card."),
      }),
      q("medical_insurer_name", "text", L("加入している医療保険の名称", "Name of the health insurer"), {
        showIf: { question: "insured_category", equals: "second" },
        maxLength: 60,
        hint: L("例：全国健康保険協会 大阪支部、大阪市国民健康保険", "e.g. Japan Health Insurance Association Osaka Branch, Osaka City National Health Insurance"),
      }),
      q("medical_insurance_number", "text", L("医療保険の記号・番号", "Health insurance symbol and number"), {
        showIf: { question: "insured_category", equals: "second" },
        maxLength: 30,
      }),
    ]),
    page("insured_person", L("介護を受ける方の氏名・生年月日・性別を入力してください", "Name, date of birth and sex of the person who needs care"), [
      q("insured_name", "name", NAME),
      q("insured_furigana", "furigana", FURIGANA),
      birthDate("insured_birth_date"),
      q("insured_sex", "single", L("性別", "Sex"), { options: SEX }),
    ]),
    page("insured_contact", L("介護を受ける方の住所と電話番号を入力してください", "Address and phone number of the person who needs care"), [
      q("insured_address", "address", L("住所（住民登録地）", "Registered address")),
      q("insured_phone", "phone", PHONE, { required: false, hint: L("電話がない場合は空欄で構いません。", "Leave blank if there is no phone.") }),
    ]),
    page("application_type", L("どの申請ですか", "What are you applying for?"), [
      q("application_type", "single", L("申請の区分", "Type of application"), {
        options: [
          opt("new", "新規（初めて申請する）", "New (first application)"),
          opt("renewal", "更新（認定の有効期間が終わる）", "Renewal (the current certification is about to expire)"),
          opt("change", "区分変更（状態が変わったので認定を見直してほしい）", "Change of level (the person’s condition has changed)"),
        ],
        hint: L("更新の申請は、有効期間が終わる日の60日前からできます。", "You can apply for renewal from 60 days before the current certification expires."),
      }),
    ]),
    page(
      "previous_result",
      L("今の認定の内容を入力してください", "The current certification"),
      [
        q("previous_level", "select", L("要介護状態区分", "Care level"), { options: LEVELS }),
        q("previous_valid_from", "date", L("有効期間の開始日", "Valid from")),
        q("previous_valid_until", "date", L("有効期間の終了日", "Valid until")),
      ],
      { showIf: { question: "application_type", in: ["renewal", "change"] } },
    ),
    page(
      "change_reason",
      L("認定を見直してほしい理由を教えてください", "Why should the certification be reviewed?"),
      [
        q("change_reason", "textarea", L("区分変更の理由", "Reason for the change"), {
          maxLength: 800,
          hint: L("例：転倒して骨折し、歩くことが難しくなった", "e.g. a fall and a broken bone have made walking difficult"),
        }),
      ],
      { showIf: { question: "application_type", equals: "change" } },
    ),
    page(
      "specific_disease",
      L("介護が必要になった原因の病気（特定疾病）はどれですか", "Which specified disease causes the need for care?"),
      [
        q("specific_disease", "select", L("特定疾病の名称", "Specified disease"), {
          options: SPECIFIED_DISEASES,
          hint: L("主治医の診断にもとづいて選んでください。", "Choose according to the doctor’s diagnosis."),
        }),
      ],
      { showIf: { question: "insured_category", equals: "second" } },
    ),
    page(
      "doctor",
      L("主治医を教えてください", "The person’s main doctor"),
      [
        q("doctor_institution", "text", L("医療機関名", "Hospital or clinic"), { maxLength: 80 }),
        q("doctor_name", "text", L("医師名", "Doctor’s name"), { maxLength: 40 }),
        q("doctor_department", "text", L("診療科", "Department"), { required: false, maxLength: 40 }),
        q("doctor_address", "address", L("医療機関の所在地", "Address of the hospital or clinic")),
        q("doctor_phone", "phone", L("医療機関の電話番号", "Phone number of the hospital or clinic")),
      ],
      {
        description: L(
          "市から主治医に「主治医意見書」の作成を依頼します。最近受診している医師を入力してください。",
          "The city will ask this doctor to write a medical opinion. Give a doctor the person has seen recently.",
        ),
      },
    ),
    page("hospital_stay", L("過去6か月の間に、入院や施設への入所をしましたか", "In the last 6 months, has the person stayed in a hospital or care facility?"), [
      q("hospital_stay", "single", L("過去6か月の入院・入所", "Hospital or facility stay in the last 6 months"), {
        options: YES_NO,
        hint: L("現在入院・入所中の場合も「はい」を選んでください。", "Choose “Yes” also if the person is in hospital or a facility now."),
      }),
    ]),
    page(
      "hospital_stay_details",
      L("入院・入所先を教えてください", "Where did the person stay?"),
      [
        q("stay_facility_type", "single", L("種類", "Type"), {
          options: [
            opt("hospital", "医療機関（病院・診療所）", "Hospital or clinic"),
            opt("care_facility", "介護保険施設（特別養護老人ホームなど）", "Long-term care facility (e.g. nursing home)"),
            opt("other", "その他の施設", "Other facility"),
          ],
        }),
        q("stay_facility_name", "text", L("施設名", "Name of the hospital or facility"), { maxLength: 80 }),
        q("stay_from", "date", L("入院・入所した日", "Date admitted"), { maxDate: "today" }),
        q("stay_to", "date", L("退院・退所した日", "Date discharged"), {
          required: false,
          maxDate: "today",
          hint: L("現在も入院・入所中の場合は空欄にしてください。", "Leave blank if the person is still there."),
        }),
      ],
      { showIf: { question: "hospital_stay", equals: "yes" } },
    ),
    page("attachments", L("保険証の写しを添付してください", "Attach a copy of the insurance card"), [
      file("care_insurance_card_file", L("介護保険被保険者証", "Long-term care insurance card"), {
        showIf: { question: "insured_category", equals: "first" },
        hint: L("表面の写真またはPDF。手元にない場合は窓口にご相談ください。", "A photo or PDF of the front. If you cannot find it, contact the ward office."),
      }),
      file("medical_insurance_card_file", L("医療保険の資格確認書または資格情報のお知らせ", "Health insurance eligibility certificate or notice of insurance details"), {
        showIf: { question: "insured_category", equals: "second" },
        hint: L("医療保険に加入していることがわかる書類の写しです。", "A copy of a document showing the person is covered by health insurance."),
      }),
    ]),
    page("applicant", L("申請の手続きをするのはどなたですか", "Who is making this application?"), [
      q("applicant_type", "single", L("申請する方", "Applicant"), {
        options: [
          opt("self", "介護を受ける本人", "The person who needs care"),
          opt("family", "家族", "A family member"),
          opt("agency", "地域包括支援センター・居宅介護支援事業者・介護保険施設（申請代行）", "A community support centre, care management agency or care facility acting for the person"),
        ],
      }),
    ]),
    page(
      "applicant_family",
      L("手続きをするご家族について教えてください", "About the family member making the application"),
      [
        q("applicant_name", "name", NAME),
        q("applicant_relationship", "text", L("介護を受ける方との続柄", "Relationship to the person"), {
          maxLength: 20,
          hint: L("例：長女、妻", "e.g. eldest daughter, wife"),
        }),
        q("applicant_address", "address", ADDRESS),
        q("applicant_phone", "phone", PHONE, { hint: PHONE_HINT }),
      ],
      { showIf: { question: "applicant_type", equals: "family" } },
    ),
    page(
      "applicant_agency",
      L("申請を代行する事業者について教えてください", "About the organisation making the application"),
      [
        q("agency_name", "text", L("事業者・施設の名称", "Name of the organisation"), { maxLength: 80 }),
        q("agency_number", "text", L("介護保険事業所番号", "Care provider number"), {
          pattern: { regex: "^[0-9]{10}$", message: L("事業所番号は10桁の数字で入力してください", "Enter the provider number as 10 digits") },
        }),
        q("agency_staff_name", "name", L("担当者の氏名", "Name of the staff member")),
        q("agency_address", "address", L("所在地", "Address")),
        q("agency_phone", "phone", PHONE),
      ],
      { showIf: { question: "applicant_type", equals: "agency" } },
    ),
    page(
      "survey_contact",
      L("認定調査の日程は、どなたに連絡すればよいですか", "Who should we contact to arrange the assessment visit?"),
      [
        q("survey_contact", "single", L("調査の連絡先", "Contact for the assessment"), {
          options: [
            opt("insured", "介護を受ける本人", "The person who needs care"),
            opt("applicant", "申請の手続きをした方", "The applicant"),
            opt("other", "その他の方", "Someone else"),
          ],
        }),
      ],
      {
        description: L(
          "認定調査員がご本人と面談し、心身の状態をお聞きします。日程を調整するために電話します。",
          "An assessor will meet the person to ask about their physical and mental condition. We will phone to arrange a date.",
        ),
      },
    ),
    page(
      "survey_contact_other",
      L("調査の連絡先の方を教えてください", "Contact person for the assessment"),
      [
        q("survey_contact_name", "name", NAME),
        q("survey_contact_relationship", "text", L("介護を受ける方との関係", "Relationship to the person"), { maxLength: 20 }),
        q("survey_contact_phone", "phone", PHONE, { hint: PHONE_HINT }),
      ],
      { showIf: { question: "survey_contact", equals: "other" } },
    ),
    page("survey_place", L("認定調査はどこで受けますか", "Where will the assessment take place?"), [
      q("survey_place", "single", L("調査の場所", "Place"), {
        options: [
          opt("home", "自宅", "At home"),
          opt("stay", "入院・入所先", "At the hospital or facility"),
          opt("other", "その他", "Somewhere else"),
        ],
      }),
      q("survey_place_detail", "textarea", L("自宅以外の場合：場所の名称と住所", "If not at home: name and address of the place"), { required: false, maxLength: 200 }),
      q("survey_notes", "textarea", L("調査のときに配慮してほしいこと", "Anything the assessor should know"), {
        required: false,
        maxLength: 400,
        hint: L("例：耳が聞こえにくい、家族の同席を希望する", "e.g. hard of hearing, would like a family member present"),
      }),
    ]),
    page("declaration", L("同意と確認", "Consent and declaration"), [
      q("consent_disclosure", "single", L(
        "介護サービス計画の作成のために、認定調査の結果や主治医意見書を、地域包括支援センター・居宅介護支援事業者・介護保険施設などに提示することに同意しますか",
        "Do you agree that the assessment results and the doctor’s opinion may be shown to community support centres, care management agencies and care facilities to plan the person’s care?",
      ), {
        options: [opt("agree", "同意する", "I agree"), opt("disagree", "同意しない", "I do not agree")],
      }),
      q("declaration", "declaration", L(
        "記入した内容に偽りはありません。",
        "The information I have given is true.",
      )),
    ]),
  ],
};

// ---------------------------------------------------------------------------------------
// Seed procedure 3: こども医療費助成の資格認定申請
// Osaka City abolished the income limit (所得制限) for こども医療費助成 on 2024-04-01
// (令和6年4月1日, 大阪市こども医療費助成規則の改正); before, it applied from 中学生 to 18歳.
// So the form asks nothing about income. It also asks for no bank account: the subsidy is
// given at the hospital counter with the 医療証, not paid into an account.
// ---------------------------------------------------------------------------------------

const childMedicalForm: FormDefinition = {
  pages: [
    page("guardian", L("保護者（申請する方）の氏名と生年月日を入力してください", "Parent or guardian (applicant): name and date of birth"), [
      q("guardian_name", "name", NAME),
      q("guardian_furigana", "furigana", FURIGANA),
      birthDate("guardian_birth_date"),
      q("guardian_relationship", "select", L("お子さんとの続柄", "Relationship to the children"), {
        options: [opt("father", "父", "Father"), opt("mother", "母", "Mother"), opt("other", "その他（祖父母など）", "Other (e.g. grandparent)")],
      }),
    ]),
    page("guardian_contact", L("保護者の住所と連絡先を入力してください", "Parent or guardian: address and contact details"), [
      q("guardian_address", "address", ADDRESS, { hint: L("お子さんと同じ大阪市内の住所です。", "The address in Osaka City where the children live.") }),
      q("guardian_phone", "phone", PHONE, { hint: PHONE_HINT }),
      q("guardian_email", "email", L("メールアドレス", "Email address"), { required: false }),
    ]),
    page("insurance", L("お子さんが加入している健康保険はどれですか", "Which health insurance are the children covered by?"), [
      q("insurance_type", "single", L("健康保険の種類", "Type of health insurance"), {
        options: [
          opt("kokuho_osaka", "大阪市国民健康保険", "Osaka City National Health Insurance"),
          opt("kokuho_union", "国民健康保険組合", "A National Health Insurance union"),
          opt("employee", "勤務先の健康保険（協会けんぽ・健康保険組合・共済組合など）", "Employee health insurance (Kyokai Kenpo, a company health insurance society, a mutual aid association, etc.)"),
        ],
      }),
    ]),
    page(
      "insurance_details",
      L("健康保険の記号・番号を入力してください", "Health insurance details"),
      [
        q("insurer_name", "text", L("保険者名", "Name of the insurer"), {
          showIf: { question: "insurance_type", notEquals: "kokuho_osaka" },
          maxLength: 60,
        }),
        q("insurer_number", "text", L("保険者番号", "Insurer number"), {
          pattern: { regex: "^[0-9]{6}([0-9]{2})?$", message: L("保険者番号は6桁または8桁の数字で入力してください", "Enter the insurer number as 6 or 8 digits") },
        }),
        q("insurance_symbol", "text", L("記号", "Symbol"), { required: false, maxLength: 20 }),
        q("insurance_number", "text", L("番号", "Number"), { maxLength: 20 }),
        q("insured_person_name", "name", L("被保険者（保険に加入している保護者）の氏名", "Name of the insured person (the parent whose insurance covers the children)")),
      ],
      {
        description: L(
          "資格確認書、資格情報のお知らせ、またはマイナポータルで確認できます。",
          "You can find these on the eligibility certificate, the notice of insurance details, or in Mynaportal.",
        ),
      },
    ),
    page("children", L("助成を受けるお子さんについて入力してください", "The children who will receive the subsidy"), [
      q("children", "group", L("お子さん", "Children"), {
        itemLabel: L("お子さん", "Child"),
        minItems: 1,
        maxItems: 10,
        hint: L("18歳に達した日以後の最初の3月31日までのお子さんが対象です。", "Children up to 31 March after their 18th birthday are eligible."),
        fields: [
          q("child_name", "name", NAME),
          q("child_furigana", "furigana", FURIGANA),
          birthDate("child_birth_date"),
          q("child_sex", "single", L("性別", "Sex"), { options: SEX }),
          file("child_insurance_card", L("健康保険の資格確認書などの写し", "Copy of the child’s health insurance document"), {
            hint: L(
              "資格確認書、資格情報のお知らせ、またはマイナポータルの資格情報画面の写し",
              "A copy of the eligibility certificate, the notice of insurance details, or the insurance page in Mynaportal",
            ),
          }),
        ],
      }),
    ]),
    page("other_subsidies", L("お子さんは、次のどれかに当てはまりますか", "Does any of the following apply to the children?"), [
      q("other_subsidy", "multiple", L("当てはまるもの", "What applies"), {
        options: [
          opt("livelihood", "生活保護を受けている", "Receiving public assistance (livelihood protection)"),
          opt("single_parent", "ひとり親家庭医療費助成を受けている", "Receiving the single-parent family medical subsidy"),
          opt("disability", "重度障がい者医療費助成を受けている", "Receiving the medical subsidy for people with severe disabilities"),
          opt("facility", "児童福祉施設に入所している・里親に委託されている", "Living in a child welfare facility or with foster parents"),
          opt("none", "どれにも当てはまらない", "None of these"),
        ],
        hint: L(
          "当てはまる場合は、こども医療費助成ではなく、その制度で助成されます。",
          "If one applies, medical costs are covered by that scheme instead of this one.",
        ),
      }),
    ]),
    page(
      "declaration",
      L("同意事項", "Consent and declaration"),
      [
        q("consent_records", "declaration", L(
          "資格の認定のために、大阪市が住民基本台帳や健康保険の加入状況などを確認することに同意します。",
          "I agree that Osaka City may check the resident register and health insurance records to decide eligibility.",
        )),
        q("declaration", "declaration", L(
          "記入した内容に偽りはありません。住所や健康保険が変わったときは届け出て、資格がなくなったときは医療証を返します。",
          "The information I have given is true. I will tell the city if our address or health insurance changes, and return the medical certificate if the children are no longer eligible.",
        )),
      ],
      {
        description: L(
          "こども医療費助成に所得制限はありません（令和6年4月から撤廃）。",
          "There is no income limit for this subsidy (abolished in April 2024).",
        ),
      },
    ),
  ],
};

// ---------------------------------------------------------------------------------------
// Short forms of the other online procedures
// ---------------------------------------------------------------------------------------

const familyRegisterForm: FormDefinition = {
  pages: [
    page("certificate", L("必要な戸籍証明書と通数を選んでください", "Which certificate and how many copies?"), [
      q("certificate_kind", "single", L("証明書の種類", "Type of certificate"), {
        options: [
          opt("full", "戸籍全部事項証明書（戸籍謄本）：450円", "Certificate of all entries (koseki tōhon): 450 yen"),
          opt("individual", "戸籍個人事項証明書（戸籍抄本）：450円", "Certificate of individual entries (koseki shōhon): 450 yen"),
          opt("removed", "除籍全部事項証明書（除籍謄本）：750円", "Certificate of a closed register: 750 yen"),
          opt("original", "改製原戸籍謄本：750円", "Copy of a pre-reform register: 750 yen"),
        ],
      }),
      q("copies", "number", L("通数", "Number of copies"), { min: 1, max: 10 }),
    ]),
    page("register", L("どの戸籍ですか", "Which family register?"), [
      q("honseki", "text", L("本籍（大阪市内）", "Registered domicile (in Osaka City)"), {
        maxLength: 80,
        hint: L("例：大阪市北区扇町二丁目1番", "e.g. 2-1 Ogimachi, Kita-ku, Osaka"),
      }),
      q("hittousha", "name", L("筆頭者の氏名", "Name of the head of the register")),
      q("target_name", "name", L("抄本が必要な方の氏名", "Name of the person whose entries you need"), {
        required: false,
        hint: L("戸籍個人事項証明書（抄本）の場合だけ入力してください。", "Only for a certificate of individual entries."),
      }),
    ]),
    page("requester", L("請求する方について教えてください", "About you"), [
      q("requester_relation", "single", L("戸籍に記載されている方との関係", "Your relationship to the people in the register"), {
        options: [
          opt("self", "本人（戸籍に記載されている）", "I am in the register"),
          opt("spouse", "配偶者", "Spouse"),
          opt("lineal", "父母・祖父母・子・孫など直系の親族", "Parent, grandparent, child, grandchild or other direct relative"),
          opt("other", "その他（正当な理由がある方）", "Other (with a legitimate reason)"),
        ],
      }),
      q("requester_name", "name", NAME),
      q("requester_address", "address", ADDRESS),
      q("requester_phone", "phone", PHONE, { hint: PHONE_HINT }),
      q("purpose", "text", L("使いみち", "Purpose"), { maxLength: 100, hint: L("例：パスポートの申請、相続の手続き", "e.g. passport application, inheritance") }),
    ]),
    page("confirm", L("本人確認と申請内容の確認", "Proof of identity and declaration"), [
      file("identity_document", L("本人確認書類", "Proof of identity"), { hint: ID_DOC_HINT }),
      q("declaration", "declaration", L(
        "記入した内容に偽りはありません。偽りその他不正の手段により戸籍証明書の交付を受けた場合、罰せられることがあることを理解しました（戸籍法第133条）。",
        "The information I have given is true. I understand that obtaining a family register certificate by deception is punishable (Family Register Act, Article 133).",
      )),
    ]),
  ],
};

const movingOutForm: FormDefinition = {
  pages: [
    page("move", L("引越し先と日にちを入力してください", "Where and when are you moving?"), [
      q("move_date", "date", L("引越しの日（予定日）", "Moving date (planned)")),
      q("new_address", "address", L("引越し先の住所", "New address"), {
        hint: L("大阪市外の住所です。大阪市内での引越しは転居届です。", "An address outside Osaka City. Moves within Osaka City need a change-of-address notification instead."),
      }),
    ]),
    page("movers", L("引越しするのはどなたですか", "Who is moving?"), [
      q("movers", "group", L("引越しする方", "People moving"), {
        itemLabel: L("引越しする方", "Person"),
        minItems: 1,
        maxItems: 10,
        fields: [q("mover_name", "name", NAME), birthDate("mover_birth_date")],
      }),
    ]),
    page("contact", L("連絡先と確認", "Contact details and declaration"), [
      q("phone", "phone", PHONE, { hint: PHONE_HINT }),
      q("has_my_number_card", "single", L("引越しする方は全員マイナンバーカードを持っていますか", "Does everyone who is moving have a My Number Card?"), {
        options: YES_NO,
        hint: L(
          "カードを持っている方は、転出証明書の代わりにカードで転入の手続きができます。",
          "People with a card can use it instead of a moving-out certificate when registering at the new address.",
        ),
      }),
      q("declaration", "declaration", L("記入した内容に偽りはありません。", "The information I have given is true.")),
    ]),
  ],
};

const childAllowanceForm: FormDefinition = {
  pages: [
    page("claimant", L("請求する方（お子さんを養育している方）について教えてください", "About the claimant (the parent who supports the children)"), [
      q("claimant_name", "name", NAME),
      q("claimant_furigana", "furigana", FURIGANA),
      birthDate("claimant_birth_date"),
      q("claimant_phone", "phone", PHONE, { hint: PHONE_HINT }),
      q("claimant_pension", "single", L("加入している年金", "Pension scheme"), {
        options: [
          opt("employee", "厚生年金（会社員など）", "Employees’ Pension (company employees, etc.)"),
          opt("national", "国民年金（自営業など）", "National Pension (self-employed, etc.)"),
          opt("none", "加入していない", "Not enrolled"),
        ],
        hint: L("公務員の方は、勤務先で請求してください。", "Public servants claim through their employer."),
      }),
    ]),
    page("children", L("対象となるお子さんを入力してください", "The children"), [
      q("children", "group", L("お子さん", "Children"), {
        itemLabel: L("お子さん", "Child"),
        minItems: 1,
        maxItems: 10,
        hint: L("18歳に達した日以後の最初の3月31日までのお子さんです。", "Children up to 31 March after their 18th birthday."),
        fields: [
          q("child_name", "name", NAME),
          birthDate("child_birth_date"),
          q("child_lives_with", "single", L("請求する方と同居していますか", "Does the child live with you?"), { options: YES_NO }),
        ],
      }),
    ]),
    page("account", L("振込先の口座を入力してください", "Bank account for payments"), bankAccountQuestions(
      L("請求する方ご本人の名義の口座に限ります。", "The account must be in the claimant’s own name."),
    )),
    page("declaration", L("申請内容の確認", "Declaration"), [
      q("declaration", "declaration", L(
        "記入した内容に偽りはありません。支給の審査のために、大阪市が住民基本台帳などを確認することに同意します。",
        "The information I have given is true. I agree that Osaka City may check the resident register and other records to decide the claim.",
      )),
    ]),
  ],
};

const nurseryForm: FormDefinition = {
  pages: [
    page("child", L("保育所等を利用するお子さんについて教えてください", "The child who will attend"), [
      q("child_name", "name", NAME),
      q("child_furigana", "furigana", FURIGANA),
      birthDate("child_birth_date"),
    ]),
    page("wishes", L("希望する施設と利用開始日を入力してください", "Preferred facilities and start date"), [
      q("start_date", "date", L("利用を始めたい日", "Preferred start date"), { minDate: "today", hint: L("原則として月の初日です。", "Usually the first day of a month.") }),
      q("preferred_facilities", "group", L("希望する施設（希望順）", "Preferred facilities (in order of preference)"), {
        itemLabel: L("希望", "Preference"),
        minItems: 1,
        maxItems: 10,
        fields: [q("facility_name", "text", L("施設名", "Facility name"), { maxLength: 60 })],
      }),
    ]),
    page("need", L("保育が必要な理由を教えてください", "Why does the child need childcare?"), [
      q("care_reason", "single", L("保育が必要な理由", "Reason"), {
        options: [
          opt("work", "就労", "Work"),
          opt("pregnancy", "妊娠・出産", "Pregnancy or childbirth"),
          opt("illness", "保護者の病気・障がい", "Illness or disability of a parent"),
          opt("caregiving", "親族の介護・看護", "Caring for a relative"),
          opt("job_seeking", "求職活動", "Looking for work"),
          opt("study", "就学", "Study"),
          opt("other", "その他", "Other"),
        ],
        hint: L("両親それぞれについて理由が必要です。主な理由を選んでください。", "Each parent needs a reason; choose the main one."),
      }),
      file("need_certificate", L("就労証明書などの書類", "Employment certificate or other evidence"), {
        required: false,
        hint: L("後から提出することもできます。", "You can also send it later."),
      }),
    ]),
    page("declaration", L("申請内容の確認", "Declaration"), [
      q("declaration", "declaration", L(
        "記入した内容に偽りはありません。利用調整（選考）のために、大阪市が税情報などを確認することに同意します。",
        "The information I have given is true. I agree that Osaka City may check tax and other records to allocate places.",
      )),
    ]),
  ],
};

const pregnancyForm: FormDefinition = {
  pages: [
    page("pregnant_person", L("妊娠している方について教えてください", "About the pregnant person"), [
      q("name", "name", NAME),
      q("furigana", "furigana", FURIGANA),
      birthDate("birth_date"),
      q("phone", "phone", PHONE, { hint: PHONE_HINT }),
    ]),
    page("pregnancy", L("妊娠について教えてください", "About the pregnancy"), [
      q("due_date", "date", L("出産予定日", "Due date"), { minDate: "today" }),
      q("diagnosis_institution", "text", L("妊娠の診断を受けた医療機関", "Where the pregnancy was confirmed"), { maxLength: 80 }),
      q("multiple_birth", "single", L("赤ちゃんの人数", "Number of babies"), {
        options: [opt("one", "1人", "One"), opt("two_or_more", "2人以上（多胎）", "Two or more")],
      }),
    ]),
    page("interview", L("母子健康手帳を受け取るときの面談", "Interview when you receive the maternal and child health handbook"), [
      q("interview_preference", "single", L("面談の方法", "How would you like to meet?"), {
        options: [
          opt("counter", "区の保健福祉センターで面談", "At the ward health and welfare centre"),
          opt("online", "オンライン面談（デモ）", "Online (demo)"),
        ],
      }),
      q("concerns", "textarea", L("心配なことや相談したいこと", "Anything you are worried about or want to discuss"), { required: false, maxLength: 600 }),
    ]),
  ],
};

const nhiForm: FormDefinition = {
  pages: [
    page("notification", L("加入ですか、脱退ですか", "Are you joining or leaving?"), [
      q("kind", "single", L("届出の種類", "Notification"), {
        options: [
          opt("join", "加入（勤務先の健康保険をやめた など）", "Joining (e.g. you left your employer’s health insurance)"),
          opt("leave", "脱退（勤務先の健康保険に入った など）", "Leaving (e.g. you joined your employer’s health insurance)"),
        ],
      }),
      q("event_date", "date", L("勤務先の健康保険をやめた日・入った日", "Date you left or joined the employer’s insurance"), {
        hint: L("届出は14日以内にお願いします。", "Please notify us within 14 days."),
      }),
    ]),
    page("members", L("対象となる方を入力してください", "Who does this apply to?"), [
      q("members", "group", L("対象となる方", "People"), {
        itemLabel: L("対象となる方", "Person"),
        minItems: 1,
        maxItems: 10,
        fields: [q("member_name", "name", NAME), birthDate("member_birth_date")],
      }),
    ]),
    page("evidence", L("書類と連絡先", "Documents and contact details"), [
      file("evidence_file", L("勤務先の健康保険をやめた日・入った日がわかる書類", "Document showing the date you left or joined the employer’s insurance"), {
        hint: L("例：資格喪失証明書、資格確認書、資格情報のお知らせ", "e.g. certificate of loss of coverage, eligibility certificate, notice of insurance details"),
      }),
      q("phone", "phone", PHONE, { hint: PHONE_HINT }),
      q("declaration", "declaration", L("記入した内容に偽りはありません。", "The information I have given is true.")),
    ]),
  ],
};

const nationalPensionForm: FormDefinition = {
  pages: [
    page("reason", L("国民年金に加入する理由は何ですか", "Why are you joining the National Pension?"), [
      q("reason", "single", L("理由", "Reason"), {
        options: [
          opt("retired", "会社などを退職した", "I left my job"),
          opt("spouse", "配偶者の扶養からはずれた、または配偶者が退職した", "I am no longer my spouse’s dependant, or my spouse left their job"),
          opt("turned20", "20歳になった（年金手帳・基礎年金番号がない）", "I turned 20 and have no basic pension number"),
          opt("other", "その他", "Other"),
        ],
      }),
      q("event_date", "date", L("退職した日などの日付", "Date of leaving the job (or other event)"), { maxDate: "today" }),
    ]),
    page("person", L("加入する方について教えてください", "About the person joining"), [
      q("name", "name", NAME),
      birthDate("birth_date"),
      q("basic_pension_number", "text", L("基礎年金番号", "Basic pension number"), {
        required: false,
        pattern: { regex: "^[0-9]{10}$", message: L("基礎年金番号は10桁の数字で入力してください（例：1234567890）", "Enter the basic pension number as 10 digits (e.g. 1234567890)") },
        hint: L("わからない場合は空欄で構いません（マイナンバーで確認します）。", "Leave blank if you do not know it; we will check using your My Number."),
      }),
      q("phone", "phone", PHONE, { hint: PHONE_HINT }),
    ]),
    page("payment", L("保険料について", "About contributions"), [
      q("exemption_wanted", "single", L("保険料の免除・納付猶予の申請を希望しますか", "Do you want to apply for an exemption from or postponement of contributions?"), {
        options: YES_NO,
        hint: L("退職による特例もあります。希望する場合は申請書をお送りします。", "There is a special rule for people who left a job. If you say yes we will send you the application form."),
      }),
      file("evidence_file", L("退職日がわかる書類", "Document showing the date you left your job"), { required: false }),
      q("declaration", "declaration", L("記入した内容に偽りはありません。", "The information I have given is true.")),
    ]),
  ],
};

const careCostLimitForm: FormDefinition = {
  pages: [
    page("insured", L("介護保険の被保険者について教えてください", "The insured person"), [
      q("insured_number", "text", L("介護保険の被保険者番号", "Long-term care insurance number"), {
        pattern: { regex: "^[0-9]{10}$", message: L("被保険者番号は10桁の数字で入力してください（例：0123456789）", "Enter the insurance number as 10 digits (e.g. 0123456789)") },
      }),
      q("insured_name", "name", NAME),
      birthDate("insured_birth_date"),
      q("facility_name", "text", L("利用している（利用予定の）施設・ショートステイ事業所", "Facility or short-stay provider used (or to be used)"), { maxLength: 80 }),
    ]),
    page("household", L("配偶者と収入について教えてください", "Spouse and income"), [
      q("has_spouse", "single", L("配偶者はいますか", "Does the person have a spouse?"), {
        options: YES_NO,
        hint: L("別の世帯の配偶者も含みます。配偶者が住民税を課税されている場合は対象になりません。", "Include a spouse in another household. The person is not eligible if the spouse pays resident tax."),
      }),
      q("income_band", "single", L("年金収入（遺族年金・障害年金を含む）とその他の合計所得金額", "Pension income (including survivors’ and disability pensions) plus other income"), {
        options: [
          opt("band1", "80万9千円以下", "809,000 yen or less"),
          opt("band2", "80万9千円を超え120万円以下", "More than 809,000 yen and up to 1,200,000 yen"),
          opt("band3", "120万円を超える", "More than 1,200,000 yen"),
        ],
      }),
      q("savings_yen", "number", L("預貯金などの合計額（円）", "Total savings and similar assets (yen)"), {
        min: 0,
        hint: L("配偶者がいる場合は夫婦の合計です。", "If the person has a spouse, give the couple’s total."),
      }),
    ]),
    page("evidence", L("書類の添付と同意", "Documents and consent"), [
      file("savings_evidence", L("預貯金の通帳などの写し", "Copies of bank books or statements"), {
        hint: L("申請日の直近2か月以内の残高がわかるもの", "Showing the balance within the 2 months before the application"),
      }),
      q("consent_bank", "declaration", L(
        "大阪市が、預貯金などについて金融機関に照会することに同意します。",
        "I agree that Osaka City may ask financial institutions about the savings declared.",
      )),
    ]),
  ],
};

const bulkyWasteForm: FormDefinition = {
  pages: [
    page("place", L("粗大ごみを出す場所を入力してください", "Where will you put out the items?"), [
      q("collection_address", "address", L("収集する場所の住所", "Collection address")),
      q("collection_point", "single", L("出す場所", "Collection point"), {
        options: [
          opt("entrance", "自宅の前（1階の玄関先）", "In front of the house (ground-floor entrance)"),
          opt("waste_point", "ふだんのごみ集積場所", "The usual refuse collection point"),
          opt("other", "その他（受付後にご相談）", "Other (we will contact you)"),
        ],
      }),
    ]),
    page("items", L("出すものを入力してください", "What are you putting out?"), [
      q("items", "group", L("粗大ごみ", "Items"), {
        itemLabel: L("品目", "Item"),
        minItems: 1,
        maxItems: 10,
        hint: L(
          "エアコン・テレビ・冷蔵庫（冷凍庫）・洗濯機（衣類乾燥機）とパソコンは収集できません。手数料は品目ごとに受付後お知らせします。",
          "Air conditioners, TVs, refrigerators (freezers), washing machines (dryers) and computers cannot be collected. We will tell you the fee for each item after we receive the request.",
        ),
        fields: [
          q("item_name", "text", L("品目", "Item"), { maxLength: 40, hint: L("例：自転車、布団、たんす", "e.g. bicycle, futon, chest of drawers") }),
          q("item_count", "number", L("個数", "Quantity"), { min: 1, max: 10 }),
        ],
      }),
    ]),
    page("date_contact", L("収集の希望日と連絡先", "Preferred date and contact details"), [
      q("preferred_date", "date", L("収集の希望日", "Preferred collection date"), {
        minDate: "today",
        hint: L("収集日は受付後に確定します。申込の3日後以降の日になります（デモ）。", "The date is confirmed after we receive the request; it is at least 3 days later (demo)."),
      }),
      q("name", "name", NAME),
      q("phone", "phone", PHONE, { hint: PHONE_HINT }),
    ]),
  ],
};

const dogForm: FormDefinition = {
  pages: [
    page("owner", L("飼い主について教えてください", "About the owner"), [
      q("owner_name", "name", NAME),
      q("owner_address", "address", L("犬を飼っている場所の住所", "Address where the dog is kept")),
      q("owner_phone", "phone", PHONE, { hint: PHONE_HINT }),
    ]),
    page("dog", L("犬について教えてください", "About the dog"), [
      q("dog_name", "text", L("犬の名前", "Dog’s name"), { maxLength: 30 }),
      q("breed", "text", L("犬種", "Breed"), { maxLength: 40, hint: L("例：柴、トイ・プードル、雑種", "e.g. Shiba, toy poodle, mixed breed") }),
      q("coat_color", "text", L("毛色", "Coat colour"), { maxLength: 20 }),
      q("dog_sex", "single", L("性別", "Sex"), { options: [opt("male", "オス", "Male"), opt("female", "メス", "Female")] }),
      q("dog_birth_date", "date", L("生年月日", "Date of birth"), {
        required: false,
        maxDate: "today",
        hint: L("わからない場合は空欄で構いません。", "Leave blank if you do not know."),
      }),
      q("microchip_number", "text", L("マイクロチップの番号", "Microchip number"), {
        required: false,
        pattern: { regex: "^[0-9]{15}$", message: L("マイクロチップの番号は15桁の数字で入力してください", "Enter the microchip number as 15 digits") },
      }),
    ]),
    page("rabies", L("狂犬病の予防注射", "Rabies vaccination"), [
      q("vaccination_date", "date", L("今年度の予防注射を受けた日", "Date of this year’s vaccination"), { maxDate: "today" }),
      file("vaccination_certificate", L("狂犬病予防注射済証（動物病院が発行）", "Rabies vaccination certificate from the vet")),
      q("declaration", "declaration", L("記入した内容に偽りはありません。", "The information I have given is true.")),
    ]),
  ],
};

const taxCertificateForm: FormDefinition = {
  pages: [
    page("certificate", L("どの年度の証明書が何通必要ですか", "Which year and how many copies?"), [
      q("fiscal_year", "select", L("年度", "Fiscal year"), {
        options: [
          opt("r8", "令和8年度（令和7年1月〜12月の所得）", "FY2026 (income for January–December 2025)"),
          opt("r7", "令和7年度（令和6年1月〜12月の所得）", "FY2025 (income for January–December 2024)"),
          opt("r6", "令和6年度（令和5年1月〜12月の所得）", "FY2024 (income for January–December 2023)"),
        ],
      }),
      q("copies", "number", L("通数", "Number of copies"), { min: 1, max: 10, hint: L("1年度分1通300円です。", "300 yen per copy for one year.") }),
    ]),
    page("person", L("証明が必要な方について教えてください", "Whose certificate do you need?"), [
      q("relation", "single", L("請求する方", "Person making the request"), {
        options: [
          opt("self", "本人", "The person themselves"),
          opt("household", "同じ世帯の方", "A member of the same household"),
          opt("agent", "代理人（本人から頼まれた方）", "A representative authorised by the person"),
        ],
      }),
      q("subject_name", "name", L("証明が必要な方の氏名", "Name of the person")),
      birthDate("subject_birth_date"),
      q("subject_address", "address", L("その年度の1月1日の住所", "Address on 1 January of that fiscal year"), {
        hint: L("1月1日に大阪市内に住んでいた年度の証明書だけ発行できます。", "We can only issue certificates for years when the person lived in Osaka City on 1 January."),
      }),
    ]),
    page(
      "agent",
      L("委任状を添付してください", "Attach the letter of authorisation"),
      [file("power_of_attorney", L("委任状", "Letter of authorisation"), { hint: L("証明が必要な方ご本人が書いたもの", "Written by the person themselves") })],
      { showIf: { question: "relation", equals: "agent" } },
    ),
    page("confirm", L("本人確認と申請内容の確認", "Proof of identity and declaration"), [
      q("purpose", "text", L("使いみち", "Purpose"), { maxLength: 100, hint: L("例：保育所の申込、住宅ローン", "e.g. nursery application, mortgage") }),
      q("phone", "phone", PHONE, { hint: PHONE_HINT }),
      file("identity_document", L("請求する方の本人確認書類", "Requester’s proof of identity"), { hint: ID_DOC_HINT }),
      q("declaration", "declaration", L("記入した内容に偽りはありません。", "The information I have given is true.")),
    ]),
  ],
};

const lightVehicleTaxForm: FormDefinition = {
  pages: [
    page("vehicle", L("減免を受けたい車について教えてください", "The vehicle"), [
      q("plate_number", "text", L("標識番号（ナンバー）", "Licence plate number"), { maxLength: 30, hint: L("例：なにわ 580 あ 12-34", "e.g. Naniwa 580 A 12-34") }),
      q("vehicle_kind", "select", L("車種", "Type of vehicle"), {
        options: [
          opt("kei_passenger", "軽四輪（乗用）", "Kei car (passenger)"),
          opt("kei_cargo", "軽四輪（貨物）", "Kei van or truck"),
          opt("motorcycle", "二輪の軽自動車・原動機付自転車", "Motorcycle or moped"),
        ],
      }),
      q("owner_name", "name", L("所有者（納税義務者）の氏名", "Name of the owner (taxpayer)")),
    ]),
    page("disability", L("障がいのある方について教えてください", "The person with a disability"), [
      q("disabled_person_name", "name", NAME),
      q("certificate_type", "select", L("手帳の種類", "Type of certificate"), {
        options: [
          opt("physical", "身体障がい者手帳", "Physical disability certificate"),
          opt("intellectual", "療育手帳", "Intellectual disability certificate (ryōiku techō)"),
          opt("mental", "精神障がい者保健福祉手帳", "Mental disability certificate"),
          opt("war", "戦傷病者手帳", "War-injury certificate"),
        ],
      }),
      q("certificate_number", "text", L("手帳の番号", "Certificate number"), { maxLength: 20 }),
      q("driver", "single", L("車を運転するのはどなたですか", "Who drives the vehicle?"), {
        options: [
          opt("self", "障がいのある方本人", "The person with a disability"),
          opt("family", "障がいのある方と生計を一にする方", "Someone in the same household"),
          opt("carer", "障がいのある方を常に介護する方", "The person’s regular carer"),
        ],
      }),
    ]),
    page("confirm", L("書類の添付と確認", "Documents and declaration"), [
      file("certificate_file", L("障がい者手帳の写し", "Copy of the disability certificate")),
      file("licence_file", L("運転する方の運転免許証の写し", "Copy of the driver’s licence")),
      q("declaration", "declaration", L(
        "記入した内容に偽りはありません。減免は1人につき1台に限られることを理解しました。",
        "The information I have given is true. I understand the reduction applies to only one vehicle per person.",
      )),
    ]),
  ],
};

const schoolAidForm: FormDefinition = {
  pages: [
    page("guardian", L("保護者（申請する方）について教えてください", "Parent or guardian (applicant)"), [
      q("guardian_name", "name", NAME),
      q("guardian_furigana", "furigana", FURIGANA),
      q("guardian_address", "address", ADDRESS),
      q("guardian_phone", "phone", PHONE, { hint: PHONE_HINT }),
    ]),
    page("children", L("市立の小学校・中学校に通うお子さんを入力してください", "Children at Osaka City elementary and junior high schools"), [
      q("children", "group", L("お子さん", "Children"), {
        itemLabel: L("お子さん", "Child"),
        minItems: 1,
        maxItems: 6,
        fields: [
          q("child_name", "name", NAME),
          birthDate("child_birth_date"),
          q("school_name", "text", L("学校名", "School"), { maxLength: 40, hint: L("例：大阪市立扇町小学校（デモ）", "e.g. Ogimachi Elementary School (demo)") }),
          q("grade", "select", L("学年", "Year"), { options: [...GRADES_ELEMENTARY, ...GRADES_JUNIOR_HIGH] }),
        ],
      }),
    ]),
    page("account", L("援助費の振込先口座を入力してください", "Bank account for payments"), bankAccountQuestions(
      L("保護者の名義の口座にしてください。", "The account must be in the parent’s or guardian’s name."),
    )),
    page("declaration", L("同意と確認", "Consent and declaration"), [
      q("consent_income", "declaration", L(
        "認定のために、大阪市が世帯全員の住民税の課税状況などを確認することに同意します。",
        "I agree that Osaka City may check the resident-tax records of everyone in the household to decide eligibility.",
      )),
      q("declaration", "declaration", L("記入した内容に偽りはありません。", "The information I have given is true.")),
    ]),
  ],
};

const afterSchoolForm: FormDefinition = {
  pages: [
    page("child", L("参加するお子さんについて教えてください", "The child"), [
      q("child_name", "name", NAME),
      q("child_furigana", "furigana", FURIGANA),
      q("school_name", "text", L("小学校名", "Elementary school"), { maxLength: 40 }),
      q("grade", "select", L("学年", "Year"), { options: GRADES_ELEMENTARY }),
    ]),
    page("contacts", L("保護者と緊急連絡先を入力してください", "Parent and emergency contact"), [
      q("guardian_name", "name", L("保護者の氏名", "Parent’s or guardian’s name")),
      q("guardian_phone", "phone", L("保護者の電話番号", "Parent’s or guardian’s phone"), { hint: PHONE_HINT }),
      q("emergency_name", "name", L("緊急連絡先の方の氏名", "Emergency contact’s name"), { required: false }),
      q("emergency_phone", "phone", L("緊急連絡先の電話番号", "Emergency contact’s phone"), { required: false }),
    ]),
    page("health_going_home", L("健康と帰り方について", "Health and going home"), [
      q("health_notes", "textarea", L("アレルギーや健康上の注意", "Allergies or health needs"), { required: false, maxLength: 400 }),
      q("going_home", "single", L("帰り方", "How will the child go home?"), {
        options: [opt("alone", "ひとりで帰る", "On their own"), opt("pickup", "保護者などが迎えに来る", "Picked up by a parent or other adult")],
      }),
      q("declaration", "declaration", L(
        "いきいき活動の決まりを守り、けがなどに備えた保険の内容を確認しました。",
        "We will follow the activity rules and have read about the accident insurance.",
      )),
    ]),
  ],
};

const healthCheckVoucherForm: FormDefinition = {
  pages: [
    page("person", L("受診券が必要な方について教えてください", "Who needs the voucher?"), [
      q("insurance_symbol_number", "text", L("大阪市国民健康保険の記号・番号", "Osaka City National Health Insurance symbol and number"), { maxLength: 20 }),
      q("name", "name", NAME),
      birthDate("birth_date", L("生年月日", "Date of birth"), { hint: L("40歳から74歳の方が対象です。", "For people aged 40 to 74.") }),
    ]),
    page("reason", L("再発行が必要な理由を教えてください", "Why do you need a new voucher?"), [
      q("reason", "single", L("理由", "Reason"), {
        options: [
          opt("lost", "なくした", "I lost it"),
          opt("not_received", "届いていない", "It did not arrive"),
          opt("damaged", "汚れた・破れた", "It is damaged"),
        ],
      }),
    ]),
    page("delivery", L("受診券をどこへ送りますか", "Where should we post the voucher?"), [
      q("delivery", "single", L("送付先", "Delivery address"), {
        options: [opt("registered", "住民登録地", "My registered address"), opt("other", "別の住所", "A different address")],
      }),
      q("phone", "phone", PHONE, { required: false }),
    ]),
    page(
      "delivery_other",
      L("送付先の住所を入力してください", "Delivery address"),
      [q("delivery_address", "address", ADDRESS), q("delivery_reason", "text", L("住民登録地以外へ送る理由", "Why it should go to this address"), { maxLength: 100 })],
      { showIf: { question: "delivery", equals: "other" } },
    ),
  ],
};

// ---------------------------------------------------------------------------------------
// The procedures
// ---------------------------------------------------------------------------------------

const REGISTER_HOURS = L("窓口：平日9時〜17時30分（金曜は19時まで延長している区があります）", "Counter: weekdays 9:00–17:30 (some wards stay open until 19:00 on Fridays)");

export const PROCEDURES: DemoProcedure[] = [
  // ----- the three from the seed document -----
  {
    slug: "residence-certificate",
    title: L("住民票の写し交付請求", "Request for a copy of the residence record"),
    reading: "じゅうみんひょうのうつしこうふせいきゅう",
    summary: L(
      "住民票の写し・除票の写し・記載事項証明書を請求できます。オンラインで請求すると郵送でお届けします。",
      "Request a copy of a residence record (jūminhyō), a removed record or a certificate of record entries. Requests made online are answered by post.",
    ),
    departmentCode: "ward-counter",
    categoryCode: "family-register",
    lifeEvents: ["moving", "employment", "marriage-divorce", "bereavement"],
    keywords: ["住民票", "じゅうみんひょう", "住民票の写し", "写し", "除票", "記載事項証明書", "世帯全員", "証明書"],
    whoCanApply: L(
      "本人、同じ世帯の方、または本人から委任を受けた代理人",
      "The person named on the record, a member of the same household, or a representative authorised by the person",
    ),
    whatYouNeed: [
      L("本人確認書類（運転免許証、マイナンバーカードなど）", "Proof of identity (driving licence, My Number Card, etc.)"),
      L("代理人が請求する場合は委任状", "If a representative is requesting: a letter of authorisation"),
    ],
    fee: { amountYen: 300, per: "copy" },
    processingTime: L(
      "窓口ではその場で交付します。オンライン請求は、受付から通常1週間程度で郵送します（デモ）。",
      "Issued on the spot at the counter. Online requests are posted, usually within about a week (demo).",
    ),
    channel: "both",
    legalBasis: L("住民基本台帳法第12条", "Basic Resident Register Act, Article 12"),
    form: residenceCertificateForm,
  },
  {
    slug: "long-term-care-certification",
    title: L("要介護・要支援認定の申請", "Application for long-term care need certification"),
    reading: "ようかいごようしえんにんていのしんせい",
    summary: L(
      "介護保険のサービスを利用するために、介護や支援がどの程度必要かの認定を申請します。新規・更新・区分変更の申請ができます。",
      "Apply to have the level of care or support a person needs assessed, so they can use long-term care insurance services. For new applications, renewals and changes of level.",
    ),
    departmentCode: "welfare",
    categoryCode: "welfare",
    lifeEvents: ["care-elderly", "health-medical"],
    keywords: ["要介護", "要支援", "介護認定", "かいごにんてい", "介護保険", "かいごほけん", "認定調査", "更新", "区分変更", "ケアマネ"],
    whoCanApply: L(
      "65歳以上の方、または特定疾病により介護が必要な40歳から64歳の医療保険加入者。家族や地域包括支援センター・居宅介護支援事業者が代わりに申請することもできます。",
      "People aged 65 or over, or people aged 40 to 64 with health insurance who need care because of a specified disease. Family members, community support centres or care management agencies can apply on their behalf.",
    ),
    whatYouNeed: [
      L("介護保険被保険者証（65歳以上の方）", "Long-term care insurance card (people aged 65 or over)"),
      L("医療保険の資格確認書など（40歳から64歳の方）", "Health insurance eligibility certificate or similar (people aged 40 to 64)"),
      L("主治医の医療機関名・医師名", "Name of the main doctor and their hospital or clinic"),
    ],
    fee: null,
    processingTime: L(
      "認定調査と主治医意見書をもとに審査し、原則として申請から30日以内に結果をお知らせします。",
      "After the assessment visit and the doctor’s opinion, the result is normally sent within 30 days of the application.",
    ),
    channel: "both",
    legalBasis: L("介護保険法第27条・第32条", "Long-Term Care Insurance Act, Articles 27 and 32"),
    form: longTermCareForm,
  },
  {
    slug: "child-medical-subsidy",
    title: L("こども医療費助成の資格認定申請", "Application for the children’s medical expense subsidy"),
    reading: "こどもいりょうひじょせいのしかくにんていしんせい",
    summary: L(
      "0歳から18歳までのお子さんが病院などで受診したときの医療費の自己負担を助成します。認定されると「こども医療証」をお送りします。",
      "Covers most of what you pay at hospitals and clinics for children aged 0 to 18. When approved, we send a children’s medical certificate (iryōshō).",
    ),
    departmentCode: "children",
    categoryCode: "childcare",
    lifeEvents: ["birth-childcare", "moving", "health-medical"],
    keywords: ["こども医療", "子ども医療費", "乳幼児医療", "医療証", "いりょうしょう", "医療費助成", "こどもいりょうひ"],
    whoCanApply: L(
      "大阪市内に住み、健康保険に加入している0歳から18歳（18歳に達した日以後の最初の3月31日まで）のお子さんの保護者。所得制限はありません（令和6年4月撤廃）。",
      "Parents or guardians of children living in Osaka City, covered by health insurance, up to 31 March after their 18th birthday. There is no income limit (abolished in April 2024).",
    ),
    whatYouNeed: [
      L("お子さんの健康保険の資格確認書または資格情報のお知らせ", "The child’s health insurance eligibility certificate or notice of insurance details"),
      L("申請する方の本人確認書類（窓口の場合）", "Proof of identity of the applicant (at the counter)"),
    ],
    fee: null,
    processingTime: L(
      "窓口では原則その場で医療証を交付します。オンライン申請は2週間程度で郵送します（デモ）。",
      "At the counter the certificate is usually issued on the spot. For online applications it is posted within about two weeks (demo).",
    ),
    channel: "both",
    legalBasis: L("大阪市こども医療費助成規則", "Osaka City Children’s Medical Expense Subsidy Rules"),
    form: childMedicalForm,
  },

  // ----- 戸籍・住民記録 (ward counters) -----
  {
    slug: "seal-registration-certificate",
    title: L("印鑑登録証明書の交付", "Certificate of registered seal"),
    reading: "いんかんとうろくしょうめいしょのこうふ",
    summary: L(
      "登録している印鑑（実印）の証明書を交付します。印鑑登録証（カード）が必要です。マイナンバーカードがあればコンビニでも取得できます。",
      "Get a certificate of your registered personal seal (jitsuin). You need your seal registration card. With a My Number Card you can also get it at a convenience store.",
    ),
    departmentCode: "ward-counter",
    categoryCode: "family-register",
    lifeEvents: ["business", "bereavement"],
    keywords: ["印鑑証明", "いんかんしょうめい", "実印", "印鑑登録", "印鑑登録証", "コンビニ交付"],
    whoCanApply: L("印鑑登録をしている本人、または印鑑登録証を持参した代理人", "The registered person, or a representative bringing the seal registration card"),
    whatYouNeed: [L("印鑑登録証（カード）", "Seal registration card")],
    fee: { amountYen: 300, per: "copy" },
    processingTime: L("その場で交付します。", "Issued on the spot."),
    channel: "counter",
    legalBasis: L("大阪市印鑑条例", "Osaka City Seal Ordinance"),
    form: null,
  },
  {
    slug: "family-register-certificate",
    title: L("戸籍謄本・抄本の請求", "Request for a family register certificate (koseki)"),
    reading: "こせきとうほんしょうほんのせいきゅう",
    summary: L(
      "大阪市に本籍がある方の戸籍全部事項証明書（謄本）・個人事項証明書（抄本）、除籍・改製原戸籍の証明書を請求できます。",
      "Request certificates of a family register held by Osaka City: all entries (tōhon), individual entries (shōhon), closed registers and pre-reform registers.",
    ),
    departmentCode: "ward-counter",
    categoryCode: "family-register",
    lifeEvents: ["marriage-divorce", "bereavement", "birth-childcare"],
    keywords: ["戸籍謄本", "戸籍抄本", "こせき", "戸籍全部事項証明書", "戸籍個人事項証明書", "除籍", "改製原戸籍", "本籍", "広域交付"],
    whoCanApply: L(
      "戸籍に記載されている本人・配偶者・直系の親族、または正当な理由がある方。本人・配偶者・直系の親族は、本籍地以外の市区町村の窓口でも請求できます（広域交付）。",
      "People in the register, their spouse and direct relatives, or others with a legitimate reason. People in the register, spouses and direct relatives can also request at any city office in Japan (nationwide issuance).",
    ),
    whatYouNeed: [
      L("本人確認書類", "Proof of identity"),
      L("本籍と筆頭者の氏名", "The registered domicile and the name of the head of the register"),
    ],
    fee: { amountYen: 450, per: "copy", note: L("除籍・改製原戸籍の証明書は1通750円です。", "Certificates of closed or pre-reform registers cost 750 yen each.") },
    processingTime: L("窓口ではその場で交付します。オンライン・郵送の請求は1週間程度で郵送します（デモ）。", "Issued on the spot at the counter. Online and postal requests are posted within about a week (demo)."),
    channel: "both",
    legalBasis: L("戸籍法第10条・第10条の2", "Family Register Act, Articles 10 and 10-2"),
    form: familyRegisterForm,
  },
  {
    slug: "moving-in-notification",
    title: L("転入届", "Moving-in notification"),
    reading: "てんにゅうとどけ",
    summary: L(
      "大阪市外から大阪市内に引越したときの届出です。引越した日から14日以内に、新しい住所の区役所に届け出てください。",
      "Notify the ward office of your new address within 14 days when you move to Osaka City from another municipality.",
    ),
    departmentCode: "ward-counter",
    categoryCode: "family-register",
    lifeEvents: ["moving"],
    keywords: ["転入", "てんにゅう", "引越し", "引っ越し", "住所変更", "転入届", "引越しワンストップ"],
    whoCanApply: L("引越しした本人、同じ世帯の方、または代理人（委任状が必要）", "The person who moved, a member of the same household, or a representative with a letter of authorisation"),
    whatYouNeed: [
      L("転出証明書（マイナンバーカードで転出届をした場合は不要）", "Moving-out certificate from the previous municipality (not needed if you used your My Number Card when moving out)"),
      L("引越しする方全員のマイナンバーカード", "The My Number Cards of everyone who moved"),
      L("本人確認書類", "Proof of identity"),
    ],
    fee: null,
    processingTime: L("その場で受け付けます。混雑時は1時間以上お待ちいただくことがあります。", "Processed while you wait; at busy times this can take over an hour."),
    channel: "counter",
    legalBasis: L("住民基本台帳法第22条", "Basic Resident Register Act, Article 22"),
    form: null,
  },
  {
    slug: "moving-out-notification",
    title: L("転出届", "Moving-out notification"),
    reading: "てんしゅつとどけ",
    summary: L(
      "大阪市から市外へ引越すときの届出です。マイナンバーカードをお持ちの方は、オンライン（マイナポータルの引越しワンストップサービス）でも届け出られます。",
      "Notify us when you move from Osaka City to another municipality. With a My Number Card you can also do it online through the Mynaportal moving service.",
    ),
    departmentCode: "ward-counter",
    categoryCode: "family-register",
    lifeEvents: ["moving"],
    keywords: ["転出", "てんしゅつ", "引越し", "引っ越し", "転出証明書", "マイナポータル", "引越しワンストップ"],
    whoCanApply: L("引越しする本人、または同じ世帯の方", "The person moving or a member of the same household"),
    whatYouNeed: [L("マイナンバーカード（オンラインの場合）", "My Number Card (online)"), L("本人確認書類（窓口の場合）", "Proof of identity (at the counter)")],
    fee: null,
    processingTime: L("窓口ではその場で転出証明書を交付します。オンラインの場合は数日で処理します（デモ）。", "At the counter the moving-out certificate is issued on the spot. Online notifications are processed within a few days (demo)."),
    channel: "both",
    legalBasis: L("住民基本台帳法第24条", "Basic Resident Register Act, Article 24"),
    form: movingOutForm,
  },
  {
    slug: "change-of-address",
    title: L("転居届", "Change-of-address notification (within Osaka City)"),
    reading: "てんきょとどけ",
    summary: L(
      "大阪市内で引越したとき（区をまたぐ場合を含む）の届出です。引越した日から14日以内に、新しい住所の区役所に届け出てください。",
      "Notify the ward office of your new address within 14 days when you move within Osaka City, including to another ward.",
    ),
    departmentCode: "ward-counter",
    categoryCode: "family-register",
    lifeEvents: ["moving"],
    keywords: ["転居", "てんきょ", "引越し", "市内の引越し", "住所変更"],
    whoCanApply: L("引越しした本人、同じ世帯の方、または代理人（委任状が必要）", "The person who moved, a member of the same household, or a representative with a letter of authorisation"),
    whatYouNeed: [L("引越しした方全員のマイナンバーカード", "The My Number Cards of everyone who moved"), L("本人確認書類", "Proof of identity")],
    fee: null,
    processingTime: L("その場で受け付けます。", "Processed while you wait."),
    channel: "counter",
    legalBasis: L("住民基本台帳法第23条", "Basic Resident Register Act, Article 23"),
    form: null,
  },
  {
    slug: "birth-registration",
    title: L("出生届", "Birth registration"),
    reading: "しゅっしょうとどけ",
    summary: L(
      "赤ちゃんが生まれたときの届出です。生まれた日を含めて14日以内に届け出てください。児童手当やこども医療費助成の手続きも一緒にご案内します。",
      "Register a birth within 14 days, counting the day of birth. We will also help you with the child allowance and the children’s medical subsidy.",
    ),
    departmentCode: "ward-counter",
    categoryCode: "family-register",
    lifeEvents: ["birth-childcare"],
    keywords: ["出生届", "しゅっしょうとどけ", "しゅっせいとどけ", "出産", "赤ちゃん", "誕生"],
    whoCanApply: L("原則として父または母（届出人）。窓口へ書類を持参するのは代理の方でも構いません。", "Normally the father or mother. Someone else may bring the form to the counter."),
    whatYouNeed: [
      L("出生届（出生証明書欄に医師または助産師の記入があるもの）", "The birth registration form with the birth certificate section completed by the doctor or midwife"),
      L("母子健康手帳", "Maternal and child health handbook"),
    ],
    fee: null,
    processingTime: L("その場で受け付けます。戸籍への記載には数日かかります。", "Accepted while you wait; the family register is updated within a few days."),
    channel: "counter",
    legalBasis: L("戸籍法第49条", "Family Register Act, Article 49"),
    form: null,
  },
  {
    slug: "death-registration",
    title: L("死亡届", "Death registration"),
    reading: "しぼうとどけ",
    summary: L(
      "亡くなったことを知った日から7日以内に届け出てください。届出と同時に火葬許可証を交付します。",
      "Register a death within 7 days of learning of it. A cremation permit is issued at the same time.",
    ),
    departmentCode: "ward-counter",
    categoryCode: "family-register",
    lifeEvents: ["bereavement"],
    keywords: ["死亡届", "しぼうとどけ", "おくやみ", "火葬許可", "葬儀", "亡くなった"],
    whoCanApply: L("親族、同居者、家主など。窓口への持参は葬儀社が代行することが多いです。", "Relatives, people living with the deceased, landlords and others. Funeral companies often bring the form."),
    whatYouNeed: [L("死亡届（死亡診断書欄に医師の記入があるもの）", "The death registration form with the death certificate section completed by a doctor")],
    fee: null,
    processingTime: L("その場で受け付け、火葬許可証を交付します。", "Accepted while you wait, with the cremation permit issued."),
    channel: "counter",
    legalBasis: L("戸籍法第86条", "Family Register Act, Article 86"),
    form: null,
  },
  {
    slug: "marriage-registration",
    title: L("婚姻届", "Marriage registration"),
    reading: "こんいんとどけ",
    summary: L(
      "結婚するときの届出です。届け出た日に婚姻が成立します。令和6年3月から、多くの場合戸籍謄本の添付は不要になりました。",
      "Register a marriage; it takes effect on the day the registration is accepted. Since March 2024 a family register certificate is usually no longer needed.",
    ),
    departmentCode: "ward-counter",
    categoryCode: "family-register",
    lifeEvents: ["marriage-divorce"],
    keywords: ["婚姻届", "こんいんとどけ", "結婚", "入籍", "けっこん"],
    whoCanApply: L("結婚するお二人", "The two people getting married"),
    whatYouNeed: [
      L("婚姻届（成人の証人2人の署名があるもの）", "The marriage registration form signed by two adult witnesses"),
      L("本人確認書類", "Proof of identity"),
    ],
    fee: null,
    processingTime: L("窓口で受け付けます。夜間・休日も区役所の宿日直で預かります。", "Accepted at the counter; at night and on holidays the ward office duty desk accepts it."),
    channel: "counter",
    legalBasis: L("民法第739条、戸籍法第74条", "Civil Code, Article 739; Family Register Act, Article 74"),
    form: null,
  },
  {
    slug: "divorce-registration",
    title: L("離婚届", "Divorce registration"),
    reading: "りこんとどけ",
    summary: L(
      "協議離婚は届け出た日に成立します。調停・裁判による離婚は、成立した日から10日以内に届け出てください。",
      "A divorce by agreement takes effect when the registration is accepted. For divorces by mediation or court judgment, register within 10 days.",
    ),
    departmentCode: "ward-counter",
    categoryCode: "family-register",
    lifeEvents: ["marriage-divorce"],
    keywords: ["離婚届", "りこんとどけ", "離婚", "りこん", "協議離婚"],
    whoCanApply: L("夫と妻（調停・裁判離婚の場合は申立人）", "Both spouses (for mediation or court divorces, the petitioner)"),
    whatYouNeed: [
      L("離婚届（協議離婚の場合は成人の証人2人の署名があるもの）", "The divorce registration form (for divorce by agreement, signed by two adult witnesses)"),
      L("調停調書・判決書の謄本など（調停・裁判離婚の場合）", "Copy of the mediation record or judgment (mediation or court divorces)"),
      L("本人確認書類", "Proof of identity"),
    ],
    fee: null,
    processingTime: L("窓口で受け付けます。", "Accepted at the counter."),
    channel: "counter",
    legalBasis: L("民法第763条・第764条、戸籍法第76条・第77条", "Civil Code, Articles 763 and 764; Family Register Act, Articles 76 and 77"),
    form: null,
  },

  // ----- 子育て -----
  {
    slug: "child-allowance",
    title: L("児童手当の認定請求", "Child allowance claim"),
    reading: "じどうてあてのにんていせいきゅう",
    summary: L(
      "高校生年代までのお子さんを養育している方に児童手当を支給します。出生や転入の日の翌日から15日以内に請求してください。",
      "A child allowance for people raising children up to high-school age. Claim within 15 days of the birth or of moving to Osaka City.",
    ),
    departmentCode: "children",
    categoryCode: "childcare",
    lifeEvents: ["birth-childcare", "moving"],
    keywords: ["児童手当", "じどうてあて", "子ども手当", "手当", "15日特例"],
    whoCanApply: L(
      "大阪市に住み、18歳に達した日以後の最初の3月31日までのお子さんを養育している方（父母のうち生計を維持する程度の高い方）。所得制限はありません。公務員の方は勤務先へ請求してください。",
      "People living in Osaka City who raise children up to 31 March after their 18th birthday (the parent who mainly supports the family). There is no income limit. Public servants claim through their employer.",
    ),
    whatYouNeed: [L("請求者名義の振込先口座がわかるもの", "Details of a bank account in the claimant’s name"), L("マイナンバーがわかるもの", "Something showing your My Number")],
    fee: null,
    processingTime: L("認定後、偶数月に前月分までを支給します。", "After approval, payments are made in even-numbered months for the preceding months."),
    channel: "both",
    legalBasis: L("児童手当法第7条", "Child Allowance Act, Article 7"),
    form: childAllowanceForm,
  },
  {
    slug: "nursery-application",
    title: L("保育所等の利用申込", "Application for a nursery place"),
    reading: "ほいくしょとうのりようもうしこみ",
    summary: L(
      "保育所・認定こども園・小規模保育事業などの利用を申し込みます。4月入所の一斉申込と、年度途中の申込があります。",
      "Apply for a place at a nursery, a certified centre for early childhood education and care, or a small-scale nursery. There is a main round for April and applications during the year.",
    ),
    departmentCode: "children",
    categoryCode: "childcare",
    lifeEvents: ["birth-childcare", "school", "employment"],
    keywords: ["保育所", "保育園", "ほいくえん", "認定こども園", "入所", "待機児童", "保活", "2号認定", "3号認定"],
    whoCanApply: L("就労などのため、家庭で保育ができない大阪市内在住の保護者", "Parents living in Osaka City who cannot care for their child at home because of work or other reasons"),
    whatYouNeed: [L("就労証明書など保育が必要なことがわかる書類", "An employment certificate or other evidence that childcare is needed")],
    fee: null,
    processingTime: L("利用調整（選考）の結果は、入所を希望する月の前月中旬ごろにお知らせします（デモ）。", "The allocation result is sent around the middle of the month before the requested start (demo)."),
    channel: "both",
    legalBasis: L("児童福祉法第24条、子ども・子育て支援法第20条", "Child Welfare Act, Article 24; Act on Child and Childcare Support, Article 20"),
    form: nurseryForm,
  },
  {
    slug: "pregnancy-notification",
    title: L("妊娠届", "Pregnancy notification"),
    reading: "にんしんとどけ",
    summary: L(
      "妊娠がわかったら届け出てください。母子健康手帳と妊婦健康診査の受診券をお渡しします。",
      "Notify us when you are pregnant. You will receive the maternal and child health handbook and vouchers for prenatal check-ups.",
    ),
    departmentCode: "children",
    categoryCode: "childcare",
    lifeEvents: ["birth-childcare", "health-medical"],
    keywords: ["妊娠届", "にんしんとどけ", "母子手帳", "母子健康手帳", "妊婦健診", "妊娠"],
    whoCanApply: L("大阪市に住民登録があり、妊娠している方", "Pregnant people registered as residents of Osaka City"),
    whatYouNeed: [L("マイナンバーがわかるもの", "Something showing your My Number"), L("本人確認書類", "Proof of identity")],
    fee: null,
    processingTime: L("区の保健福祉センターで面談のうえ、母子健康手帳を交付します。", "The handbook is given after a short interview at the ward health and welfare centre."),
    channel: "both",
    legalBasis: L("母子保健法第15条・第16条", "Maternal and Child Health Act, Articles 15 and 16"),
    form: pregnancyForm,
  },
  {
    slug: "after-school-ikiiki",
    title: L("児童いきいき放課後事業の参加申込", "Registration for the after-school “Ikiiki” programme"),
    reading: "じどういきいきほうかごじぎょうのさんかもうしこみ",
    summary: L(
      "放課後や土曜日、長期休業中に、市立小学校の施設で子どもたちが安全に遊び、過ごせる「いきいき活動」への参加を申し込みます。",
      "Register your child for “Ikiiki”, where children can play and spend time safely at their city elementary school after school, on Saturdays and in the holidays.",
    ),
    departmentCode: "children",
    categoryCode: "childcare",
    lifeEvents: ["school", "birth-childcare", "employment"],
    keywords: ["いきいき", "児童いきいき放課後事業", "放課後", "学童", "ほうかご", "放課後児童"],
    whoCanApply: L("大阪市立小学校に通う児童の保護者", "Parents of children at Osaka City elementary schools"),
    whatYouNeed: [L("緊急連絡先", "An emergency contact")],
    fee: { amountYen: 0, note: L("参加は無料です。傷害保険の掛金などは自己負担です（デモ）。", "Free of charge; accident insurance premiums are paid by families (demo).") },
    processingTime: L("申込から1週間程度で参加できます（デモ）。", "Children can usually start about a week after registering (demo)."),
    channel: "both",
    form: afterSchoolForm,
  },

  // ----- 保険・年金 -----
  {
    slug: "national-health-insurance",
    title: L("国民健康保険の加入・脱退の届出", "Joining or leaving National Health Insurance"),
    reading: "こくみんけんこうほけんのかにゅうだったいのとどけで",
    summary: L(
      "勤務先の健康保険をやめたとき、または加入したときの届出です。14日以内に届け出てください。",
      "Notify us within 14 days when you leave or join an employer’s health insurance.",
    ),
    departmentCode: "welfare",
    categoryCode: "insurance-pension",
    lifeEvents: ["employment", "moving", "health-medical"],
    keywords: ["国民健康保険", "こくみんけんこうほけん", "国保", "こくほ", "加入", "脱退", "退職", "保険証"],
    whoCanApply: L("世帯主または同じ世帯の方", "The head of household or a member of the same household"),
    whatYouNeed: [
      L("勤務先の健康保険をやめた日・入った日がわかる書類", "A document showing the date you left or joined the employer’s insurance"),
      L("マイナンバーがわかるもの", "Something showing your My Number"),
    ],
    fee: null,
    processingTime: L("加入の場合は資格確認書を1週間程度で郵送します（デモ）。", "When joining, the eligibility certificate is posted within about a week (demo)."),
    channel: "both",
    legalBasis: L("国民健康保険法第9条", "National Health Insurance Act, Article 9"),
    form: nhiForm,
  },
  {
    slug: "national-pension",
    title: L("国民年金の加入の届出", "Joining the National Pension"),
    reading: "こくみんねんきんのかにゅうのとどけで",
    summary: L(
      "会社をやめたときや、配偶者の扶養からはずれたときなどに、国民年金の第1号被保険者になる届出です。",
      "Register as a Category 1 National Pension member when you leave a job or stop being a spouse’s dependant.",
    ),
    departmentCode: "welfare",
    categoryCode: "insurance-pension",
    lifeEvents: ["employment", "marriage-divorce"],
    keywords: ["国民年金", "こくみんねんきん", "年金", "ねんきん", "第1号被保険者", "種別変更", "免除"],
    whoCanApply: L("20歳以上60歳未満で、厚生年金に加入していない方", "People aged 20 to 59 who are not in the Employees’ Pension scheme"),
    whatYouNeed: [L("基礎年金番号またはマイナンバーがわかるもの", "Your basic pension number or My Number"), L("退職日がわかる書類", "A document showing the date you left your job")],
    fee: null,
    processingTime: L("日本年金機構から納付書が届くまで1〜2か月程度かかります。", "It takes one to two months for the payment slips from the Japan Pension Service to arrive."),
    channel: "both",
    legalBasis: L("国民年金法第12条", "National Pension Act, Article 12"),
    form: nationalPensionForm,
  },
  {
    slug: "specific-health-checkup-voucher",
    title: L("特定健診受診券の再発行", "Reissue of the specific health check-up voucher"),
    reading: "とくていけんしんじゅしんけんのさいはっこう",
    summary: L(
      "大阪市国民健康保険の特定健康診査（特定健診）の受診券をなくしたり、届かなかったりしたときに再発行します。",
      "Get a new voucher for the Osaka City National Health Insurance specific health check-up if yours is lost or did not arrive.",
    ),
    departmentCode: "welfare",
    categoryCode: "health",
    lifeEvents: ["health-medical"],
    keywords: ["特定健診", "とくていけんしん", "受診券", "健康診断", "けんしん", "メタボ健診", "再発行"],
    whoCanApply: L("大阪市国民健康保険に加入している40歳から74歳の方", "People aged 40 to 74 covered by Osaka City National Health Insurance"),
    whatYouNeed: [L("国民健康保険の記号・番号", "National Health Insurance symbol and number")],
    fee: null,
    processingTime: L("1〜2週間程度で郵送します（デモ）。", "Posted within one to two weeks (demo)."),
    channel: "online",
    legalBasis: L("高齢者の医療の確保に関する法律第20条", "Act on Assurance of Medical Care for Elderly People, Article 20"),
    form: healthCheckVoucherForm,
  },

  // ----- 福祉 -----
  {
    slug: "care-cost-limit-certification",
    title: L("介護保険負担限度額認定の申請", "Application for the long-term care cost limit certificate"),
    reading: "かいごほけんふたんげんどがくにんていのしんせい",
    summary: L(
      "介護保険施設やショートステイを利用するときの食費・居住費の負担を、所得と預貯金に応じて軽減します。",
      "Reduces what you pay for meals and accommodation in care facilities and short stays, depending on income and savings.",
    ),
    departmentCode: "welfare",
    categoryCode: "welfare",
    lifeEvents: ["care-elderly"],
    keywords: ["負担限度額", "ふたんげんどがく", "介護保険", "食費", "居住費", "特養", "ショートステイ", "補足給付"],
    whoCanApply: L(
      "世帯全員（別世帯の配偶者を含む）が住民税非課税で、預貯金などが一定額以下の介護保険の被保険者",
      "Insured people whose whole household (including a spouse in another household) is exempt from resident tax and whose savings are below a set limit",
    ),
    whatYouNeed: [L("預貯金の通帳などの写し", "Copies of bank books or statements"), L("介護保険被保険者証", "Long-term care insurance card")],
    fee: null,
    processingTime: L("認定されると、申請した月の初日から有効な認定証を郵送します。", "If approved, a certificate valid from the first day of the month of application is posted."),
    channel: "both",
    legalBasis: L("介護保険法第51条の3", "Long-Term Care Insurance Act, Article 51-3"),
    form: careCostLimitForm,
  },
  {
    slug: "physical-disability-certificate",
    title: L("身体障がい者手帳の交付申請", "Application for a physical disability certificate"),
    reading: "しんたいしょうがいしゃてちょうのこうふしんせい",
    summary: L(
      "身体に障がいのある方に身体障がい者手帳を交付します。手帳があると、医療費の助成や税の控除などを受けられます。",
      "A certificate for people with physical disabilities, giving access to medical subsidies, tax deductions and other support.",
    ),
    departmentCode: "welfare",
    categoryCode: "welfare",
    lifeEvents: ["disability", "health-medical"],
    keywords: ["障がい者手帳", "障害者手帳", "しょうがいしゃてちょう", "身体障がい", "身体障害者手帳", "手帳"],
    whoCanApply: L("大阪市に住む、身体に一定以上の障がいがある方（15歳未満は保護者が申請）", "Osaka City residents with a physical disability of a certain degree (parents apply for children under 15)"),
    whatYouNeed: [
      L("指定医が作成した身体障がい者診断書・意見書（原本）", "The original diagnosis and opinion by a designated doctor"),
      L("顔写真（縦4cm×横3cm）", "A photo (4 cm × 3 cm)"),
      L("マイナンバーがわかるもの", "Something showing your My Number"),
    ],
    fee: null,
    processingTime: L("審査のうえ、1〜2か月程度で交付します。", "Issued in one to two months after review."),
    channel: "counter",
    legalBasis: L("身体障害者福祉法第15条", "Act on Welfare of Physically Disabled Persons, Article 15"),
    form: null,
  },
  {
    slug: "housing-security-benefit",
    title: L("住居確保給付金の申請", "Application for the housing security benefit"),
    reading: "じゅうきょかくほきゅうふきんのしんせい",
    summary: L(
      "離職や収入の減少で家賃の支払いが難しくなった方に、一定期間、家賃相当額を家主に直接支給します。まず区の自立相談支援窓口にご相談ください。",
      "For people who cannot pay rent after losing a job or income: an amount equal to the rent is paid directly to the landlord for a set period. First contact the ward self-reliance support office.",
    ),
    departmentCode: "welfare",
    categoryCode: "welfare",
    lifeEvents: ["employment"],
    keywords: ["住居確保給付金", "じゅうきょかくほきゅうふきん", "家賃", "生活困窮", "離職", "家賃補助"],
    whoCanApply: L(
      "離職・廃業から2年以内、または収入が離職と同程度まで減り、収入・資産が基準以下の方",
      "People who lost their job or closed their business within the last 2 years, or whose income fell to a similar level, with income and assets below the limits",
    ),
    whatYouNeed: [
      L("本人確認書類", "Proof of identity"),
      L("離職・収入減少がわかる書類", "Documents showing the loss of job or income"),
      L("賃貸借契約書の写し", "A copy of the tenancy agreement"),
    ],
    fee: null,
    processingTime: L("申請から支給決定まで2〜3週間程度かかります（デモ）。", "About two to three weeks from application to decision (demo)."),
    channel: "counter",
    legalBasis: L("生活困窮者自立支援法第6条", "Act on Self-Reliance Support for Needy Persons, Article 6"),
    form: null,
  },

  // ----- 税 -----
  {
    slug: "tax-certificate",
    title: L("所得・課税証明書の交付請求", "Request for an income and tax certificate"),
    reading: "しょとくかぜいしょうめいしょのこうふせいきゅう",
    summary: L(
      "個人市・府民税の所得や課税額を証明する書類です。保育所の申込や各種手当の申請などで使います。",
      "A certificate of your income and municipal/prefectural resident tax, used for nursery applications, allowances and more.",
    ),
    departmentCode: "finance",
    categoryCode: "tax",
    lifeEvents: ["tax", "birth-childcare", "employment"],
    keywords: ["所得証明", "しょとくしょうめい", "課税証明", "かぜいしょうめい", "非課税証明", "市税", "税証明"],
    whoCanApply: L("本人、同じ世帯の方、または代理人（委任状が必要）", "The person, a member of the same household, or a representative with a letter of authorisation"),
    whatYouNeed: [L("本人確認書類", "Proof of identity"), L("代理人の場合は委任状", "If a representative is requesting: a letter of authorisation")],
    fee: { amountYen: 300, per: "copy", note: L("1年度分1通の金額です。", "Per copy for one fiscal year.") },
    processingTime: L("窓口ではその場で交付します。オンライン請求は1週間程度で郵送します（デモ）。", "Issued on the spot at the counter; online requests are posted within about a week (demo)."),
    channel: "both",
    legalBasis: L("地方税法第20条の10", "Local Tax Act, Article 20-10"),
    form: taxCertificateForm,
  },
  {
    slug: "light-vehicle-tax-reduction",
    title: L("軽自動車税（種別割）の減免申請", "Light vehicle tax reduction for people with disabilities"),
    reading: "けいじどうしゃぜいしゅべつわりのげんめんしんせい",
    summary: L(
      "障がいのある方が使う軽自動車などの軽自動車税（種別割）を減免します。納期限（5月末）までに申請してください。",
      "Reduces or waives the light vehicle tax for vehicles used by or for people with disabilities. Apply by the payment deadline (end of May).",
    ),
    departmentCode: "finance",
    categoryCode: "tax",
    lifeEvents: ["tax", "disability"],
    keywords: ["軽自動車税", "けいじどうしゃぜい", "種別割", "減免", "げんめん", "障がい者", "バイク"],
    whoCanApply: L("障がいのある方本人、または同じ生計の方・常に介護する方が所有する車", "Owners of vehicles for a person with a disability: the person, someone in the same household, or their regular carer"),
    whatYouNeed: [L("障がい者手帳", "Disability certificate"), L("運転する方の運転免許証", "The driver’s licence"), L("車検証（自動車検査証）の写し", "A copy of the vehicle inspection certificate")],
    fee: null,
    processingTime: L("審査のうえ、1か月程度で結果をお知らせします（デモ）。", "The result is sent in about a month (demo)."),
    channel: "both",
    legalBasis: L("地方税法第463条の23、大阪市市税条例", "Local Tax Act, Article 463-23; Osaka City Municipal Tax Ordinance"),
    form: lightVehicleTaxForm,
  },
  {
    slug: "resident-tax-return",
    title: L("個人市・府民税の申告", "Municipal and prefectural resident tax return"),
    reading: "こじんしふみんぜいのしんこく",
    summary: L(
      "確定申告をしない方で、前年に収入がなかった方や年金収入のみの方などが、市・府民税の申告をします。申告期間は3月15日までです。",
      "For people who do not file a national tax return — for example with no income or only pension income last year. The filing period ends on 15 March.",
    ),
    departmentCode: "finance",
    categoryCode: "tax",
    lifeEvents: ["tax", "employment"],
    keywords: ["市民税", "府民税", "住民税", "じゅうみんぜい", "申告", "しんこく", "非課税"],
    whoCanApply: L("1月1日に大阪市内に住んでいた方", "People who lived in Osaka City on 1 January"),
    whatYouNeed: [L("収入や控除がわかる書類（源泉徴収票など）", "Documents showing income and deductions (e.g. withholding slips)"), L("マイナンバーがわかるもの", "Something showing your My Number")],
    fee: null,
    processingTime: L("申告内容は6月に送付する税額決定通知書に反映します。", "Reflected in the tax notice sent in June."),
    channel: "counter",
    legalBasis: L("地方税法第317条の2", "Local Tax Act, Article 317-2"),
    form: null,
  },

  // ----- 環境・くらし -----
  {
    slug: "bulky-waste-collection",
    title: L("粗大ごみ収集の申込", "Request for bulky waste collection"),
    reading: "そだいごみしゅうしゅうのもうしこみ",
    summary: L(
      "家庭から出る粗大ごみ（最大辺が30cmを超えるもの）の収集を申し込みます。収集日と手数料は受付後にお知らせします。",
      "Book a collection of large household items (longest side over 30 cm). We will tell you the collection date and fee after receiving your request.",
    ),
    departmentCode: "environment",
    categoryCode: "environment",
    lifeEvents: ["waste-environment", "moving"],
    keywords: ["粗大ごみ", "そだいごみ", "大型ごみ", "家具", "ごみ", "引越しごみ", "手数料券"],
    whoCanApply: L("大阪市内の家庭（事業所のごみは対象外）", "Households in Osaka City (not businesses)"),
    whatYouNeed: [L("粗大ごみ処理手数料券（コンビニなどで購入）", "Bulky waste fee stickers (sold at convenience stores and other shops)")],
    fee: {
      amountYen: 200,
      per: "item",
      note: L("1点につき200円・400円・700円・1,000円のいずれか（品目によります）。", "200, 400, 700 or 1,000 yen per item, depending on the item."),
    },
    processingTime: L("収集日は申込の3日後以降で、受付時にお知らせします（デモ）。", "Collection is at least 3 days after the request; we tell you the date when we accept it (demo)."),
    channel: "online",
    legalBasis: L("大阪市廃棄物の減量推進及び適正処理並びに生活環境の清潔保持に関する条例", "Osaka City Ordinance on Waste Reduction, Proper Disposal and Cleanliness"),
    form: bulkyWasteForm,
  },
  {
    slug: "dog-registration",
    title: L("犬の登録", "Dog registration"),
    reading: "いぬのとうろく",
    summary: L(
      "生後91日以上の犬を飼い始めたら、30日以内に登録してください。鑑札と狂犬病予防注射済票をお渡しします。",
      "Register a dog aged 91 days or more within 30 days of getting it. You will receive a dog licence tag and a rabies vaccination tag.",
    ),
    departmentCode: "health",
    categoryCode: "living",
    lifeEvents: ["pets"],
    keywords: ["犬の登録", "いぬのとうろく", "鑑札", "狂犬病", "予防注射", "ペット", "犬"],
    whoCanApply: L("大阪市内で犬を飼っている方", "Dog owners in Osaka City"),
    whatYouNeed: [L("狂犬病予防注射済証（動物病院が発行）", "Rabies vaccination certificate from the vet")],
    fee: { amountYen: 3000, note: L("狂犬病予防注射済票の交付手数料550円が別にかかります。", "A separate fee of 550 yen is charged for the rabies vaccination tag.") },
    processingTime: L("窓口ではその場で鑑札を交付します。オンライン申請は郵送します（デモ）。", "At the counter the tag is issued on the spot; online applications are answered by post (demo)."),
    channel: "both",
    legalBasis: L("狂犬病予防法第4条", "Rabies Prevention Act, Article 4"),
    form: dogForm,
  },

  // ----- 事業者 -----
  {
    slug: "road-occupancy-permit",
    title: L("道路占用許可の申請", "Application for a road occupancy permit"),
    reading: "どうろせんようきょかのしんせい",
    summary: L(
      "看板・足場・工事用の仮設物などを市道に設けるときは、事前に道路占用の許可が必要です。",
      "A permit is needed before placing signs, scaffolding or temporary structures on a city road.",
    ),
    departmentCode: "construction",
    categoryCode: "business",
    lifeEvents: ["business"],
    keywords: ["道路占用", "どうろせんよう", "占用許可", "足場", "看板", "工事", "市道"],
    whoCanApply: L("道路に物件を設けようとする個人・事業者", "Individuals and businesses who want to place something on a road"),
    whatYouNeed: [L("道路占用許可申請書", "Road occupancy permit application form"), L("位置図・平面図・構造図", "Location map, plan and structural drawings")],
    fee: { amountYen: 0, note: L("申請手数料はかかりません。許可後に、占用物件・面積・期間に応じた占用料を納めていただきます。", "The application is free; after the permit is granted you pay an occupancy fee based on the structure, area and period.") },
    processingTime: L("標準処理期間は2週間程度です（デモ）。", "Standard processing time is about two weeks (demo)."),
    channel: "counter",
    legalBasis: L("道路法第32条", "Road Act, Article 32"),
    form: null,
  },
  {
    slug: "food-business-permit",
    title: L("飲食店営業許可の申請", "Application for a restaurant business permit"),
    reading: "いんしょくてんえいぎょうきょかのしんせい",
    summary: L(
      "飲食店や喫茶店を営業するには、保健所の許可が必要です。工事の前に図面を持って事前相談にお越しください。",
      "Running a restaurant or café needs a permit from the public health centre. Please come for advice with the plans before construction starts.",
    ),
    departmentCode: "health",
    categoryCode: "business",
    lifeEvents: ["business"],
    keywords: ["飲食店", "いんしょくてん", "営業許可", "保健所", "食品衛生", "開業", "食品衛生責任者"],
    whoCanApply: L("大阪市内で飲食店を営業しようとする個人・法人", "Individuals and companies who want to run a restaurant in Osaka City"),
    whatYouNeed: [
      L("営業許可申請書", "Business permit application form"),
      L("営業設備の大要・配置図", "Outline and layout of the facilities"),
      L("食品衛生責任者の資格を証明するもの", "Proof of the food hygiene supervisor qualification"),
    ],
    fee: { amountYen: 16000, note: L("新規許可の手数料です（デモ：金額は条例で確認してください）。", "Fee for a new permit (demo: check the amount in the ordinance).") },
    processingTime: L("施設の確認検査のあと、許可証の交付まで1週間程度かかります（デモ）。", "About a week after the facility inspection until the permit is issued (demo)."),
    channel: "counter",
    legalBasis: L("食品衛生法第55条", "Food Sanitation Act, Article 55"),
    form: null,
  },

  // ----- 教育 -----
  {
    slug: "school-expense-assistance",
    title: L("就学援助の申請", "Application for school expense assistance"),
    reading: "しゅうがくえんじょのしんせい",
    summary: L(
      "経済的な理由でお困りのご家庭に、市立小学校・中学校の学用品費や修学旅行費などを援助します。",
      "Helps families with financial difficulties pay for school supplies, school trips and other costs at city elementary and junior high schools.",
    ),
    departmentCode: "education",
    categoryCode: "education",
    lifeEvents: ["school", "birth-childcare"],
    keywords: ["就学援助", "しゅうがくえんじょ", "学用品", "修学旅行", "給食費", "教育費"],
    whoCanApply: L("大阪市立の小学校・中学校に通うお子さんの保護者で、所得が基準以下の方", "Parents of children at Osaka City elementary and junior high schools whose income is below the limit"),
    whatYouNeed: [L("振込先口座がわかるもの", "Bank account details")],
    fee: null,
    processingTime: L("審査の結果は、申請から1〜2か月程度でお知らせします（デモ）。", "The result is sent one to two months after the application (demo)."),
    channel: "both",
    legalBasis: L("学校教育法第19条", "School Education Act, Article 19"),
    form: schoolAidForm,
  },
];

// ---------------------------------------------------------------------------------------
// Demo accounts. DEMO ONLY: the shared password is public. Never seed these anywhere
// but a local or demonstration instance. The people are fictional; addresses use real
// Osaka postal codes with invented house numbers; emails use the reserved example.jp.
// ---------------------------------------------------------------------------------------

export const DEMO_PASSWORD = "machi-demo-2026";

export const DEMO_STAFF: DemoAccount[] = [
  {
    email: "tenma.sakura@staff.example.jp",
    password: DEMO_PASSWORD,
    name: { family: "天満", given: "さくら" },
    furigana: { family: "テンマ", given: "サクラ" },
    departmentCode: "ward-counter",
    role: "clerk",
  },
  {
    email: "nakajima.kenta@staff.example.jp",
    password: DEMO_PASSWORD,
    name: { family: "中島", given: "健太" },
    furigana: { family: "ナカジマ", given: "ケンタ" },
    departmentCode: "ward-counter",
    role: "clerk",
  },
  {
    email: "morimoto.yumi@staff.example.jp",
    password: DEMO_PASSWORD,
    name: { family: "森本", given: "由美" },
    furigana: { family: "モリモト", given: "ユミ" },
    departmentCode: "ward-counter",
    role: "manager",
  },
  {
    email: "nishida.daisuke@staff.example.jp",
    password: DEMO_PASSWORD,
    name: { family: "西田", given: "大輔" },
    furigana: { family: "ニシダ", given: "ダイスケ" },
    departmentCode: "welfare",
    role: "clerk",
  },
  {
    email: "fujiwara.misaki@staff.example.jp",
    password: DEMO_PASSWORD,
    name: { family: "藤原", given: "美咲" },
    furigana: { family: "フジワラ", given: "ミサキ" },
    departmentCode: "children",
    role: "clerk",
  },
];

export const DEMO_RESIDENTS: DemoAccount[] = [
  {
    // Works in 北区 and needs certificates now and then.
    email: "matsumoto.yoko@example.jp",
    password: DEMO_PASSWORD,
    name: { family: "松本", given: "陽子" },
    furigana: { family: "マツモト", given: "ヨウコ" },
    birthDate: "1988-06-14",
    address: { postalCode: "530-0041", address: "大阪府大阪市北区天神橋3丁目9-99", building: "天神橋ハイツ501" },
    phone: "090-0000-1234",
  },
  {
    // Lives in 淀川区 and cares for his mother (要介護認定).
    email: "yoshida.kenichi@example.jp",
    password: DEMO_PASSWORD,
    name: { family: "吉田", given: "健一" },
    furigana: { family: "ヨシダ", given: "ケンイチ" },
    birthDate: "1965-11-02",
    address: { postalCode: "532-0024", address: "大阪府大阪市淀川区十三本町2丁目99-9" },
    phone: "080-0000-5678",
  },
  {
    // Family with two children in 平野区 (こども医療費助成, 児童手当, 保育所).
    email: "kim.mirei@example.jp",
    password: DEMO_PASSWORD,
    name: { family: "金", given: "美玲" },
    furigana: { family: "キム", given: "ミレイ" },
    birthDate: "1991-03-27",
    address: { postalCode: "547-0044", address: "大阪府大阪市平野区平野本町4丁目99-99", building: "平野グリーンコート203" },
    phone: "070-0000-9012",
  },
];
