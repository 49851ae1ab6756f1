/**
 * Every string the chat widget shows, in English and Spanish; the voice call's
 * own strings are in voice-strings.ts, which ships in the voice chunk. A host
 * page picks a language with `data-lang` (or the page's `<html lang>`), and can
 * override any string, chat or voice, with `Switchboard.configure({ strings: { … } })`.
 */
import type { VoiceStrings } from './voice-strings';
export const en = {
  title: 'Chat with us',
  subtitle: 'We usually reply in seconds',
  open: 'Open chat',
  close: 'Close chat',
  placeholder: 'Type your message…',
  send: 'Send',
  inputLabel: 'Message',
  messagesLabel: 'Conversation',
  you: 'You',
  assistant: 'Assistant',
  staff: 'Staff',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  offline: 'You are offline. Messages will be sent when you reconnect.',
  queued: 'Queued — sends when you reconnect',
  sending: 'Sending…',
  failed: 'Not sent',
  typing: 'Assistant is typing…',
  sources: 'Sources',
  bookingConfirmed: 'Booking confirmed',
  bookingNumber: 'Booking number',
  addToCalendar: 'Add to calendar',
  manageBooking: 'Reschedule or cancel',
  calendarFailed: 'The calendar file could not be downloaded.',
  service: 'Service',
  when: 'When',
  technician: 'Technician',
  offlineModel: 'Demo assistant (offline model)',
  error: 'Something went wrong. Please try again.',
  ended: 'This conversation has ended.',
  newChat: 'Start a new conversation',
  voice: 'Start a voice call',
  callLabel: 'Voice call',
  voiceLoadFailed: 'The voice call could not be loaded. Check your connection and call again, or keep typing here.',
  csatTitle: 'How did we do?',
  csatLegend: 'Rate this conversation from 1 (very poor) to 5 (excellent)',
  csatScores: ['Very poor', 'Poor', 'Okay', 'Good', 'Excellent'],
  csatComment: 'Comment (optional)',
  csatSubmit: 'Send rating',
  csatThanks: 'Thank you for your feedback!',
  csatFailed: 'Your rating could not be sent. Please try again.',
  replyFrom: 'New reply',
  poweredBy: 'Powered by Switchboard',
  tools: {} as Record<string, string>,
};

export type Strings = typeof en;

export const es: Strings = {
  title: 'Chatea con nosotros',
  subtitle: 'Solemos responder en segundos',
  open: 'Abrir el chat',
  close: 'Cerrar el chat',
  placeholder: 'Escribe tu mensaje…',
  send: 'Enviar',
  inputLabel: 'Mensaje',
  messagesLabel: 'Conversación',
  you: 'Tú',
  assistant: 'Asistente',
  staff: 'Personal',
  connecting: 'Conectando…',
  reconnecting: 'Reconectando…',
  offline: 'Sin conexión. Los mensajes se enviarán al reconectar.',
  queued: 'En cola: se envía al reconectar',
  sending: 'Enviando…',
  failed: 'No enviado',
  typing: 'El asistente está escribiendo…',
  sources: 'Fuentes',
  bookingConfirmed: 'Cita confirmada',
  bookingNumber: 'Número de reserva',
  addToCalendar: 'Añadir al calendario',
  manageBooking: 'Cambiar o cancelar',
  calendarFailed: 'No se pudo descargar el archivo del calendario.',
  service: 'Servicio',
  when: 'Cuándo',
  technician: 'Técnico',
  offlineModel: 'Asistente de demostración (modelo sin conexión)',
  error: 'Algo salió mal. Inténtalo de nuevo.',
  ended: 'Esta conversación ha terminado.',
  newChat: 'Iniciar una nueva conversación',
  voice: 'Iniciar una llamada de voz',
  callLabel: 'Llamada de voz',
  voiceLoadFailed: 'No se pudo cargar la llamada de voz. Comprueba tu conexión y vuelve a llamar, o sigue escribiendo aquí.',
  csatTitle: '¿Qué tal te hemos atendido?',
  csatLegend: 'Valora esta conversación de 1 (muy mala) a 5 (excelente)',
  csatScores: ['Muy mala', 'Mala', 'Regular', 'Buena', 'Excelente'],
  csatComment: 'Comentario (opcional)',
  csatSubmit: 'Enviar valoración',
  csatThanks: '¡Gracias por tu opinión!',
  csatFailed: 'No se pudo enviar tu valoración. Inténtalo de nuevo.',
  replyFrom: 'Nueva respuesta',
  poweredBy: 'Con la tecnología de Switchboard',
  tools: {
    list_services: 'Buscando servicios…',
    check_availability: 'Consultando disponibilidad…',
    create_booking: 'Reservando tu cita…',
    get_booking: 'Buscando tu reserva…',
    list_bookings: 'Buscando reservas…',
    cancel_booking: 'Cancelando la reserva…',
    reschedule_booking: 'Cambiando la cita…',
    search_knowledge_base: 'Buscando en la base de conocimiento…',
    get_kb_article: 'Leyendo un artículo…',
    open_ticket: 'Abriendo un caso…',
    request_human: 'Conectándote con una persona…',
  },
};

export const LANGUAGES: Record<string, Strings> = { en, es };

/** What a page may override: any chat or voice string. */
export type StringOverrides = Partial<Strings & VoiceStrings>;

/** The strings for `lang` ("es", "es-MX", …), English when unknown, with `overrides` (voice ones too) on top. */
export function stringsFor(lang: string | undefined, overrides?: StringOverrides): Strings {
  const base = LANGUAGES[(lang ?? 'en').toLowerCase().split('-')[0] ?? 'en'] ?? en;
  return { ...base, ...overrides, tools: { ...base.tools, ...overrides?.tools } };
}
