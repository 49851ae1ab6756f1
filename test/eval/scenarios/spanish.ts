// Spanish-speaking customers (many in Chicago's Pilsen, Little Village and Cicero): bookings,
// questions, emergencies, complaints, changes. Every reply must read as Spanish.
// Phones of this file: 331-555-01xx (0101-0109).
import type { Scenario } from '../types.ts';
import { BK, ES_EMERGENCY, ES_LEAVE, ES_SORRY, ES_SOURCE, SURCHARGE } from './common.ts';

export const spanish: Scenario[] = [
  {
    id: 'spanish-01-destapar-fregadero',
    category: 'spanish',
    goal: 'book a drain cleaning in Spanish, one answer at a time',
    turns: ['hola, necesito destapar el fregadero de la cocina', 'el próximo martes a las 10 de la mañana', 'me llamo Carlos Ramírez', '331-555-0101', '2450 S Kedzie Ave, Chicago'],
    expect: {
      language: 'es',
      booking: { service: 'drain-cleaning', date: { weekday: 'tuesday' }, time: '10:00', name: 'Carlos Ramírez', phone: '3315550101', address: '2450 S Kedzie Ave' },
      replies: [{ includes: [BK, /\$149/] }],
    },
  },
  {
    id: 'spanish-02-fuga-todo-junto',
    category: 'spanish',
    goal: 'book a leak repair with every detail in one Spanish message',
    turns: ['quiero una cita para arreglar una fuga debajo del lavabo el jueves a las 11. soy Lucía Fernández, tel 331 555 0102, 3015 W Cermak Rd, Chicago'],
    expect: {
      language: 'es',
      booking: { service: 'leak-repair', date: { weekday: 'thursday' }, time: '11:00', name: 'Lucía Fernández', phone: '3315550102', address: '3015 W Cermak Rd' },
      replies: [{ includes: [BK, /\$175/] }],
    },
  },
  {
    id: 'spanish-03-huele-a-gas',
    category: 'spanish',
    goal: 'a gas smell in Spanish gets get-out-and-call-911 steps in Spanish',
    turns: ['huele a gas en mi cocina, qué hago?'],
    expect: { language: 'es', booking: null, replies: [{ turn: 0, includes: [ES_LEAVE, /911|compañía de gas|empresa de gas|Peoples Gas|Nicor/i] }] },
  },
  {
    id: 'spanish-04-alarma-monoxido',
    category: 'spanish',
    goal: 'a CO alarm in Spanish: fresh air and 911',
    turns: ['la alarma de monóxido de carbono está sonando y mi esposo está mareado'],
    expect: { language: 'es', booking: null, replies: [{ turn: 0, includes: [ES_LEAVE, /911/] }] },
  },
  {
    id: 'spanish-05-horario-sabado',
    category: 'spanish',
    goal: 'ask the Saturday hours in Spanish',
    turns: ['¿a qué hora abren los sábados?'],
    expect: { language: 'es', booking: null, replies: [{ turn: 0, includes: [/\b9\b/, /\b1\b|13/, ES_SOURCE] }] },
  },
  {
    id: 'spanish-06-costo-diagnostico',
    category: 'spanish',
    goal: 'ask the diagnostic fee in Spanish',
    turns: ['cuánto cobran por venir a revisar? no sé qué tiene mi calentador'],
    expect: { language: 'es', booking: null, replies: [{ turn: 0, includes: [/\$89/] }] },
  },
  {
    id: 'spanish-07-hablar-con-persona',
    category: 'spanish',
    goal: 'ask for a person in Spanish and get handed off',
    turns: ['quiero hablar con una persona por favor'],
    expect: { language: 'es', booking: null, handoff: true },
  },
  {
    id: 'spanish-08-queja-calentador',
    category: 'spanish',
    goal: 'a complaint in Spanish about a repair that did not hold: apology and ticket',
    turns: ['el técnico vino ayer a arreglar el calentador de agua y sigue goteando, estoy muy molesta', 'Marisol Vega, 331-555-0103'],
    expect: { language: 'es', booking: null, ticket: true, replies: [{ includes: [ES_SORRY] }] },
  },
  {
    id: 'spanish-09-cancelar-cita',
    category: 'spanish',
    goal: 'cancel an existing booking in Spanish, confirming with "sí"',
    setup: { booking: { service: 'furnace-repair', date: { weekday: 'thursday' }, time: '10:00', customer_name: 'Esperanza Morales', phone: '331-555-0104', address: '2130 S Blue Island Ave, Chicago' } },
    turns: ['necesito cancelar mi cita', 'sí'],
    expect: { language: 'es', booking: null, setupCancelled: true, replies: [{ includes: [/cancel/i] }] },
  },
  {
    id: 'spanish-10-cambiar-cita',
    category: 'spanish',
    goal: 'move an existing booking to Friday at 2 pm in Spanish',
    setup: { booking: { service: 'outlet-repair', date: { weekday: 'monday' }, time: '11:00', customer_name: 'Ramón Castañeda', phone: '331-555-0105', address: '4015 W 26th St, Chicago' } },
    turns: ['¿puedo cambiar mi cita al viernes a las 2 de la tarde?', 'sí, por favor'],
    expect: { language: 'es', booking: null, setupCancelled: false, setupMovedTo: { date: { weekday: 'friday' }, time: '14:00' } },
  },
  {
    id: 'spanish-11-tuberia-reventada',
    category: 'spanish',
    goal: 'a burst pipe in Spanish: close the main valve, the emergency team, the after-hours charge',
    turns: ['se reventó una tubería en el sótano y hay agua por todos lados!!', '¿cobran extra fuera de horario?'],
    expect: {
      language: 'es',
      booking: null,
      replies: [{ turn: 0, includes: [/v[aá]lvula|llave (principal|de paso)|cierr|cerrar|corta/i, ES_EMERGENCY] }, { includes: [SURCHARGE] }],
    },
  },
  {
    id: 'spanish-12-cicero',
    category: 'spanish',
    goal: 'ask in Spanish whether Cicero is served',
    turns: ['¿dan servicio en Cicero?'],
    expect: { language: 'es', booking: null, replies: [{ turn: 0, includes: [/cicero/i, /(?<!\p{L})s[ií](?!\p{L})/iu] }] },
  },
  {
    id: 'spanish-13-aire-manana',
    category: 'spanish',
    goal: 'book an AC tune-up for tomorrow morning in Spanish',
    turns: ['necesito mantenimiento del aire acondicionado mañana a las 9 de la mañana', 'José Martínez, 331.555.0106, 5200 W 25th St, Cicero'],
    expect: {
      language: 'es',
      booking: { service: 'ac-tune-up', date: { inDays: 1 }, time: '09:00', name: 'José Martínez', phone: '3315550106', address: '5200 W 25th St' },
      replies: [{ includes: [BK, /\$129/] }],
    },
  },
  {
    id: 'spanish-14-enchufe-bano',
    category: 'spanish',
    goal: 'book an outlet repair in Spanish, answer by answer',
    turns: ['el enchufe del baño no funciona', 'el lunes a las 12', 'Ana Gutiérrez', '3315550107', '1845 W 18th St, Chicago'],
    expect: {
      language: 'es',
      booking: { service: 'outlet-repair', date: { weekday: 'monday' }, time: '12:00', name: 'Ana Gutiérrez', phone: '3315550107', address: '1845 W 18th St' },
      replies: [{ includes: [BK, /\$119/] }],
    },
  },
  {
    id: 'spanish-15-garantia',
    category: 'spanish',
    goal: 'ask the repair warranty in Spanish',
    turns: ['¿qué garantía tienen las reparaciones?'],
    expect: { language: 'es', booking: null, replies: [{ turn: 0, includes: [/un año|1 año|12 meses/i, ES_SOURCE] }] },
  },
  {
    id: 'spanish-16-sin-calefaccion',
    category: 'spanish',
    goal: 'no heat in freezing weather with small children, in Spanish: the emergency path',
    turns: ['no tenemos calefacción y está helando afuera, tengo dos niños chiquitos'],
    expect: { language: 'es', booking: null, replies: [{ turn: 0, includes: [ES_EMERGENCY] }] },
  },
  {
    id: 'spanish-17-cargador-corrige-hora',
    category: 'spanish',
    goal: 'book an EV charger in Spanish, correcting the time',
    turns: ['quiero instalar un cargador para mi carro eléctrico el miércoles a las 9', 'perdón, mejor a las 10', 'Roberto Díaz, 331-555-0108, 4300 W 55th St, Chicago'],
    expect: {
      language: 'es',
      booking: { service: 'ev-charger-install', date: { weekday: 'wednesday' }, time: '10:00', name: 'Roberto Díaz', phone: '3315550108', address: '4300 W 55th St' },
      replies: [{ includes: [BK, /\$650/] }],
    },
  },
  {
    id: 'spanish-18-furnace-spanglish-licencia',
    category: 'spanish',
    goal: 'book a furnace repair in Chicago Spanglish, asking about licensing in the middle',
    turns: ['mi furnace hace un ruido raro, ¿pueden venir el jueves a la 1?', '¿sus técnicos tienen licencia?', 'ok, Patricia Luna, 331 555 0109, 6100 S Pulaski Rd, Chicago'],
    expect: {
      language: 'es',
      booking: { service: 'furnace-repair', date: { weekday: 'thursday' }, time: '13:00', name: 'Patricia Luna', phone: '3315550109', address: '6100 S Pulaski Rd' },
      replies: [{ turn: 1, includes: [/licencia/i] }, { includes: [BK] }],
    },
  },
];
