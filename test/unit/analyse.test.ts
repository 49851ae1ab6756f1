// The deterministic conversation analyser (no model): a fixed set of conversations and what it makes of each.
import { describe, expect, it } from 'vitest';
import { analyseConversation, sentimentOf, type ConversationFacts, type TranscriptLine } from '../../worker/agent/offline/analyse';
import { seedServices } from '../../worker/db/seed-data';

const catalog = seedServices.map((s) => ({ slug: s.slug, name: s.name, category: s.category }));
const TODAY = '2030-03-06';
const none: ConversationFacts = { booked: [], tickets: [], escalated: false };
const chat = (...lines: [TranscriptLine['role'], string][]) => lines.map(([role, text]) => ({ role, text }));

describe('conversation analysis without a model', () => {
  it('a booking: intent book, the service category, outcome booked, a summary quoting the request', () => {
    const a = analyseConversation(
      chat(['user', 'hi'], ['assistant', 'Hello!'], ['user', 'my kitchen sink is clogged, can someone come tuesday at 9?'], ['assistant', '…'], ['user', 'great, thanks!']),
      { ...none, booked: ['BK-2030-000041'] },
      catalog,
      TODAY,
    );
    expect(a).toMatchObject({ intent: 'book', category: 'Plumbing', outcome: 'booked', sentimentLabel: 'positive' });
    expect(a.summary).toBe('Customer: "my kitchen sink is clogged, can someone come tuesday at 9?" Booked BK-2030-000041 (Drain Cleaning).');
  });

  it('a complaint with a ticket: negative, escalated', () => {
    const a = analyseConversation(
      chat(['user', 'your tech fixed my furnace last week and it broke again. this is ridiculous'], ['assistant', "I'm sorry…"]),
      { booked: [], tickets: ['TK-2030-00007'], escalated: true },
      catalog,
      TODAY,
    );
    expect(a).toMatchObject({ intent: 'complaint', category: 'HVAC', outcome: 'escalated', sentimentLabel: 'negative' });
    expect(a.sentiment).toBeLessThan(-0.25);
    expect(a.summary).toMatch(/Ticket TK-2030-00007 opened and handed to a person\.$/);
  });

  it('a question answered from the knowledge base: neutral, answered', () => {
    const a = analyseConversation(chat(['user', 'what are your hours on saturday?'], ['assistant', 'Saturday 9 to 1.']), none, catalog, TODAY);
    expect(a).toMatchObject({ intent: 'question', category: 'general', outcome: 'answered', sentimentLabel: 'neutral', sentiment: 0 });
  });

  it('a gas smell: safety, emergency', () => {
    const a = analyseConversation(chat(['user', 'i smell gas in the basement'], ['assistant', 'Leave now…']), none, catalog, TODAY);
    expect(a).toMatchObject({ intent: 'safety', category: 'emergency' });
  });

  it('a billing question in Spanish, and a cancellation', () => {
    const billing = analyseConversation(chat(['user', '¿por qué me cobraron dos veces la factura?'], ['assistant', '…']), none, catalog, TODAY);
    expect(billing.category).toBe('billing');
    const cancel = analyseConversation(chat(['user', 'please cancel my appointment BK-2030-000002'], ['assistant', 'Shall I cancel it?'], ['user', 'yes']), none, catalog, TODAY);
    expect(cancel.intent).toBe('cancel');
  });

  it('a widget opened and never written in is abandoned', () => {
    expect(analyseConversation([], none, catalog, TODAY)).toMatchObject({ outcome: 'abandoned', intent: 'other', summary: 'No reply from the customer.' });
  });

  it('reads negation, intensifiers and idioms', () => {
    expect(sentimentOf(['not happy at all'])).toBeLessThan(0);
    expect(sentimentOf(['very helpful, thank you'])).toBeGreaterThan(0.25);
    expect(sentimentOf(['no problem'])).toBeGreaterThan(0);
    expect(sentimentOf(['never again'])).toBeLessThan(0);
    expect(sentimentOf(['muy amable, gracias'])).toBeGreaterThan(0.25);
    expect(sentimentOf(['pésimo servicio, estoy molesto'])).toBeLessThan(-0.25);
    expect(sentimentOf(['the drain is on the left'])).toBe(0);
  });
});
