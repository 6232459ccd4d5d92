/**
 * Demo 手続き判定 definitions for nine life events (Osaka City), in Japanese and English.
 *
 * This is demo data. Deadlines and legal bases follow the statutes as we understand them
 * (住民基本台帳法, 戸籍法, 児童手当法 (15日特例), 国民健康保険法, 健康保険法, 民法 …); counters and
 * what to bring follow what Osaka City publishes. Anything we could not confirm says 「デモ」/ "demo".
 * Nothing here is a statement of the law: staff review and publish their own versions.
 *
 * Catalogue slugs used (src/modules/procedures/demo/catalogue.ts): moving-in-notification,
 * moving-out-notification, change-of-address, birth-registration, death-registration,
 * marriage-registration, divorce-registration, child-allowance, child-medical-subsidy,
 * nursery-application, pregnancy-notification, after-school-ikiiki, national-health-insurance,
 * national-pension, long-term-care-certification, care-cost-limit-certification,
 * physical-disability-certificate, housing-security-benefit, school-expense-assistance,
 * dog-registration, bulky-waste-collection, food-business-permit, road-occupancy-permit.
 */
import type { LocalizedText } from "../../../core/i18n/index.ts";
import type { Condition, DeadlineRule, NavigatorDefinition, NavigatorQuestion, Option } from "../definition.ts";

const L = (ja: string, en: string): LocalizedText => ({ ja, en });
const opt = (value: string, ja: string, en: string): Option => ({ value, label: L(ja, en) });
const is = (question: string, value: string): Condition => ({ question, equals: value });
const oneOf = (question: string, values: string[]): Condition => ({ question, in: values });
const has = (question: string, value: string): Condition => ({ question, includes: value });
const all = (...conditions: Condition[]): Condition => ({ all: conditions });

function single(id: string, label: LocalizedText, options: Option[], more: Partial<NavigatorQuestion> = {}): NavigatorQuestion {
  return { id, type: "single", label, options, ...more };
}
function multiple(id: string, label: LocalizedText, options: Option[], more: Partial<NavigatorQuestion> = {}): NavigatorQuestion {
  return { id, type: "multiple", label, options, hint: L("あてはまるものをすべて選んでください。", "Choose all that apply."), ...more };
}
function yesno(id: string, label: LocalizedText, more: Partial<NavigatorQuestion> = {}): NavigatorQuestion {
  return { id, type: "yesno", label, ...more };
}
function date(id: string, label: LocalizedText, more: Partial<NavigatorQuestion> = {}): NavigatorQuestion {
  return { id, type: "date", label, ...more };
}
function within(from: string, count: number, basis: LocalizedText, more: Partial<DeadlineRule> = {}): DeadlineRule {
  return { from, count, basis, ...more };
}

// Places and things to bring that many items share.
const WARD_RESIDENT = L("お住まいの区の区役所 窓口サービス課（住民情報）", "Resident records counter of your ward office");
const WARD_INSURANCE = L("お住まいの区の区役所 保険年金課", "Insurance and Pensions counter of your ward office");
const WARD_WELFARE = L("お住まいの区の保健福祉センター", "Health and Welfare Centre of your ward office");
const CITY_TAX = L("市税事務所（お住まいの区を担当する事務所）", "City Tax Office for your ward");
const POLICE = L("警察署（運転免許の窓口）または運転免許試験場", "A police station (driving licence desk) or the driving licence centre");
const PENSION_OFFICE = L("年金事務所（日本年金機構）", "Pension office (Japan Pension Service)");
const TAX_OFFICE = L("税務署（国税庁）", "Tax office (National Tax Agency)");
const EMPLOYER = L("勤務先（または配偶者の勤務先）の担当部署", "Your employer’s (or your spouse’s employer’s) personnel office");
const ID = L("本人確認書類（マイナンバーカード、運転免許証など）", "Proof of identity (My Number Card, driving licence, etc.)");
const MY_NUMBER_CARD = L("マイナンバーカード（お持ちの方）", "My Number Card (if you have one)");
const INSURANCE_CARD = L("健康保険の資格確認書または資格情報のお知らせ", "Health insurance eligibility certificate or notice of insurance details");
const BANK = L("振込先の口座がわかるもの（通帳など）", "Details of the bank account for payments (e.g. bankbook)");

const NHI_BASIS = L("国民健康保険法第9条・同法施行規則（14日以内）", "National Health Insurance Act, Article 9 and its Enforcement Regulations (within 14 days)");
const KOSEKI_43 = "（戸籍法第43条により、届出の期間は事実が起きた日から数えます）";
const KOSEKI_43_EN = " (under Article 43 of the Family Register Act the day of the event counts as the first day)";

const NONE = opt("none", "あてはまるものはない", "None of these");

// ---------------------------------------------------------------------------------------------
// 引越し

const moving: NavigatorDefinition = {
  event: "moving",
  title: L("引越し（転入・転出・転居）", "Moving house (in, out or within the city)"),
  summary: L(
    "大阪市に引越してくるとき、大阪市から引越すとき、大阪市内で引越すときに必要な手続きを確認できます。",
    "Find out what to do when you move to Osaka City, move away, or move within the city.",
  ),
  position: 10,
  questions: [
    single("move_type", L("どのような引越しですか", "What kind of move is it?"), [
      opt("in", "大阪市外から大阪市内へ引越す（転入）", "Moving to Osaka City from another municipality"),
      opt("out", "大阪市内から大阪市外へ引越す（転出）", "Moving from Osaka City to another municipality"),
      opt("within", "大阪市内で引越す（区をまたぐ場合を含む）", "Moving within Osaka City (including to another ward)"),
    ]),
    date("move_date", L("引越しの日はいつですか", "When is the move?"), {
      hint: L("予定日でもかまいません。届出の期限をこの日から計算します。", "A planned date is fine. Deadlines are counted from this date."),
    }),
    multiple("household", L("引越しする方について、あてはまるものはありますか", "Does any of this apply to the people moving?"), [
      opt("children", "18歳までの子ども（高校生世代まで）がいる", "There are children up to high-school age"),
      opt("nhi", "国民健康保険に加入している", "Covered by National Health Insurance"),
      opt("care", "介護保険の要介護・要支援の認定を受けている", "Certified as needing long-term care or support"),
      opt("car", "自動車・バイクを持っている、または運転免許証を持っている", "Own a car or motorbike, or hold a driving licence"),
      opt("dog", "犬を飼っている", "Have a dog"),
      NONE,
    ]),
    yesno("my_number_card", L("引越しする方は全員マイナンバーカードを持っていますか", "Does everyone who is moving have a My Number Card?"), {
      hint: L("持っている方は、マイナポータルで転出届や来庁の予約ができます。", "With a card you can notify the move-out and book your visit online on Mynaportal."),
    }),
  ],
  items: [
    {
      id: "moving-in",
      when: is("move_type", "in"),
      procedure: "moving-in-notification",
      title: L("転入届", "Moving-in notification"),
      where: { kind: "counter", place: WARD_RESIDENT },
      bring: [
        L("転出証明書（マイナンバーカードで転出届をした方は不要）", "Moving-out certificate from your previous municipality (not needed if you moved out with your My Number Card)"),
        L("引越しした方全員のマイナンバーカード", "The My Number Cards of everyone who moved"),
        ID,
      ],
      why: L("大阪市に住み始めたことを届け出ます。住民票ができ、国民健康保険や児童手当などの手続きの前提になります。", "Registers that you now live in Osaka City. Your residence record is the basis of health insurance, child allowance and other procedures."),
      deadline: within("move_date", 14, L("住民基本台帳法第22条（住み始めた日から14日以内）", "Basic Resident Register Act, Article 22 (within 14 days of moving in)")),
    },
    {
      id: "moving-out",
      when: is("move_type", "out"),
      procedure: "moving-out-notification",
      title: L("転出届", "Moving-out notification"),
      where: { kind: "counter", place: WARD_RESIDENT },
      bring: [ID, MY_NUMBER_CARD],
      why: L("大阪市から引越すことを届け出ます。引越しの約14日前から届け出られます。引越し先の市区町村で転入届をするときに必要です。", "Tells us you are leaving Osaka City. You can notify from about 14 days before the move; you need it to register at your new municipality."),
      deadline: within("move_date", 14, L("住民基本台帳法第24条（引越した後は14日以内）", "Basic Resident Register Act, Article 24 (within 14 days after moving at the latest)")),
      prefill: { move_date: { answer: "move_date" } },
    },
    {
      id: "mynaportal-move",
      when: all(is("move_type", "out"), is("my_number_card", "yes")),
      title: L("マイナポータルの引越しワンストップサービス（転出届・転入予約）", "Mynaportal moving service (move-out and booking your visit)"),
      where: { kind: "online", place: L("マイナポータル（デジタル庁）", "Mynaportal (Digital Agency)"), url: "https://myna.go.jp/" },
      bring: [L("マイナンバーカードと署名用電子証明書の暗証番号（英数字6〜16桁）", "Your My Number Card and its signature PIN (6–16 letters and digits)")],
      why: L("マイナンバーカードがあれば、転出届をオンラインで出し、引越し先への来庁予定を連絡できます。転出証明書を受け取りに来る必要がありません。", "With a My Number Card you can notify the move-out online and tell your new municipality when you will come. You do not need to collect a moving-out certificate."),
    },
    {
      id: "change-of-address",
      when: is("move_type", "within"),
      procedure: "change-of-address",
      title: L("転居届", "Change-of-address notification"),
      where: { kind: "counter", place: L("新しい住所の区役所 窓口サービス課（住民情報）", "Resident records counter of the ward office of your new address") },
      bring: [L("引越しした方全員のマイナンバーカード", "The My Number Cards of everyone who moved"), ID],
      why: L("大阪市内での住所の変更を届け出ます。", "Registers your new address within Osaka City."),
      deadline: within("move_date", 14, L("住民基本台帳法第23条（引越した日から14日以内）", "Basic Resident Register Act, Article 23 (within 14 days of moving)")),
    },
    {
      id: "my-number-card-address",
      when: { any: [is("move_type", "in"), is("move_type", "within")] },
      title: L("マイナンバーカードの住所の書き換え", "Updating the address on your My Number Card"),
      where: { kind: "counter", place: WARD_RESIDENT },
      bring: [L("マイナンバーカードと住所変更用の暗証番号（数字4桁）", "Your My Number Card and its 4-digit PIN")],
      why: L("転入届・転居届と同じ窓口で続けて行います。転入届の日から14日以内に手続きしないとカードが使えなくなることがあります（90日を過ぎると失効）。", "Done at the same counter right after the notification. If not done within 14 days of the notification the card may stop working (it expires after 90 days)."),
    },
    {
      id: "nhi-join",
      when: all(is("move_type", "in"), has("household", "nhi")),
      procedure: "national-health-insurance",
      title: L("国民健康保険の加入", "Joining National Health Insurance"),
      where: { kind: "counter", place: WARD_INSURANCE },
      bring: [ID, L("前の市区町村の国民健康保険の資格喪失がわかるもの（ある方）", "Proof that your National Health Insurance in the previous municipality ended (if you have it)")],
      why: L("国民健康保険は住所のある市区町村で加入します。大阪市に転入したら加入の届出が必要です。", "National Health Insurance is run by the municipality you live in: after moving in you need to join in Osaka City."),
      deadline: within("move_date", 14, NHI_BASIS),
      prefill: { kind: { value: "join" } },
    },
    {
      id: "nhi-leave-out",
      when: all(is("move_type", "out"), has("household", "nhi")),
      title: L("国民健康保険の資格喪失（転出届と同時）", "Ending National Health Insurance (with the move-out)"),
      where: { kind: "counter", place: WARD_INSURANCE },
      bring: [L("大阪市の国民健康保険の資格確認書など", "Your Osaka City National Health Insurance certificate")],
      why: L("転出届を出すと大阪市の国民健康保険は引越しの翌日で終わります。引越し先で新たに加入してください。", "With the move-out your Osaka City insurance ends the day after the move; join again in your new municipality."),
    },
    {
      id: "child-allowance",
      when: all(oneOf("move_type", ["in"]), has("household", "children")),
      procedure: "child-allowance",
      title: L("児童手当の認定請求", "Applying for the child allowance"),
      where: { kind: "counter", place: WARD_WELFARE },
      bring: [ID, BANK, L("請求者の健康保険の資格情報がわかるもの", "Details of the claimant’s health insurance")],
      why: L(
        "児童手当は住んでいる市区町村から支給されます。転入した日の翌日から15日以内に請求すれば、引越した月の翌月分から受け取れます（15日特例）。遅れると遅れた月の分は受け取れません。",
        "The allowance is paid by the municipality you live in. Apply within 15 days after the day you moved in and it is paid from the month after the move (the 15-day rule); months of delay are lost.",
      ),
      deadline: within("move_date", 15, L("児童手当法第8条第3項（15日特例）", "Child Allowance Act, Article 8(3) (15-day rule)"), { rollOver: true }),
    },
    {
      id: "child-allowance-out",
      when: all(is("move_type", "out"), has("household", "children")),
      title: L("児童手当（引越し先で新たに請求）", "Child allowance (apply again where you move to)"),
      where: { kind: "other", place: L("引越し先の市区町村", "Your new municipality") },
      bring: [ID, BANK],
      why: L("大阪市の児童手当は引越した月で終わります。引越し先の市区町村で、引越した日の翌日から15日以内に認定請求をしてください。", "Osaka City’s payments end with the month of the move. Apply at your new municipality within 15 days after the move."),
      deadline: within("move_date", 15, L("児童手当法第8条第3項（15日特例）", "Child Allowance Act, Article 8(3) (15-day rule)"), { rollOver: false }),
    },
    {
      id: "child-medical",
      when: all(is("move_type", "in"), has("household", "children")),
      procedure: "child-medical-subsidy",
      title: L("こども医療費助成の申請", "Children’s medical expense subsidy"),
      where: { kind: "counter", place: WARD_WELFARE },
      bring: [L("お子さんの健康保険の資格確認書など", "The child’s health insurance certificate")],
      why: L("0歳から18歳までのお子さんの医療費の自己負担を助成します。転入後に申請すると医療証をお送りします。", "Covers most medical costs of children aged 0 to 18; apply after moving in to receive the certificate."),
    },
    {
      id: "school-transfer",
      when: has("household", "children"),
      title: L("転校の手続き（小学校・中学校）", "Changing schools (elementary and junior high)"),
      where: { kind: "counter", place: L("いま通っている学校と、住所の届出をする区役所", "The current school and the ward office where you notify the move") },
      bring: [L("在学証明書・教科用図書給与証明書（いまの学校が発行）", "Certificate of enrolment and textbook certificate (from the current school)")],
      why: L("市立の小・中学校は住所で通う学校が決まります。住所の届出のときに転入学通知書を受け取り、新しい学校に提出します。", "The public school depends on your address: you receive a school transfer notice with your address notification and give it to the new school."),
    },
    {
      id: "care-insurance",
      when: all(is("move_type", "in"), has("household", "care")),
      procedure: "long-term-care-certification",
      title: L("介護保険の認定の引継ぎ（受給資格証明書の提出）", "Transferring your long-term care certification"),
      where: { kind: "counter", place: WARD_WELFARE },
      bring: [L("前の市区町村が発行した介護保険受給資格証明書", "The certificate of eligibility issued by your previous municipality"), ID],
      why: L("転入した日から14日以内に受給資格証明書を出すと、前の市区町村の要介護認定をそのまま引き継げます。過ぎると認定の申請からやり直しになります。", "Hand in the certificate within 14 days of moving in to keep your care level; after that you must apply for certification again."),
      deadline: within("move_date", 14, L("介護保険法第36条（転入日から14日以内）", "Long-Term Care Insurance Act, Article 36 (within 14 days of moving in)")),
    },
    {
      id: "driving-licence",
      when: has("household", "car"),
      title: L("運転免許証の住所変更", "Changing the address on your driving licence"),
      where: { kind: "other", place: POLICE, url: "https://www.police.pref.osaka.lg.jp/" },
      bring: [L("運転免許証", "Driving licence"), L("新しい住所がわかるもの（住民票の写し、マイナンバーカードなど）", "Proof of the new address (copy of the residence record, My Number Card, etc.)")],
      why: L("住所が変わったら速やかに届け出ることが道路交通法で決まっています。マイナ免許証の方はマイナンバーカードの住所変更と一緒に済む場合があります。", "The Road Traffic Act requires you to notify promptly. With a licence linked to your My Number Card the card update may be enough."),
    },
    {
      id: "vehicle-registration",
      when: has("household", "car"),
      title: L("自動車の登録の変更（車検証の住所）", "Updating your vehicle registration"),
      where: { kind: "other", place: L("近畿運輸局 大阪運輸支局（軽自動車は軽自動車検査協会）", "Osaka Transport Branch Office (light vehicles: Light Motor Vehicle Inspection Organization)"), url: "https://wwwtb.mlit.go.jp/kinki/" },
      bring: [L("車検証", "Vehicle inspection certificate"), L("住民票の写し", "Copy of the residence record"), L("車庫証明（保管場所が変わる場合）", "Parking space certificate (if it changes)")],
      why: L("車検証の住所は引越しから15日以内に変更する決まりです。", "The address on the vehicle certificate must be changed within 15 days of the move."),
      deadline: within("move_date", 15, L("道路運送車両法第12条（15日以内）", "Road Transport Vehicle Act, Article 12 (within 15 days)"), { rollOver: false }),
    },
    {
      id: "dog",
      when: all(oneOf("move_type", ["in", "within"]), has("household", "dog")),
      procedure: "dog-registration",
      title: L("犬の登録事項の変更", "Updating your dog’s registration"),
      where: { kind: "counter", place: WARD_WELFARE },
      bring: [L("犬の鑑札（転入の場合は前の市区町村のもの）", "The dog’s licence tag (for a move-in: from the previous municipality)")],
      why: L("犬の所在地が変わったら30日以内に届け出ます。転入の場合は前の鑑札と引き換えに大阪市の鑑札を交付します。", "Notify within 30 days when your dog’s address changes; when you move in, the old tag is exchanged for an Osaka City one."),
      deadline: within("move_date", 30, L("狂犬病予防法第4条・同法施行規則（30日以内）", "Rabies Prevention Act, Article 4 and its regulations (within 30 days)")),
    },
    {
      id: "utilities",
      title: L("電気・ガス・水道の使用開始・停止", "Starting and stopping electricity, gas and water"),
      where: { kind: "other", place: L("電力会社・ガス会社、大阪市水道局（お客さまセンター）", "Your electricity and gas companies, and the Osaka City Waterworks customer centre"), url: "https://www.city.osaka.lg.jp/suido/" },
      bring: [L("お客さま番号（検針票などに記載）", "Your customer number (on a meter reading slip)")],
      why: L("引越しの数日前までに連絡すると、引越しの日から使えます。水道はインターネットでも申し込めます。", "Tell them a few days before the move so everything works on the day; water can be arranged online."),
    },
    {
      id: "post-forwarding",
      title: L("郵便物の転送（e転居）", "Mail forwarding (e-tenkyo)"),
      where: { kind: "online", place: L("日本郵便", "Japan Post"), url: "https://welcometown.post.japanpost.jp/etn/" },
      bring: [],
      why: L("届け出ると、旧住所あての郵便物を1年間、新住所に転送してもらえます。", "Mail sent to your old address is forwarded to the new one for a year."),
    },
    {
      id: "bulky-waste",
      procedure: "bulky-waste-collection",
      title: L("粗大ごみの収集の申込", "Booking a bulky waste collection"),
      where: { kind: "counter", place: L("粗大ごみ収集受付センター", "Bulky waste collection centre") },
      bring: [L("粗大ごみ処理手数料券（コンビニなどで購入）", "Bulky waste fee stickers (sold at convenience stores)")],
      why: L("引越しで出る家具などの大きなごみは、申込制で収集します。引越しの1〜2週間前までに申し込むと安心です。", "Large items such as furniture are collected by appointment; book one or two weeks before the move."),
    },
  ],
  tests: [
    { name: "市外から転入・子どもあり・カードあり", answers: { move_type: "in", move_date: "2026-04-01", household: ["children", "nhi"], my_number_card: "yes" } },
    { name: "市外へ転出・車あり", answers: { move_type: "out", move_date: "2026-03-28", household: ["car"], my_number_card: "yes" } },
  ],
};

// ---------------------------------------------------------------------------------------------
// 出生

const birth: NavigatorDefinition = {
  event: "birth",
  title: L("出生（赤ちゃんが生まれたとき）", "Birth of a child"),
  summary: L("赤ちゃんが生まれたときに必要な届出や手当・助成の申請を確認できます。", "Find out which notifications and applications are needed when a baby is born."),
  position: 20,
  questions: [
    date("born_date", L("赤ちゃんが生まれた日はいつですか", "When was the baby born?"), { maxDate: "today" }),
    single("insurance", L("赤ちゃんが入る健康保険はどれですか", "Which health insurance will cover the baby?"), [
      opt("employee", "保護者の勤務先の健康保険（社会保険）", "A parent’s employer’s health insurance"),
      opt("nhi", "国民健康保険", "National Health Insurance"),
      opt("unknown", "わからない", "Not sure"),
    ], { hint: L("ふつうは収入の多い保護者の健康保険に入ります。", "Usually the insurance of the parent with the higher income.") }),
    yesno("nursery", L("保育所やこども園の利用を考えていますか", "Are you thinking of using a nursery or child centre?")),
  ],
  items: [
    {
      id: "birth-registration",
      procedure: "birth-registration",
      title: L("出生届", "Birth registration"),
      where: { kind: "counter", place: L("区役所 窓口サービス課（生まれた場所、本籍地、または届出人の住所地）", "Resident records counter of a ward office (where the baby was born, your registered domicile, or where you live)") },
      bring: [
        L("出生届（出生証明書欄に医師または助産師の記入があるもの）", "The birth registration form with the birth certificate section completed by the doctor or midwife"),
        L("母子健康手帳", "Maternal and child health handbook"),
        L("届出人の本人確認書類", "Proof of identity of the person notifying"),
      ],
      why: L("生まれた子を戸籍と住民票に登録します。名前はこのとき届け出ます。" + KOSEKI_43, "Registers the child in the family register and residence records, including the name." + KOSEKI_43_EN),
      deadline: within("born_date", 14, L("戸籍法第49条（生まれた日を含めて14日以内）", "Family Register Act, Article 49 (within 14 days, counting the day of birth)"), { countFirstDay: true }),
    },
    {
      id: "child-allowance",
      procedure: "child-allowance",
      title: L("児童手当の認定請求", "Applying for the child allowance"),
      where: { kind: "counter", place: WARD_WELFARE },
      bring: [ID, BANK, L("請求者の健康保険の資格情報がわかるもの", "Details of the claimant’s health insurance")],
      why: L("生まれた日の翌日から15日以内に請求すれば、生まれた月の翌月分から受け取れます（15日特例）。所得制限はありません（令和6年10月から）。", "Apply within 15 days after the birth and it is paid from the month after the birth (the 15-day rule). There is no income limit (since October 2024)."),
      deadline: within("born_date", 15, L("児童手当法第8条（15日特例）", "Child Allowance Act, Article 8 (15-day rule)")),
    },
    {
      id: "child-medical",
      procedure: "child-medical-subsidy",
      title: L("こども医療費助成の申請", "Children’s medical expense subsidy"),
      where: { kind: "counter", place: WARD_WELFARE },
      bring: [L("赤ちゃんの健康保険の資格情報がわかるもの", "The baby’s health insurance details")],
      why: L("赤ちゃんの医療費の自己負担を助成します。健康保険に入ったら早めに申請してください（1か月健診の前がおすすめです）。", "Covers most of the baby’s medical costs; apply once the baby has health insurance, ideally before the one-month check-up."),
    },
    {
      id: "nhi-join",
      when: is("insurance", "nhi"),
      procedure: "national-health-insurance",
      title: L("国民健康保険の加入（赤ちゃん）", "Adding the baby to National Health Insurance"),
      where: { kind: "counter", place: WARD_INSURANCE },
      bring: [ID, L("母子健康手帳", "Maternal and child health handbook")],
      why: L("国民健康保険の世帯に生まれた赤ちゃんは加入の届出が必要です。出生届と同じ日にできます。", "A baby born into a National Health Insurance household must be added; you can do it on the same day as the birth registration."),
      deadline: within("born_date", 14, NHI_BASIS),
      prefill: { kind: { value: "join" }, event_date: { answer: "born_date" } },
    },
    {
      id: "birth-lump-sum-nhi",
      when: is("insurance", "nhi"),
      title: L("出産育児一時金（直接支払制度を使わなかった場合）", "Childbirth lump-sum allowance (if the hospital was not paid directly)"),
      where: { kind: "counter", place: WARD_INSURANCE },
      bring: [L("出産費用の領収・明細書", "Receipt and breakdown of the childbirth costs"), BANK, ID],
      why: L("1人につき50万円（デモ：金額は制度改正で変わります）。病院に直接支払われた場合は差額だけを申請します。出産の翌日から2年で時効です。", "500,000 yen per child (demo: the amount changes with reforms). If it was paid to the hospital directly, claim only the difference. Claims expire two years after the birth."),
    },
    {
      id: "employee-insurance",
      when: is("insurance", "employee"),
      title: L("勤務先の健康保険への加入（扶養の届出）", "Adding the baby to your employer’s health insurance"),
      where: { kind: "other", place: EMPLOYER },
      bring: [L("勤務先が指定する書類（被扶養者異動届など）", "The forms your employer asks for (dependant notification)")],
      why: L("赤ちゃんを保護者の健康保険の扶養に入れます。事業主は5日以内に届け出ることになっているので、早めに勤務先に伝えてください。", "Adds the baby as a dependant. The employer must notify within 5 days, so tell them soon."),
      deadline: within("born_date", 5, L("健康保険法施行規則第38条（5日以内）", "Health Insurance Act Enforcement Regulations, Article 38 (within 5 days)"), { rollOver: false }),
    },
    {
      id: "birth-contact",
      title: L("出生連絡票の提出（赤ちゃん訪問）", "Birth report card (home visit for newborns)"),
      where: { kind: "counter", place: WARD_WELFARE },
      bring: [L("母子健康手帳の別冊にある出生連絡票", "The birth report card in the supplement of the maternal and child health handbook")],
      why: L("保健師などが赤ちゃんの家を訪問し、育児の相談にのります。郵送でも提出できます。", "A public health nurse visits to see the baby and answer your questions. You can send it by post."),
    },
    {
      id: "nursery",
      when: is("nursery", "yes"),
      procedure: "nursery-application",
      title: L("保育所等の利用申込", "Applying for a nursery place"),
      where: { kind: "counter", place: WARD_WELFARE },
      bring: [L("保育が必要なことがわかる書類（就労証明書など）", "Proof that care is needed (e.g. certificate of employment)")],
      why: L("4月入所の一次申込は前年の秋に締め切ります。途中入所も毎月受け付けています。", "Applications for April start close the previous autumn; places during the year are allocated monthly."),
    },
    {
      id: "baby-my-number-card",
      title: L("赤ちゃんのマイナンバーカードの申請（任意）", "My Number Card for the baby (optional)"),
      where: { kind: "online", place: L("地方公共団体情報システム機構（J-LIS）", "Japan Agency for Local Authority Information Systems (J-LIS)"), url: "https://www.kojinbango-card.go.jp/" },
      bring: [L("個人番号通知書に付いている申請書（QRコード）", "The application form with QR code sent with the My Number notice")],
      why: L("赤ちゃんのカードは顔写真なしでも申請できます。健康保険証として使えます。", "A baby’s card can be applied for without a photo and works as a health insurance card."),
    },
  ],
  tests: [{ name: "国民健康保険・保育所希望", answers: { born_date: "2026-04-01", insurance: "nhi", nursery: "yes" } }],
};

// ---------------------------------------------------------------------------------------------
// 死亡（おくやみ）

const death: NavigatorDefinition = {
  event: "death",
  title: L("おくやみ（家族が亡くなったとき）", "When a family member dies"),
  summary: L("ご家族が亡くなったときの届出や、保険・年金・相続の手続きを確認できます。", "Find out the notifications and the insurance, pension and inheritance procedures after a death."),
  position: 30,
  questions: [
    date("death_date", L("亡くなった日はいつですか", "When did the person die?"), {
      maxDate: "today",
      hint: L("亡くなったことを後で知った場合は、知った日を入力してください。", "If you learned of the death later, enter the day you learned of it."),
    }),
    single("insurance", L("亡くなった方の健康保険はどれでしたか", "Which health insurance did the person have?"), [
      opt("nhi", "国民健康保険", "National Health Insurance"),
      opt("late_elderly", "後期高齢者医療制度（75歳以上の方など）", "Late-stage elderly medical care (aged 75 or over, etc.)"),
      opt("employee", "勤務先の健康保険（社会保険）", "An employer’s health insurance"),
    ]),
    multiple("had", L("亡くなった方について、あてはまるものはありますか", "Did any of this apply to the person?"), [
      opt("pension", "年金を受け取っていた", "Was receiving a pension"),
      opt("care", "介護保険の認定を受けていた、または65歳以上だった", "Was certified for long-term care or was 65 or over"),
      opt("head", "世帯主で、同じ世帯に2人以上の家族が残る", "Was the head of a household where two or more people remain"),
      opt("car", "自動車を持っていた", "Owned a car"),
      opt("business", "事業（個人事業）をしていた", "Ran a business as a sole proprietor"),
      opt("estate", "預貯金や不動産などの財産があった", "Left savings, property or other assets"),
      NONE,
    ]),
  ],
  items: [
    {
      id: "death-registration",
      procedure: "death-registration",
      title: L("死亡届・火葬許可の申請", "Death registration and cremation permit"),
      where: { kind: "counter", place: L("区役所 窓口サービス課（亡くなった場所、本籍地、または届出人の住所地）", "Resident records counter of a ward office (where the person died, their registered domicile, or where you live)") },
      bring: [L("死亡届（死亡診断書または死体検案書の欄に医師の記入があるもの）", "The death registration form with the doctor’s certificate"), L("届出人の本人確認書類", "Proof of identity of the person notifying")],
      why: L("亡くなったことを戸籍と住民票に記録し、火葬の許可を受けます。多くの場合、葬儀社が代わりに届け出ます。" + KOSEKI_43, "Records the death and gives the cremation permit. Funeral companies often do this for the family." + KOSEKI_43_EN),
      deadline: within("death_date", 7, L("戸籍法第86条（死亡の事実を知った日を含めて7日以内）", "Family Register Act, Article 86 (within 7 days of learning of the death, counting that day)"), { countFirstDay: true }),
    },
    {
      id: "household-head",
      when: has("had", "head"),
      title: L("世帯主変更届", "Notification of a new head of household"),
      where: { kind: "counter", place: WARD_RESIDENT },
      bring: [ID],
      why: L("残る世帯員が2人以上で、新しい世帯主が明らかでない場合に届け出ます（1人の場合や、残るのが親と幼い子だけの場合は不要）。", "Needed when two or more people remain and the new head is not obvious (not needed when one person remains, or a parent with young children)."),
      deadline: within("death_date", 14, L("住民基本台帳法第25条（14日以内）", "Basic Resident Register Act, Article 25 (within 14 days)")),
    },
    {
      id: "nhi-end",
      when: is("insurance", "nhi"),
      title: L("国民健康保険の資格喪失と葬祭費の申請", "Ending National Health Insurance and the funeral allowance"),
      where: { kind: "counter", place: WARD_INSURANCE },
      bring: [L("亡くなった方の資格確認書など", "The person’s insurance certificate"), L("葬儀の領収書（喪主の名前があるもの）", "Funeral receipt showing the chief mourner"), BANK],
      why: L("保険の資格を終え、葬儀を行った方に葬祭費（5万円・デモ）を支給します。", "Ends the insurance and pays a funeral allowance (50,000 yen, demo) to whoever held the funeral."),
      deadline: within("death_date", 14, NHI_BASIS),
    },
    {
      id: "late-elderly-end",
      when: is("insurance", "late_elderly"),
      title: L("後期高齢者医療の資格喪失と葬祭費の申請", "Ending late-stage elderly medical care and the funeral allowance"),
      where: { kind: "counter", place: WARD_INSURANCE },
      bring: [L("亡くなった方の資格確認書など", "The person’s insurance certificate"), L("葬儀の領収書", "Funeral receipt"), BANK],
      why: L("大阪府後期高齢者医療広域連合の資格を終え、葬祭費を申請します。窓口は区役所です。", "Ends the cover of the Osaka prefectural scheme and claims the funeral allowance; the counter is at the ward office."),
      deadline: within("death_date", 14, L("高齢者の医療の確保に関する法律・同法施行規則（14日以内）", "Act on Assurance of Medical Care for Elderly People and its regulations (within 14 days)")),
    },
    {
      id: "employee-insurance-end",
      when: is("insurance", "employee"),
      title: L("勤務先の健康保険の資格喪失と埋葬料", "Ending the employer’s health insurance and the burial allowance"),
      where: { kind: "other", place: L("亡くなった方の勤務先、または健康保険組合・協会けんぽ", "The person’s employer, or their health insurance society") },
      bring: [L("資格確認書など", "Insurance certificate")],
      why: L("勤務先を通じて資格を終え、埋葬料を請求します。", "The employer ends the insurance; you claim the burial allowance."),
    },
    {
      id: "pension-death",
      when: has("had", "pension"),
      title: L("年金の受給停止と未支給年金・遺族年金の請求", "Stopping the pension and claiming unpaid or survivors’ pensions"),
      where: { kind: "other", place: PENSION_OFFICE, url: "https://www.nenkin.go.jp/" },
      bring: [L("年金証書", "Pension certificate"), L("戸籍謄本・住民票の写しなど（年金事務所の案内に従ってください）", "Family register and residence record copies, as the pension office asks")],
      why: L("マイナンバーが登録されていれば死亡届は原則不要ですが、未支給年金や遺族年金は請求が必要です。", "With a registered My Number the death is reported automatically, but unpaid and survivors’ pensions must be claimed."),
      deadline: within("death_date", 10, L("厚生年金保険法施行規則（10日以内、国民年金は14日以内）", "Employees’ Pension regulations (within 10 days; National Pension: 14 days)"), { rollOver: false }),
    },
    {
      id: "care-end",
      when: has("had", "care"),
      title: L("介護保険の資格喪失届", "Ending long-term care insurance"),
      where: { kind: "counter", place: WARD_WELFARE },
      bring: [L("介護保険被保険者証", "Long-term care insurance card")],
      why: L("介護保険の資格を終え、保険料を精算します（還付や追加の納付がある場合があります）。", "Ends the insurance and settles the premiums (you may get a refund or owe a balance)."),
      deadline: within("death_date", 14, L("介護保険法施行規則（14日以内）", "Long-Term Care Insurance Act regulations (within 14 days)")),
    },
    {
      id: "vehicle",
      when: has("had", "car"),
      title: L("自動車の名義変更（相続）", "Transferring the car (inheritance)"),
      where: { kind: "other", place: L("近畿運輸局 大阪運輸支局", "Osaka Transport Branch Office"), url: "https://wwwtb.mlit.go.jp/kinki/" },
      bring: [L("車検証、戸籍謄本、遺産分割協議書など", "Vehicle certificate, family register, agreement on dividing the estate, etc.")],
      why: L("相続人に名義を移すか、廃車の手続きをします。", "Transfer it to an heir or deregister it."),
    },
    {
      id: "quasi-tax-return",
      when: has("had", "business"),
      title: L("準確定申告（亡くなった方の所得税）", "Final income tax return for the deceased"),
      where: { kind: "other", place: TAX_OFFICE, url: "https://www.nta.go.jp/" },
      bring: [L("亡くなった年の所得がわかる書類", "Records of the person’s income in the year of death")],
      why: L("事業所得などがあった方は、相続人が亡くなった年の所得を申告します。個人事業の廃業届もあわせて出します。", "For a person with business income, the heirs file the return for the year of death and notify the closure of the business."),
      deadline: within("death_date", 4, L("所得税法第125条（相続の開始を知った日の翌日から4か月以内）", "Income Tax Act, Article 125 (within 4 months)"), { unit: "months", rollOver: false }),
    },
    {
      id: "renounce-inheritance",
      when: has("had", "estate"),
      title: L("相続の放棄・限定承認（必要な場合）", "Renouncing or limiting the inheritance (if needed)"),
      where: { kind: "other", place: L("家庭裁判所（亡くなった方の最後の住所地を担当）", "The family court for the person’s last address"), url: "https://www.courts.go.jp/osaka/" },
      bring: [L("申述書、亡くなった方の住民票除票、戸籍謄本など", "The petition, the person’s removed residence record, family register, etc.")],
      why: L("借金が多いなど相続したくない場合は、期限までに家庭裁判所に申し立てます。何もしないと相続を承認したことになります。", "If you do not want to inherit (e.g. debts), petition the family court in time; otherwise you are treated as accepting."),
      deadline: within("death_date", 3, L("民法第915条（相続の開始を知った時から3か月以内）", "Civil Code, Article 915 (within 3 months)"), { unit: "months", rollOver: false }),
    },
    {
      id: "inheritance-tax",
      when: has("had", "estate"),
      title: L("相続税の申告（必要な場合）", "Inheritance tax return (if needed)"),
      where: { kind: "other", place: TAX_OFFICE, url: "https://www.nta.go.jp/" },
      bring: [L("財産と債務がわかる書類", "Records of the assets and debts")],
      why: L("遺産が基礎控除額（3,000万円＋600万円×法定相続人の数）を超える場合に申告します。", "Needed when the estate exceeds the basic exemption (30 million yen + 6 million yen per statutory heir)."),
      deadline: within("death_date", 10, L("相続税法第27条（10か月以内）", "Inheritance Tax Act, Article 27 (within 10 months)"), { unit: "months", rollOver: false }),
    },
    {
      id: "accounts",
      title: L("公共料金・銀行口座・携帯電話などの名義変更や解約", "Utilities, bank accounts and phone contracts"),
      where: { kind: "other", place: L("各事業者・金融機関", "Each company and bank") },
      bring: [L("亡くなったことがわかる書類（死亡診断書の写しなど）", "Proof of the death (copy of the death certificate, etc.)")],
      why: L("引き落としを止めたり、名義を相続人に変えたりします。", "Stop direct debits or transfer contracts to an heir."),
    },
  ],
  tests: [{ name: "国民健康保険・年金・世帯主", answers: { death_date: "2026-04-01", insurance: "nhi", had: ["pension", "head", "estate"] } }],
};

// ---------------------------------------------------------------------------------------------
// 結婚

const marriage: NavigatorDefinition = {
  event: "marriage",
  title: L("結婚", "Getting married"),
  summary: L("婚姻届と、結婚にともなう名前・保険・年金などの手続きを確認できます。", "Find out about the marriage registration and the name, insurance and pension changes that come with it."),
  position: 40,
  questions: [
    date("marriage_date", L("婚姻届を出す日はいつですか", "When will you register the marriage?"), {
      hint: L("予定日でもかまいません。結婚は婚姻届を出した日に成立します。", "A planned date is fine. The marriage takes effect on the day it is registered."),
    }),
    yesno("name_change", L("結婚して姓（名字）が変わりますか", "Will your family name change?")),
    yesno("dependent", L("配偶者の扶養に入りますか", "Will you become your spouse’s dependant?"), {
      hint: L("健康保険と年金で、配偶者の勤務先の扶養に入る場合です。", "For health insurance and pension through your spouse’s employer."),
    }),
    single("insurance", L("いま加入している健康保険はどれですか", "Which health insurance do you have now?"), [
      opt("nhi", "国民健康保険", "National Health Insurance"),
      opt("employee", "勤務先の健康保険", "An employer’s health insurance"),
    ], { showIf: is("dependent", "yes") }),
    yesno("moving", L("結婚にともなって引越しますか", "Will you move house?")),
  ],
  items: [
    {
      id: "marriage-registration",
      procedure: "marriage-registration",
      title: L("婚姻届", "Marriage registration"),
      where: { kind: "counter", place: L("区役所 窓口サービス課（本籍地または住所地など）", "Resident records counter of a ward office (registered domicile or address, etc.)") },
      bring: [
        L("婚姻届（成人の証人2人の署名があるもの）", "The marriage registration form signed by two adult witnesses"),
        L("お二人の本人確認書類", "Proof of identity of both"),
        L("戸籍謄本は原則不要です（令和6年3月から）", "A family register copy is usually no longer needed (since March 2024)"),
      ],
      why: L("結婚は婚姻届が受理された日に成立します。休日や夜間も時間外受付で預かります。", "The marriage takes effect when the registration is accepted; it can be handed in out of hours."),
    },
    {
      id: "my-number-card-name",
      when: is("name_change", "yes"),
      title: L("マイナンバーカードの氏名の変更", "Changing the name on your My Number Card"),
      where: { kind: "counter", place: WARD_RESIDENT },
      bring: [L("マイナンバーカードと暗証番号", "Your My Number Card and its PIN")],
      why: L("氏名が変わったらカードの記載を変更します（婚姻届を出した日から14日以内）。", "The card must be updated within 14 days of the change."),
      deadline: within("marriage_date", 14, L("番号利用法第17条第4項（14日以内）", "My Number Act, Article 17(4) (within 14 days)")),
    },
    {
      id: "licence-name",
      when: is("name_change", "yes"),
      title: L("運転免許証の氏名の変更", "Changing the name on your driving licence"),
      where: { kind: "other", place: POLICE, url: "https://www.police.pref.osaka.lg.jp/" },
      bring: [L("運転免許証", "Driving licence"), L("本籍（国籍）が記載された住民票の写し", "Copy of the residence record showing the registered domicile")],
      why: L("記載事項が変わったら速やかに届け出ます（道路交通法第94条）。", "Required promptly by the Road Traffic Act (Article 94)."),
    },
    {
      id: "passport",
      when: is("name_change", "yes"),
      title: L("パスポートの記載事項の変更", "Updating your passport"),
      where: { kind: "other", place: L("大阪府パスポートセンター（マイナポータルからも申請できます）", "Osaka Prefecture Passport Centre (or online via Mynaportal)"), url: "https://www.pref.osaka.lg.jp/passport/" },
      bring: [L("パスポート", "Passport"), L("戸籍謄本（オンライン申請では不要）", "Family register copy (not for online applications)")],
      why: L("氏名が変わったら記載事項変更旅券か新しい旅券を申請します。", "Apply for an amended or new passport after a name change."),
    },
    {
      id: "dependent",
      when: is("dependent", "yes"),
      title: L("配偶者の勤務先で扶養の届出（健康保険・国民年金第3号）", "Becoming your spouse’s dependant (health insurance and pension)"),
      where: { kind: "other", place: EMPLOYER },
      bring: [L("勤務先が指定する書類", "The forms the employer asks for")],
      why: L("配偶者の健康保険に入り、国民年金の第3号被保険者になります。事業主は5日以内に届け出ます。", "You join your spouse’s health insurance and become a category-3 pension member; the employer must notify within 5 days."),
      deadline: within("marriage_date", 5, L("健康保険法施行規則第38条（5日以内）", "Health Insurance Act Enforcement Regulations, Article 38 (within 5 days)"), { rollOver: false }),
    },
    {
      id: "nhi-leave",
      when: all(is("dependent", "yes"), is("insurance", "nhi")),
      procedure: "national-health-insurance",
      title: L("国民健康保険の脱退", "Leaving National Health Insurance"),
      where: { kind: "counter", place: WARD_INSURANCE },
      bring: [L("新しい健康保険の資格情報がわかるもの", "Details of your new health insurance")],
      why: L("配偶者の健康保険に入ったら、国民健康保険をやめる届出が必要です。しないと保険料がかかり続けます。", "Once covered by your spouse’s insurance you must leave National Health Insurance, or premiums keep being charged."),
      deadline: within("marriage_date", 14, NHI_BASIS),
      prefill: { kind: { value: "leave" }, event_date: { answer: "marriage_date" } },
    },
    {
      id: "accounts",
      when: is("name_change", "yes"),
      title: L("銀行口座・クレジットカード・携帯電話などの名義変更", "Bank accounts, credit cards and phone contracts"),
      where: { kind: "other", place: L("各金融機関・事業者", "Each bank and company") },
      bring: [L("新しい氏名がわかる本人確認書類、届出印", "Proof of identity in the new name, your registered seal")],
      why: L("口座の名義と本人確認書類の氏名が違うと、手続きができないことがあります。", "Some services stop working when the account name differs from your ID."),
    },
    {
      id: "moving",
      when: is("moving", "yes"),
      title: L("引越しの手続き（転入届・転居届など）", "Moving house (moving-in or change-of-address notifications)"),
      where: { kind: "counter", place: WARD_RESIDENT, url: "/navigator/moving" },
      bring: [],
      why: L("引越しの手続きは「引越し」の手続き判定で確認できます。", "Check what moving house involves with the “Moving house” checker."),
    },
  ],
  tests: [{ name: "姓が変わる・扶養に入る（国保）", answers: { marriage_date: "2026-06-06", name_change: "yes", dependent: "yes", insurance: "nhi", moving: "yes" } }],
};

// ---------------------------------------------------------------------------------------------
// 離婚

const divorce: NavigatorDefinition = {
  event: "divorce",
  title: L("離婚", "Divorce"),
  summary: L("離婚届と、名前・子ども・保険・年金の手続きを確認できます。", "Find out about the divorce registration and the name, children, insurance and pension procedures."),
  position: 50,
  questions: [
    single("kind", L("どの方法で離婚しますか", "How are you divorcing?"), [
      opt("agreement", "話し合い（協議離婚）", "By agreement (kyōgi rikon)"),
      opt("court", "調停・審判・裁判", "Through mediation, a ruling or a court judgement"),
    ]),
    date("divorce_date", L("離婚届を出す日（調停・裁判の場合は成立・確定した日）はいつですか", "When will you register the divorce (for a court procedure: when it was settled or became final)?")),
    yesno("keep_name", L("婚姻中の姓（名字）をそのまま使い続けますか", "Will you keep your married family name?"), {
      hint: L("結婚で姓が変わった方への質問です。変わっていない方は「いいえ」を選んでください。", "For people whose name changed on marriage. Otherwise choose No."),
    }),
    yesno("children", L("18歳までの子ども（高校生世代まで）を養育しますか", "Will you raise children up to high-school age?")),
    yesno("was_dependent", L("配偶者の扶養（健康保険・年金）に入っていましたか", "Were you your spouse’s dependant (health insurance and pension)?")),
    yesno("moving", L("離婚にともなって引越しますか", "Will you move house?")),
  ],
  items: [
    {
      id: "divorce-registration",
      procedure: "divorce-registration",
      title: L("離婚届", "Divorce registration"),
      where: { kind: "counter", place: L("区役所 窓口サービス課（本籍地または住所地など）", "Resident records counter of a ward office (registered domicile or address, etc.)") },
      bring: [L("離婚届（協議離婚は成人の証人2人の署名が必要）", "The divorce form (by agreement: signed by two adult witnesses)"), ID],
      why: L("協議離婚は離婚届が受理された日に成立します。", "A divorce by agreement takes effect when the registration is accepted."),
    },
    {
      id: "court-divorce",
      when: is("kind", "court"),
      title: L("離婚届（調停・審判・裁判による離婚）", "Divorce registration after a court procedure"),
      where: { kind: "counter", place: WARD_RESIDENT },
      bring: [L("調停調書の謄本、または審判書・判決書の謄本と確定証明書", "Certified copy of the mediation record, or of the ruling or judgement with the certificate of finality")],
      why: L("調停・審判・裁判による離婚は、申し立てた方が期限までに届け出ます。" + KOSEKI_43, "After a court procedure the petitioner must register the divorce in time." + KOSEKI_43_EN),
      deadline: within("divorce_date", 10, L("戸籍法第77条・第63条（成立・確定の日を含めて10日以内）", "Family Register Act, Articles 77 and 63 (within 10 days, counting the day it was settled)"), { countFirstDay: true }),
    },
    {
      id: "keep-name",
      when: is("keep_name", "yes"),
      title: L("離婚の際に称していた氏を称する届（婚氏続称届）", "Notification to keep the married name"),
      where: { kind: "counter", place: WARD_RESIDENT },
      bring: [ID],
      why: L("何もしないと婚姻前の姓に戻ります。婚姻中の姓を使い続けるには、離婚の日から3か月以内に届け出ます。", "Without it you return to your pre-marriage name. To keep the married name, notify within 3 months of the divorce."),
      deadline: within("divorce_date", 3, L("民法第767条第2項・戸籍法第77条の2（3か月以内）", "Civil Code, Article 767(2) and Family Register Act, Article 77-2 (within 3 months)"), { unit: "months" }),
    },
    {
      id: "child-allowance",
      when: is("children", "yes"),
      procedure: "child-allowance",
      title: L("児童手当の受給者の変更（認定請求）", "Child allowance: becoming the recipient"),
      where: { kind: "counter", place: WARD_WELFARE },
      bring: [ID, BANK],
      why: L("子どもを養育する方が受け取ります。受給者が変わる場合は、離婚の日の翌日から15日以内に請求してください。", "Paid to the parent who raises the children. If that changes, apply within 15 days after the divorce."),
      deadline: within("divorce_date", 15, L("児童手当法第8条（15日特例）", "Child Allowance Act, Article 8 (15-day rule)")),
    },
    {
      id: "child-support-allowance",
      when: is("children", "yes"),
      title: L("児童扶養手当の認定請求", "Child-rearing allowance for single parents"),
      where: { kind: "counter", place: WARD_WELFARE },
      bring: [L("戸籍謄本（離婚の記載があるもの）", "Family register copy showing the divorce"), BANK, ID],
      why: L("ひとり親家庭に支給される手当です（所得制限あり）。請求した月の翌月分から支給されるので、早めに申請してください。", "An allowance for single-parent families (income limits apply), paid from the month after you apply: apply soon."),
    },
    {
      id: "single-parent-medical",
      when: is("children", "yes"),
      title: L("ひとり親家庭医療費助成の申請", "Medical expense subsidy for single-parent families"),
      where: { kind: "counter", place: WARD_WELFARE },
      bring: [INSURANCE_CARD, L("戸籍謄本", "Family register copy")],
      why: L("ひとり親家庭の親と子の医療費の自己負担を助成します（所得制限あり）。", "Helps with medical costs of the parent and children (income limits apply)."),
    },
    {
      id: "child-surname",
      when: all(is("children", "yes"), is("keep_name", "no")),
      title: L("子の氏の変更許可の申立て（子どもを自分の戸籍に入れる場合）", "Changing a child’s surname (to bring the child into your register)"),
      where: { kind: "other", place: L("家庭裁判所（子どもの住所地を担当）", "The family court for the child’s address"), url: "https://www.courts.go.jp/osaka/" },
      bring: [L("申立書、子どもと親の戸籍謄本", "The petition, family register copies of the child and parent")],
      why: L("離婚しても子どもの戸籍と姓は自動的には変わりません。許可の後、区役所に入籍届を出します。", "A divorce does not change the child’s register or surname; after permission, notify the ward office."),
    },
    {
      id: "nhi-join",
      when: is("was_dependent", "yes"),
      procedure: "national-health-insurance",
      title: L("国民健康保険の加入", "Joining National Health Insurance"),
      where: { kind: "counter", place: WARD_INSURANCE },
      bring: [L("配偶者の健康保険の資格喪失証明書", "Certificate that your spouse’s insurance ended"), ID],
      why: L("配偶者の扶養から外れたら、勤務先の健康保険に入らない限り国民健康保険に加入します。", "Once you are no longer a dependant, you join National Health Insurance unless you have an employer’s insurance."),
      deadline: within("divorce_date", 14, NHI_BASIS),
      prefill: { kind: { value: "join" }, event_date: { answer: "divorce_date" } },
    },
    {
      id: "national-pension",
      when: is("was_dependent", "yes"),
      procedure: "national-pension",
      title: L("国民年金の種別変更（第3号から第1号へ）", "Changing your National Pension category (from 3 to 1)"),
      where: { kind: "counter", place: WARD_INSURANCE },
      bring: [ID, L("基礎年金番号がわかるもの", "Your basic pension number")],
      why: L("配偶者の扶養から外れると、国民年金の第1号被保険者として自分で保険料を納めます。", "Once you are no longer a dependant you pay National Pension contributions yourself (category 1)."),
      deadline: within("divorce_date", 14, L("国民年金法第12条（14日以内）", "National Pension Act, Article 12 (within 14 days)")),
      prefill: { reason: { value: "spouse" }, event_date: { answer: "divorce_date" } },
    },
    {
      id: "moving",
      when: is("moving", "yes"),
      title: L("引越しの手続き（転出届・転居届など）", "Moving house (moving-out or change-of-address notifications)"),
      where: { kind: "counter", place: WARD_RESIDENT, url: "/navigator/moving" },
      bring: [],
      why: L("引越しの手続きは「引越し」の手続き判定で確認できます。", "Check what moving house involves with the “Moving house” checker."),
    },
  ],
  tests: [{ name: "協議離婚・子どもあり・扶養だった", answers: { kind: "agreement", divorce_date: "2026-05-11", keep_name: "no", children: "yes", was_dependent: "yes", moving: "no" } }],
};

// ---------------------------------------------------------------------------------------------
// 就職・退職

const job: NavigatorDefinition = {
  event: "job",
  title: L("就職・退職", "Starting or leaving a job"),
  summary: L("会社に就職したとき、退職したときの保険・年金・税金の手続きを確認できます。", "Find out the insurance, pension and tax procedures when you start or leave a job."),
  position: 60,
  questions: [
    single("change", L("どちらですか", "Which is it?"), [
      opt("start", "会社などに就職した（勤務先の健康保険に入る）", "I started a job (with the employer’s health insurance)"),
      opt("leave", "会社などを退職した", "I left my job"),
    ]),
    date("change_date", L("就職した日・退職した日はいつですか", "On what date did you start or leave?")),
    yesno("was_nhi", L("これまで国民健康保険に加入していましたか", "Were you covered by National Health Insurance until now?"), { showIf: is("change", "start") }),
    single("next", L("退職した後はどうしますか", "What will you do after leaving?"), [
      opt("job", "すぐに次の勤務先の健康保険に入る", "Join a new employer’s health insurance straight away"),
      opt("search", "仕事を探す", "Look for work"),
      opt("spouse", "家族の扶養に入る", "Become a family member’s dependant"),
      opt("rest", "しばらく仕事をしない", "Not work for a while"),
    ], { showIf: is("change", "leave") }),
    single("insurance_after", L("退職後の健康保険はどうしますか", "Which health insurance will you have after leaving?"), [
      opt("nhi", "国民健康保険に加入する", "Join National Health Insurance"),
      opt("continue", "勤務先の健康保険を任意継続する", "Continue the employer’s insurance voluntarily"),
      opt("unknown", "まだ決めていない", "Not decided yet"),
    ], { showIf: all(is("change", "leave"), oneOf("next", ["search", "rest"])) }),
    yesno("hardship", L("収入が減って、家賃など生活費の支払いに困っていますか", "Are you struggling to pay rent or living costs because your income fell?"), { showIf: is("change", "leave") }),
  ],
  items: [
    {
      id: "nhi-leave",
      when: all(is("change", "start"), is("was_nhi", "yes")),
      procedure: "national-health-insurance",
      title: L("国民健康保険の脱退", "Leaving National Health Insurance"),
      where: { kind: "counter", place: WARD_INSURANCE },
      bring: [L("勤務先の健康保険の資格情報がわかるもの", "Details of your employer’s health insurance")],
      why: L("勤務先の健康保険に入ったら、国民健康保険をやめる届出が必要です。自動では脱退になりません。", "National Health Insurance does not end by itself when you join an employer’s insurance: you must notify."),
      deadline: within("change_date", 14, NHI_BASIS),
      prefill: { kind: { value: "leave" }, event_date: { answer: "change_date" } },
    },
    {
      id: "nhi-join",
      when: all(is("change", "leave"), oneOf("insurance_after", ["nhi", "unknown"])),
      procedure: "national-health-insurance",
      title: L("国民健康保険の加入", "Joining National Health Insurance"),
      where: { kind: "counter", place: WARD_INSURANCE },
      bring: [L("勤務先の健康保険の資格喪失証明書", "Certificate that your employer’s insurance ended"), ID],
      why: L("退職して勤務先の健康保険をやめたら、国民健康保険に加入します。保険料は資格を失った日までさかのぼってかかります。", "After leaving your employer’s insurance you join National Health Insurance; premiums are charged from the day the old cover ended."),
      deadline: within("change_date", 14, NHI_BASIS),
      prefill: { kind: { value: "join" }, event_date: { answer: "change_date" } },
    },
    {
      id: "voluntary-continuation",
      when: all(is("change", "leave"), is("insurance_after", "continue")),
      title: L("健康保険の任意継続の申請", "Voluntary continuation of your health insurance"),
      where: { kind: "other", place: L("全国健康保険協会（協会けんぽ）大阪支部、または勤務先の健康保険組合", "Japan Health Insurance Association, Osaka branch, or your employer’s health insurance society"), url: "https://www.kyoukaikenpo.or.jp/" },
      bring: [L("任意継続被保険者資格取得申出書", "The application form for voluntary continuation")],
      why: L("退職後も最長2年、同じ健康保険に入り続けられます（保険料は全額自己負担）。期限を1日でも過ぎると申請できません。", "You can stay in the same insurance for up to two years (paying the whole premium). Late applications are refused."),
      deadline: within("change_date", 20, L("健康保険法第37条（資格喪失日から20日以内）", "Health Insurance Act, Article 37 (within 20 days of losing coverage)"), { rollOver: false }),
    },
    {
      id: "national-pension",
      when: all(is("change", "leave"), oneOf("next", ["search", "rest"])),
      procedure: "national-pension",
      title: L("国民年金の加入（第1号被保険者）", "Joining the National Pension (category 1)"),
      where: { kind: "counter", place: WARD_INSURANCE },
      bring: [L("退職日がわかる書類（離職票など）", "A document showing your last day (e.g. separation notice)"), ID],
      why: L("厚生年金をやめた20歳から59歳の方は国民年金に加入します。収入が減った場合は、保険料の免除（失業による特例免除）を同時に申請できます。", "People aged 20 to 59 who leave the employees’ pension join the National Pension. If your income fell you can apply for an exemption at the same time."),
      deadline: within("change_date", 14, L("国民年金法第12条（14日以内）", "National Pension Act, Article 12 (within 14 days)")),
      prefill: { reason: { value: "retired" }, event_date: { answer: "change_date" } },
    },
    {
      id: "dependant",
      when: all(is("change", "leave"), is("next", "spouse")),
      title: L("家族の勤務先で扶養の届出", "Becoming a dependant through a family member’s employer"),
      where: { kind: "other", place: EMPLOYER },
      bring: [L("退職日がわかる書類", "A document showing your last day")],
      why: L("家族の健康保険の扶養に入り、配偶者の扶養の場合は国民年金の第3号被保険者になります。", "You join the family member’s health insurance; as a spouse you also become a category-3 pension member."),
      deadline: within("change_date", 5, L("健康保険法施行規則第38条（5日以内）", "Health Insurance Act Enforcement Regulations, Article 38 (within 5 days)"), { rollOver: false }),
    },
    {
      id: "hello-work",
      when: all(is("change", "leave"), is("next", "search")),
      title: L("求職の申込みと雇用保険（基本手当）の手続き", "Registering as a job seeker and claiming unemployment benefit"),
      where: { kind: "other", place: L("住所地を担当するハローワーク", "The Hello Work office for your address"), url: "https://www.hellowork.mhlw.go.jp/" },
      bring: [L("離職票（1・2）", "Separation notices 1 and 2"), L("マイナンバーカード", "My Number Card"), L("写真2枚（マイナンバーカードを使う場合は不要）", "Two photos (not needed with a My Number Card)"), BANK],
      why: L("基本手当を受けられる期間は原則、退職の翌日から1年です。早めに手続きしてください。", "Benefit can normally be received only within a year of leaving, so register early."),
    },
    {
      id: "resident-tax",
      when: is("change", "leave"),
      title: L("住民税の納め方の確認（普通徴収への切替え）", "How you will pay resident tax after leaving"),
      where: { kind: "counter", place: CITY_TAX },
      bring: [],
      why: L("給与から天引きされていた住民税は、退職後は納付書で納めます。退職時期によっては最後の給与から一括で引かれます。", "Resident tax taken from your salary is paid by bill after you leave; depending on the month, the rest may be taken from your last salary."),
    },
    {
      id: "housing-benefit",
      when: is("hardship", "yes"),
      procedure: "housing-security-benefit",
      title: L("住居確保給付金の相談・申請", "Housing security benefit"),
      where: { kind: "counter", place: L("お住まいの区の自立相談支援機関（くらしの相談窓口）", "The independent living support office of your ward") },
      bring: [ID, L("離職したことがわかる書類", "A document showing you lost your job"), L("収入と預貯金がわかるもの", "Records of income and savings"), L("賃貸借契約書", "Your rental contract")],
      why: L("離職などで住まいを失うおそれがある方に、家賃相当額を原則3か月支給します（収入・資産の要件あり）。", "Pays an amount equal to your rent, normally for three months, to people at risk of losing their home after losing work (income and savings limits apply)."),
    },
    {
      id: "support-programmes",
      when: is("hardship", "yes"),
      title: L("くらしを支える支援制度を探す", "Find support programmes"),
      where: { kind: "online", place: L("支援制度さがし", "Support-programme finder"), url: "/support-programmes?who=resident" },
      bring: [],
      why: L("国・大阪府・大阪市の給付や貸付、保険料の減免などを、条件に合うものから探せます。", "Find benefits, loans and premium reductions of the state, Osaka Prefecture and Osaka City that fit you."),
    },
  ],
  tests: [
    { name: "退職・求職・国保", answers: { change: "leave", change_date: "2026-03-31", next: "search", insurance_after: "nhi", hardship: "yes" } },
    { name: "就職・国保だった", answers: { change: "start", change_date: "2026-04-01", was_nhi: "yes" } },
  ],
};

// ---------------------------------------------------------------------------------------------
// 介護

const care: NavigatorDefinition = {
  event: "care",
  title: L("介護", "Long-term care"),
  summary: L("ご自身やご家族に介護が必要になったときの相談先と申請を確認できます。", "Find out where to get advice and what to apply for when you or a family member needs care."),
  position: 70,
  questions: [
    single("age", L("介護が必要な方の年齢は", "How old is the person who needs care?"), [
      opt("65plus", "65歳以上", "65 or over"),
      opt("40to64", "40歳から64歳", "40 to 64"),
      opt("under40", "40歳未満", "Under 40"),
    ]),
    yesno("certified", L("すでに要介護・要支援の認定を受けていますか", "Is the person already certified as needing care or support?"), { showIf: oneOf("age", ["65plus", "40to64"]) }),
    multiple("situation", L("いまの状況にあてはまるものはありますか", "What is the situation now?"), [
      opt("daily_help", "日常生活（食事・入浴・移動など）に手助けが必要", "Needs help with daily life (meals, bathing, moving about)"),
      opt("discharge", "入院していて、退院が近い", "Is in hospital and will be discharged soon"),
      opt("dementia", "物忘れや認知症が心配", "Is becoming forgetful or may have dementia"),
      opt("home", "手すりの取付けや福祉用具を考えている", "Needs handrails or care equipment at home"),
      opt("facility", "施設への入所を考えている", "Is thinking of moving into a care home"),
      opt("family_work", "介護する家族が仕事と両立したい", "A family carer wants to keep working"),
      NONE,
    ]),
    yesno("low_income", L("介護が必要な方の世帯は、住民税が非課税ですか", "Is the person’s household exempt from resident tax?"), {
      showIf: has("situation", "facility"),
      hint: L("わからない場合は「いいえ」を選び、相談のときに確認してください。", "If you are not sure, choose No and ask when you get advice."),
    }),
  ],
  items: [
    {
      id: "consult",
      title: L("地域包括支援センターに相談する", "Get advice from the community support centre"),
      where: { kind: "other", place: L("お住まいの地域の地域包括支援センター（大阪市が委託）", "The community comprehensive support centre for your area (commissioned by Osaka City)"), url: "https://www.city.osaka.lg.jp/fukushi/" },
      bring: [L("介護保険被保険者証（65歳以上の方）", "Long-term care insurance card (aged 65 or over)")],
      why: L("介護・福祉・医療の相談を無料で受け付け、申請の手伝いもします。何から始めればよいかわからないときの最初の相談先です。", "Free advice on care, welfare and health, and help with applications: the place to start."),
    },
    {
      id: "certification",
      when: all(oneOf("age", ["65plus", "40to64"]), is("certified", "no")),
      procedure: "long-term-care-certification",
      title: L("要介護・要支援認定の申請", "Applying for care need certification"),
      where: { kind: "counter", place: WARD_WELFARE },
      bring: [L("介護保険被保険者証（40〜64歳の方は医療保険の資格情報）", "Long-term care insurance card (aged 40–64: health insurance details)"), L("主治医の医療機関名・医師名", "Name of the main doctor and their clinic")],
      why: L("介護保険のサービスを使うには認定が必要です。40〜64歳の方は、がん（末期）や関節リウマチなど16の特定疾病が原因の場合に対象です。結果は原則30日以内に届きます。", "Care insurance services need a certification. At 40–64 it covers care needed because of one of 16 specified diseases. The result normally comes within 30 days."),
    },
    {
      id: "care-manager",
      when: is("certified", "yes"),
      title: L("ケアマネジャーとケアプランの相談", "Care manager and care plan"),
      where: { kind: "other", place: L("居宅介護支援事業者（要支援の方は地域包括支援センター）", "A care management agency (for support levels: the community support centre)") },
      bring: [L("介護保険被保険者証", "Long-term care insurance card")],
      why: L("サービスを使う計画（ケアプラン）をケアマネジャーと作ります。作成の費用はかかりません。", "A care manager draws up the care plan with you, free of charge."),
    },
    {
      id: "discharge",
      when: has("situation", "discharge"),
      title: L("退院後の生活について病院の相談員と話す", "Talk to the hospital’s social worker about life after discharge"),
      where: { kind: "other", place: L("入院している病院の地域医療連携室（医療ソーシャルワーカー）", "The hospital’s patient support office (medical social worker)") },
      bring: [],
      why: L("退院前に介護保険の申請やサービスの準備を始めると、退院後すぐに支援を受けられます。", "Starting the certification and services before discharge means help is ready when the person comes home."),
    },
    {
      id: "dementia",
      when: has("situation", "dementia"),
      title: L("認知症の相談（認知症初期集中支援チームなど）", "Advice on dementia (early-intervention team)"),
      where: { kind: "other", place: L("地域包括支援センター、または区の保健福祉センター", "The community support centre or your ward’s Health and Welfare Centre") },
      bring: [],
      why: L("専門職のチームが家庭を訪問し、受診や介護サービスにつなぎます。", "A team of professionals visits and helps with diagnosis and services."),
    },
    {
      id: "home-adaptation",
      when: all(has("situation", "home"), is("certified", "yes")),
      title: L("住宅改修費・福祉用具購入費の支給（事前申請）", "Grants for home adaptations and care equipment (apply first)"),
      where: { kind: "counter", place: WARD_WELFARE },
      bring: [L("ケアマネジャーが作成する理由書、見積書", "The care manager’s statement of reasons and a quote")],
      why: L("手すりの取付けや段差の解消などは、工事の前に申請すると費用の7〜9割が支給されます（上限20万円）。", "Apply before the work and 70–90% of the cost of handrails or removing steps is paid (up to 200,000 yen)."),
    },
    {
      id: "cost-limit",
      when: all(has("situation", "facility"), is("low_income", "yes")),
      procedure: "care-cost-limit-certification",
      title: L("介護保険負担限度額認定の申請", "Reduced costs of food and lodging in care facilities"),
      where: { kind: "counter", place: WARD_WELFARE },
      bring: [L("預貯金の額がわかるもの（通帳の写しなど）", "Records of savings (copies of bankbooks)")],
      why: L("住民税非課税世帯の方は、施設の食費と居住費の負担が軽くなります。", "For households exempt from resident tax, food and lodging in facilities cost less."),
    },
    {
      id: "disability",
      when: is("age", "under40"),
      procedure: "physical-disability-certificate",
      title: L("障がい福祉サービスの相談・身体障がい者手帳", "Disability services and the physical disability certificate"),
      where: { kind: "counter", place: WARD_WELFARE },
      bring: [L("医師の診断書・意見書（手帳の申請の場合）", "A doctor’s certificate (for the disability certificate)")],
      why: L("40歳未満の方は介護保険ではなく、障がい福祉のサービスが使えます。", "Under 40, care comes from disability services rather than care insurance."),
    },
    {
      id: "care-leave",
      when: has("situation", "family_work"),
      title: L("介護休業・介護休業給付金", "Care leave and care leave benefit"),
      where: { kind: "other", place: L("勤務先、ハローワーク", "Your employer and Hello Work"), url: "https://www.mhlw.go.jp/" },
      bring: [],
      why: L("家族1人につき通算93日まで介護休業を取れ、雇用保険から給付金が出ます（条件あり）。", "Up to 93 days of care leave per family member, with a benefit from employment insurance (conditions apply)."),
    },
  ],
  tests: [{ name: "65歳以上・未認定・施設検討（非課税）", answers: { age: "65plus", certified: "no", situation: ["daily_help", "facility"], low_income: "yes" } }],
};

// ---------------------------------------------------------------------------------------------
// 子育て

const childcare: NavigatorDefinition = {
  event: "childcare",
  title: L("子育て", "Raising children"),
  summary: L("妊娠中から高校生世代までの手当・助成・保育などの申請を確認できます。", "Find out about allowances, subsidies and childcare from pregnancy to high-school age."),
  position: 80,
  questions: [
    single("stage", L("お子さんの年齢（一番下のお子さん）は", "How old is your (youngest) child?"), [
      opt("pregnant", "妊娠中", "I am pregnant"),
      opt("baby", "0歳から2歳", "0 to 2"),
      opt("preschool", "3歳から小学校入学前", "3 until starting school"),
      opt("elementary", "小学生", "Elementary school"),
      opt("junior", "中学生", "Junior high school"),
      opt("high", "高校生世代（18歳になった年度の末まで）", "High-school age (until the end of the school year they turn 18)"),
    ]),
    date("due_date", L("出産予定日はいつですか", "When is the baby due?"), { showIf: is("stage", "pregnant"), minDate: "today" }),
    multiple("needs", L("知りたいこと・困っていることはありますか", "What would help you?"), [
      opt("nursery", "保育所・こども園を利用したい", "A nursery or child centre place"),
      opt("afterschool", "放課後の居場所がほしい", "Somewhere for the child after school"),
      opt("money", "学用品や給食費など、お金のことが心配", "Help with school costs such as supplies and lunches"),
      opt("single", "ひとり親家庭である", "We are a single-parent family"),
      NONE,
    ], { showIf: { notEquals: "pregnant", question: "stage" } }),
    yesno("has_allowance", L("児童手当を受け取っていますか", "Do you receive the child allowance?"), { showIf: { notEquals: "pregnant", question: "stage" } }),
  ],
  items: [
    {
      id: "pregnancy",
      when: is("stage", "pregnant"),
      procedure: "pregnancy-notification",
      title: L("妊娠届（母子健康手帳の交付）", "Pregnancy notification (maternal and child health handbook)"),
      where: { kind: "counter", place: WARD_WELFARE },
      bring: [ID],
      why: L("母子健康手帳と妊婦健康診査の受診券を受け取ります。保健師との面談で、出産までの相談ができます。", "You receive the handbook and vouchers for prenatal check-ups, and can talk to a public health nurse."),
      prefill: { due_date: { answer: "due_date" } },
    },
    {
      id: "pregnancy-support",
      when: is("stage", "pregnant"),
      title: L("妊婦のための支援給付（面談と給付）", "Support payments for pregnant women"),
      where: { kind: "counter", place: WARD_WELFARE },
      bring: [BANK],
      why: L("妊娠届の後の面談を受けた方に給付があります（金額はデモ：妊娠時5万円・出産後に子ども1人あたり5万円）。", "Paid after the interview that follows the pregnancy notification (amounts demo: 50,000 yen in pregnancy and 50,000 yen per child after birth)."),
    },
    {
      id: "birth-checklist",
      when: is("stage", "pregnant"),
      title: L("出産後の手続きを確認する", "Check what to do after the birth"),
      where: { kind: "online", place: L("手続き判定「出生」", "The “Birth of a child” checker"), url: "/navigator/birth" },
      bring: [],
      why: L("出生届は生まれた日を含めて14日以内、児童手当は15日以内です。事前に確認しておくと安心です。", "The birth must be registered within 14 days and the child allowance claimed within 15: good to know in advance."),
    },
    {
      id: "child-allowance",
      when: is("has_allowance", "no"),
      procedure: "child-allowance",
      title: L("児童手当の認定請求", "Applying for the child allowance"),
      where: { kind: "counter", place: WARD_WELFARE },
      bring: [ID, BANK],
      why: L("高校生世代までのお子さんを養育している方に支給します。所得制限はありません（令和6年10月から）。請求した月の翌月分からの支給なので、早めに申請してください。", "Paid for children up to high-school age, with no income limit (since October 2024), from the month after you apply: apply soon."),
    },
    {
      id: "child-medical",
      when: { notEquals: "pregnant", question: "stage" },
      procedure: "child-medical-subsidy",
      title: L("こども医療費助成（まだ申請していない方）", "Children’s medical expense subsidy (if you have not applied)"),
      where: { kind: "counter", place: WARD_WELFARE },
      bring: [L("お子さんの健康保険の資格情報がわかるもの", "The child’s health insurance details")],
      why: L("18歳になった年度の末までのお子さんの医療費の自己負担を助成します。所得制限はありません。", "Covers most medical costs until the end of the school year the child turns 18, with no income limit."),
    },
    {
      id: "nursery",
      when: all(has("needs", "nursery"), oneOf("stage", ["baby", "preschool"])),
      procedure: "nursery-application",
      title: L("保育所等の利用申込", "Applying for a nursery place"),
      where: { kind: "counter", place: WARD_WELFARE },
      bring: [L("就労証明書など、保育が必要なことがわかる書類", "Proof that care is needed (e.g. certificate of employment)")],
      why: L("保育が必要な理由（就労・病気・介護など）がある場合に申し込めます。3歳から5歳の保育料は無償です。", "You can apply when care is needed (work, illness, caring for someone); fees for ages 3 to 5 are free."),
    },
    {
      id: "afterschool",
      when: all(has("needs", "afterschool"), is("stage", "elementary")),
      procedure: "after-school-ikiiki",
      title: L("児童いきいき放課後事業の参加申込", "After-school programme (Ikiiki)"),
      where: { kind: "counter", place: L("小学校の「いきいき」活動室", "The Ikiiki room at the elementary school") },
      bring: [],
      why: L("大阪市立小学校で、放課後に子どもが安全に過ごせる場所です（参加費は無料・保険料などは実費）。", "A safe place after school at Osaka City elementary schools (free; insurance at cost)."),
    },
    {
      id: "school-assistance",
      when: all(has("needs", "money"), oneOf("stage", ["elementary", "junior"])),
      procedure: "school-expense-assistance",
      title: L("就学援助の申請", "School expense assistance"),
      where: { kind: "counter", place: L("在学している学校、または区役所", "Your child’s school or the ward office") },
      bring: [BANK],
      why: L("学用品費や修学旅行費などを援助します（所得の基準あり）。", "Helps with school supplies, trips and more (income criteria apply)."),
    },
    {
      id: "high-school-support",
      when: all(has("needs", "money"), is("stage", "high")),
      title: L("高等学校等就学支援金・授業料の支援", "Support with high-school tuition"),
      where: { kind: "other", place: L("在学している高校（国・大阪府の制度）", "Your child’s high school (state and Osaka Prefecture schemes)"), url: "https://www.mext.go.jp/a_menu/shotou/mushouka/" },
      bring: [L("マイナポータルなどで確認した課税情報", "Tax information (e.g. from Mynaportal)")],
      why: L("国の就学支援金と大阪府の授業料無償化で、授業料の負担が軽くなります。申請は学校を通じて行います。", "The state’s support fund and Osaka Prefecture’s free tuition reduce the fees; apply through the school."),
    },
    {
      id: "single-parent",
      when: has("needs", "single"),
      title: L("児童扶養手当・ひとり親家庭医療費助成", "Child-rearing allowance and medical subsidy for single parents"),
      where: { kind: "counter", place: WARD_WELFARE },
      bring: [L("戸籍謄本", "Family register copy"), BANK, ID],
      why: L("ひとり親家庭への手当と医療費の助成です（所得制限あり）。", "An allowance and medical cost support for single-parent families (income limits apply)."),
    },
    {
      id: "support-programmes",
      when: has("needs", "money"),
      title: L("子育て世帯向けの支援制度を探す", "Find support programmes for families"),
      where: { kind: "online", place: L("支援制度さがし", "Support-programme finder"), url: "/support-programmes?who=resident" },
      bring: [],
      why: L("国・大阪府・大阪市の手当や減免を、条件に合うものから探せます。", "Find allowances and reductions of the state, Osaka Prefecture and Osaka City that fit you."),
    },
  ],
  tests: [
    { name: "妊娠中", answers: { stage: "pregnant", due_date: "2026-10-01" } },
    { name: "小学生・放課後・お金", answers: { stage: "elementary", needs: ["afterschool", "money"], has_allowance: "yes" } },
  ],
};

// ---------------------------------------------------------------------------------------------
// 事業を始める

const business: NavigatorDefinition = {
  event: "business",
  title: L("事業を始める", "Starting a business"),
  summary: L("個人事業の開業や会社の設立のときに、税務署・府・市などに出す届出を確認できます。", "Find out what to file with the tax office, the prefecture and the city when you start a business or a company."),
  position: 90,
  questions: [
    single("form", L("どのような形で始めますか", "How will you run the business?"), [
      opt("sole", "個人事業主として開業する", "As a sole proprietor"),
      opt("corp", "会社（法人）を設立する", "By setting up a company"),
    ]),
    date("start_date", L("開業日（会社の場合は設立日）はいつですか", "When do you start (for a company: the date of incorporation)?"), {
      hint: L("予定日でもかまいません。", "A planned date is fine."),
    }),
    single("industry", L("どのような事業ですか", "What kind of business is it?"), [
      opt("food", "飲食店（カフェ・テイクアウトを含む）", "Food service (including cafés and take-away)"),
      opt("retail", "小売・卸売", "Retail or wholesale"),
      opt("service", "サービス業（美容・教室・ITなど）", "Services (beauty, lessons, IT, etc.)"),
      opt("manufacturing", "製造業・建設業", "Manufacturing or construction"),
      opt("other", "その他", "Other"),
    ]),
    yesno("employees", L("従業員を雇いますか", "Will you employ staff?"), { hint: L("家族だけの場合は「いいえ」を選んでください。", "If only family members work with you, choose No.") }),
    yesno("street_sign", L("店先の道路に看板や日よけを出しますか", "Will you put a sign or awning over the street?")),
  ],
  items: [
    {
      id: "opening-notice",
      when: is("form", "sole"),
      title: L("個人事業の開業届出書", "Notification of starting a sole proprietorship"),
      where: { kind: "other", place: TAX_OFFICE, url: "https://www.nta.go.jp/taxes/tetsuzuki/shinsei/annai/shinkoku/annai/04.htm" },
      bring: [L("マイナンバーカード（e-Taxで提出する場合）", "My Number Card (to file online with e-Tax)")],
      why: L("事業を始めたことを税務署に届け出ます。e-Taxでオンライン提出できます。", "Tells the tax office you have started; it can be filed online with e-Tax."),
      deadline: within("start_date", 1, L("所得税法第229条（開業の日から1か月以内）", "Income Tax Act, Article 229 (within 1 month)"), { unit: "months" }),
    },
    {
      id: "blue-return",
      when: is("form", "sole"),
      title: L("所得税の青色申告承認申請書（青色申告にする場合）", "Application for blue-form tax returns (optional)"),
      where: { kind: "other", place: TAX_OFFICE, url: "https://www.nta.go.jp/" },
      bring: [],
      why: L("青色申告にすると最高65万円の特別控除などが受けられます。開業の年から使うには期限までに申請します。", "Blue-form returns bring a special deduction of up to 650,000 yen; to use them from the first year, apply in time."),
      deadline: within("start_date", 2, L("所得税法第144条（開業の日から2か月以内）", "Income Tax Act, Article 144 (within 2 months)"), { unit: "months" }),
    },
    {
      id: "prefecture-business-tax",
      when: is("form", "sole"),
      title: L("事業開始等申告書（個人事業税）", "Business start report for the prefectural business tax"),
      where: { kind: "other", place: L("大阪府 府税事務所", "Osaka Prefecture tax office"), url: "https://www.pref.osaka.lg.jp/zei/" },
      bring: [],
      why: L("個人事業税は大阪府の税です。開業したら府税事務所に申告します（期限はデモ：速やかに）。", "The individual business tax is a prefectural tax: report the start to the prefectural tax office (deadline demo: promptly)."),
    },
    {
      id: "corporation-tax-office",
      when: is("form", "corp"),
      title: L("法人設立届出書（税務署）", "Notification of incorporation (tax office)"),
      where: { kind: "other", place: TAX_OFFICE, url: "https://www.nta.go.jp/" },
      bring: [L("定款の写し、登記事項証明書（e-Taxでは添付省略できる場合があります）", "Copy of the articles and the certificate of registered matters (may be omitted with e-Tax)")],
      why: L("設立した会社を税務署に届け出ます。", "Registers the new company with the tax office."),
      deadline: within("start_date", 2, L("法人税法第148条（設立の日から2か月以内）", "Corporation Tax Act, Article 148 (within 2 months)"), { unit: "months" }),
    },
    {
      id: "corporation-local-tax",
      when: is("form", "corp"),
      title: L("法人設立・設置届（大阪府・大阪市）", "Notification of incorporation to Osaka Prefecture and Osaka City"),
      where: { kind: "counter", place: L("大阪市 船場法人市税事務所（法人市民税）と大阪府 府税事務所", "Osaka City Semba Corporate Tax Office (municipal corporate tax) and the prefectural tax office") },
      bring: [L("定款の写し、登記事項証明書", "Copy of the articles and the certificate of registered matters")],
      why: L("法人住民税・事業税のために届け出ます。eLTAXでまとめて電子申請できます（期限はデモ）。", "Needed for local corporate taxes; eLTAX files both online (deadline demo)."),
      deadline: within("start_date", 1, L("大阪市市税条例（設立の日から1か月以内・デモ）", "Osaka City Tax Ordinance (within 1 month, demo)"), { unit: "months" }),
    },
    {
      id: "social-insurance",
      when: { any: [is("form", "corp"), is("employees", "yes")] },
      title: L("健康保険・厚生年金保険の新規適用届", "Registering for health insurance and employees’ pension"),
      where: { kind: "other", place: PENSION_OFFICE, url: "https://www.nenkin.go.jp/" },
      bring: [L("登記事項証明書（法人）、事業主の住民票（個人事業）など", "Certificate of registered matters (company) or the owner’s residence record (sole proprietor)")],
      why: L("法人は社長1人でも加入が義務です。個人事業は常時5人以上の従業員がいる場合（一部の業種を除く）に義務になります。", "Compulsory for every company, even with only the director; for sole proprietors with five or more regular employees (most industries)."),
      deadline: within("start_date", 5, L("健康保険法施行規則第19条（5日以内）", "Health Insurance Act Enforcement Regulations, Article 19 (within 5 days)"), { rollOver: false }),
    },
    {
      id: "labour-insurance",
      when: is("employees", "yes"),
      title: L("労働保険の保険関係成立届", "Registering for labour insurance"),
      where: { kind: "other", place: L("労働基準監督署", "Labour Standards Inspection Office"), url: "https://jsite.mhlw.go.jp/osaka-roudoukyoku/" },
      bring: [L("登記事項証明書または事業主の住民票", "Certificate of registered matters or the owner’s residence record")],
      why: L("従業員を1人でも雇ったら、労災保険の手続きが必要です。", "As soon as you employ anyone you need workers’ accident insurance."),
      deadline: within("start_date", 10, L("労働保険徴収法第4条の2（10日以内）", "Labour Insurance Premium Collection Act, Article 4-2 (within 10 days)"), { rollOver: false }),
    },
    {
      id: "employment-insurance",
      when: is("employees", "yes"),
      title: L("雇用保険適用事業所設置届", "Registering for employment insurance"),
      where: { kind: "other", place: L("ハローワーク", "Hello Work"), url: "https://www.hellowork.mhlw.go.jp/" },
      bring: [L("労働保険の保険関係成立届の控え", "Your copy of the labour insurance registration")],
      why: L("週20時間以上働く従業員を雇う場合に必要です。", "Needed when you employ staff working 20 hours a week or more."),
      deadline: within("start_date", 10, L("雇用保険法施行規則第141条（10日以内）", "Employment Insurance Act Enforcement Regulations, Article 141 (within 10 days)"), { rollOver: false }),
    },
    {
      id: "payroll-office",
      when: all(is("form", "sole"), is("employees", "yes")),
      title: L("給与支払事務所等の開設届出書", "Notification of opening a payroll office"),
      where: { kind: "other", place: TAX_OFFICE, url: "https://www.nta.go.jp/" },
      bring: [],
      why: L("従業員に給与を払い、源泉徴収をするために届け出ます。", "Needed to pay salaries and withhold income tax."),
      deadline: within("start_date", 1, L("所得税法第230条（1か月以内）", "Income Tax Act, Article 230 (within 1 month)"), { unit: "months" }),
    },
    {
      id: "food-permit",
      when: is("industry", "food"),
      procedure: "food-business-permit",
      title: L("飲食店営業許可の申請", "Food business permit"),
      where: { kind: "counter", place: L("お店の所在地の区の保健福祉センター（生活環境担当）", "The environmental health section of the ward where the shop is") },
      bring: [L("施設の図面", "Plan of the premises"), L("食品衛生責任者の資格を証明するもの", "Proof of the food hygiene supervisor qualification")],
      why: L("営業を始める前に許可が必要です（食品衛生法第55条）。工事の前に図面で相談し、完成後に施設の検査を受けます。開業日の2週間前までの申請をおすすめします。", "A permit is required before opening (Food Sanitation Act, Article 55). Discuss the plans before building work; the premises are inspected when finished. Apply at least two weeks before opening."),
    },
    {
      id: "road-occupancy",
      when: is("street_sign", "yes"),
      procedure: "road-occupancy-permit",
      title: L("道路占用許可の申請（看板・日よけ）", "Road occupancy permit (signs and awnings)"),
      where: { kind: "counter", place: L("建設局 各工営所", "Construction Bureau district office") },
      bring: [L("位置図・構造図", "Location map and drawings")],
      why: L("道路の上に看板や日よけを出すには許可が必要です。設置する前に申請してください。", "Signs or awnings over the street need a permit before they are put up."),
    },
    {
      id: "business-waste",
      title: L("事業系ごみの処理（許可業者との契約）", "Business waste (a contract with a licensed collector)"),
      where: { kind: "other", place: L("大阪市の一般廃棄物収集運搬業の許可業者", "A waste collector licensed by Osaka City"), url: "https://www.city.osaka.lg.jp/kankyo/" },
      bring: [],
      why: L("お店や事務所のごみは家庭ごみの収集には出せません。許可業者と契約するか、自分で処理施設に運びます。", "Business waste cannot go out with household waste: contract a licensed collector or take it to a facility."),
    },
    {
      id: "startup-support",
      title: L("創業の相談と補助金・融資を探す", "Start-up advice, grants and loans"),
      where: { kind: "online", place: L("支援制度さがし（国・大阪府・大阪市）", "Support-programme finder (state, Osaka Prefecture and Osaka City)"), url: "/support-programmes?who=business" },
      bring: [],
      why: L("日本政策金融公庫の創業融資、大阪府の制度融資、大阪産業創造館の創業相談など、条件に合う制度を探せます。", "Find start-up loans from Japan Finance Corporation, Osaka Prefecture’s loan schemes, advice at the Osaka Innovation Hub and more."),
    },
  ],
  tests: [
    { name: "個人・飲食店・従業員あり・看板", answers: { form: "sole", start_date: "2026-07-01", industry: "food", employees: "yes", street_sign: "yes" } },
    { name: "法人・サービス業", answers: { form: "corp", start_date: "2026-04-01", industry: "service", employees: "no", street_sign: "no" } },
  ],
};

/** The nine demo definitions, in list order. */
export const DEMO_DEFINITIONS: readonly NavigatorDefinition[] = [moving, birth, death, marriage, divorce, job, care, childcare, business];
