import { AuthenticationRequiredError, CredentialUnavailableError } from '@azure/identity';
import { classifyTokenError, TenantCredentials } from '../../../src/cloud/graphCredentials';

describe('classifyTokenError', () => {
  const msal = (message: string): Error => new AuthenticationRequiredError({ scopes: ['https://graph.microsoft.com/.default'], message });

  it.each([
    'invalid_client: Error(s): 7000215 - Description: AADSTS7000215: Invalid client secret provided.',
    'unauthorized_client: Error(s): 700016 - Description: AADSTS700016: Application not found in the directory.',
    'invalid_request: Error(s): 90002 - Description: AADSTS90002: Tenant not found.',
  ])('treats %s as rejected', (message) => {
    expect(classifyTokenError(msal(message))).toBe('rejected');
  });

  it.each([
    msal('temporarily_unavailable: Error(s): 50000'),
    msal('network_error: See https://aka.ms/msal.js.errors#network_error for details'),
    new CredentialUnavailableError('endpoints_resolution_error: See https://aka.ms/msal.js.errors'),
    new Error('socket hang up'),
    'not an error',
  ])('treats %p as unavailable', (error) => {
    expect(classifyTokenError(error)).toBe('unavailable');
  });

  it('reads errorResponse.error when present', () => {
    const error = Object.assign(new Error('boom'), { errorResponse: { error: 'invalid_client' } });
    expect(classifyTokenError(error)).toBe('rejected');
  });
});

describe('TenantCredentials', () => {
  it('needs a secret or a certificate', () => {
    expect(() => new TenantCredentials({ clientId: 'app' })).toThrow(/secret or a certificate/);
  });

  it('caches one credential per tenant', () => {
    const credentials = new TenantCredentials({ clientId: 'app', clientSecret: 's' });
    const a = '8a2f7c10-5d3e-4b6a-9c1f-2e4d6b8a0c11';
    expect(credentials.get(a)).toBe(credentials.get(a));
    expect(credentials.get(a)).not.toBe(credentials.get('3c9d1e2f-4a5b-46c7-8d9e-0f1a2b3c4d5e'));
  });
});
