/** Type declarations for scripts/appPackage.js (plain CommonJS so it runs without a build). */

/** Values for the `${{NAME}}` placeholders of the appPackage/ templates. */
export type PlaceholderValues = {
  BOT_ID: string;
  BOT_DOMAIN: string;
  PARTNER_NAME: string;
  PARTNER_WEBSITE: string;
  TEAMS_APP_ID: string;
  APP_VERSION: string;
  APP_NAME_SHORT: string;
  APP_NAME_FULL: string;
  /** Scopes of the dashboard tabs kept (comma-separated `personal`, `team`; empty: none). Not a placeholder. */
  DASHBOARD_TABS: string;
};

export interface PackageFile {
  name: string;
  data: Buffer;
}

export type JsonDocument = { [key: string]: unknown };

export const DEFAULT_TEAMS_APP_ID: string;

export class AppPackageError extends Error {
  readonly problems: string[];
  constructor(problems: string[]);
}

export function readSettings(env: Record<string, string | undefined>, defaultVersion: string): PlaceholderValues;
export function fillPlaceholders<T>(document: T, values: Record<string, string>, label: string): T;
export function schemaErrors(document: JsonDocument): Promise<string[]>;
export function buildAppPackage(
  values: PlaceholderValues,
  dir?: string,
): Promise<{ manifest: JsonDocument; files: PackageFile[] }>;
