/**
 * Demo data of 来庁予約: four Osaka ward offices (北区, 淀川区, 生野区, 平野区) with their counters
 * and services. Hours follow what the city publishes for ward offices (平日 9:00–17:30; 住民情報
 * and マイナンバーカード counters also on the fourth Sunday, 休日開庁 9:00–17:30); slot lengths and
 * capacities are demo values. Idempotent.
 */
import type { Db } from "../../core/db/database.ts";
import { upsertDepartments } from "../identity/index.ts";
import { upsertCounter, upsertOffice, upsertService } from "./queries.ts";

const L = (ja: string, en: string) => ({ ja, en });

export const DEMO_SERVICES = [
  { code: "residence-certificate", name: L("住民票の写し・印鑑登録証明書", "Residence certificate and seal registration certificate"), description: L("証明書の交付（本人確認書類をお持ちください）", "Certificates (bring an identity document)") },
  { code: "moving", name: L("転入・転出・転居の届出", "Moving in, out or within the city"), description: L("引越しの届出。転入は転出証明書またはマイナンバーカードをお持ちください", "Notifications of a move. For moving in, bring the moving-out certificate or your My Number Card") },
  { code: "my-number-card", name: L("マイナンバーカードの受取", "Collecting your My Number Card"), description: L("交付通知書（はがき）と本人確認書類をお持ちください", "Bring the notice (postcard) and identity documents") },
  { code: "health-insurance", name: L("国民健康保険の加入・脱退", "National Health Insurance: joining or leaving"), description: L("保険年金課の窓口です", "At the Insurance and Pension Division") },
  { code: "childcare", name: L("子育て・保育の相談", "Childcare and nursery consultation"), description: L("保健福祉課（子育て支援）の窓口です", "At the Health and Welfare Division (child support)") },
];

export const DEMO_OFFICES = [
  { code: "kita", departmentCode: "ward-kita", name: L("北区役所", "Kita Ward Office"), address: L("大阪市北区扇町2-1-27", "2-1-27 Ogimachi, Kita-ku, Osaka") },
  { code: "yodogawa", departmentCode: "ward-yodogawa", name: L("淀川区役所", "Yodogawa Ward Office"), address: L("大阪市淀川区十三東2-3-3", "2-3-3 Jusohigashi, Yodogawa-ku, Osaka") },
  { code: "ikuno", departmentCode: "ward-ikuno", name: L("生野区役所", "Ikuno Ward Office"), address: L("大阪市生野区勝山南3-1-19", "3-1-19 Katsuyamaminami, Ikuno-ku, Osaka") },
  { code: "hirano", departmentCode: "ward-hirano", name: L("平野区役所", "Hirano Ward Office"), address: L("大阪市平野区背戸口3-8-19", "3-8-19 Setoguchi, Hirano-ku, Osaka") },
];

/** Counters of every demo office: code, names, services, slot length, capacity, queue letter, 第4日曜日. */
const COUNTERS = [
  { code: "resident-records", name: L("住民情報（1番窓口）", "Resident records (counter 1)"), services: ["residence-certificate", "moving"], slotMinutes: 15, capacity: 3, queuePrefix: "A", fourthSundayOpen: true },
  { code: "my-number", name: L("マイナンバーカード（2番窓口）", "My Number Card (counter 2)"), services: ["my-number-card"], slotMinutes: 15, capacity: 2, queuePrefix: "B", fourthSundayOpen: true },
  { code: "insurance", name: L("保険年金（5番窓口）", "Insurance and pension (counter 5)"), services: ["health-insurance"], slotMinutes: 30, capacity: 2, queuePrefix: "C", fourthSundayOpen: false },
  { code: "childcare", name: L("子育て支援（8番窓口）", "Child support (counter 8)"), services: ["childcare"], slotMinutes: 30, capacity: 1, queuePrefix: "D", fourthSundayOpen: false },
];

export async function seedAppointmentsDemo(db: Db): Promise<{ offices: number; counters: number }> {
  await upsertDepartments({ db, items: DEMO_OFFICES.map((o) => ({ code: o.departmentCode, name: L(o.name.ja, o.name.en), kind: "ward" as const })) });
  let counters = 0;
  await db.transaction(async (tx) => {
    for (const [i, service] of DEMO_SERVICES.entries()) await upsertService(tx, { ...service, position: i });
    for (const [i, office] of DEMO_OFFICES.entries()) {
      await upsertOffice(tx, { ...office, position: i });
      for (const [j, c] of COUNTERS.entries()) {
        await upsertCounter(tx, {
          officeCode: office.code, code: c.code, name: c.name, queuePrefix: c.queuePrefix, position: j, services: c.services,
          rule: { slotMinutes: c.slotMinutes, capacity: c.capacity, opens: "09:00", closes: "17:30", fourthSundayOpen: c.fourthSundayOpen },
        });
        counters++;
      }
    }
  });
  return { offices: DEMO_OFFICES.length, counters };
}
