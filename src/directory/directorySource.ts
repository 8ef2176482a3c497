/**
 * Where the customer directory comes from (CUSTOMER_DIRECTORY_SOURCE): the hand-written CUSTOMERS_FILE, or Partner
 * Center's customer list combined with SUPPORT_PLANS_FILE. Either way the bot holds one {@link CustomerDirectory}.
 */
import type { Logger } from 'pino';
import { PartnerCenterTransport, type TransportOptions } from '../cloud/partnerCenterTransport';
import type { Storage } from '../storage';
import { CustomerDirectory, loadCustomerDirectory } from './customerDirectory';
import { PartnerCenterCustomerList } from './partnerCenterCustomers';
import { PartnerCenterDirectory } from './partnerCenterDirectory';
import { loadSupportPlans } from './supportPlans';

export type DirectorySource = 'file' | 'partnerCenter';

export interface DirectorySettings {
  source: DirectorySource;
  customersFile: string;
  supportPlansFile: string;
  syncIntervalMs: number;
  refreshIntervalMs: number;
}

/** What following Partner Center needs once storage and the Partner Center endpoint are known. */
export interface FollowDeps {
  storage: Storage;
  instanceId: string;
  logger: Logger;
  partnerCenter: TransportOptions;
}

export interface OpenedDirectory {
  directory: CustomerDirectory;
  /** Keeps the directory in step with Partner Center (call `start()` on the result); undefined for the file source. */
  follow: (deps: FollowDeps) => PartnerCenterDirectory | undefined;
}

/**
 * Reads the files the source needs; a missing or invalid file throws CustomerDirectoryError listing every problem.
 * The Partner Center source starts empty until {@link PartnerCenterDirectory.start}.
 */
export async function openDirectory(settings: DirectorySettings): Promise<OpenedDirectory> {
  if (settings.source === 'file') {
    const directory = await loadCustomerDirectory(settings.customersFile);
    return { directory, follow: () => undefined };
  }
  const plans = await loadSupportPlans(settings.supportPlansFile);
  const directory = new CustomerDirectory([]);
  return {
    directory,
    follow: ({ storage, instanceId, logger, partnerCenter }) => {
      const customers = new PartnerCenterCustomerList(new PartnerCenterTransport(partnerCenter));
      return new PartnerCenterDirectory({
        directory, plans, storage, instanceId, logger, listCustomers: () => customers.list(),
        syncIntervalMs: settings.syncIntervalMs, refreshIntervalMs: settings.refreshIntervalMs,
      });
    },
  };
}
