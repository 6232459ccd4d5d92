/**
 * What the bureaus (局) handle: permits, subsidies, notifications, registrations, certificates and
 * requests. Each scheme expands into the procedures of its life cycle — a permit is applied for,
 * changed, renewed and ended; a subsidy is applied for, changed, reported on and claimed; a
 * notification is made when a business starts, changes and closes; a registration is made,
 * changed and withdrawn. Demo data: schemes and legal bases follow real municipal practice,
 * amounts and details are made up.
 */
import type { LocalizedText } from "../../../../core/i18n/index.ts";
import type { FormDefinition, Option } from "../../forms/definition.ts";
import {
  activityPage,
  amountPage,
  applicantPage,
  attachmentsPage,
  bankPage,
  businessNamePage,
  businessPage,
  certificatePage,
  CHANGE_ITEMS,
  changePage,
  decisionReferencePage,
  declarationPage,
  deliveryPage,
  END_REASONS,
  endPage,
  form,
  L,
  opt,
  organisationPage,
  page,
  permitReferencePage,
  planPage,
  q,
  registrationReferencePage,
  resultsPage,
  sitePage,
} from "./forms.ts";
import type { PatternFee } from "./ward-patterns.ts";

/** One generated bureau procedure, before its department and references are attached. */
export type BureauProcedure = {
  slug: string;
  title: LocalizedText;
  reading: string;
  summary: LocalizedText;
  category: string;
  lifeEvents: string[];
  keywords: string[];
  whoCanApply: LocalizedText;
  whatYouNeed: LocalizedText[];
  fee: PatternFee;
  processingTime: LocalizedText;
  channel: "online" | "counter" | "both";
  legalBasis?: LocalizedText;
  form: FormDefinition | null;
};

type Common = { slug: string; ja: string; reading: string; en: string; keywords?: string[]; legal?: LocalizedText; category?: string; events?: string[] };

type Scheme =
  | (Common & { kind: "permit"; feeYen: number; place: LocalizedText })
  | (Common & { kind: "subsidy"; who: LocalizedText })
  | (Common & { kind: "notification"; verb: string; verbReading: string; businessKinds: Option[] })
  | (Common & { kind: "registration"; areas: Option[] })
  | (Common & { kind: "certificate"; feeYen: number })
  | (Common & { kind: "request"; summary: LocalizedText; detail: LocalizedText; channel?: "online" | "both" | "counter" });

export type Bureau = { code: string; category: string; lifeEvents: string[]; schemes: Scheme[] };

const permit = (slug: string, ja: string, reading: string, en: string, feeYen: number, place: LocalizedText, more: Partial<Common> = {}): Scheme => ({ kind: "permit", slug, ja, reading, en, feeYen, place, ...more });
const subsidy = (slug: string, ja: string, reading: string, en: string, who: LocalizedText, more: Partial<Common> = {}): Scheme => ({ kind: "subsidy", slug, ja, reading, en, who, ...more });
const notification = (slug: string, ja: string, reading: string, verb: string, verbReading: string, en: string, more: Partial<Common> = {}): Scheme => ({
  kind: "notification",
  slug,
  ja,
  reading,
  verb,
  verbReading,
  en,
  businessKinds: [opt("individual", "個人事業", "Sole trader"), opt("company", "法人", "Company"), opt("npo", "NPO・社会福祉法人など", "NPO, social welfare corporation or similar")],
  ...more,
});
const registration = (slug: string, ja: string, reading: string, en: string, areas: Option[], more: Partial<Common> = {}): Scheme => ({ kind: "registration", slug, ja, reading, en, areas, ...more });
const certificate = (slug: string, ja: string, reading: string, en: string, feeYen: number, more: Partial<Common> = {}): Scheme => ({ kind: "certificate", slug, ja, reading, en, feeYen, ...more });
const request = (slug: string, ja: string, reading: string, en: string, summary: LocalizedText, detail: LocalizedText, more: Partial<Common> & { channel?: "online" | "both" | "counter" } = {}): Scheme => ({ kind: "request", slug, ja, reading, en, summary, detail, ...more });

const HELP_AREAS: Option[] = [
  opt("events", "催しの運営", "Running events"),
  opt("visits", "訪問・話し相手", "Visits and conversation"),
  opt("office", "事務の手伝い", "Office work"),
  opt("outreach", "広報・啓発", "Publicity and awareness"),
];
const PERSON_OR_BODY = L("大阪市内で対象となる事業を行う個人・団体・事業者（要件は募集要項で確認してください）", "Individuals, groups or businesses carrying out an eligible project in Osaka City (see the call for applications)");

export const BUREAUS: Bureau[] = [
  {
    code: "welfare",
    category: "welfare",
    lifeEvents: ["care-elderly"],
    schemes: [
      subsidy("elderly-home-adaptation", "高齢者住宅改修費", "こうれいしゃじゅうたくかいしゅうひ", "Home adaptation for older people", L("要支援・要介護の認定を受けた方と同居する家族", "People certified as needing support or care, and the family they live with"), { keywords: ["手すり", "段差解消", "バリアフリー", "住宅改修"] }),
      subsidy("community-welfare-activity", "地域福祉活動", "ちいきふくしかつどう", "Community welfare activities", PERSON_OR_BODY, { keywords: ["地域福祉", "サロン", "見守り"] }),
      subsidy("disability-group-home", "障がい者グループホーム整備", "しょうがいしゃぐるーぷほーむせいび", "Building group homes for people with disabilities", PERSON_OR_BODY, { events: ["disability"], keywords: ["グループホーム", "障がい者", "施設整備"] }),
      subsidy("dementia-cafe", "認知症カフェ運営", "にんちしょうかふぇうんえい", "Running a dementia café", PERSON_OR_BODY, { keywords: ["認知症カフェ", "オレンジカフェ", "認知症"] }),
      notification("private-care-home", "有料老人ホーム", "ゆうりょうろうじんほーむ", "設置", "せっち", "Fee-based home for older people", { legal: L("老人福祉法第29条", "Act on Social Welfare for the Elderly, Article 29"), events: ["care-elderly", "business"] }),
      notification("disability-service-business", "障害福祉サービス事業", "しょうがいふくしさーびすじぎょう", "開始", "かいし", "Disability welfare service business", { legal: L("障害者総合支援法第79条", "Act on Comprehensive Support for Persons with Disabilities, Article 79"), events: ["disability", "business"] }),
      notification("elderly-home-support-business", "老人居宅生活支援事業", "ろうじんきょたくせいかつしえんじぎょう", "開始", "かいし", "Home living support for older people", { legal: L("老人福祉法第14条", "Act on Social Welfare for the Elderly, Article 14"), events: ["care-elderly", "business"] }),
      registration("welfare-volunteer", "福祉ボランティア", "ふくしぼらんてぃあ", "Welfare volunteer", HELP_AREAS, { keywords: ["ボランティア", "福祉"] }),
      registration("citizen-guardian", "市民後見人候補者", "しみんこうけんにんこうほしゃ", "Citizen guardian candidate", [opt("visits", "本人への訪問", "Visiting the person"), opt("money", "金銭の管理", "Managing money"), opt("paperwork", "手続きの代行", "Dealing with paperwork")], { keywords: ["成年後見", "市民後見人", "後見"] }),
      registration("care-support-volunteer", "介護支援ボランティア", "かいごしえんぼらんてぃあ", "Care support volunteer", HELP_AREAS, { keywords: ["介護", "ボランティア", "ポイント"] }),
      permit("senior-centre-use", "老人福祉センター目的外使用", "ろうじんふくしせんたーもくてきがいしよう", "Using a senior welfare centre for other purposes", 2000, L("使用する施設の所在地", "Address of the facility"), { legal: L("地方自治法第238条の4第7項", "Local Autonomy Act, Article 238-4(7)") }),
    ],
  },
  {
    code: "children",
    category: "childcare",
    lifeEvents: ["birth-childcare"],
    schemes: [
      subsidy("unlicensed-childcare-fees", "認可外保育施設利用料", "にんかがいほいくしせつりようりょう", "Fees at non-licensed childcare facilities", L("認可外保育施設を利用している0歳から2歳児の保護者", "Parents of children aged 0–2 at a non-licensed childcare facility"), { keywords: ["認可外保育", "保育料", "無償化"] }),
      subsidy("kids-cafeteria", "子ども食堂運営", "こどもしょくどううんえい", "Running a children’s cafeteria", PERSON_OR_BODY, { keywords: ["子ども食堂", "こども食堂", "居場所"] }),
      subsidy("after-school-club", "放課後児童クラブ運営", "ほうかごじどうくらぶうんえい", "Running an after-school club", PERSON_OR_BODY, { events: ["school"], keywords: ["学童保育", "放課後児童クラブ", "学童"] }),
      subsidy("sick-child-care", "病児保育施設整備", "びょうじほいくしせつせいび", "Sick-child care facilities", PERSON_OR_BODY, { keywords: ["病児保育", "病後児保育"] }),
      notification("unlicensed-childcare-facility", "認可外保育施設", "にんかがいほいくしせつ", "設置", "せっち", "Non-licensed childcare facility", { legal: L("児童福祉法第59条の2", "Child Welfare Act, Article 59-2"), events: ["birth-childcare", "business"] }),
      notification("home-based-childcare", "家庭的保育事業", "かていてきほいくじぎょう", "開始", "かいし", "Home-based childcare business", { legal: L("児童福祉法第34条の15", "Child Welfare Act, Article 34-15"), events: ["birth-childcare", "business"] }),
      notification("temporary-childcare", "一時預かり事業", "いちじあずかりじぎょう", "開始", "かいし", "Temporary childcare business", { legal: L("児童福祉法第34条の12", "Child Welfare Act, Article 34-12"), events: ["birth-childcare", "business"] }),
      registration("family-support-helper", "ファミリー・サポート・センター提供会員", "ふぁみりーさぽーとせんたーていきょうかいいん", "Family Support Centre helper", [opt("pickup", "保育所などへの送迎", "Taking children to and from nursery"), opt("care", "預かり", "Looking after children"), opt("sick", "病気のときの預かり", "Looking after sick children")], { keywords: ["ファミサポ", "子育て援助", "提供会員"] }),
      registration("parenting-supporter", "子育てサポーター", "こそだてさぽーたー", "Parenting supporter", HELP_AREAS, { keywords: ["子育て支援", "サポーター"] }),
      registration("foster-parent", "里親", "さとおや", "Foster parent", [opt("short", "短期の養育", "Short-term care"), opt("long", "長期の養育", "Long-term care"), opt("adoption", "養子縁組を前提とした養育", "Care leading to adoption")], { legal: L("児童福祉法第6条の4", "Child Welfare Act, Article 6-4"), keywords: ["里親", "養育", "養子縁組"] }),
      permit("children-culture-centre", "こども文化センター使用", "こどもぶんかせんたーしよう", "Using the Children’s Culture Centre", 3000, L("使用する施設", "The facility")),
    ],
  },
  {
    code: "health",
    category: "health",
    lifeEvents: ["health-medical"],
    schemes: [
      permit("confectionery-business", "菓子製造業", "かしせいぞうぎょう", "Confectionery manufacturing business", 16000, L("営業所の所在地", "Address of the premises"), { category: "business", events: ["business"], legal: L("食品衛生法第55条", "Food Sanitation Act, Article 55"), keywords: ["菓子", "製菓", "パン", "営業許可"] }),
      permit("meat-retail-business", "食肉販売業", "しょくにくはんばいぎょう", "Meat retail business", 9600, L("営業所の所在地", "Address of the premises"), { category: "business", events: ["business"], legal: L("食品衛生法第55条", "Food Sanitation Act, Article 55"), keywords: ["精肉", "肉屋", "営業許可"] }),
      permit("inn-business", "旅館業", "りょかんぎょう", "Hotel and inn business", 22000, L("施設の所在地", "Address of the premises"), { category: "business", events: ["business"], legal: L("旅館業法第3条", "Hotel Business Act, Article 3"), keywords: ["ホテル", "旅館", "簡易宿所", "民泊"] }),
      permit("public-bath-business", "公衆浴場業", "こうしゅうよくじょうぎょう", "Public bathhouse business", 22000, L("施設の所在地", "Address of the premises"), { category: "business", events: ["business"], legal: L("公衆浴場法第2条", "Public Bath Act, Article 2"), keywords: ["銭湯", "浴場", "サウナ"] }),
      notification("barbershop", "理容所", "りようしょ", "開設", "かいせつ", "Barbershop", { category: "business", events: ["business"], legal: L("理容師法第11条", "Barbers Act, Article 11"), keywords: ["理容", "床屋"] }),
      notification("beauty-salon", "美容所", "びようしょ", "開設", "かいせつ", "Beauty salon", { category: "business", events: ["business"], legal: L("美容師法第11条", "Beauticians Act, Article 11"), keywords: ["美容室", "ヘアサロン"] }),
      notification("dry-cleaner", "クリーニング所", "くりーにんぐしょ", "開設", "かいせつ", "Dry cleaner", { category: "business", events: ["business"], legal: L("クリーニング業法第5条", "Laundry Business Act, Article 5"), keywords: ["クリーニング", "洗濯"] }),
      notification("clinic", "診療所", "しんりょうじょ", "開設", "かいせつ", "Clinic", { legal: L("医療法第8条", "Medical Care Act, Article 8"), keywords: ["クリニック", "医院", "歯科"] }),
      subsidy("bone-marrow-donor", "骨髄等移植ドナー支援", "こつずいとういしょくどなーしえん", "Support for bone marrow donors", L("骨髄・末梢血幹細胞を提供した市民とその勤務先", "Residents who donated bone marrow or stem cells, and their employers"), { keywords: ["骨髄バンク", "ドナー"] }),
      subsidy("rubella-antibody-test", "風しん抗体検査", "ふうしんこうたいけんさ", "Rubella antibody tests", L("妊娠を希望する女性とその同居者", "Women planning a pregnancy and the people they live with"), { events: ["health-medical", "birth-childcare"], keywords: ["風しん", "風疹", "抗体検査"] }),
      registration("food-hygiene-promoter", "食品衛生推進員", "しょくひんえいせいすいしんいん", "Food hygiene promoter", HELP_AREAS, { keywords: ["食品衛生", "推進員"] }),
    ],
  },
  {
    code: "citizens",
    category: "living",
    lifeEvents: [],
    schemes: [
      subsidy("community-hall-building", "地域集会所建設", "ちいきしゅうかいじょけんせつ", "Building a community meeting hall", L("町会・自治会", "Neighbourhood associations"), { keywords: ["集会所", "会館", "町会"] }),
      subsidy("civic-activity", "市民活動推進", "しみんかつどうすいしん", "Civic activities", PERSON_OR_BODY, { keywords: ["市民活動", "NPO", "ボランティア団体"] }),
      subsidy("neighbourhood-association-drive", "町会加入促進", "ちょうかいかにゅうそくしん", "Neighbourhood association membership drives", L("町会・自治会", "Neighbourhood associations"), { keywords: ["町会", "自治会", "加入"] }),
      subsidy("consumer-education", "消費者教育推進", "しょうひしゃきょういくすいしん", "Consumer education", PERSON_OR_BODY, { keywords: ["消費者", "悪質商法", "詐欺"] }),
      registration("civic-group", "市民活動団体", "しみんかつどうだんたい", "Civic activity group", HELP_AREAS, { keywords: ["市民活動", "団体登録"] }),
      registration("consumer-supporter", "消費生活サポーター", "しょうひせいかつさぽーたー", "Consumer life supporter", HELP_AREAS, { keywords: ["消費生活", "見守り"] }),
      registration("gender-equality-promoter", "男女共同参画推進員", "だんじょきょうどうさんかくすいしんいん", "Gender equality promoter", HELP_AREAS, { keywords: ["男女共同参画", "ジェンダー"] }),
      permit("civic-exchange-centre", "市民交流センター使用", "しみんこうりゅうせんたーしよう", "Using a civic exchange centre", 2400, L("使用する施設", "The facility"), { legal: L("地方自治法第244条", "Local Autonomy Act, Article 244") }),
      permit("civic-learning-centre", "市民学習センター使用", "しみんがくしゅうせんたーしよう", "Using the Civic Learning Centre", 1800, L("使用する施設", "The facility"), { legal: L("地方自治法第244条", "Local Autonomy Act, Article 244"), category: "education" }),
      notification("authorised-neighbourhood-association", "認可地縁団体", "にんかちえんだんたい", "規約制定", "きやくせいてい", "Authorised neighbourhood association", { legal: L("地方自治法第260条の2", "Local Autonomy Act, Article 260-2"), keywords: ["地縁団体", "町会", "法人化"] }),
      notification("npo-office", "特定非営利活動法人の事務所", "とくていひえいりかつどうほうじんのじむしょ", "設置", "せっち", "Office of an NPO corporation", { legal: L("特定非営利活動促進法第25条", "Act on Promotion of Specified Non-profit Activities, Article 25"), keywords: ["NPO", "NPO法人", "事務所"] }),
    ],
  },
  {
    code: "finance",
    category: "tax",
    lifeEvents: ["tax"],
    schemes: [
      notification("corporate-tax-office", "法人の設立・事務所", "ほうじんのせつりつじむしょ", "設置", "せっち", "Company formation or new office (corporate resident tax)", { legal: L("地方税法第317条の2", "Local Tax Act, Article 317-2"), events: ["tax", "business"], keywords: ["法人市民税", "設立届"] }),
      notification("payroll-employee-change", "給与所得者異動", "きゅうよしょとくしゃいどう", "発生", "はっせい", "Changes of salaried employees (payroll report)", { legal: L("地方税法第321条の7", "Local Tax Act, Article 321-7"), events: ["tax", "employment"], keywords: ["特別徴収", "退職", "異動届"] }),
      notification("depreciable-assets", "償却資産", "しょうきゃくしさん", "取得", "しゅとく", "Depreciable assets (fixed asset tax)", { legal: L("地方税法第383条", "Local Tax Act, Article 383"), events: ["tax", "business"], keywords: ["償却資産申告", "固定資産税"] }),
      notification("business-office-tax", "事業所税の事業所", "じぎょうしょぜいのじぎょうしょ", "新設", "しんせつ", "Premises liable to business office tax", { legal: L("地方税法第701条の55", "Local Tax Act, Article 701-55"), events: ["tax", "business"], keywords: ["事業所税"] }),
      notification("tax-administrator", "納税管理人", "のうぜいかんりにん", "選任", "せんにん", "Tax administrator", { legal: L("地方税法第300条", "Local Tax Act, Article 300"), keywords: ["納税管理人", "海外転出"] }),
      registration("tax-direct-debit", "市税口座振替", "しぜいこうざふりかえ", "Direct debit of city taxes", [opt("resident_tax", "市・府民税（普通徴収）", "Resident tax"), opt("property_tax", "固定資産税・都市計画税", "Fixed asset and city planning tax"), opt("light_vehicle_tax", "軽自動車税", "Light vehicle tax")], { keywords: ["口座振替", "自動引き落とし", "納付"] }),
      certificate("tax-payment-certificate", "納税証明書", "のうぜいしょうめいしょ", "a tax payment certificate", 300, { keywords: ["納税証明", "完納証明"] }),
      certificate("property-valuation-certificate", "固定資産評価証明書", "こていしさんひょうかしょうめいしょ", "a fixed asset valuation certificate", 300, { keywords: ["評価証明", "固定資産税", "登記"] }),
      certificate("property-tax-certificate", "固定資産公課証明書", "こていしさんこうかしょうめいしょ", "a fixed asset tax certificate", 300, { keywords: ["公課証明", "固定資産税"] }),
      certificate("property-register-copy", "名寄帳の写し", "なよせちょうのうつし", "a copy of the property tax register", 300, { keywords: ["名寄帳", "なよせ", "相続"], events: ["tax", "bereavement"] }),
      certificate("housing-certificate", "住宅用家屋証明書", "じゅうたくようかおくしょうめいしょ", "a residential building certificate", 1300, { keywords: ["登録免許税", "住宅用家屋"], events: ["tax", "moving"] }),
      request("property-tax-reduction", "固定資産税の減免申請", "こていしさんぜいのげんめんしんせい", "Applying for a fixed asset tax reduction", L("災害などで土地・家屋に被害を受けたときなどに、固定資産税を減額・免除します。", "Fixed asset tax is reduced or waived when land or buildings were damaged by a disaster, among other cases."), L("被害の状況", "What was damaged"), { keywords: ["減免", "災害", "固定資産税"] }),
      request("resident-tax-reduction", "個人市民税の減免申請", "こじんしみんぜいのげんめんしんせい", "Applying for a resident tax reduction", L("失業や病気で収入が大きく減ったときなどに、市民税を減額・免除します。", "Resident tax is reduced or waived when income fell sharply because of unemployment or illness, among other cases."), L("収入が減った事情", "Why your income fell"), { keywords: ["減免", "失業", "市民税"], events: ["tax", "employment"] }),
      request("tax-payment-deferral", "徴収猶予の申請", "ちょうしゅうゆうよのしんせい", "Applying to defer payment of city taxes", L("災害や病気などで市税を一度に納められないとき、納付を最長1年猶予します。", "If you cannot pay city taxes at once because of a disaster or illness, payment can be deferred for up to a year."), L("納められない事情", "Why you cannot pay"), { keywords: ["猶予", "分割納付", "納税相談"] }),
      request("tax-refund-account", "還付金の振込先口座の届出", "かんぷきんのふりこみさきこうざのとどけで", "Bank account for tax refunds", L("市税の還付金を受け取る口座を届け出ます。", "Tell us the bank account for refunds of city taxes."), L("還付の通知に書かれている番号", "The number on the refund notice"), { keywords: ["還付", "過誤納金", "振込"] }),
    ],
  },
  {
    code: "environment",
    category: "environment",
    lifeEvents: ["waste-environment"],
    schemes: [
      permit("general-waste-collection", "一般廃棄物収集運搬業", "いっぱんはいきぶつしゅうしゅううんぱんぎょう", "General waste collection and transport business", 10000, L("事業所の所在地", "Address of the business"), { category: "business", events: ["business", "waste-environment"], legal: L("廃棄物の処理及び清掃に関する法律第7条", "Waste Management Act, Article 7"), keywords: ["ごみ収集", "廃棄物", "収集運搬"] }),
      permit("general-waste-disposal", "一般廃棄物処分業", "いっぱんはいきぶつしょぶんぎょう", "General waste disposal business", 10000, L("処分施設の所在地", "Address of the disposal facility"), { category: "business", events: ["business", "waste-environment"], legal: L("廃棄物の処理及び清掃に関する法律第7条", "Waste Management Act, Article 7"), keywords: ["処分", "廃棄物", "リサイクル"] }),
      permit("septic-tank-cleaning", "浄化槽清掃業", "じょうかそうせいそうぎょう", "Septic tank cleaning business", 10000, L("事業所の所在地", "Address of the business"), { category: "business", events: ["business"], legal: L("浄化槽法第35条", "Johkasou Act, Article 35"), keywords: ["浄化槽", "清掃"] }),
      notification("noise-facility", "騒音規制法に基づく特定施設", "そうおんきせいほうにもとづくとくていしせつ", "設置", "せっち", "Noise-regulated facility", { legal: L("騒音規制法第6条", "Noise Regulation Act, Article 6"), events: ["business", "waste-environment"], keywords: ["騒音", "工場", "特定施設"] }),
      notification("vibration-facility", "振動規制法に基づく特定施設", "しんどうきせいほうにもとづくとくていしせつ", "設置", "せっち", "Vibration-regulated facility", { legal: L("振動規制法第6条", "Vibration Regulation Act, Article 6"), events: ["business", "waste-environment"], keywords: ["振動", "工場", "特定施設"] }),
      notification("smoke-facility", "ばい煙発生施設", "ばいえんはっせいしせつ", "設置", "せっち", "Smoke-emitting facility", { legal: L("大気汚染防止法第6条", "Air Pollution Control Act, Article 6"), events: ["business", "waste-environment"], keywords: ["ばい煙", "ボイラー", "大気汚染"] }),
      notification("construction-noise-work", "特定建設作業", "とくていけんせつさぎょう", "実施", "じっし", "Specified construction work (noise and vibration)", { legal: L("騒音規制法第14条", "Noise Regulation Act, Article 14"), events: ["business", "waste-environment"], keywords: ["建設作業", "騒音", "工事"] }),
      notification("waste-manager", "廃棄物管理責任者", "はいきぶつかんりせきにんしゃ", "選任", "せんにん", "Waste manager of a large building", { legal: L("大阪市廃棄物の減量推進及び適正処理並びに生活環境の清潔保持に関する条例", "Osaka City Waste Reduction Ordinance"), events: ["business", "waste-environment"], keywords: ["廃棄物管理責任者", "事業系ごみ", "減量計画"] }),
      subsidy("home-solar", "住宅用太陽光発電設備設置", "じゅうたくようたいようこうはつでんせつびせっち", "Home solar power", L("市内の自宅に設備を設置する方", "People installing equipment at their home in Osaka City"), { keywords: ["太陽光", "ソーラー", "省エネ", "蓄電池"] }),
      subsidy("food-waste-disposer", "生ごみ処理機購入", "なまごみしょりきこうにゅう", "Buying a food-waste composter", L("市内に住む方", "Residents of Osaka City"), { keywords: ["生ごみ", "コンポスト", "処理機"] }),
      subsidy("community-recycling", "集団回収活動", "しゅうだんかいしゅうかつどう", "Community recycling collections", L("古紙・衣類の集団回収を行う町会・PTAなど", "Neighbourhood associations, PTAs and others collecting paper and clothes for recycling"), { keywords: ["集団回収", "古紙", "資源ごみ"] }),
      registration("environment-education-supporter", "環境学習サポーター", "かんきょうがくしゅうさぽーたー", "Environmental education supporter", HELP_AREAS, { keywords: ["環境学習", "エコ"] }),
    ],
  },
  {
    code: "urban",
    category: "living",
    lifeEvents: ["moving"],
    schemes: [
      subsidy("old-housing-rebuild", "民間老朽住宅建替", "みんかんろうきゅうじゅうたくたてかえ", "Rebuilding old private housing", L("古い木造住宅を建て替える所有者", "Owners rebuilding old wooden houses"), { keywords: ["建替", "老朽住宅", "密集市街地"] }),
      subsidy("seismic-retrofit", "耐震診断・改修", "たいしんしんだんかいしゅう", "Earthquake resistance checks and retrofits", L("昭和56年5月以前に建てられた住宅の所有者", "Owners of houses built before June 1981"), { keywords: ["耐震", "地震", "改修", "診断"] }),
      subsidy("vacant-house-renovation", "空家利活用改修", "あきやりかつようかいしゅう", "Renovating empty houses for new use", L("空家を住宅・地域の拠点として活用する所有者など", "Owners and others renovating empty houses for homes or community use"), { keywords: ["空き家", "空家", "リノベーション"] }),
      subsidy("family-home-purchase", "新婚・子育て世帯向け分譲住宅購入", "しんこんこそだてせたいむけぶんじょうじゅうたくこうにゅう", "Home purchase by newly-wed and child-raising households", L("新婚世帯・子育て世帯", "Newly-wed households and households raising children"), { events: ["moving", "marriage-divorce", "birth-childcare"], keywords: ["住宅ローン", "利子補給", "新婚", "子育て世帯"] }),
      permit("municipal-housing-parking", "市営住宅駐車場使用", "しえいじゅうたくちゅうしゃじょうしよう", "Parking at municipal housing", 0, L("市営住宅の名称と住所", "Name and address of the housing estate"), { keywords: ["市営住宅", "駐車場"] }),
      notification("building-agreement", "建築協定", "けんちくきょうてい", "締結", "ていけつ", "Building agreement", { legal: L("建築基準法第70条", "Building Standards Act, Article 70"), keywords: ["建築協定", "まちなみ"] }),
      notification("landscape-activity", "景観計画区域内の行為", "けいかんけいかくくいきないのこうい", "着手", "ちゃくしゅ", "Building work in a landscape planning area", { legal: L("景観法第16条", "Landscape Act, Article 16"), keywords: ["景観", "建築", "外観"] }),
      notification("home-sharing-business", "住宅宿泊事業", "じゅうたくしゅくはくじぎょう", "開始", "かいし", "Home-sharing (minpaku) business", { legal: L("住宅宿泊事業法第3条", "Residential Accommodation Business Act, Article 3"), events: ["business"], keywords: ["民泊", "みんぱく", "住宅宿泊"] }),
      request("municipal-housing-cohabitation", "市営住宅の同居承認申請", "しえいじゅうたくのどうきょしょうにんしんせい", "Permission for someone to move into municipal housing", L("市営住宅に家族などを新たに同居させるときに申請します。", "Apply before a family member or other person moves into your municipal flat."), L("同居する方と理由", "Who will move in and why"), { events: ["moving", "marriage-divorce"], keywords: ["市営住宅", "同居"] }),
      request("municipal-housing-succession", "市営住宅の名義承継申請", "しえいじゅうたくのめいぎしょうけいしんせい", "Taking over the tenancy of municipal housing", L("名義人が亡くなったり転出したりしたときに、同居の家族が名義を引き継ぐための申請です。", "When the tenant dies or moves out, a family member living there can take over the tenancy."), L("承継する事情", "Why you are taking over"), { events: ["moving", "bereavement"], keywords: ["市営住宅", "名義変更", "承継"] }),
      request("municipal-housing-alteration", "市営住宅の模様替え承認申請", "しえいじゅうたくのもようがえしょうにんしんせい", "Permission to alter a municipal flat", L("手すりの設置など、市営住宅の住戸を模様替えするときに申請します。", "Apply before altering your municipal flat, for example fitting handrails."), L("模様替えの内容", "What you want to change")),
      request("municipal-housing-move-out", "市営住宅の退去届", "しえいじゅうたくのたいきょとどけ", "Moving out of municipal housing", L("市営住宅を退去するときは、退去の14日前までに届け出てください。", "Tell us at least 14 days before you move out of municipal housing."), L("退去の予定日と転居先", "Moving-out date and new address"), { keywords: ["市営住宅", "退去", "引越し"] }),
    ],
  },
  {
    code: "construction",
    category: "living",
    lifeEvents: [],
    schemes: [
      permit("park-occupancy", "公園占用", "こうえんせんよう", "Park occupancy", 0, L("占用する公園と場所", "Which park and where"), { legal: L("都市公園法第6条", "Urban Parks Act, Article 6"), keywords: ["公園", "占用", "電柱"] }),
      permit("park-activity", "公園内行為", "こうえんないこうい", "Events and filming in parks", 0, L("使用する公園と場所", "Which park and where"), { legal: L("大阪市公園条例第4条", "Osaka City Park Ordinance, Article 4"), keywords: ["公園", "イベント", "撮影", "ロケ"] }),
      permit("river-occupancy", "河川占用", "かせんせんよう", "River occupancy", 0, L("占用する河川と場所", "Which river and where"), { legal: L("河川法第24条", "River Act, Article 24"), keywords: ["河川", "占用", "川"] }),
      permit("own-expense-road-works", "自費工事", "じひこうじ", "Road works at your own expense", 0, L("工事をする道路の場所", "Where on the road"), { legal: L("道路法第24条", "Road Act, Article 24"), keywords: ["乗り入れ", "歩道切り下げ", "道路工事"] }),
      permit("outdoor-advertising", "屋外広告物表示", "おくがいこうこくぶつひょうじ", "Outdoor advertising", 4600, L("広告物を出す場所", "Where the advertisement will be"), { category: "business", events: ["business"], legal: L("大阪市屋外広告物条例", "Osaka City Outdoor Advertising Ordinance"), keywords: ["看板", "広告", "屋外広告物"] }),
      permit("park-facility", "公園施設設置", "こうえんしせつせっち", "Park facilities built by others", 0, L("設置する公園と場所", "Which park and where"), { legal: L("都市公園法第5条", "Urban Parks Act, Article 5"), keywords: ["公園施設", "売店"] }),
      registration("bicycle-parking-pass", "自転車駐車場定期利用", "じてんしゃちゅうしゃじょうていきりよう", "Season pass for bicycle parking", [opt("bicycle", "自転車", "Bicycle"), opt("moped", "原動機付自転車", "Moped")], { keywords: ["駐輪場", "定期", "自転車"] }),
      subsidy("private-road-paving", "私道舗装整備", "しどうほそうせいび", "Paving private roads", L("私道の所有者・関係者の代表", "Representative of the owners of a private road"), { keywords: ["私道", "舗装"] }),
      subsidy("private-land-greening", "民有地緑化", "みんゆうちりょくか", "Greening private land", L("敷地や屋上を緑化する所有者", "Owners greening their land or roof"), { keywords: ["緑化", "屋上緑化", "生垣"] }),
      request("road-boundary", "道路境界確定の申請", "どうろきょうかいかくていのしんせい", "Fixing the boundary between a road and your land", L("市道と隣接する土地との境界を確定します。土地の売買や建築の前に必要になることがあります。", "Fixes the boundary between a city road and your land, often needed before a sale or building work."), L("土地の所在地番と確定が必要な理由", "Lot number and why it is needed"), { channel: "both", keywords: ["境界", "境界確定", "測量", "土地"] }),
      request("impounded-bicycle-return", "撤去自転車の返還申請", "てっきょじてんしゃのへんかんしんせい", "Getting back a removed bicycle", L("放置禁止区域から撤去された自転車を、保管所で返還します（保管料2,500円）。", "Bicycles removed from no-parking areas are returned at the storage site (storage fee 2,500 yen)."), L("撤去された日と場所", "When and where it was removed"), { channel: "counter", keywords: ["放置自転車", "撤去", "保管所"] }),
      request("road-damage-report", "道路の損傷の通報", "どうろのそんしょうのつうほう", "Reporting damage to a road", L("道路の穴・段差、ガードレールの破損などを通報できます。緊急の場合は電話してください。", "Report potholes, broken kerbs or damaged guard rails. In an emergency, phone us."), L("損傷の場所と状況", "Where and what")),
      request("street-tree-pruning", "街路樹の剪定の要望", "がいろじゅのせんていのようぼう", "Asking for a street tree to be pruned", L("信号や標識が見えにくいなど、街路樹の剪定が必要な場所を知らせてください。", "Tell us where a street tree needs pruning, for example because it hides a signal or sign."), L("木の場所と困っていること", "Where the tree is and what the problem is")),
    ],
  },
  {
    code: "economy",
    category: "business",
    lifeEvents: ["business"],
    schemes: [
      subsidy("sme-market-development", "中小企業販路開拓", "ちゅうしょうきぎょうはんろかいたく", "Market development for small businesses", L("市内の中小企業", "Small and medium-sized businesses in Osaka City"), { keywords: ["販路開拓", "展示会", "中小企業"] }),
      subsidy("shopping-street", "商店街活性化", "しょうてんがいかっせいか", "Reviving shopping streets", L("市内の商店街振興組合など", "Shopping street associations in Osaka City"), { keywords: ["商店街", "にぎわい", "イベント"] }),
      subsidy("startup", "創業支援", "そうぎょうしえん", "Starting a business", L("市内で創業して5年以内の方", "People who started a business in Osaka City within the last 5 years"), { keywords: ["創業", "起業", "スタートアップ"] }),
      subsidy("manufacturing-rd", "ものづくり技術開発", "ものづくりぎじゅつかいはつ", "Manufacturing technology development", L("市内の製造業の中小企業", "Small manufacturers in Osaka City"), { keywords: ["ものづくり", "技術開発", "製造業"] }),
      subsidy("arts-activity", "文化芸術活動", "ぶんかげいじゅつかつどう", "Arts and culture activities", PERSON_OR_BODY, { category: "living", keywords: ["文化", "芸術", "公演"] }),
      permit("central-public-hall", "中央公会堂使用", "ちゅうおうこうかいどうしよう", "Using Osaka City Central Public Hall", 60000, L("使用する部屋", "Which room"), { category: "living", legal: L("地方自治法第244条", "Local Autonomy Act, Article 244"), keywords: ["中央公会堂", "ホール", "会場"] }),
      permit("sports-facility", "スポーツ施設専用使用", "すぽーつしせつせんようしよう", "Exclusive use of a sports facility", 8000, L("使用する施設", "Which facility"), { category: "living", legal: L("地方自治法第244条", "Local Autonomy Act, Article 244"), keywords: ["体育館", "グラウンド", "大会"] }),
      notification("large-retail-store", "大規模小売店舗", "だいきぼこうりてんぽ", "新設", "しんせつ", "Large retail store", { legal: L("大規模小売店舗立地法第5条", "Large-Scale Retail Stores Location Act, Article 5"), keywords: ["大店立地法", "大規模小売店舗", "スーパー"] }),
      registration("volunteer-tourist-guide", "観光ボランティアガイド", "かんこうぼらんてぃあがいど", "Volunteer tourist guide", [opt("japanese", "日本語での案内", "Guiding in Japanese"), opt("english", "英語での案内", "Guiding in English"), opt("other_language", "その他の言語での案内", "Guiding in another language")], { keywords: ["観光", "ガイド", "インバウンド"] }),
      request("startup-support-certificate", "特定創業支援等事業の証明書の交付申請", "とくていそうぎょうしえんとうじぎょうのしょうめいしょのこうふしんせい", "Certificate of completing business start-up support", L("創業セミナーなどを修了した方に証明書を交付します。会社設立時の登録免許税の軽減などに使えます。", "Issued to people who completed start-up seminars; it lowers the registration tax when founding a company."), L("受講したセミナーの名称と修了日", "Which seminar and when you completed it"), { keywords: ["創業", "証明書", "登録免許税"] }),
      request("safety-net-certification", "セーフティネット保証の認定申請", "せーふてぃねっとほしょうのにんていしんせい", "Safety-net guarantee certification for small businesses", L("売上が減少した中小企業が、信用保証協会の保証を受けるための認定を申請します。", "Small businesses whose sales have fallen apply for certification to get a credit guarantee."), L("売上の減少の状況", "How your sales have fallen"), { legal: L("中小企業信用保険法第2条第5項", "Small and Medium-sized Enterprise Credit Insurance Act, Article 2(5)"), keywords: ["セーフティネット", "信用保証", "融資"] }),
    ],
  },
  {
    code: "education",
    category: "education",
    lifeEvents: ["school"],
    schemes: [
      permit("school-facility-use", "学校施設開放", "がっこうしせつかいほう", "Community use of school facilities", 0, L("使用する学校と施設", "Which school and facility"), { legal: L("学校施設の確保に関する政令", "Cabinet Order on School Facilities"), keywords: ["学校開放", "体育館", "運動場"] }),
      permit("library-meeting-room", "図書館集会室使用", "としょかんしゅうかいしつしよう", "Using a library meeting room", 0, L("使用する図書館", "Which library"), { keywords: ["図書館", "集会室"] }),
      subsidy("social-education-group", "社会教育関係団体活動", "しゃかいきょういくかんけいだんたいかつどう", "Activities of social education groups", PERSON_OR_BODY, { keywords: ["社会教育", "PTA", "子ども会"] }),
      registration("school-volunteer", "学校支援ボランティア", "がっこうしえんぼらんてぃあ", "School support volunteer", [opt("reading", "読み聞かせ", "Reading to children"), opt("study", "学習の手伝い", "Helping with study"), opt("safety", "登下校の見守り", "Watching the way to school")], { keywords: ["学校ボランティア", "読み聞かせ", "見守り"] }),
      registration("library-volunteer", "図書館ボランティア", "としょかんぼらんてぃあ", "Library volunteer", [opt("reading", "おはなし会", "Storytelling"), opt("shelving", "配架・修理", "Shelving and repairs"), opt("delivery", "宅配サービス", "Home delivery")], { keywords: ["図書館", "おはなし会"] }),
      registration("social-education-registration", "社会教育関係団体", "しゃかいきょういくかんけいだんたい", "Social education group", HELP_AREAS, { keywords: ["社会教育", "団体登録"] }),
      request("designated-school-change", "就学校の変更の申立", "しゅうがっこうのへんこうのもうしたて", "Asking to attend a different school", L("いじめや通学の事情などで、指定された小・中学校以外への就学を希望するときに申し立てます。", "Ask for your child to attend a school other than the designated one, for example because of bullying or the journey."), L("変更を希望する学校と理由", "Which school and why"), { keywords: ["就学校", "学校変更", "転校"] }),
      request("out-of-area-schooling", "区域外就学の申請", "くいきがいしゅうがくのしんせい", "Attending a school outside Osaka City", L("大阪市に住みながら市外の学校に、または市外に住みながら市内の学校に通うための申請です。", "Apply for your child to attend a school outside the city while living in it, or the other way round."), L("通学を希望する学校と理由", "Which school and why"), { events: ["school", "moving"], keywords: ["区域外就学", "越境"] }),
      request("graduation-certificate", "卒業証明書の交付申請", "そつぎょうしょうめいしょのこうふしんせい", "Certificate of graduation from a closed city school", L("閉校した市立学校の卒業証明書を交付します。", "Certificates of graduation from city schools that have closed."), L("学校名と卒業年", "School and year of graduation"), { channel: "both", keywords: ["卒業証明", "閉校"] }),
      request("osaka-scholarship", "大阪市奨学費の申請", "おおさかししょうがくひのしんせい", "Osaka City scholarship for high school students", L("経済的な理由で修学が難しい高校生などに奨学費を給付します。", "Grants for high school students who find it hard to continue school for financial reasons."), L("世帯の状況", "Your household’s situation"), { keywords: ["奨学金", "奨学費", "高校生"] }),
      request("japanese-language-support", "日本語指導の申込", "にほんごしどうのもうしこみ", "Japanese language support at school", L("日本語の指導が必要な児童・生徒に、学校で日本語の指導を行います。", "Japanese lessons at school for children who need them."), L("お子さんの日本語の状況", "Your child’s Japanese"), { keywords: ["日本語指導", "帰国", "外国籍"] }),
      request("resource-room", "通級指導教室の利用申込", "つうきゅうしどうきょうしつのりようもうしこみ", "Resource room (通級) for children who need support", L("ことばや発達に課題のある児童・生徒が、週に数時間、通級指導教室で指導を受けるための申込です。", "Children with speech or developmental needs can spend a few hours a week in a resource room."), L("お子さんの状況", "Your child’s needs"), { events: ["school", "disability"], keywords: ["通級", "特別支援", "発達"] }),
    ],
  },
];

// ---------------------------------------------------------------------------------------
// Expanding a scheme into procedures

const NOT_YET = L("（デモ）", " (demo)");
const EXTRA_WHO = L("代理人（行政書士など）による申請もできます。", "A representative (for example an administrative scrivener) may apply for you.");

function demo(text: LocalizedText): LocalizedText {
  return { ja: `${text.ja}${NOT_YET.ja}`, en: `${text.en}${NOT_YET.en}` };
}

function base(bureau: Bureau, scheme: Scheme, suffix: string, title: LocalizedText, reading: string, extraKeywords: string[]): Omit<BureauProcedure, "summary" | "whoCanApply" | "whatYouNeed" | "fee" | "processingTime" | "channel" | "form"> {
  return {
    slug: `${bureau.code}-${scheme.slug}${suffix}`,
    title,
    reading,
    category: scheme.category ?? bureau.category,
    lifeEvents: scheme.events ?? bureau.lifeEvents,
    keywords: [scheme.ja, scheme.reading, ...(scheme.keywords ?? []), ...extraKeywords],
    ...(scheme.legal ? { legalBasis: scheme.legal } : {}),
  };
}

function permitProcedures(bureau: Bureau, s: Extract<Scheme, { kind: "permit" }>): BureauProcedure[] {
  const fee = (amount: number): PatternFee => (amount > 0 ? { amountYen: amount, note: L("手数料は条例で定める額です（デモの金額）。", "The fee is set by ordinance (demo amount).") } : null);
  const who = L(`${s.ja}の許可を受けようとする個人・法人。${EXTRA_WHO.ja}`, `Individuals or companies that need the permit. ${EXTRA_WHO.en}`);
  const kinds = [opt("new", "新しく始める", "Starting new"), opt("relocation", "移転", "Moving")];
  return [
    {
      ...base(bureau, s, "-permit", L(`${s.ja}許可申請`, `Permit application: ${s.en}`), `${s.reading}きょかしんせい`, ["許可", "きょか", "新規"]),
      summary: L(`${s.ja}の許可を申請します。審査と現地の確認のうえ、許可書を交付します。`, `Apply for a permit for: ${s.en}. After review and an inspection we issue the permit.`),
      whoCanApply: who,
      whatYouNeed: [L("位置図・平面図", "Location map and floor plan"), L("法人の場合は登記事項証明書", "For a company: certificate of registered matters")],
      fee: fee(s.feeYen),
      processingTime: demo(L("標準処理期間は30日です", "The standard processing time is 30 days")),
      channel: "both",
      form: form(applicantPage({ kind: true }), organisationPage(), sitePage(s.place), page("purpose", L("申請の区分", "Type of application"), [q("permit_kind", "single", L("区分", "Type"), { options: kinds })]), attachmentsPage(L("位置図・平面図", "Location map and floor plan"), L("写真", "Photos")), declarationPage()),
    },
    {
      ...base(bureau, s, "-permit-change", L(`${s.ja}変更許可申請`, `Permit change: ${s.en}`), `${s.reading}へんこうきょかしんせい`, ["変更", "へんこう"]),
      summary: L(`${s.ja}の許可を受けた内容（場所・面積・構造など）を変更するときに申請します。`, `Apply before changing what your permit covers (place, area, structure and so on): ${s.en}.`),
      whoCanApply: L("許可を受けている方", "The permit holder"),
      whatYouNeed: [L("変更後の図面", "Plans after the change"), L("許可書の写し", "Copy of the permit")],
      fee: fee(Math.round(s.feeYen / 2)),
      processingTime: demo(L("標準処理期間は20日です", "The standard processing time is 20 days")),
      channel: "both",
      form: form(applicantPage(), permitReferencePage(), changePage(CHANGE_ITEMS), attachmentsPage(L("変更後の図面", "Plans after the change")), declarationPage()),
    },
    {
      ...base(bureau, s, "-permit-renewal", L(`${s.ja}許可更新申請`, `Permit renewal: ${s.en}`), `${s.reading}きょかこうしんしんせい`, ["更新", "こうしん"]),
      summary: L(`${s.ja}の許可の期間を更新します。期間が終わる1か月前までに申請してください。`, `Renew the permit (${s.en}) at least a month before it expires.`),
      whoCanApply: L("許可を受けている方", "The permit holder"),
      whatYouNeed: [L("許可書の写し", "Copy of the permit")],
      fee: fee(Math.round((s.feeYen * 0.6) / 100) * 100),
      processingTime: demo(L("標準処理期間は20日です", "The standard processing time is 20 days")),
      channel: "online",
      form: form(applicantPage(), permitReferencePage(), sitePage(s.place), declarationPage()),
    },
    {
      ...base(bureau, s, "-closure", L(`${s.ja}廃止届`, `Notice of ending: ${s.en}`), `${s.reading}はいしとどけ`, ["廃止", "はいし", "やめる"]),
      summary: L(`${s.ja}をやめたときは、10日以内に届け出てください。`, `Tell us within 10 days when you stop: ${s.en}.`),
      whoCanApply: L("許可を受けていた方", "The permit holder"),
      whatYouNeed: [L("許可書（返納します）", "The permit (to be returned)")],
      fee: null,
      processingTime: L("届出を受け付けたときに完了します。", "Complete when we receive it."),
      channel: "online",
      form: form(applicantPage(), permitReferencePage(), endPage(END_REASONS), declarationPage()),
    },
  ];
}

function subsidyProcedures(bureau: Bureau, s: Extract<Scheme, { kind: "subsidy" }>): BureauProcedure[] {
  const legal = s.legal ?? L("大阪市補助金等交付規則", "Osaka City Rules on Grants");
  const withLegal = { ...s, legal };
  return [
    {
      ...base(bureau, withLegal, "-subsidy", L(`${s.ja}補助金交付申請`, `${s.en} subsidy: application`), `${s.reading}ほじょきんこうふしんせい`, ["補助金", "ほじょきん", "助成", "申請"]),
      summary: L(`${s.ja}にかかる費用の一部を補助します。予算の範囲内で、申請の順に審査します。`, `Part of the cost is subsidised: ${s.en}. Applications are reviewed in order, within the budget.`),
      whoCanApply: s.who,
      whatYouNeed: [L("事業計画書", "Project plan"), L("見積書", "Quotation")],
      fee: null,
      processingTime: demo(L("申請から30日以内に交付決定をお知らせします", "The grant decision is sent within 30 days")),
      channel: "both",
      form: form(applicantPage({ kind: true }), organisationPage(), planPage(), attachmentsPage(L("事業計画書・見積書", "Project plan and quotation"), L("その他の資料", "Other documents")), bankPage(), declarationPage(L("補助金は申請した事業にだけ使います。", "I will use the subsidy only for the project described."))),
    },
    {
      ...base(bureau, withLegal, "-subsidy-change", L(`${s.ja}補助金変更承認申請`, `${s.en} subsidy: change of plan`), `${s.reading}ほじょきんへんこうしょうにんしんせい`, ["変更", "計画変更"]),
      summary: L(`交付決定を受けた${s.ja}の事業の内容や経費を変更するときは、事前に承認を受けてください。`, `Get approval before changing the project or its costs after the grant decision (${s.en}).`),
      whoCanApply: L("交付決定を受けた方", "Grant recipients"),
      whatYouNeed: [L("変更後の事業計画書", "Revised project plan")],
      fee: null,
      processingTime: demo(L("20日以内に承認の可否をお知らせします", "We reply within 20 days")),
      channel: "online",
      form: form(applicantPage(), decisionReferencePage(), page("revision", L("変更の内容", "The change"), [q("revision_detail", "textarea", L("変更の内容と理由", "What changes and why"), { maxLength: 1000 }), q("revision_amount_yen", "number", L("変更後の補助申請額（円）", "Revised amount requested (yen)"), { min: 0, max: 100000000 })]), declarationPage()),
    },
    {
      ...base(bureau, withLegal, "-subsidy-report", L(`${s.ja}補助金実績報告`, `${s.en} subsidy: report on results`), `${s.reading}ほじょきんじっせきほうこく`, ["実績報告", "じっせきほうこく"]),
      summary: L(`${s.ja}の事業が終わったら30日以内に、実施内容と経費を報告してください。報告をもとに補助金の額を確定します。`, `Within 30 days after the project (${s.en}) ends, report what was done and spent; the final amount is based on it.`),
      whoCanApply: L("交付決定を受けた方", "Grant recipients"),
      whatYouNeed: [L("収支決算書", "Statement of accounts"), L("領収書の写し", "Copies of receipts")],
      fee: null,
      processingTime: demo(L("報告から30日以内に額の確定をお知らせします", "The final amount is confirmed within 30 days")),
      channel: "online",
      form: form(applicantPage(), decisionReferencePage(), resultsPage(), attachmentsPage(L("収支決算書・領収書の写し", "Statement of accounts and copies of receipts"), L("写真", "Photos")), declarationPage()),
    },
    {
      ...base(bureau, withLegal, "-subsidy-claim", L(`${s.ja}補助金交付請求`, `${s.en} subsidy: payment claim`), `${s.reading}ほじょきんこうふせいきゅう`, ["請求", "せいきゅう", "振込"]),
      summary: L(`額の確定を受けた${s.ja}の補助金の支払を請求します。`, `Claim payment of the confirmed subsidy (${s.en}).`),
      whoCanApply: L("額の確定を受けた方", "Recipients whose amount has been confirmed"),
      whatYouNeed: [L("額の確定通知書", "Notice of the confirmed amount")],
      fee: null,
      processingTime: demo(L("請求から30日以内に振り込みます", "Paid within 30 days")),
      channel: "online",
      form: form(applicantPage(), decisionReferencePage(), amountPage(L("請求する額（円）", "Amount claimed (yen)")), bankPage(), declarationPage()),
    },
  ];
}

function notificationProcedures(bureau: Bureau, s: Extract<Scheme, { kind: "notification" }>): BureauProcedure[] {
  const who = L(`${s.ja}の事業者（個人・法人）。${EXTRA_WHO.ja}`, `The business (individual or company). ${EXTRA_WHO.en}`);
  return [
    {
      ...base(bureau, s, "-notification", L(`${s.ja}${s.verb}届`, `${s.en}: notification`), `${s.reading}${s.verbReading}とどけ`, ["届出", "とどけで", s.verb]),
      summary: L(`${s.ja}の${s.verb}をするときは、事前に届け出てください。`, `Notify us in advance: ${s.en}.`),
      whoCanApply: who,
      whatYouNeed: [L("施設の図面・設備の仕様書", "Plans of the premises and equipment specifications"), L("法人の場合は登記事項証明書", "For a company: certificate of registered matters")],
      fee: null,
      processingTime: L("届出を受け付けたときに完了します。内容の確認のため連絡することがあります。", "Complete when we receive it; we may contact you to check details."),
      channel: "both",
      form: form(applicantPage({ kind: true }), organisationPage(), businessPage(s.businessKinds), attachmentsPage(L("図面・仕様書", "Plans and specifications"), L("その他の資料", "Other documents")), declarationPage()),
    },
    {
      ...base(bureau, s, "-change-notification", L(`${s.ja}変更届`, `${s.en}: notification of changes`), `${s.reading}へんこうとどけ`, ["変更届", "へんこうとどけ"]),
      summary: L(`届け出た${s.ja}の内容（名称・所在地・代表者・設備など）を変えたときは、届け出てください。`, `Tell us when details you notified change (name, address, representative, equipment): ${s.en}.`),
      whoCanApply: who,
      whatYouNeed: [L("変更の内容がわかる書類", "Documents showing the change")],
      fee: null,
      processingTime: L("届出を受け付けたときに完了します。", "Complete when we receive it."),
      channel: "online",
      form: form(applicantPage(), businessNamePage(), changePage(CHANGE_ITEMS), declarationPage()),
    },
    {
      ...base(bureau, s, "-closure-notification", L(`${s.ja}廃止届`, `${s.en}: notification of closure`), `${s.reading}はいしとどけ`, ["廃止届", "はいしとどけ", "閉鎖"]),
      summary: L(`${s.ja}をやめたときは、届け出てください。`, `Tell us when you stop: ${s.en}.`),
      whoCanApply: who,
      whatYouNeed: [],
      fee: null,
      processingTime: L("届出を受け付けたときに完了します。", "Complete when we receive it."),
      channel: "online",
      form: form(applicantPage(), businessNamePage(), endPage(END_REASONS), declarationPage()),
    },
  ];
}

function registrationProcedures(bureau: Bureau, s: Extract<Scheme, { kind: "registration" }>): BureauProcedure[] {
  return [
    {
      ...base(bureau, s, "-registration", L(`${s.ja}登録申請`, `${s.en}: registration`), `${s.reading}とうろくしんせい`, ["登録", "とうろく"]),
      summary: L(`${s.ja}として登録します。説明会のご案内をお送りします。`, `Register as: ${s.en}. We send you an invitation to a briefing.`),
      whoCanApply: L("大阪市に住んでいるか、通勤・通学している18歳以上の方", "People aged 18 or over who live, work or study in Osaka City"),
      whatYouNeed: [],
      fee: null,
      processingTime: demo(L("1か月以内に登録のお知らせを送ります", "We confirm your registration within a month")),
      channel: "online",
      form: form(applicantPage({ birthDate: true }), activityPage(s.areas), declarationPage(L("活動中に知った個人の情報を漏らしません。", "I will keep private what I learn about people."))),
    },
    {
      ...base(bureau, s, "-registration-change", L(`${s.ja}登録事項変更届`, `${s.en}: change of registered details`), `${s.reading}とうろくじこうへんこうとどけ`, ["変更", "住所変更"]),
      summary: L(`${s.ja}として登録した住所・連絡先・活動内容が変わったときに届け出ます。`, `Tell us when your address, contact details or activities change (${s.en}).`),
      whoCanApply: L("登録している方", "People registered"),
      whatYouNeed: [],
      fee: null,
      processingTime: L("届出を受け付けたときに完了します。", "Complete when we receive it."),
      channel: "online",
      form: form(applicantPage(), registrationReferencePage(), page("change", L("変更の内容", "The change"), [q("change_detail", "textarea", L("変更の内容", "What changes"), { maxLength: 600 })])),
    },
    {
      ...base(bureau, s, "-registration-withdrawal", L(`${s.ja}登録辞退届`, `${s.en}: withdrawal of registration`), `${s.reading}とうろくじたいとどけ`, ["辞退", "じたい", "退会"]),
      summary: L(`${s.ja}の登録をやめるときに届け出ます。`, `Withdraw your registration (${s.en}).`),
      whoCanApply: L("登録している方", "People registered"),
      whatYouNeed: [],
      fee: null,
      processingTime: L("届出を受け付けたときに完了します。", "Complete when we receive it."),
      channel: "online",
      form: form(applicantPage(), registrationReferencePage(), page("withdrawal", L("辞退の理由", "Reason"), [q("withdrawal_reason", "select", L("理由", "Reason"), { required: false, options: [opt("moving", "転居", "Moving"), opt("busy", "仕事や家庭の事情", "Work or family"), opt("health", "健康上の理由", "Health"), opt("other", "その他", "Other")] })])),
    },
  ];
}

function certificateProcedures(bureau: Bureau, s: Extract<Scheme, { kind: "certificate" }>): BureauProcedure[] {
  const purposes = [opt("loan", "融資・ローン", "Loan"), opt("registration", "登記", "Registration"), opt("tender", "入札・契約", "Tenders and contracts"), opt("court", "裁判所への提出", "Court"), opt("other", "その他", "Other")];
  return [
    {
      ...base(bureau, s, "-request", L(`${s.ja}の交付請求`, `Request for ${s.en}`), `${s.reading}のこうふせいきゅう`, ["証明書", "しょうめいしょ", "交付", "請求"]),
      summary: L(`${s.ja}を交付します。オンラインで請求すると郵送でお届けします。`, `We issue ${s.en}. Requests made online are answered by post.`),
      whoCanApply: L("本人（法人の場合は代表者）または代理人", "The taxpayer (for a company its representative) or a representative"),
      whatYouNeed: [L("本人確認書類", "Proof of identity"), L("代理人が請求する場合は委任状", "If a representative is requesting: a letter of authorisation")],
      fee: { amountYen: s.feeYen, per: "copy" },
      processingTime: L("窓口ではその場で交付します。オンライン請求は1週間程度で郵送します（デモ）。", "Issued on the spot at the counter; online requests are posted within about a week (demo)."),
      channel: "both",
      legalBasis: s.legal ?? L("地方税法第20条の10", "Local Tax Act, Article 20-10"),
      form: form(applicantPage({ birthDate: true }), certificatePage(purposes), deliveryPage(), attachmentsPage(L("本人確認書類", "Proof of identity")), declarationPage()),
    },
  ];
}

function requestProcedures(bureau: Bureau, s: Extract<Scheme, { kind: "request" }>): BureauProcedure[] {
  const channel = s.channel ?? "online";
  return [
    {
      ...base(bureau, s, "", L(s.ja, s.en), s.reading, []),
      summary: s.summary,
      whoCanApply: L("対象となる方または代理人", "The person concerned or a representative"),
      whatYouNeed: [L("事情がわかる書類（あれば）", "Papers showing your situation, if you have them")],
      fee: null,
      processingTime: demo(L("内容を確認し、2週間以内にご連絡します", "We check and contact you within two weeks")),
      channel,
      form:
        channel === "counter"
          ? null
          : form(
              applicantPage(),
              page("detail", L("申請の内容", "Details"), [q("detail", "textarea", s.detail, { maxLength: 1500 }), q("detail_date", "date", L("関係する日付（わかれば）", "A relevant date, if any"), { required: false })]),
              attachmentsPage(L("関係する書類・写真", "Relevant papers or photos")),
              declarationPage(),
            ),
    },
  ];
}

/** Every procedure of one bureau, in scheme order. */
export function bureauProcedures(bureau: Bureau): BureauProcedure[] {
  return bureau.schemes.flatMap((scheme) => {
    switch (scheme.kind) {
      case "permit":
        return permitProcedures(bureau, scheme);
      case "subsidy":
        return subsidyProcedures(bureau, scheme);
      case "notification":
        return notificationProcedures(bureau, scheme);
      case "registration":
        return registrationProcedures(bureau, scheme);
      case "certificate":
        return certificateProcedures(bureau, scheme);
      case "request":
        return requestProcedures(bureau, scheme);
    }
  });
}
