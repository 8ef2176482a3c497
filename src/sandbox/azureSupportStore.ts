/**
 * State and rules of the ARM `Microsoft.Support` stand-in: the service catalogue, tickets per subscription, the
 * create operation, and the field validation of api-version 2024-04-01. No HTTP here.
 */
import { randomUUID } from 'node:crypto';
import { isJsonObject, type JsonObject } from '../jsonObject';

/** A service of the catalogue with its problem classifications (names are GUIDs, as at ARM). */
export interface SandboxAzureService {
  name: string;
  displayName: string;
  classifications: { name: string; displayName: string }[];
}

/** A refused call: status plus ARM's error code and message. */
export class ArmFault extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly target?: string) {
    super(message);
    this.name = 'ArmFault';
  }
}

export interface StoredTicket {
  subscriptionId: string;
  name: string;
  /** `properties` as ARM returns them; `status` is absent until the create operation has finished. */
  properties: JsonObject;
  operationId: string;
  /** Status polls still answered InProgress. */
  pollsLeft: number;
  /** Its communications as ARM lists them (`name`, `type`, `properties`), oldest first. */
  communications: { name: string; properties: JsonObject }[];
}

/** A message to add to a ticket; by default Microsoft's (`inbound`, from Microsoft support). */
export interface NewCommunication {
  subject: string;
  body: string;
  direction?: 'inbound' | 'outbound';
  sender?: string;
}

/** The ARM ticket statuses the stand-in plays (2024-04-01 lists tickets `Open`, `Closed` and `Updating`). */
export type TicketStatus = 'Open' | 'Closed' | 'Updating';

export const SANDBOX_AZURE_SERVICES: SandboxAzureService[] = [
  { name: '6f16735c-b0ae-b275-ad3a-03479cfa1396', displayName: 'Virtual Machine running Windows', classifications: [
    { name: 'e2542d4b-9d1e-4d0f-b8a0-0c4f2c8c6a11', displayName: 'Cannot connect to my VM' },
    { name: 'c1f6a8e3-7d42-4b2a-9e11-5f0a3b7c2d21', displayName: 'VM start, stop or restart issues' },
    { name: '9a3b5c7d-1e2f-4a6b-8c0d-2e4f6a8b0c31', displayName: 'VM performance' },
  ] },
  { name: 'cddd3eb5-1830-b494-44fd-782f691479dc', displayName: 'Virtual Machine running Linux', classifications: [
    { name: '4b6d8f0a-2c4e-4f6a-8b0c-1d3e5f7a9b41', displayName: 'Cannot connect to my VM' },
    { name: '7e9f1a3b-5c7d-4e9f-a1b3-c5d7e9f1a351', displayName: 'VM start, stop or restart issues' },
  ] },
  { name: '2e3cb2e6-6a2f-4b0e-8c7f-1e0f5d4c3b61', displayName: 'Storage Account Management', classifications: [
    { name: '0c2e4a6b-8d0f-4b2d-9e4f-6a8b0c2d4e71', displayName: 'Access and authentication' },
    { name: '3f5a7b9c-1d3e-4f5a-8b9c-0d2e4f6a8b81', displayName: 'Blob storage performance' },
  ] },
  { name: '1890289e-747c-7ef6-b4f5-b1dbb0bead64', displayName: 'Web App (Windows)', classifications: [
    { name: '8d0f2a4b-6c8e-4a0f-b2d4-6e8f0a2b4c91', displayName: 'Availability, performance and application issues' },
    { name: '5b7d9f1a-3c5e-4b7d-9f1a-3c5e7b9d1fa1', displayName: 'Deployment' },
  ] },
  { name: '9b5e5b1f-3c4d-4e6f-8a0b-2c4d6e8f0ab1', displayName: 'SQL Database', classifications: [
    { name: '2a4c6e8a-0b2d-4f6a-8c0e-2a4c6e8a0cc1', displayName: 'Connectivity' },
    { name: '6e8a0c2e-4a6c-4e8a-a0c2-e4a6c8e0a2d1', displayName: 'Performance and query tuning' },
  ] },
];

const SEVERITIES = ['minimal', 'moderate', 'critical', 'highestcriticalimpact'];
const REQUIRED = ['serviceId', 'title', 'description', 'problemClassificationId', 'severity', 'advancedDiagnosticConsent'] as const;
const REQUIRED_CONTACT = ['firstName', 'lastName', 'preferredContactMethod', 'primaryEmailAddress', 'preferredTimeZone', 'country', 'preferredSupportLanguage'] as const;

export function serviceId(service: SandboxAzureService): string {
  return `/providers/Microsoft.Support/services/${service.name}`;
}

export function classificationId(service: SandboxAzureService, classification: { name: string }): string {
  return `${serviceId(service)}/problemClassifications/${classification.name}`;
}

function requiredText(source: JsonObject, name: string, target: string): string {
  const value = source[name];
  if (typeof value !== 'string' || value.trim() === '') throw new ArmFault(400, 'BadRequest', `The property '${target}' is required.`, target);
  return value;
}

function oneOf(value: string, allowed: readonly string[], target: string): void {
  if (!allowed.includes(value.toLowerCase())) throw new ArmFault(400, 'BadRequest', `The value '${value}' of '${target}' is not one of: ${allowed.join(', ')}.`, target);
}

export class AzureSupportStore {
  private readonly tickets = new Map<string, StoredTicket>();
  private nextTicketNumber = 1;

  constructor(readonly services: SandboxAzureService[], private readonly operationPolls: number, private readonly now: () => Date = () => new Date()) {}

  private key(subscriptionId: string, name: string): string {
    return `${subscriptionId.toLowerCase()}/${name.toLowerCase()}`;
  }

  all(): StoredTicket[] {
    return [...this.tickets.values()];
  }

  find(subscriptionId: string, name: string): StoredTicket | undefined {
    return this.tickets.get(this.key(subscriptionId, name));
  }

  get(subscriptionId: string, name: string): StoredTicket {
    const ticket = this.find(subscriptionId, name);
    if (!ticket) throw new ArmFault(404, 'ResourceNotFound', `The support ticket '${name}' could not be found.`);
    return ticket;
  }

  service(name: string): SandboxAzureService {
    const service = this.services.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!service) throw new ArmFault(404, 'ResourceNotFound', `The service '${name}' could not be found.`);
    return service;
  }

  /** Validates a create body (2024-04-01 required fields) and stores the ticket, its create operation running. */
  create(subscriptionId: string, name: string, body: unknown): StoredTicket {
    if (this.find(subscriptionId, name)) throw new ArmFault(409, 'Conflict', `A support ticket named '${name}' already exists.`);
    const properties = isJsonObject(body) ? body.properties : undefined;
    if (!isJsonObject(properties)) throw new ArmFault(400, 'BadRequest', "The property 'properties' is required.", 'properties');
    for (const field of REQUIRED) requiredText(properties, field, `properties.${field}`);
    const contact = properties.contactDetails;
    if (!isJsonObject(contact)) throw new ArmFault(400, 'BadRequest', "The property 'properties.contactDetails' is required.", 'properties.contactDetails');
    for (const field of REQUIRED_CONTACT) requiredText(contact, field, `properties.contactDetails.${field}`);
    oneOf(String(properties.severity), SEVERITIES, 'properties.severity');
    oneOf(String(properties.advancedDiagnosticConsent), ['yes', 'no'], 'properties.advancedDiagnosticConsent');
    oneOf(String(contact.preferredContactMethod), ['email', 'phone'], 'properties.contactDetails.preferredContactMethod');
    if (!/^[A-Z]{3}$/i.test(String(contact.country))) throw new ArmFault(400, 'BadRequest', 'The country must be an ISO 3166-1 alpha-3 code.', 'properties.contactDetails.country');
    const service = this.services.find((s) => serviceId(s).toLowerCase() === String(properties.serviceId).toLowerCase());
    if (!service) throw new ArmFault(400, 'BadRequest', 'The serviceId is not valid.', 'properties.serviceId');
    if (!service.classifications.some((c) => classificationId(service, c).toLowerCase() === String(properties.problemClassificationId).toLowerCase())) {
      throw new ArmFault(400, 'BadRequest', 'The problemClassificationId does not belong to the service.', 'properties.problemClassificationId');
    }
    const at = this.now().toISOString();
    const ticket: StoredTicket = {
      subscriptionId, name, operationId: randomUUID(), pollsLeft: this.operationPolls, communications: [],
      properties: {
        ...properties,
        supportTicketId: `24112500${String(10_000_000 + this.nextTicketNumber++)}`,
        serviceDisplayName: service.displayName,
        createdDate: at, modifiedDate: at,
        supportPlanType: 'Partner Support',
      },
    };
    this.tickets.set(this.key(subscriptionId, name), ticket);
    return ticket;
  }

  /** One status poll of a create operation: running for the first polls, then done and the ticket Open. */
  pollOperation(operationId: string): 'InProgress' | 'Succeeded' {
    const ticket = this.all().find((t) => t.operationId === operationId);
    if (!ticket) throw new ArmFault(404, 'OperationNotFound', `The operation '${operationId}' could not be found.`);
    if (ticket.pollsLeft > 0) {
      ticket.pollsLeft -= 1;
      return 'InProgress';
    }
    this.complete(ticket);
    return 'Succeeded';
  }

  /** Ends the create operation: the ticket is Open (a GET after creation sees it so). */
  complete(ticket: StoredTicket): void {
    ticket.pollsLeft = 0;
    if (ticket.properties.status === undefined) this.setStatus(ticket, 'Open');
  }

  setStatus(ticket: StoredTicket, status: TicketStatus): void {
    ticket.properties = { ...ticket.properties, status, modifiedDate: this.now().toISOString() };
  }

  /** Adds a communication (shape of ListCommunicationsForSubscriptionSupportTicket.json); resolves to its name. */
  addCommunication(ticket: StoredTicket, message: NewCommunication): string {
    const name = `message-${String(ticket.communications.length + 1)}-${randomUUID().slice(0, 8)}`;
    ticket.communications.push({
      name,
      properties: {
        subject: message.subject, body: message.body, communicationType: 'web',
        communicationDirection: message.direction ?? 'inbound', sender: message.sender ?? 'support@microsoft.com',
        createdDate: this.now().toISOString(),
      },
    });
    return name;
  }

  /**
   * PATCH with the flat UpdateSupportTicket body of 2024-04-01: `status` (`open`/`closed`), `severity`,
   * `advancedDiagnosticConsent`, `contactDetails` (merged). A body wrapped in `properties` is refused (400), as ARM does.
   */
  update(ticket: StoredTicket, body: unknown): StoredTicket {
    if (!isJsonObject(body)) throw new ArmFault(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
    if ('properties' in body) throw new ArmFault(400, 'BadRequest', "UpdateSupportTicket has no member 'properties': send status, severity, advancedDiagnosticConsent or contactDetails at the top level.", 'properties');
    this.complete(ticket);
    if (typeof body.status === 'string') {
      oneOf(body.status, ['open', 'closed'], 'status');
      this.setStatus(ticket, body.status.toLowerCase() === 'closed' ? 'Closed' : 'Open');
    }
    if (typeof body.severity === 'string') {
      oneOf(body.severity, SEVERITIES, 'severity');
      ticket.properties = { ...ticket.properties, severity: body.severity };
    }
    if (typeof body.advancedDiagnosticConsent === 'string') ticket.properties = { ...ticket.properties, advancedDiagnosticConsent: body.advancedDiagnosticConsent };
    if (isJsonObject(body.contactDetails)) {
      const contact = isJsonObject(ticket.properties.contactDetails) ? ticket.properties.contactDetails : {};
      ticket.properties = { ...ticket.properties, contactDetails: { ...contact, ...body.contactDetails } };
    }
    return ticket;
  }
}

/** The communications of a ticket as ARM lists them. */
export function serializeCommunications(ticket: StoredTicket): unknown {
  const ticketId = `/subscriptions/${ticket.subscriptionId}/providers/Microsoft.Support/supportTickets/${ticket.name}`;
  return { value: ticket.communications.map((c) => ({ id: `${ticketId}/communications/${c.name}`, name: c.name, type: 'Microsoft.Support/communications', properties: c.properties })) };
}

/** A ticket as ARM returns it. */
export function serializeTicket(ticket: StoredTicket): unknown {
  return {
    id: `/subscriptions/${ticket.subscriptionId}/providers/Microsoft.Support/supportTickets/${ticket.name}`,
    name: ticket.name,
    type: 'Microsoft.Support/supportTickets',
    properties: ticket.properties,
  };
}
