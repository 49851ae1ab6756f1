/**
 * The voice call's strings, in English and Spanish: part of the voice chunk
 * (voice-chunk.ts), so the chat-only bundle does not carry them. A page's
 * overrides reach them through the chat strings the element passes in
 * (`stringsFor` keeps every override key).
 */
import type { Strings } from './strings';

export const voiceEn = {
  callStarting: 'Starting a voice call. Your browser may ask to use the microphone.',
  callConnecting: 'Connecting the call…',
  callLive: 'On call',
  callReconnecting: 'Call reconnecting…',
  callMuted: 'Muted',
  callUnmuted: 'Microphone on',
  mute: 'Mute microphone',
  unmute: 'Unmute microphone',
  hangUp: 'End call',
  callEnding: 'Ending the call…',
  callEnded: 'Call ended. You can keep typing here.',
  callReplaced: 'The call moved to another window.',
  callTakenOver: 'A team member has joined: the call ended, and they will answer you here in the chat.',
  callFailed: 'The voice service can’t be reached right now. Your conversation is saved: type here or call again in a minute.',
  callLost: 'The call was disconnected. Your conversation is saved: type here or call again.',
  micDenied: 'Microphone access is blocked. To talk, allow the microphone for this site in your browser’s settings, then call again. You can keep typing here.',
  micMissing: 'No microphone was found. Connect one and call again, or keep typing here.',
  micBusy: 'Your microphone is being used by another app. Close it and call again, or keep typing here.',
  voiceUnsupported: 'This browser can’t make voice calls. You can keep typing here.',
};

export type VoiceStrings = typeof voiceEn;

export const voiceEs: VoiceStrings = {
  callStarting: 'Iniciando una llamada de voz. El navegador puede pedir permiso para usar el micrófono.',
  callConnecting: 'Conectando la llamada…',
  callLive: 'En llamada',
  callReconnecting: 'Reconectando la llamada…',
  callMuted: 'Silenciado',
  callUnmuted: 'Micrófono activado',
  mute: 'Silenciar el micrófono',
  unmute: 'Activar el micrófono',
  hangUp: 'Colgar',
  callEnding: 'Terminando la llamada…',
  callEnded: 'Llamada terminada. Puedes seguir escribiendo aquí.',
  callReplaced: 'La llamada continuó en otra ventana.',
  callTakenOver: 'Se ha unido una persona del equipo: la llamada terminó y te responderá aquí en el chat.',
  callFailed: 'No se puede conectar con el servicio de voz ahora. Tu conversación está guardada: escribe aquí o vuelve a llamar en un minuto.',
  callLost: 'La llamada se cortó. Tu conversación está guardada: escribe aquí o vuelve a llamar.',
  micDenied: 'El acceso al micrófono está bloqueado. Para hablar, permite el micrófono para este sitio en la configuración del navegador y vuelve a llamar. Puedes seguir escribiendo aquí.',
  micMissing: 'No se encontró ningún micrófono. Conecta uno y vuelve a llamar, o sigue escribiendo aquí.',
  micBusy: 'Otra aplicación está usando el micrófono. Ciérrala y vuelve a llamar, o sigue escribiendo aquí.',
  voiceUnsupported: 'Este navegador no puede hacer llamadas de voz. Puedes seguir escribiendo aquí.',
};

/** The chat strings `base` (with the page's overrides) plus the voice strings of `lang`, overrides winning. */
export function withVoiceStrings(base: Strings, lang: string): Strings & VoiceStrings {
  const voice = (lang || 'en').toLowerCase().split('-')[0] === 'es' ? voiceEs : voiceEn;
  return { ...voice, ...base };
}
