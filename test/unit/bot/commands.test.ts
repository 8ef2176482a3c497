import { MAX_COMMAND_CHARS, normalizeCommandText, parseCommand } from '../../../src/teams/commands';

describe('parseCommand: English, French and the manifest command titles', () => {
  it.each([
    ['help', { name: 'help' }], ['Aide', { name: 'help' }], ['support', { name: 'support' }], ['assistance', { name: 'support' }],
    ['health', { name: 'health' }], ['État des services', { name: 'health' }], ['agent', { name: 'agent' }], ['conseiller', { name: 'agent' }],
    ['status', { name: 'status' }], ['suivi', { name: 'status' }], ['cancel', { name: 'cancel' }], ['ANNULER', { name: 'cancel' }],
    ['end', { name: 'end' }], ['notify', { name: 'notify' }], ['alertes', { name: 'notify' }],
    ['stop notifications', { name: 'stopNotifications' }], ['arrêter les alertes', { name: 'stopNotifications' }],
    ['queue', { name: 'queue' }], ["file d'attente", { name: 'queue' }], ['use this channel', { name: 'useThisChannel' }],
    ['requests', { name: 'requests' }], ['demandes Microsoft', { name: 'requests' }],
    ['case 1042', { name: 'case', caseNumber: '1042' }], ['dossier C-1042', { name: 'case', caseNumber: 'C-1042' }],
    ['health fabrikam', { name: 'health', target: 'fabrikam' }], ['état des services contoso pharma', { name: 'health', target: 'contoso pharma' }],
    ['outage EX1093214', { name: 'outage', incidentId: 'EX1093214' }], ['queue 2', { name: 'queue', page: 2 }], ['file 3', { name: 'queue', page: 3 }],
  ])('%s', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each(['Outlook ne reçoit plus de mails', 'my teams is broken', '', 'help me with outlook please'])('free text "%s" is not a command', (text) => {
    expect(parseCommand(text)).toBeUndefined();
  });
});

describe('parseCommand: hostile input', () => {
  it('text longer than a command is free text, and normalizing a long run of spaces stays linear', () => {
    expect(parseCommand(`help${' '.repeat(MAX_COMMAND_CHARS)}`)).toBeUndefined();
    expect(normalizeCommandText(`a${' '.repeat(200_000)}b`)).toBe('a b');
  });

  it.each(['constructor', '__proto__', 'toString', 'valueOf'])('"%s" is not a command', (text) => {
    expect(parseCommand(text)).toBeUndefined();
  });
});

describe('parseCommand on agent text normalized to markdown', () => {
  it.each([
    ['case \\#1001', { name: 'case', caseNumber: '1001' }],
    ['health Fabrikam\\_Ltd', { name: 'health', target: 'fabrikam_ltd' }],
    ['queue', { name: 'queue' }],
  ])('reads %j as typed before the escaping', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });
});
