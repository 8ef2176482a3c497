import type { Locale } from '../i18n';
import { translator } from '../i18n';
import { renderCard, type RenderedCard } from './renderCard';
import template from './templates/help.json';

const CUSTOMER_COMMANDS: Array<[string, string]> = [
  ['support', 'support'], ['health', 'health'], ['agent', 'agent'], ['status', 'status'],
  ['cancel', 'cancel'], ['notify', 'notify'], ['stop notifications', 'stopNotifications'], ['help', 'help'],
];
const AGENT_COMMANDS: Array<[string, string]> = [
  ['queue', 'queue'], ['case <n>', 'case'], ['health <customer>', 'health'],
  ['use this channel', 'useThisChannel'], ['requests', 'requests'], ['outage <id>', 'outage'],
];

/** The command list; agents also see the agent commands. */
export function helpCard(locale: Locale, audience: 'customer' | 'agent'): RenderedCard {
  const t = translator(locale);
  return renderCard(template, {
    title: t('help.title'),
    intro: t('help.intro'),
    commands: audience === 'customer' ? CUSTOMER_COMMANDS.map(([name, key]) => ({ name, description: t(`help.commands.${key}`) })) : [],
    agentIntro: t('help.agentIntro'),
    agentCommands: audience === 'agent' ? AGENT_COMMANDS.map(([name, key]) => ({ name, description: t(`help.agentCommands.${key}`) })) : [],
  }, t('help.preview'));
}
