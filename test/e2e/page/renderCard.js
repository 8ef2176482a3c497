/*
 * Runs in the gallery's Chromium page, after the Adaptive Cards UMD bundle (window.AdaptiveCards):
 * renderForGallery(card, hostConfig) parses, validates and renders one card into #card, then measures it.
 * Plain browser JavaScript (no TypeScript: the project's tsconfig has no DOM types).
 */
/* global window, document, getComputedStyle, requestAnimationFrame */
'use strict';

window.renderForGallery = async function renderForGallery(json, hostConfig) {
  const AC = window.AdaptiveCards;
  const problems = [];
  const card = new AC.AdaptiveCard();
  card.hostConfig = new AC.HostConfig(hostConfig);
  const context = new AC.SerializationContext();
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of card.validateProperties().validationEvents) {
    const id = event.source && event.source.id;
    problems.push(`validation: ${event.message}${id ? ` (input "${id}")` : ''}`);
  }
  const container = document.getElementById('card');
  container.innerHTML = '';
  const element = card.render();
  if (!element) return { problems: [...problems, 'render: the renderer returned nothing'], overflow: [] };
  container.appendChild(element);
  await document.fonts.ready;
  await new Promise((done) => requestAnimationFrame(() => done()));

  const overflow = [];
  if (container.scrollWidth > container.clientWidth) overflow.push(`card is ${container.scrollWidth}px wide in a ${container.clientWidth}px column`);
  const right = container.getBoundingClientRect().right;
  for (const node of Array.from(container.querySelectorAll('*'))) {
    const style = getComputedStyle(node);
    if (style.display === 'none' || style.visibility === 'hidden' || node.offsetParent === null) continue;
    const label = (node.innerText || node.getAttribute('aria-label') || node.tagName).trim().replace(/\s+/g, ' ').slice(0, 60);
    const clips = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
    const leaf = node.children.length === 0 || node.classList.contains('ac-pushButton');
    if (clips && leaf && node.clientWidth > 0 && node.scrollWidth > node.clientWidth + 1) {
      overflow.push(`clipped (${node.scrollWidth}px of text in ${node.clientWidth}px): "${label}"`);
    }
    if (node.getBoundingClientRect().right > right + 1) overflow.push(`sticks out of the card: "${label}"`);
  }
  return { problems, overflow: [...new Set(overflow)] };
};

/** Markdown subset Teams renders in TextBlocks and FactSets: [text](url), **bold**, _italic_, line breaks. */
window.AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  result.outputHtml = escaped
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])_([^_]+)_(?=$|[\s).,;:!?])/g, '$1<em>$2</em>')
    .replace(/\n/g, '<br>');
  result.didProcess = true;
};
