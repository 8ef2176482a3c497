/** `npm run rollout` (scripts/rollout.js): the Teams app published or updated in customers' org app catalogs. */
export { AppCatalogClient, CatalogCallError, type CatalogApp } from './appCatalogClient';
export { signInWithDeviceCode, SignInError } from './deviceCodeSignIn';
export { chooseCustomers, describeRollout, rolloutExitCode, rolloutToCatalog, rolloutToCustomers, type CustomerRollout, type RolloutOutcome, type RolloutPackage, type RolloutTarget } from './rollout';
export { loadCustomerDirectory } from '../directory/customerDirectory';
