/**
 * Plain geometry on the WGS 84 sphere, enough for city-sized areas (no PostGIS): great-circle
 * distance (haversine), point in polygon and circle–polygon contact on a local equirectangular
 * projection (error well under 0.1 % across a city), and the wards an area touches.
 * The SQL function `notify_circle_meets_polygon` (migrations/0010_notify.sql) is the same
 * algorithm as `circleMeetsPolygon`; a test checks that they agree.
 */
import { WARDS, wardRadiusMetres, type Ward } from "./wards.ts";

export const EARTH_RADIUS_M = 6_371_000;

/** [latitude, longitude] in degrees, the order CAP uses. */
export type LatLon = readonly [number, number];

export type Circle = { lat: number; lon: number; radiusM: number };

/** The area of an alert: wards by code, and/or a polygon or a circle. */
export type AlertAreas = {
  wards?: string[];
  /** At least 3 distinct points; closed or not. */
  polygon?: LatLon[];
  circle?: Circle;
};

const toRad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres. */
export function distanceMetres(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const dLat = toRad(bLat - aLat);
  const dLon = toRad(bLon - aLon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(aLat)) * Math.cos(toRad(bLat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Projects polygon points to metres around (lat0, lon0). */
function project(lat0: number, lon0: number, points: readonly LatLon[]): Array<[number, number]> {
  const kx = (Math.PI / 180) * EARTH_RADIUS_M * Math.cos(toRad(lat0));
  const ky = (Math.PI / 180) * EARTH_RADIUS_M;
  return points.map(([lat, lon]) => [(lon - lon0) * kx, (lat - lat0) * ky]);
}

/** Distance from the origin to the segment a–b (metres, projected plane). */
function originToSegment(a: [number, number], b: [number, number]): number {
  const [ax, ay] = a;
  const dx = b[0] - ax;
  const dy = b[1] - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/** True when the circle (centre, radius) and the polygon share any point. */
export function circleMeetsPolygon(lat: number, lon: number, radiusM: number, polygon: readonly LatLon[]): boolean {
  const pts = project(lat, lon, polygon);
  let inside = false;
  let nearest = Infinity;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i]!;
    const [xj, yj] = pts[j]!;
    if (yi > 0 !== yj > 0 && 0 < ((xj - xi) * (0 - yi)) / (yj - yi) + xi) inside = !inside;
    nearest = Math.min(nearest, originToSegment(pts[j]!, pts[i]!));
  }
  return inside || nearest <= radiusM;
}

export function pointInPolygon(lat: number, lon: number, polygon: readonly LatLon[]): boolean {
  return circleMeetsPolygon(lat, lon, 0, polygon);
}

/** True when a circle (centre, radius) meets an alert's polygon or circle. */
export function circleMeetsArea(lat: number, lon: number, radiusM: number, area: Pick<AlertAreas, "polygon" | "circle">): boolean {
  if (area.circle && distanceMetres(lat, lon, area.circle.lat, area.circle.lon) <= radiusM + area.circle.radiusM) return true;
  if (area.polygon && circleMeetsPolygon(lat, lon, radiusM, area.polygon)) return true;
  return false;
}

/** Codes of the wards whose (approximate) disc a polygon or circle touches. */
export function wardsTouching(area: Pick<AlertAreas, "polygon" | "circle">): string[] {
  return WARDS.filter((ward) => circleMeetsArea(ward.lat, ward.lon, wardRadiusMetres(ward), area)).map((w) => w.code);
}

/** The ward whose centre is nearest to a point (the approximation of "the ward this point is in"). */
export function nearestWard(lat: number, lon: number): Ward {
  let best = WARDS[0]!;
  let bestDistance = Infinity;
  for (const ward of WARDS) {
    // Distance relative to the ward's size, so a point near a big ward's edge is not given to a small neighbour.
    const d = distanceMetres(lat, lon, ward.lat, ward.lon) / wardRadiusMetres(ward);
    if (d < bestDistance) {
      bestDistance = d;
      best = ward;
    }
  }
  return best;
}

/** Osaka City's rough bounding box with a margin: points outside are refused at subscription. */
export const CITY_BOUNDS = { minLat: 34.55, maxLat: 34.80, minLon: 135.38, maxLon: 135.62 } as const;

export function insideCityBounds(lat: number, lon: number): boolean {
  return lat >= CITY_BOUNDS.minLat && lat <= CITY_BOUNDS.maxLat && lon >= CITY_BOUNDS.minLon && lon <= CITY_BOUNDS.maxLon;
}

/** The bounding box of an alert's polygon/circle, widened by `marginM` metres; null without geometry. */
export function areaBounds(area: Pick<AlertAreas, "polygon" | "circle">, marginM: number): { minLat: number; maxLat: number; minLon: number; maxLon: number } | null {
  const lats: number[] = [];
  const lons: number[] = [];
  for (const [lat, lon] of area.polygon ?? []) {
    lats.push(lat);
    lons.push(lon);
  }
  if (area.circle) {
    const dLat = area.circle.radiusM / 111_000;
    const dLon = area.circle.radiusM / (111_000 * Math.cos(toRad(area.circle.lat)));
    lats.push(area.circle.lat - dLat, area.circle.lat + dLat);
    lons.push(area.circle.lon - dLon, area.circle.lon + dLon);
  }
  if (lats.length === 0) return null;
  const mLat = marginM / 111_000;
  const mLon = marginM / (111_000 * Math.cos(toRad(34.7)));
  return { minLat: Math.min(...lats) - mLat, maxLat: Math.max(...lats) + mLat, minLon: Math.min(...lons) - mLon, maxLon: Math.max(...lons) + mLon };
}
