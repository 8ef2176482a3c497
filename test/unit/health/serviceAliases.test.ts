import { resolveService } from '../../../src/health/serviceAliases';

const FABRIKAM_SERVICES = [
  'Exchange Online', 'Microsoft Teams', 'SharePoint Online', 'OneDrive for Business', 'Microsoft 365 suite',
  'Microsoft Entra', 'Microsoft Intune', 'Microsoft 365 Apps', 'Power Apps',
];

describe('resolveService', () => {
  it.each([
    ['My Outlook is broken', 'Exchange Online'],
    ['I cannot receive e-mails', 'Exchange Online'],
    ['Exchange is down', 'Exchange Online'],
    ['Je ne reçois plus de courriels', 'Exchange Online'],
    ['problème de messagerie depuis ce matin', 'Exchange Online'],
    ['Teams meetings keep dropping', 'Microsoft Teams'],
    ['impossible de rejoindre une réunion Teams', 'Microsoft Teams'],
    ['the SharePoint intranet is slow', 'SharePoint Online'],
    ['OneDrive ne synchronise plus', 'OneDrive for Business'],
    ['Sign-in fails with MFA', 'Microsoft Entra'],
    ['Problème de connexion', 'Microsoft Entra'],
    ['Azure AD says my account is locked', 'Microsoft Entra'],
    ['Intune compliance not updating', 'Microsoft Intune'],
    ["le centre d'administration ne charge pas", 'Microsoft 365 suite'],
    ['the Microsoft 365 admin center is down', 'Microsoft 365 suite'],
    ['Excel crashes on open', 'Microsoft 365 Apps'],
    ['Power Apps canvas app fails', 'Power Apps'],
  ])('%p → %p', (text, service) => {
    expect(resolveService(text, FABRIKAM_SERVICES)).toBe(service);
  });

  it('prefers the longest phrase: "Microsoft 365 apps" over "Microsoft 365"', () => {
    expect(resolveService('Microsoft 365 apps will not start', FABRIKAM_SERVICES)).toBe('Microsoft 365 Apps');
  });

  it('answers with the spelling the tenant reports, including former names', () => {
    expect(resolveService('entra sign-in', ['Identity Service', 'Exchange Online'])).toBe('Identity Service');
    expect(resolveService('OUTLOOK', ['exchange online'])).toBe('exchange online');
  });

  it('skips services the tenant does not have and falls back to the next match', () => {
    expect(resolveService('Dynamics CRM forms in Outlook', FABRIKAM_SERVICES)).toBe('Exchange Online');
    expect(resolveService('Dynamics is slow', FABRIKAM_SERVICES)).toBeUndefined();
  });

  it('returns canonical names when no services are known', () => {
    expect(resolveService('dynamics 365', [])).toBe('Dynamics 365 Apps');
  });

  it.each(['', 'my printer is jammed', 'the mailman came', 'teamspeak'])('finds nothing in %p', (text) => {
    expect(resolveService(text, FABRIKAM_SERVICES)).toBeUndefined();
  });
});
