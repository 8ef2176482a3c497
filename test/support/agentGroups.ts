import type { DirectoryObject } from '../../src/sandbox/graphSeed';

/** Object id of the partner's agents' security group in the tests: the bots under test trust it (AGENT_GROUP_IDS). */
export const AGENT_GROUP_ID = '3f0b9a7e-52c1-4d8e-a6b4-9c2d1e0f7a63';

/** The partner's real HelpdeskAgents security group, as transitiveMemberOf lists it. */
export const AGENT_GROUP: DirectoryObject = {
  '@odata.type': '#microsoft.graph.group', id: AGENT_GROUP_ID, displayName: 'HelpdeskAgents', groupTypes: [], securityEnabled: true, mailEnabled: false,
};
