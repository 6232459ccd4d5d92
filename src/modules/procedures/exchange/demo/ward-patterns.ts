/**
 * What every ward office (区役所) offers besides the resident-record counter: its community centre
 * and sports centre rooms, courses, health check-up dates, free consultations, community grants,
 * volunteers, and requests. Each pattern becomes one procedure per ward (24 × these). Demo data:
 * the patterns follow what Osaka's ward offices publish, the details (fees, sessions) are made up.
 */
import type { LocalizedText } from "../../../../core/i18n/index.ts";
import type { FormDefinition, Option } from "../../forms/definition.ts";
import {
  applicantPage,
  attachmentsPage,
  bankPage,
  bookingPage,
  childCheckupPages,
  consultationPages,
  declarationPage,
  decisionReferencePage,
  equipmentPage,
  form,
  L,
  nomineePage,
  opinionPages,
  opt,
  organisationPage,
  page,
  participantsPage,
  planPage,
  q,
  requestItemsPage,
  resultsPage,
  activityPage,
  sessionPage,
  SESSIONS,
  supportDetailPage,
} from "./forms.ts";

export type PatternFee = { amountYen: number; per?: "copy" | "item"; note?: LocalizedText } | null;

export type WardPattern = {
  slug: string;
  /** title without the ward, e.g. 法律相談の予約 → 法律相談の予約（北区） */
  title: LocalizedText;
  reading: string;
  /** {ward} is replaced by the ward's name (北区 / Kita Ward) */
  summary: LocalizedText;
  category: string;
  lifeEvents: string[];
  keywords: string[];
  whoCanApply: LocalizedText;
  whatYouNeed: LocalizedText[];
  /** ward index 0..23 → fee (ward offices set some fees themselves) */
  fee: (wardIndex: number) => PatternFee;
  processingTime: LocalizedText;
  channel: "online" | "counter" | "both";
  legalBasis?: LocalizedText;
  form: FormDefinition | null;
};

const ID_CARD = L("本人確認書類（窓口の場合）", "Proof of identity (at the counter)");
const NONE = () => null;

// ---------------------------------------------------------------------------------------
// Rooms of the ward's community centre (区民センター) and sports centre (スポーツセンター)

const ROOM_EQUIPMENT: Option[] = [
  opt("microphone", "マイク", "Microphone"),
  opt("projector", "プロジェクター", "Projector"),
  opt("piano", "ピアノ", "Piano"),
  opt("stage_lights", "舞台照明", "Stage lighting"),
  opt("whiteboard", "ホワイトボード", "Whiteboard"),
];

type Room = [slug: string, ja: string, reading: string, en: string, feeYen: number, maxPeople: number, sports: boolean];

const ROOMS: Room[] = [
  ["community-hall", "区民センター ホール", "くみんせんたー ほーる", "community centre hall", 12000, 500, false],
  ["community-meeting-room", "区民センター 会議室", "くみんせんたー かいぎしつ", "community centre meeting room", 1500, 40, false],
  ["community-japanese-room", "区民センター 和室", "くみんせんたー わしつ", "community centre Japanese-style room", 1200, 30, false],
  ["community-cooking-room", "区民センター 調理室", "くみんせんたー ちょうりしつ", "community centre cooking room", 1800, 30, false],
  ["community-music-room", "区民センター 音楽室", "くみんせんたー おんがくしつ", "community centre music room", 2000, 30, false],
  ["community-craft-room", "区民センター 創作室", "くみんせんたー そうさくしつ", "community centre craft room", 1400, 30, false],
  ["sports-arena", "スポーツセンター 体育場", "すぽーつせんたー たいいくじょう", "sports centre arena", 3600, 200, true],
  ["sports-martial-arts-hall", "スポーツセンター 武道場", "すぽーつせんたー ぶどうじょう", "sports centre martial arts hall", 2400, 60, true],
  ["pool-group-use", "屋内プール 団体使用", "おくないぷーる だんたいしよう", "indoor pool for groups", 5000, 80, true],
  ["ward-office-multipurpose-space", "区役所 多目的スペース", "くやくしょ たもくてきすぺーす", "ward office multipurpose space", 0, 50, false],
];

function roomPattern([slug, ja, reading, en, feeYen, maxPeople, sports]: Room): WardPattern {
  return {
    slug: `${slug}-booking`,
    title: L(`${ja}の使用申請`, `Booking the ${en}`),
    reading: `${reading}のしようしんせい`,
    summary: L(`{ward}の${ja}を使用するための申請です。空き状況を確認してから申請してください。`, `Apply to use the ${en} in {ward}. Check availability before applying.`),
    category: "living",
    lifeEvents: [],
    keywords: [ja.split(" ")[1]!, ja.split(" ")[0]!, "施設予約", "しせつよやく", "使用申請", "貸室", "かしつ", ...(sports ? ["スポーツ", "運動"] : ["集会", "サークル"])],
    whoCanApply: L("個人または団体（営利目的の使用は別の料金になります）", "Individuals or groups (commercial use is charged at a different rate)"),
    whatYouNeed: [L("団体の場合は代表者の連絡先", "For a group: contact details of its representative")],
    fee: (i) =>
      feeYen === 0
        ? null
        : { amountYen: feeYen + (i % 4) * 100, note: L("午前の区分の使用料です。午後・夜間は料金が異なります（デモ）。", "Fee for a morning slot; afternoon and evening rates differ (demo).") },
    processingTime: L("3開庁日以内に使用の可否をメールまたは電話でお知らせします（デモ）。", "We tell you by email or phone within 3 working days whether the booking is confirmed (demo)."),
    channel: "both",
    legalBasis: L("地方自治法第244条、大阪市区民センター条例（デモ）", "Local Autonomy Act, Article 244; Osaka City Community Centre Ordinance (demo)"),
    form: form(applicantPage({ kind: true }), organisationPage(), bookingPage(maxPeople), equipmentPage(ROOM_EQUIPMENT), declarationPage(L("使用にあたっては施設の規則を守ります。", "I will follow the rules of the facility."))),
  };
}

// ---------------------------------------------------------------------------------------
// Courses and events

type Course = [slug: string, ja: string, reading: string, en: string, category: string, events: string[], keywords: string[], children: boolean, materialsYen: number];

const COURSES: Course[] = [
  ["parents-class", "両親教室（プレママ・プレパパ教室）の参加申込", "りょうしんきょうしつ ぷれままぷればぱきょうしつのさんかもうしこみ", "Signing up for the parents-to-be class", "childcare", ["birth-childcare"], ["両親教室", "母親教室", "妊娠", "プレママ", "沐浴"], false, 0],
  ["weaning-food-class", "離乳食講習会の参加申込", "りにゅうしょくこうしゅうかいのさんかもうしこみ", "Signing up for the weaning food class", "childcare", ["birth-childcare"], ["離乳食", "りにゅうしょく", "赤ちゃん", "栄養"], true, 0],
  ["parenting-course", "子育て講座の参加申込", "こそだてこうざのさんかもうしこみ", "Signing up for a parenting course", "childcare", ["birth-childcare"], ["子育て", "こそだて", "講座", "育児"], true, 0],
  ["kids-summer-class", "夏休みこども教室の参加申込", "なつやすみこどもきょうしつのさんかもうしこみ", "Signing up for the summer holiday children’s class", "education", ["school"], ["夏休み", "こども教室", "体験", "小学生"], true, 300],
  ["health-course", "健康講座（生活習慣病予防）の参加申込", "けんこうこうざ せいかつしゅうかんびょうよぼうのさんかもうしこみ", "Signing up for a health course (lifestyle disease prevention)", "health", ["health-medical"], ["健康講座", "生活習慣病", "糖尿病", "高血圧"], false, 0],
  ["care-prevention-class", "介護予防教室の参加申込", "かいごよぼうきょうしつのさんかもうしこみ", "Signing up for a fall and frailty prevention class", "welfare", ["care-elderly"], ["介護予防", "体操", "フレイル", "高齢者"], false, 0],
  ["dementia-supporter-course", "認知症サポーター養成講座の参加申込", "にんちしょうさぽーたーようせいこうざのさんかもうしこみ", "Signing up for the dementia supporter course", "welfare", ["care-elderly"], ["認知症", "にんちしょう", "サポーター", "オレンジリング"], false, 0],
  ["lifelong-learning-course", "生涯学習講座の受講申込", "しょうがいがくしゅうこうざのじゅこうもうしこみ", "Signing up for a lifelong learning course", "education", [], ["生涯学習", "講座", "習い事", "教養"], false, 500],
  ["disaster-drill", "区の防災訓練の参加申込", "くのぼうさいくんれんのさんかもうしこみ", "Signing up for the ward disaster drill", "living", [], ["防災", "ぼうさい", "訓練", "避難", "地震"], true, 0],
  ["ward-festival-stall", "区民まつりの出店申込", "くみんまつりのしゅってんもうしこみ", "Applying for a stall at the ward festival", "living", ["business"], ["区民まつり", "出店", "模擬店", "フリーマーケット"], false, 1000],
];

function coursePattern([slug, ja, reading, en, category, lifeEvents, keywords, children, materialsYen]: Course): WardPattern {
  return {
    slug,
    title: L(ja, en),
    reading,
    summary: L(`{ward}役所・{ward}保健福祉センターが開く${ja.replace(/の(参加|受講|出店)申込$/, "")}への申込みです。定員を超えたときは抽選です。`, `Sign up for this event run by {ward} Ward Office. If there are more applicants than places, we draw lots.`),
    category,
    lifeEvents,
    keywords: [...keywords, "申込", "もうしこみ", "イベント"],
    whoCanApply: L("{ward}に住んでいるか、通勤・通学している方", "People who live, work or study in {ward}"),
    whatYouNeed: [],
    fee: () => (materialsYen > 0 ? { amountYen: materialsYen, note: L("材料費・保険料として当日いただきます（デモ）。", "Charged on the day for materials and insurance (demo).") } : null),
    processingTime: L("申込期間の終了後1週間以内に、参加の可否をお知らせします（デモ）。", "Within a week after applications close we tell you whether you have a place (demo)."),
    channel: "online",
    form: form(applicantPage(), sessionPage(SESSIONS), participantsPage(children), supportDetailPage(), declarationPage(L("当日の写真が区の広報に使われることがあることを理解しました。", "I understand that photos taken on the day may be used in the ward’s publications."))),
  };
}

// ---------------------------------------------------------------------------------------
// Health check-ups and screening at the ward's health and welfare centre (保健福祉センター)

type Checkup = [slug: string, ja: string, reading: string, en: string, keywords: string[]];

const CHECKUPS: Checkup[] = [
  ["four-month-checkup-date", "4か月児健康診査の日程変更", "よんかげつじけんこうしんさのにっていへんこう", "Changing the date of the 4-month check-up", ["4か月児健診", "乳児健診", "けんしん"]],
  ["eighteen-month-checkup-date", "1歳6か月児健康診査の日程変更", "いっさいろっかげつじけんこうしんさのにっていへんこう", "Changing the date of the 18-month check-up", ["1歳半健診", "幼児健診", "けんしん"]],
  ["three-year-checkup-date", "3歳児健康診査の日程変更", "さんさいじけんこうしんさのにっていへんこう", "Changing the date of the 3-year check-up", ["3歳児健診", "幼児健診", "けんしん"]],
  ["bcg-vaccination-date", "BCG予防接種（集団接種）の日程変更", "びーしーじーよぼうせっしゅ しゅうだんせっしゅのにっていへんこう", "Changing the date of the BCG vaccination", ["BCG", "予防接種", "よぼうせっしゅ", "結核"]],
];

function checkupPattern([slug, ja, reading, en, keywords]: Checkup): WardPattern {
  return {
    slug,
    title: L(ja, en),
    reading,
    summary: L(`{ward}保健福祉センターから案内された日に行けないときに、別の日に変更できます。`, `If you cannot come on the date {ward} Health and Welfare Centre gave you, you can move to another date.`),
    category: "health",
    lifeEvents: ["birth-childcare", "health-medical"],
    keywords: [...keywords, "日程変更", "にっていへんこう", "乳幼児"],
    whoCanApply: L("案内を受け取ったお子さんの保護者", "Parents of the child who received the invitation"),
    whatYouNeed: [L("案内の通知（受診票）", "The invitation letter")],
    fee: NONE,
    processingTime: L("3開庁日以内に、変更後の日程を電話またはメールでお知らせします（デモ）。", "Within 3 working days we confirm the new date by phone or email (demo)."),
    channel: "online",
    legalBasis: L("母子保健法第12条・第13条、予防接種法", "Maternal and Child Health Act, Articles 12–13; Immunization Act"),
    form: form(childCheckupPages(), declarationPage()),
  };
}

const SCREENINGS: Option[] = [
  opt("stomach", "胃がん検診", "Stomach cancer screening"),
  opt("lung", "肺がん検診", "Lung cancer screening"),
  opt("colon", "大腸がん検診", "Colorectal cancer screening"),
  opt("breast", "乳がん検診", "Breast cancer screening"),
  opt("cervical", "子宮頸がん検診", "Cervical cancer screening"),
  opt("bone", "骨粗しょう症検診", "Osteoporosis screening"),
];

const SCREENING_PATTERN: WardPattern = {
  slug: "cancer-screening-booking",
  title: L("がん検診・骨粗しょう症検診の予約（保健福祉センター実施分）", "Booking cancer or osteoporosis screening at the health centre"),
  reading: "がんけんしん こつそしょうしょうけんしんのよやく",
  summary: L("{ward}保健福祉センターで行う集団検診を予約します。70歳以上の方などは無料です。", "Book group screening at {ward} Health and Welfare Centre. Free for people aged 70 or over and some others."),
  category: "health",
  lifeEvents: ["health-medical"],
  keywords: ["がん検診", "がんけんしん", "乳がん", "大腸がん", "骨粗しょう症", "検診予約"],
  whoCanApply: L("大阪市に住民登録があり、職場などで受ける機会のない方（検診ごとに対象年齢があります）", "Residents of Osaka City with no screening at work (each screening has its own age range)"),
  whatYouNeed: [L("無料になる方は、その証明（後期高齢者医療の資格確認書など）", "If you qualify for free screening: proof of it")],
  fee: () => ({ amountYen: 500, note: L("検診ごとに料金が異なります（500円〜1,500円、デモ）。", "Each screening has its own fee (500–1,500 yen, demo).") }),
  processingTime: L("予約日の1週間前までに受診票を郵送します（デモ）。", "We post the screening form at least a week before the date (demo)."),
  channel: "both",
  legalBasis: L("健康増進法第19条の2", "Health Promotion Act, Article 19-2"),
  form: form(
    applicantPage({ birthDate: true }),
    page("screening", L("受ける検診と希望日", "Which screening and when"), [
      q("screenings", "multiple", L("受ける検診", "Screenings"), { options: SCREENINGS }),
      q("screening_date", "date", L("希望日", "Preferred date"), { minDate: "today" }),
      q("free_reason", "select", L("無料になる理由", "Reason for free screening"), {
        required: false,
        options: [opt("age70", "70歳以上", "Aged 70 or over"), opt("welfare", "生活保護を受けている", "Receiving public assistance"), opt("tax_exempt", "市民税が非課税の世帯", "Household exempt from resident tax")],
      }),
    ]),
    declarationPage(),
  ),
};

// ---------------------------------------------------------------------------------------
// Free consultations (無料相談) at the ward office

type Consultation = [slug: string, ja: string, reading: string, en: string, topics: Option[], keywords: string[], category: string, events: string[]];

const CONSULTATIONS: Consultation[] = [
  ["legal-consultation", "法律相談の予約", "ほうりつそうだんのよやく", "Booking a free legal consultation",
    [opt("inheritance", "相続・遺言", "Inheritance and wills"), opt("family", "離婚・家族", "Divorce and family"), opt("money", "借金・契約", "Debts and contracts"), opt("neighbour", "近隣トラブル", "Neighbour disputes"), opt("other", "その他", "Other")],
    ["弁護士", "べんごし", "法律", "無料相談", "相続"], "living", ["marriage-divorce", "bereavement"]],
  ["tax-consultation", "税務相談の予約", "ぜいむそうだんのよやく", "Booking a tax consultation",
    [opt("income", "所得税・住民税", "Income and resident tax"), opt("inheritance", "相続税・贈与税", "Inheritance and gift tax"), opt("other", "その他", "Other")],
    ["税理士", "ぜいりし", "確定申告", "税金"], "tax", ["tax"]],
  ["administrative-scrivener-consultation", "行政書士相談の予約", "ぎょうせいしょしそうだんのよやく", "Booking a consultation with an administrative scrivener",
    [opt("permits", "許認可の手続き", "Permits"), opt("visa", "在留資格", "Residence status"), opt("documents", "書類の作成", "Preparing documents"), opt("other", "その他", "Other")],
    ["行政書士", "許可", "在留資格", "書類"], "living", ["business"]],
  ["judicial-scrivener-consultation", "司法書士相談（登記）の予約", "しほうしょしそうだん とうきのよやく", "Booking a consultation on registration (judicial scrivener)",
    [opt("property", "不動産の登記", "Property registration"), opt("company", "会社の登記", "Company registration"), opt("guardianship", "成年後見", "Adult guardianship"), opt("other", "その他", "Other")],
    ["司法書士", "登記", "とうき", "不動産"], "living", ["bereavement"]],
  ["real-estate-consultation", "不動産相談の予約", "ふどうさんそうだんのよやく", "Booking a consultation on renting or buying a home",
    [opt("renting", "賃貸住宅", "Renting"), opt("buying", "売買", "Buying or selling"), opt("other", "その他", "Other")],
    ["不動産", "賃貸", "敷金", "宅建"], "living", ["moving"]],
  ["parenting-consultation", "子育て相談の予約", "こそだてそうだんのよやく", "Booking a parenting consultation",
    [opt("growth", "発育・発達", "Growth and development"), opt("feeding", "授乳・食事", "Feeding"), opt("worries", "子育ての悩み", "Parenting worries"), opt("other", "その他", "Other")],
    ["子育て相談", "育児相談", "発達", "保健師"], "childcare", ["birth-childcare"]],
  ["development-consultation", "こどもの発達相談の予約", "こどものはったつそうだんのよやく", "Booking a consultation on a child’s development",
    [opt("speech", "ことばの遅れ", "Speech"), opt("behaviour", "行動・落ち着き", "Behaviour"), opt("motor", "運動", "Motor skills"), opt("other", "その他", "Other")],
    ["発達相談", "はったつ", "ことば", "療育"], "childcare", ["birth-childcare", "disability"]],
];

function consultationPattern([slug, ja, reading, en, topics, keywords, category, lifeEvents]: Consultation): WardPattern {
  return {
    slug,
    title: L(ja, en),
    reading,
    summary: L(`{ward}役所で行う無料の${ja.replace(/の予約$/, "")}を予約します。1回30分程度です。`, `Book a free consultation at {ward} Ward Office; about 30 minutes.`),
    category,
    lifeEvents,
    keywords: [...keywords, "相談", "そうだん", "予約", "無料"],
    whoCanApply: L("大阪市に住んでいる方", "People living in Osaka City"),
    whatYouNeed: [L("相談に関係する書類（あれば）", "Any papers about your question")],
    fee: NONE,
    processingTime: L("2開庁日以内に、予約の日時を電話でお知らせします（デモ）。", "Within 2 working days we phone you with the time (demo)."),
    channel: "both",
    form: form(consultationPages(topics), declarationPage(L("相談の内容は、相談員以外に知られることはありません。予約を取り消すときは連絡します。", "What you tell us stays with the adviser. I will tell you if I cannot come."))),
  };
}

// ---------------------------------------------------------------------------------------
// Community grants, volunteers, requests

const COMMUNITY_GRANT: WardPattern = {
  slug: "community-council-grant",
  title: L("地域活動協議会補助金の交付申請", "Community council grant: application"),
  reading: "ちいきかつどうきょうぎかいほじょきんのこうふしんせい",
  summary: L("{ward}の地域活動協議会が行う防犯・防災、子育て支援、高齢者の見守りなどの活動に補助金を交付します。", "Grants for community councils in {ward} for safety, disaster preparedness, childcare support and looking after older people."),
  category: "living",
  lifeEvents: [],
  keywords: ["地域活動協議会", "地活協", "補助金", "ほじょきん", "まちづくり"],
  whoCanApply: L("{ward}の地域活動協議会", "Community councils in {ward}"),
  whatYouNeed: [L("事業計画書", "Project plan"), L("収支予算書", "Budget"), L("役員名簿", "List of officers")],
  fee: NONE,
  processingTime: L("受付から30日以内に交付決定通知書を送ります（デモ）。", "The grant decision is sent within 30 days (demo)."),
  channel: "both",
  legalBasis: L("大阪市補助金等交付規則", "Osaka City Rules on Grants"),
  form: form(applicantPage({ kind: true }), organisationPage(), planPage(), attachmentsPage(L("事業計画書・収支予算書", "Project plan and budget"), L("役員名簿", "List of officers")), bankPage(), declarationPage(L("補助金は申請した事業にだけ使います。", "I will use the grant only for the project described."))),
};

const COMMUNITY_GRANT_REPORT: WardPattern = {
  ...COMMUNITY_GRANT,
  slug: "community-council-grant-report",
  title: L("地域活動協議会補助金の実績報告", "Community council grant: report on results"),
  reading: "ちいきかつどうきょうぎかいほじょきんのじっせきほうこく",
  summary: L("補助を受けた活動が終わったら、その結果と経費を報告します。報告をもとに補助金の額を確定します。", "When the funded activities are finished, report what was done and spent; the final amount of the grant is based on it."),
  keywords: ["地域活動協議会", "実績報告", "じっせきほうこく", "補助金"],
  whatYouNeed: [L("収支決算書", "Statement of accounts"), L("領収書の写し", "Copies of receipts")],
  processingTime: L("報告から30日以内に額の確定をお知らせします（デモ）。", "We confirm the final amount within 30 days (demo)."),
  form: form(organisationPage(false), decisionReferencePage(), resultsPage(), attachmentsPage(L("収支決算書", "Statement of accounts"), L("活動の写真", "Photos of the activities")), declarationPage()),
};

const CAMERA_GRANT: WardPattern = {
  ...COMMUNITY_GRANT,
  slug: "security-camera-grant",
  title: L("地域の防犯カメラ設置補助の申請", "Grant for neighbourhood security cameras"),
  reading: "ちいきのぼうはんかめらせっちほじょのしんせい",
  summary: L("町会などが通学路や公園の周りに防犯カメラを設置する費用の一部を補助します（1台あたり上限20万円、デモ）。", "Part of the cost of security cameras that neighbourhood associations put up along school routes or around parks (up to 200,000 yen per camera, demo)."),
  keywords: ["防犯カメラ", "ぼうはんかめら", "防犯", "町会", "補助"],
  whoCanApply: L("{ward}の町会・自治会、商店会", "Neighbourhood associations and shopping street associations in {ward}"),
  whatYouNeed: [L("設置場所の地図と写真", "Map and photos of the locations"), L("見積書", "Quotation"), L("土地・建物の所有者の承諾書", "Consent of the owner of the land or building")],
};

const KIDS_CAFETERIA_GRANT: WardPattern = {
  ...COMMUNITY_GRANT,
  slug: "kids-cafeteria-support-grant",
  title: L("子ども食堂応援補助の申請", "Grant for children’s cafeterias"),
  reading: "こどもしょくどうおうえんほじょのしんせい",
  summary: L("{ward}で子ども食堂を開く団体に、食材費や会場費の一部を補助します（デモ）。", "Part of the food and venue costs of groups running children’s cafeterias in {ward} (demo)."),
  category: "childcare",
  lifeEvents: ["birth-childcare"],
  keywords: ["子ども食堂", "こども食堂", "こどもしょくどう", "補助", "居場所"],
  whoCanApply: L("{ward}で月1回以上子ども食堂を開く団体", "Groups that run a children’s cafeteria in {ward} at least once a month"),
  whatYouNeed: [L("活動計画書", "Activity plan"), L("食品衛生責任者の資格を証明する書類の写し", "Copy of the food hygiene manager’s certificate")],
};

const VOLUNTEER_AREAS: Option[] = [
  opt("events", "区のイベントの運営", "Running ward events"),
  opt("children", "子どもの見守り", "Keeping an eye on children"),
  opt("elderly", "高齢者の見守り・訪問", "Visiting older people"),
  opt("disaster", "防災・避難所の運営", "Disaster preparedness and shelters"),
  opt("environment", "清掃・花壇づくり", "Clean-ups and flower beds"),
];

type Registration = [slug: string, ja: string, reading: string, en: string, keywords: string[], category: string, events: string[]];

const REGISTRATIONS: Registration[] = [
  ["event-volunteer", "区のイベントボランティアの登録", "くのいべんとぼらんてぃあのとうろく", "Registering as a ward event volunteer", ["ボランティア", "ぼらんてぃあ", "イベント", "区民まつり"], "living", []],
  ["neighbourhood-watch-volunteer", "地域見守りボランティアの登録", "ちいきみまもりぼらんてぃあのとうろく", "Registering as a neighbourhood watch volunteer", ["見守り", "みまもり", "ボランティア", "高齢者", "子ども"], "welfare", ["care-elderly"]],
  ["newsletter-distribution-volunteer", "区広報紙の配布協力員の登録", "くこうほうしのはいふきょうりょくいんのとうろく", "Registering to help deliver the ward newsletter", ["広報紙", "こうほうし", "配布", "ボランティア"], "living", []],
];

function registrationPattern([slug, ja, reading, en, keywords, category, lifeEvents]: Registration): WardPattern {
  return {
    slug,
    title: L(ja, en),
    reading,
    summary: L(`{ward}の地域の活動に協力していただける方を登録します。活動の予定が決まったら連絡します。`, `Register to help with activities in {ward}; we contact you when something is planned.`),
    category,
    lifeEvents,
    keywords: [...keywords, "登録", "とうろく"],
    whoCanApply: L("{ward}に住んでいるか、通勤・通学している16歳以上の方", "People aged 16 or over who live, work or study in {ward}"),
    whatYouNeed: [],
    fee: NONE,
    processingTime: L("2週間以内に登録のお知らせを送ります（デモ）。", "We confirm your registration within 2 weeks (demo)."),
    channel: "online",
    form: form(applicantPage({ birthDate: true }), activityPage(VOLUNTEER_AREAS), declarationPage(L("活動中に知った個人の情報を漏らしません。", "I will keep private what I learn about people while volunteering."))),
  };
}

const WARD_COUNCIL_CANDIDACY: WardPattern = {
  slug: "ward-council-member-application",
  title: L("区政会議委員の公募への応募", "Applying to join the ward council as a resident member"),
  reading: "くせいかいぎいいんのこうぼへのおうぼ",
  summary: L("{ward}の区政について意見を述べる区政会議の委員（公募委員）に応募します。任期は2年です。", "Apply to become a resident member of the {ward} ward council, which advises on ward policy. The term is 2 years."),
  category: "living",
  lifeEvents: [],
  keywords: ["区政会議", "くせいかいぎ", "公募", "委員", "応募"],
  whoCanApply: L("{ward}に住んでいる18歳以上の方（市の職員・議員を除く）", "People aged 18 or over living in {ward} (not city staff or council members)"),
  whatYouNeed: [L("作文「{ward}のこれから」（800字以内）", "An essay “The future of {ward}” (up to 800 characters)")],
  fee: NONE,
  processingTime: L("募集締切から1か月以内に選考結果をお知らせします（デモ）。", "Results within a month after the closing date (demo)."),
  channel: "online",
  form: form(
    applicantPage({ birthDate: true }),
    page("essay", L("作文と応募の理由", "Essay and motivation"), [
      q("essay", "textarea", L("作文「区のこれから」", "Essay: the future of the ward"), { maxLength: 800 }),
      q("meeting_days", "multiple", L("出席しやすい曜日", "Days you can attend"), { options: [opt("weekday_evening", "平日の夜", "Weekday evenings"), opt("saturday", "土曜日", "Saturdays"), opt("sunday", "日曜日", "Sundays")] }),
    ]),
    declarationPage(),
  ),
};

const HAZARD_MAP_REQUEST: WardPattern = {
  slug: "hazard-map-request",
  title: L("防災マップ・ハザードマップの送付申込", "Requesting the ward disaster and hazard map"),
  reading: "ぼうさいまっぷ はざーどまっぷのそうふもうしこみ",
  summary: L("{ward}の避難場所、浸水・津波の想定などを載せた防災マップを郵送します。", "We post you the {ward} disaster map showing evacuation sites and flood and tsunami risks."),
  category: "living",
  lifeEvents: ["moving"],
  keywords: ["ハザードマップ", "はざーどまっぷ", "防災マップ", "避難所", "浸水", "津波"],
  whoCanApply: L("どなたでも", "Anyone"),
  whatYouNeed: [],
  fee: NONE,
  processingTime: L("1週間程度で郵送します（デモ）。", "Posted within about a week (demo)."),
  channel: "online",
  form: form(
    applicantPage(),
    requestItemsPage([opt("disaster_map", "防災マップ", "Disaster map"), opt("flood_map", "水害ハザードマップ", "Flood hazard map"), opt("tsunami_map", "津波ハザードマップ", "Tsunami hazard map")]),
  ),
};

const ACCESSIBLE_NEWSLETTER: WardPattern = {
  ...HAZARD_MAP_REQUEST,
  slug: "accessible-newsletter-request",
  title: L("区広報紙（点字版・音声版）の送付申込", "Requesting the ward newsletter in braille or audio"),
  reading: "くこうほうし てんじばん おんせいばんのそうふもうしこみ",
  summary: L("目の不自由な方に、{ward}の広報紙の点字版・音声版（CD）を毎月お送りします。", "Every month we post the {ward} newsletter in braille or on audio CD to people with visual impairments."),
  category: "welfare",
  lifeEvents: ["disability"],
  keywords: ["点字", "てんじ", "音声", "広報紙", "視覚障がい"],
  whoCanApply: L("{ward}に住んでいる目の不自由な方とそのご家族", "People in {ward} with visual impairments and their families"),
  form: form(
    applicantPage(),
    requestItemsPage([opt("braille", "点字版", "Braille"), opt("audio_cd", "音声版（CD）", "Audio CD"), opt("daisy", "デイジー版", "DAISY")]),
    declarationPage(),
  ),
};

const SPONSORSHIP: WardPattern = {
  slug: "ward-sponsorship",
  title: L("区の後援名義の使用申請", "Applying for ward sponsorship of an event"),
  reading: "くのこうえんめいぎのしようしんせい",
  summary: L("地域の団体が開く公益的な催しに「{ward}役所後援」の名義を使うための申請です。", "Apply to use the name “supported by {ward} Ward Office” for a public-interest event run by a local group."),
  category: "living",
  lifeEvents: [],
  keywords: ["後援", "こうえん", "名義", "イベント", "催し"],
  whoCanApply: L("催しを主催する団体", "The group running the event"),
  whatYouNeed: [L("催しの企画書・チラシ案", "Event plan and draft flyer"), L("団体の規約・役員名簿", "Rules of the group and list of officers")],
  fee: NONE,
  processingTime: L("催しの30日前までに申請してください。2週間程度で承認をお知らせします（デモ）。", "Apply at least 30 days before the event; we reply within about 2 weeks (demo)."),
  channel: "online",
  form: form(
    applicantPage({ kind: true }),
    organisationPage(),
    page("event", L("催しについて", "The event"), [
      q("event_title", "text", L("催しの名称", "Name of the event"), { maxLength: 100 }),
      q("event_date", "date", L("開催日", "Date"), { minDate: "today" }),
      q("event_venue", "address", L("会場", "Venue")),
      q("event_expected", "number", L("参加予定人数", "Expected number of people"), { min: 1, max: 100000 }),
      q("event_fee", "single", L("参加費", "Participation fee"), { options: [opt("free", "無料", "Free"), opt("paid", "有料（実費程度）", "A small fee to cover costs")] }),
    ]),
    attachmentsPage(L("企画書・チラシ案", "Event plan and draft flyer"), L("団体の規約・役員名簿", "Rules and list of officers")),
    declarationPage(L("営利・政治・宗教の目的ではありません。", "The event has no commercial, political or religious purpose.")),
  ),
};

const POSTER: WardPattern = {
  ...SPONSORSHIP,
  slug: "ward-office-poster",
  title: L("区役所庁舎へのポスター掲示の申請", "Putting up a poster at the ward office"),
  reading: "くやくしょちょうしゃへのぽすたーけいじのしんせい",
  summary: L("地域の催しや公益的な活動のお知らせを、{ward}役所の掲示板に掲示できます（2週間まで）。", "Notices of local events and public-interest activities can go on the {ward} Ward Office notice board for up to two weeks."),
  keywords: ["ポスター", "ぽすたー", "掲示", "チラシ", "掲示板"],
  whatYouNeed: [L("掲示するポスター（A3以内）のデータ", "The poster (A3 or smaller) as a file")],
  processingTime: L("3開庁日以内に掲示の可否をお知らせします（デモ）。", "We tell you within 3 working days (demo)."),
  form: form(
    applicantPage({ kind: true }),
    organisationPage(),
    page("poster", L("掲示するもの", "The poster"), [
      q("poster_title", "text", L("ポスターの題名", "Title of the poster"), { maxLength: 100 }),
      q("poster_from", "date", L("掲示の開始日", "From"), { minDate: "today" }),
      q("poster_to", "date", L("掲示の終了日", "Until"), { minDate: "today" }),
      q("poster_file", "file", L("ポスターのデータ", "The poster file"), { accept: ["pdf", "jpeg", "png"], maxBytes: 10 * 1024 * 1024 }),
    ]),
    declarationPage(L("営利・政治・宗教の目的ではありません。", "The poster has no commercial, political or religious purpose.")),
  ),
};

const COMMENDATION: WardPattern = {
  slug: "ward-commendation-nomination",
  title: L("区長表彰候補者の推薦", "Nominating someone for the ward mayor’s commendation"),
  reading: "くちょうひょうしょうこうほしゃのすいせん",
  summary: L("{ward}の地域活動に長く貢献した方・団体を、区長表彰の候補として推薦できます。", "Nominate a person or group who has contributed to {ward} for many years for the ward mayor’s commendation."),
  category: "living",
  lifeEvents: [],
  keywords: ["表彰", "ひょうしょう", "推薦", "区長", "功労"],
  whoCanApply: L("どなたでも（自薦はできません）", "Anyone (you cannot nominate yourself)"),
  whatYouNeed: [],
  fee: NONE,
  processingTime: L("選考の結果は、推薦された方にお知らせします（デモ）。", "The person or group nominated is told the result (demo)."),
  channel: "online",
  form: form(nomineePage(), applicantPage({ title: L("推薦する方（あなた）について", "About you (the nominator)") }), declarationPage()),
};

const OPINION: WardPattern = {
  slug: "ward-opinion",
  title: L("区民の声（ご意見・ご提案）", "Comments and suggestions to the ward office"),
  reading: "くみんのこえ ごいけんごていあん",
  summary: L("{ward}役所へのご意見・ご提案をお寄せください。回答を希望する方には、原則2週間以内に回答します。", "Send your comments and suggestions to {ward} Ward Office. If you ask for a reply, we normally answer within two weeks."),
  category: "living",
  lifeEvents: [],
  keywords: ["意見", "いけん", "提案", "要望", "苦情", "区民の声"],
  whoCanApply: L("どなたでも", "Anyone"),
  whatYouNeed: [],
  fee: NONE,
  processingTime: L("回答を希望する方には、原則2週間以内に回答します。", "If you ask for a reply, we normally answer within two weeks."),
  channel: "online",
  form: form(
    opinionPages([opt("procedures", "手続き・窓口", "Procedures and counters"), opt("safety", "防犯・防災", "Safety and disasters"), opt("children", "子育て・教育", "Children and education"), opt("roads", "道路・公園", "Roads and parks"), opt("other", "その他", "Other")]),
  ),
};

const FLOWER_SEEDLINGS: WardPattern = {
  slug: "flower-seedlings",
  title: L("花と緑のまちづくり 花苗配布の申込", "Free flower seedlings for community flower beds"),
  reading: "はなとみどりのまちづくり はななえはいふのもうしこみ",
  summary: L("{ward}の町会や学校などが道路沿いや公園の花壇に植える花苗を無料で配布します。", "Free seedlings for neighbourhood associations and schools in {ward} to plant in roadside and park flower beds."),
  category: "environment",
  lifeEvents: ["waste-environment"],
  keywords: ["花苗", "はななえ", "花壇", "緑化", "ガーデニング"],
  whoCanApply: L("{ward}の町会・自治会、学校、地域の団体", "Neighbourhood associations, schools and local groups in {ward}"),
  whatYouNeed: [],
  fee: NONE,
  processingTime: L("配布日の2週間前までに受け取り場所をお知らせします（デモ）。", "We tell you where to collect them two weeks before (demo)."),
  channel: "online",
  form: form(
    applicantPage({ kind: true }),
    organisationPage(),
    page("seedlings", L("花苗と植える場所", "Seedlings and where they go"), [
      q("seedling_count", "number", L("希望する株数", "Number of seedlings"), { min: 10, max: 300 }),
      q("seedling_place", "address", L("植える場所", "Where they will be planted")),
    ]),
  ),
};

const ADDRESS_DISPLAY_CERTIFICATE: WardPattern = {
  slug: "address-display-certificate",
  title: L("住居表示に関する証明書の交付", "Certificate of the official street address"),
  reading: "じゅうきょひょうじにかんするしょうめいしょのこうふ",
  summary: L("住居表示の実施や変更で住所が変わったことを証明します。登記や免許証の住所変更に使えます。窓口でお申し込みください。", "Proves that an address changed when street addresses were introduced or changed; used for registrations and licences. Apply at the counter."),
  category: "family-register",
  lifeEvents: ["moving"],
  keywords: ["住居表示", "じゅうきょひょうじ", "住所変更", "証明"],
  whoCanApply: L("住居表示の変更を受けた方または代理人", "People whose address changed, or their representative"),
  whatYouNeed: [ID_CARD],
  fee: NONE,
  processingTime: L("窓口ではその場で交付します。", "Issued on the spot at the counter."),
  channel: "counter",
  legalBasis: L("住居表示に関する法律", "Act on Residential Addresses"),
  form: null,
};

const FEE_REFUND: WardPattern = {
  ...ADDRESS_DISPLAY_CERTIFICATE,
  slug: "facility-fee-refund",
  title: L("施設使用料の還付申請", "Refund of a facility booking fee"),
  reading: "しせつしようりょうのかんぷしんせい",
  summary: L("区民センターなどの使用を、使用日の7日前までに取り消したときなどに、使用料を還付します。窓口でお申し込みください。", "If you cancel a community centre booking at least 7 days before, the fee is refunded. Apply at the counter."),
  category: "living",
  lifeEvents: [],
  keywords: ["還付", "かんぷ", "返金", "キャンセル", "使用料"],
  whoCanApply: L("使用料を支払った方", "The person who paid"),
  whatYouNeed: [L("使用許可書と領収書", "The booking confirmation and receipt"), L("振込先の口座がわかるもの", "Details of your bank account")],
  processingTime: L("申請から1か月程度で口座に振り込みます（デモ）。", "Paid into your account within about a month (demo)."),
};

export const WARD_PATTERNS: WardPattern[] = [
  ...ROOMS.map(roomPattern),
  ...COURSES.map(coursePattern),
  ...CHECKUPS.map(checkupPattern),
  SCREENING_PATTERN,
  ...CONSULTATIONS.map(consultationPattern),
  COMMUNITY_GRANT,
  COMMUNITY_GRANT_REPORT,
  CAMERA_GRANT,
  KIDS_CAFETERIA_GRANT,
  ...REGISTRATIONS.map(registrationPattern),
  WARD_COUNCIL_CANDIDACY,
  HAZARD_MAP_REQUEST,
  ACCESSIBLE_NEWSLETTER,
  SPONSORSHIP,
  POSTER,
  COMMENDATION,
  OPINION,
  FLOWER_SEEDLINGS,
  ADDRESS_DISPLAY_CERTIFICATE,
  FEE_REFUND,
];
