import type { Activity } from 'botbuilder';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceOf, withTenant } from '../../../src/teams/conversationReferences';

/** Microsoft's published 1:1 message (test/contract/teams/fixtures/SOURCES.md): its tenant is only in channelData. */
const PUBLISHED_MESSAGE = JSON.parse(readFileSync(join(__dirname, '../../contract/teams/fixtures/message-personal.json'), 'utf8')) as Partial<Activity>;

describe('the tenant of a stored conversation reference', () => {
  it('AReferenceFromThePublishedOneToOneMessage_KeepsItsTenant_WhereAProactiveTurnReadsIt', () => {
    expect(referenceOf(PUBLISHED_MESSAGE).conversation?.tenantId).toBe('72f988bf-86f1-41af-91ab-2d7cd011db47');
  });

  it('TheTenantIsReadFromChannelDataFirst_AsMicrosoftDocumentsIt', () => {
    const conflicting = { ...PUBLISHED_MESSAGE, conversation: { ...PUBLISHED_MESSAGE.conversation, tenantId: 'b28fdbfd-2b78-4f93-b0f8-8881793f0f8f' } } as Partial<Activity>;
    expect(referenceOf(conflicting).conversation?.tenantId).toBe('72f988bf-86f1-41af-91ab-2d7cd011db47');
  });

  it('AReferenceStoredWithoutTenant_GetsTheTenantOfItsRecord_AndOneWithATenantKeepsIt', () => {
    const { tenantId: _none, ...conversation } = referenceOf(PUBLISHED_MESSAGE).conversation ?? {};
    const old = { ...referenceOf(PUBLISHED_MESSAGE), conversation: conversation as NonNullable<ReturnType<typeof referenceOf>['conversation']> };
    expect(withTenant(old, 'record-tenant').conversation?.tenantId).toBe('record-tenant');
    expect(withTenant(referenceOf(PUBLISHED_MESSAGE), 'record-tenant').conversation?.tenantId).toBe('72f988bf-86f1-41af-91ab-2d7cd011db47');
  });
});
