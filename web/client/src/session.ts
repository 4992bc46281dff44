// The signed-in account as the pages need it (role, regions, own technician id): set once by the shell from
// /api/me before any page is drawn. Undefined when the server runs without sign-in (everything open).
import type { Role } from '../../server/auth/accounts.ts';
import { defaultTextSettings, metricCatalogWith, type TextSettings } from '../../../contract/metrics/catalog.ts';

export interface SessionUser {
  username: string;
  role: Role;
  /** null: every region. */
  regions: string[] | null;
  technician_id: string | null;
}

let current: SessionUser | undefined;

export const setSessionUser = (u: SessionUser | undefined): void => {
  current = u;
};

export const sessionUser = (): SessionUser | undefined => current;

/** Whether the signed-in role is among `roles` (always, without sign-in). */
export const roleIn = (roles: readonly Role[]): boolean => !current || roles.includes(current.role);

/** The regions the account is limited to, or null for every region. */
export const ownRegions = (): readonly string[] | null => current?.regions ?? null;

/**
 * The choices of a region filter: every region ('') and each one known; for a region-limited account only its
 * own regions, the empty choice naming them (one region: that region alone).
 */
export function regionOptions(allLabel: string, known: readonly string[]): { value: string; label: string }[] {
  const own = ownRegions();
  if (!own) return [{ value: '', label: allLabel }, ...known.map((r) => ({ value: r, label: r }))];
  if (own.length === 1) return [{ value: '', label: own[0] }];
  return [{ value: '', label: own.join('、') }, ...own.map((r) => ({ value: r, label: r }))];
}

/** A region in a URL the account may not see is dropped (it would only be refused). */
export const regionAllowed = (region: string): boolean => !region || !ownRegions() || ownRegions()!.includes(region);

let texts: TextSettings | undefined;

/** The configured settings the texts state (from /api/health), set by the shell; the defaults until known. */
export const setTextSettings = (s: TextSettings | undefined): void => {
  texts = s;
};
export const textSettings = (): TextSettings => texts ?? defaultTextSettings;
/** The metric catalog with its formulas stating the configured settings. */
export const catalog = () => metricCatalogWith(textSettings());

let zone: string | undefined;

/** The configured time zone (from /api/health), set by the shell; the browser's own until known. */
export const setTimeZone = (z: string | undefined): void => {
  zone = z;
};
export const timeZone = (): string => zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
