// Where the customer is, offline: a service area named in the message (aliases and transliterations,
// matched like services), or the area a WhatsApp location pin falls in. A pin outside every area's
// radius is reported as outside, with the nearest area, so the agent can say so instead of routing.
import type { Coordinates } from '../config/intake-schema.ts';
import { type AliasEntry, type CatalogMatch, matchAlias } from './match-catalog.ts';

/** The service area a message names (Jeddah / Jiddah / جدة / "jedah"), if one stands out. */
export function matchArea(text: string, areas: readonly AliasEntry[]): CatalogMatch | undefined {
  return matchAlias(text, areas);
}

/** An area a pin can be placed in: configured areas without a center are skipped. */
export interface PinnableArea {
  id: string;
  center?: Coordinates | undefined;
  radiusKm?: number | undefined;
}

export type PinArea =
  | { outside?: undefined; id: string; distanceKm: number }
  | { outside: true; nearestId?: string; distanceKm?: number };

/** Mean Earth radius (IUGG), km. */
const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance between two points, km (haversine; error well under 1% at city scale). */
export function distanceKm(from: Coordinates, to: Coordinates): number {
  const rad = Math.PI / 180;
  const dLat = (to.latitude - from.latitude) * rad;
  const dLon = (to.longitude - from.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(from.latitude * rad) * Math.cos(to.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The nearest area whose radius contains the pin, with the distance to its center; otherwise
 * `{ outside: true }` with the nearest area that has a center (if any). An area with a center but no
 * radius never contains a pin: without a radius we cannot tell how far it reaches.
 */
export function areaForPin(latitude: number, longitude: number, areas: readonly PinnableArea[]): PinArea {
  const pin = { latitude, longitude };
  let inside: { id: string; distanceKm: number } | undefined;
  let nearest: { id: string; distanceKm: number } | undefined;
  for (const area of areas) {
    if (area.center === undefined) continue;
    const km = distanceKm(pin, area.center);
    if (nearest === undefined || km < nearest.distanceKm) nearest = { id: area.id, distanceKm: km };
    if (
      area.radiusKm !== undefined &&
      km <= area.radiusKm &&
      (inside === undefined || km < inside.distanceKm)
    ) {
      inside = { id: area.id, distanceKm: km };
    }
  }
  if (inside !== undefined) return { id: inside.id, distanceKm: round(inside.distanceKm) };
  if (nearest === undefined) return { outside: true };
  return { outside: true, nearestId: nearest.id, distanceKm: round(nearest.distanceKm) };
}

function round(km: number): number {
  return Math.round(km * 10) / 10;
}
