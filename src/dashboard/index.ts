/**
 * The agents' tab (a Teams static tab): its read API over the features' stores and its static page, mounted on
 * the bot's server by the composition root.
 */
import type { Logger } from 'pino';
import type { Server } from 'restify';
import type { CaseStore } from '../cases/caseStore';
import type { CustomerDirectory } from '../directory/customerDirectory';
import type { ServiceRequestStore } from '../escalation/serviceRequestStore';
import type { ServiceHealthSource } from '../health/model';
import type { Outbox } from '../notifications';
import type { Authorizer } from '../teams/guard';
import { DashboardData } from './dashboardData';
import { registerDashboardRoutes, type DevSignIn } from './routes';
import { createTokenVerifier } from './tokenVerifier';

export { dashboardResource } from './tokenVerifier';
export type { DevSignIn } from './routes';

/** Where the built tab is, relative to the working directory (the UI build writes it there). */
export const DEFAULT_TAB_DIR = 'dist/web/dashboard';

export interface DashboardDeps {
  cases: CaseStore;
  serviceRequests: ServiceRequestStore;
  outbox: Outbox;
  health: ServiceHealthSource;
  directory: CustomerDirectory;
  authorizer: Authorizer;
  partnerTenantId: string;
  /** Entra authority whose keys sign the tab's tokens (AZURE_AUTHORITY_HOST, or the sandbox's). */
  authorityHost: string;
  appId: string;
  botDomain: string;
  staticRoot: string;
  sandbox: boolean;
  locale: string;
  devSignIn?: DevSignIn;
  logger: Logger;
}

/** Adds the tab's routes to the server. */
export function mountDashboard(server: Server, deps: DashboardDeps): void {
  const { logger } = deps;
  const data = new DashboardData({
    cases: deps.cases, serviceRequests: deps.serviceRequests, outbox: deps.outbox, health: deps.health, directory: deps.directory,
    partnerTenantId: deps.partnerTenantId,
    onHealthUnavailable: (tenantId, err) => logger.warn({ err, tenantId, event: 'dashboard.healthUnavailable' }, 'outage map: health unavailable for a customer'),
  });
  registerDashboardRoutes(server, {
    data, directory: deps.directory, authorizer: deps.authorizer, partnerTenantId: deps.partnerTenantId, staticRoot: deps.staticRoot,
    verify: createTokenVerifier({ authorityHost: deps.authorityHost, appId: deps.appId, botDomain: deps.botDomain }),
    sandbox: deps.sandbox, locale: deps.locale, devSignIn: deps.devSignIn, logger,
  });
}
