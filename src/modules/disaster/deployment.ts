/**
 * 配備体制 (staffing levels of the city's disaster organisation), lowest first, and incident hazards.
 *
 * The names follow the usage in Osaka City's 地域防災計画 as far as we know it: 警戒配備 (warning watch,
 * 災害警戒本部), then 第1配備 to 第3配備 (災害対策本部, growing shares of staff), and 非常配備 (all staff).
 * They are data: if the city's current plan uses other words (e.g. 1号配備…), change the labels in
 * messages.ts (`deployment.*`) — the stored keys stay the same.
 */
export const DEPLOYMENT_LEVELS = ["monitoring", "alert", "first", "second", "third", "emergency"] as const;
export type DeploymentLevel = (typeof DEPLOYMENT_LEVELS)[number];

export function isDeploymentLevel(value: unknown): value is DeploymentLevel {
  return typeof value === "string" && (DEPLOYMENT_LEVELS as readonly string[]).includes(value);
}

export const HAZARDS = ["earthquake", "tsunami", "heavy-rain", "typhoon", "flood", "storm-surge", "landslide", "fire", "other"] as const;
export type Hazard = (typeof HAZARDS)[number];

export function isHazard(value: unknown): value is Hazard {
  return typeof value === "string" && (HAZARDS as readonly string[]).includes(value);
}
