import { cardActivity } from '../../../src/teams/cardMessages';
import { outageActivity, renderOutageCard } from '../../../src/notifications/outageCard';
import { readNotifySubmission, renderNotifyCard } from '../../../src/notifications/notifyCard';
import type { Delivery } from '../../../src/notifications/outbox';
import { issue } from './issueFixture';

function delivery(overrides: Partial<Delivery> = {}): Delivery {
  return {
    key: 'k', audience: 'customer', tenantId: 't1', conversationId: 'a:1', reference: {}, locale: 'fr-FR', issue: issue(),
    issueTenantId: 't1', kind: 'new', changes: [], customers: [], version: 1, sentVersion: 0, followUpDue: false,
    status: 'pending', attempts: 0, nextAttemptAt: 0, updatedAt: '', ...overrides,
  };
}

describe('outage card', () => {
  it('renders an Adaptive Card 1.5 in the recipient language with a link and a preview', () => {
    const { card, summary } = renderOutageCard(delivery());
    const text = JSON.stringify(card);
    expect(card.version).toBe('1.5');
    expect(text).toContain('Analyse en cours');
    expect(text).toContain('EX100001');
    expect(text).not.toContain('Clients concern');
    expect(summary).toContain('Exchange Online');
  });

  it('says in the preview what changed, and lists customers on the agents variant', () => {
    const updated = renderOutageCard(delivery({ locale: 'en', kind: 'updated', changes: ['status'], sentVersion: 1, version: 2, issue: issue({ status: 'restoringService' }) }));
    expect(updated.summary).toBe('Exchange Online issue EX100001 is now: Restoring service');
    const agents = renderOutageCard(delivery({ locale: 'en', audience: 'agents', customers: ['Contoso', 'Fabrikam'] }));
    expect(JSON.stringify(agents.card)).toContain('Affected customers (2)');
    expect(JSON.stringify(agents.card)).toContain('- Fabrikam');
  });

  it('reuses a rendered card only for deliveries that show the same card', () => {
    const variants: Array<Partial<Delivery>> = [
      {}, { conversationId: 'a:2', key: 'k2' }, { locale: 'en' }, { issueTenantId: 't2' }, { audience: 'agents', customers: ['Contoso'] },
      { audience: 'agents', customers: ['Contoso', 'Fabrikam'] }, { kind: 'updated', changes: ['status'], sentVersion: 1 },
      { kind: 'updated', changes: ['post'], sentVersion: 1 }, { kind: 'resolved', sentVersion: 0 }, { kind: 'resolved', sentVersion: 1 },
      { issue: issue({ status: 'restoringService' }) }, { issue: issue({ title: 'Another title' }) },
    ];
    for (let round = 0; round < 2; round++) {
      for (const overrides of variants) {
        expect(outageActivity(delivery(overrides))).toEqual(cardActivity(renderOutageCard(delivery(overrides))));
      }
    }
  });
});

describe('notify card', () => {
  const services = [
    { id: 'SharePoint', service: 'SharePoint Online', status: 'serviceOperational' as const },
    { id: 'Exchange', service: 'Exchange Online', status: 'serviceOperational' as const },
  ];

  it('shows a toggle per service, on for followed ones, and saves with notify.save', () => {
    const { card } = renderNotifyCard(services, { conversationId: 'a', incidentIds: [], services: ['exchange online'], all: false }, 'en');
    const body = card.body as Array<Record<string, unknown>>;
    const toggles = body.filter((e) => e.type === 'Input.Toggle');
    expect(toggles.map((t) => [t.id, t.title, t.value])).toEqual([['all', 'All services', 'false'], ['svc0', 'Exchange Online', 'true'], ['svc1', 'SharePoint Online', 'false']]);
    const [action] = card.actions as Array<Record<string, unknown>>;
    expect(action).toMatchObject({ type: 'Action.Execute', verb: 'notify.save', data: { services: ['Exchange Online', 'SharePoint Online'] } });
  });

  const known = services.map((s) => s.service);

  it('reads the submitted toggles back to the tenant\'s service names', () => {
    expect(readNotifySubmission({ services: ['Exchange Online', 'sharepoint online'], svc0: 'false', svc1: 'true', all: 'false' }, known))
      .toEqual({ ok: true, services: ['SharePoint Online'], all: false });
  });

  it('refuses a chosen name the tenant does not have, and more names than any health overview lists', () => {
    expect(readNotifySubmission({ services: ['Exchange Online', 'Made Up'], svc0: 'true', svc1: 'true' }, known))
      .toMatchObject({ ok: false, reason: 'unknownServices', unknown: 1 });
    expect(readNotifySubmission({ services: [{ evil: true }], svc0: 'true' }, known)).toMatchObject({ ok: false, reason: 'unknownServices' });
    expect(readNotifySubmission({ services: Array.from({ length: 10_000 }, (_, i) => `S${i}`) }, known)).toMatchObject({ ok: false, reason: 'tooManyServices' });
  });
});
