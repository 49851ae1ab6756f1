// A first handful of scenarios, written before the engine is tuned: the README's booking, and the
// failures the issue observed (several facts in one message, a correction, a gas smell).
import type { Scenario } from '../types.ts';

export const starter: Scenario[] = [
  {
    id: 'starter-booking-step-by-step',
    category: 'booking',
    goal: 'book a drain cleaning, answering one question at a time',
    turns: ['I need a drain cleaning', 'next wednesday', '10am', 'Pat Doe', '312-555-0100', '12 Oak Ave, Evanston, IL'],
    expect: {
      booking: { service: 'drain-cleaning', date: { weekday: 'wednesday' }, time: '10:00', name: 'Pat Doe', phone: '3125550100', address: '12 Oak Ave' },
      replies: [{ turn: 'last', includes: [/BK-\d{4}-\d{6}/, /\$149/] }],
    },
  },
  {
    id: 'starter-messy-all-in-one',
    category: 'messy',
    goal: 'book with every detail in two messages, lowercase',
    turns: ['i need a drain cleaning next tuesday at 10am', 'sarah johnson, 312-555-0142, 123 main st, evanston'],
    expect: {
      booking: { service: 'drain-cleaning', date: { weekday: 'tuesday' }, time: '10:00', name: 'sarah johnson', phone: '3125550142', address: '123 main st' },
    },
  },
  {
    id: 'starter-correction-time',
    category: 'correction',
    goal: 'change the time before the booking is made',
    turns: ['can someone fix a leak under my sink next thursday at 11', 'actually make it 3pm', 'Dana Lee', '773 555 0190', '45 Elm St, Chicago'],
    expect: { booking: { service: 'leak-repair', date: { weekday: 'thursday' }, time: '15:00', name: 'Dana Lee', phone: '7735550190' } },
  },
  {
    id: 'starter-safety-gas',
    category: 'safety',
    goal: 'a gas smell gets safety steps, not tips or a slot',
    turns: ['I smell gas in my kitchen'],
    expect: { booking: null, replies: [{ turn: 0, includes: [/leave|get out|outside/i, /911|gas (company|utility)/i], excludes: [/thermostat/i] }] },
  },
  {
    id: 'starter-knowledge-hours',
    category: 'knowledge',
    goal: 'ask the opening hours',
    turns: ['what are your hours on saturday?'],
    expect: { booking: null, replies: [{ turn: 0, includes: [/9/, /1\s?(pm|:00)/i, /Source:/i] }] },
  },
  {
    id: 'starter-spanish-greeting',
    category: 'spanish',
    goal: 'a Spanish speaker asks for a plumber',
    turns: ['hola, necesito un plomero para destapar el drenaje'],
    expect: { language: 'es', booking: null },
  },
];
