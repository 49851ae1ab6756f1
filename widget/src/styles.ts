/**
 * The widget's stylesheet, adopted into its shadow root (a constructed sheet, so
 * a host page's CSP needs no 'unsafe-inline'). `:host { all: initial !important }`
 * cuts off everything inherited from the host page; sizes are in px, never rem,
 * so a host page's font sizes cannot reach in. Theme with custom properties on
 * the element (they do cross the boundary): --sb-accent, --sb-accent-text,
 * --sb-font, --sb-radius, --sb-z-index, --sb-offset.
 */
export const CSS = `
:host {
  all: initial !important;
  display: block !important;
  position: static !important;
  contain: none !important;
}
.root {
  --accent: var(--sb-accent, #1d4ed8);
  --accent-text: var(--sb-accent-text, #ffffff);
  --radius: var(--sb-radius, 16px);
  --offset: var(--sb-offset, 20px);
  --fg: #1f2937;
  --muted: #4b5563;
  --bg: #ffffff;
  --soft: #f3f4f6;
  --line: #d1d5db;
  font-family: var(--sb-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
  font-size: 15px;
  font-weight: 400;
  line-height: 1.45;
  letter-spacing: normal;
  color: var(--fg);
  text-align: left;
  -webkit-font-smoothing: antialiased;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.sr-only {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
button { font: inherit; color: inherit; cursor: pointer; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }

.launcher {
  position: fixed; bottom: var(--offset); right: var(--offset); z-index: var(--sb-z-index, 2147483000);
  width: 60px; height: 60px; margin: 0; padding: 0; border: 0; border-radius: 50%;
  background: var(--accent); color: var(--accent-text);
  display: flex; align-items: center; justify-content: center;
  box-shadow: 0 6px 20px rgba(0, 0, 0, 0.25);
  transition: transform 0.15s ease;
}
.launcher:hover { transform: scale(1.05); }
.launcher:focus-visible { outline: 3px solid var(--fg); outline-offset: 3px; }
.launcher svg { width: 28px; height: 28px; fill: currentColor; }
.root[data-position="left"] .launcher { right: auto; left: var(--offset); }

.panel {
  position: fixed; bottom: calc(var(--offset) + 72px); right: var(--offset); z-index: var(--sb-z-index, 2147483000);
  width: 380px; height: 600px; max-height: calc(100vh - var(--offset) * 2 - 80px);
  display: flex; flex-direction: column; overflow: hidden;
  background: var(--bg); border: 1px solid var(--line); border-radius: var(--radius);
  box-shadow: 0 12px 40px rgba(0, 0, 0, 0.22);
}
.root[data-position="left"] .panel { right: auto; left: var(--offset); }

header {
  display: flex; align-items: center; gap: 8px; padding: 14px 14px 14px 18px;
  background: var(--accent); color: var(--accent-text);
}
header .titles { flex: 1; min-width: 0; }
h2 { margin: 0; font-size: 16px; font-weight: 650; line-height: 1.3; }
.subtitle { margin: 2px 0 0; font-size: 13px; opacity: 0.95; }
.badge {
  display: inline-block; margin-top: 4px; padding: 1px 8px; border-radius: 999px;
  background: rgba(255, 255, 255, 0.92); color: #1f2937; font-size: 11px; font-weight: 600;
}
.icon-btn {
  width: 36px; height: 36px; flex: none; margin: 0; padding: 0; border: 0; border-radius: 8px;
  background: transparent; color: inherit; display: flex; align-items: center; justify-content: center;
}
.icon-btn:hover { background: rgba(0, 0, 0, 0.12); }
.icon-btn svg { width: 20px; height: 20px; fill: currentColor; }
header .icon-btn:focus-visible { outline-color: var(--accent-text); outline-offset: -3px; }

.status {
  padding: 6px 14px; font-size: 13px; background: #fef3c7; color: #78350f; border-bottom: 1px solid #fcd34d;
}
.status button {
  margin-left: 6px; padding: 2px 8px; border: 1px solid #78350f; border-radius: 6px; background: #fff; color: #78350f;
}

.messages {
  flex: 1; overflow-y: auto; margin: 0; padding: 14px; list-style: none;
  display: flex; flex-direction: column; gap: 10px; background: var(--bg);
}
.msg { display: flex; flex-direction: column; max-width: 88%; }
.msg.user { align-self: flex-end; align-items: flex-end; }
.msg.assistant, .msg.staff { align-self: flex-start; }
.bubble {
  padding: 9px 13px; border-radius: 14px; overflow-wrap: anywhere; white-space: normal;
  background: var(--soft); color: var(--fg);
}
.msg.user .bubble { background: var(--accent); color: var(--accent-text); border-bottom-right-radius: 4px; }
.msg.assistant .bubble, .msg.staff .bubble { border-bottom-left-radius: 4px; }
.msg.staff .bubble { background: #ecfdf5; border: 1px solid #a7f3d0; }
.bubble p { margin: 0; }
.bubble p + p, .bubble p + ul, .bubble p + ol, .bubble ul + p, .bubble ol + p { margin-top: 8px; }
.bubble ul, .bubble ol { margin: 4px 0 0; padding-left: 20px; }
.bubble a { color: inherit; text-decoration: underline; }
.msg.assistant .bubble a { color: #1e40af; }
.bubble strong { font-weight: 700; }
.meta { margin-top: 3px; font-size: 12px; color: var(--muted); }
.msg.failed .meta { color: #b91c1c; }
.typing { display: inline-flex; gap: 4px; padding: 4px 0; }
.typing span { width: 6px; height: 6px; border-radius: 50%; background: var(--muted); animation: blink 1.2s infinite ease-in-out; }
.typing span:nth-child(2) { animation-delay: 0.2s; }
.typing span:nth-child(3) { animation-delay: 0.4s; }
@keyframes blink { 0%, 80%, 100% { opacity: 0.3; } 40% { opacity: 1; } }
.activity { margin-top: 4px; font-size: 12px; color: var(--muted); font-style: italic; }

.sources { margin: 6px 0 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 6px; font-size: 12px; }
.sources-label { width: 100%; color: var(--muted); font-size: 12px; margin: 6px 0 0; }
.sources a {
  display: inline-block; padding: 3px 9px; border: 1px solid var(--line); border-radius: 999px;
  color: #1e40af; text-decoration: none; background: #fff;
}
.sources a:hover { text-decoration: underline; }

.card {
  margin-top: 8px; padding: 12px 14px; border: 1px solid #86efac; border-radius: 12px; background: #f0fdf4; color: #14532d;
  min-width: 230px;
}
.card h3 { margin: 0 0 6px; font-size: 14px; font-weight: 700; }
.card dl { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; font-size: 13px; }
.card dt { color: #166534; }
.card dd { margin: 0; font-weight: 600; }
.card-actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 10px; }
.card-actions a, .card-actions button {
  padding: 5px 10px; border: 1px solid #16a34a; border-radius: 8px; background: #fff; color: #14532d;
  font: inherit; font-size: 13px; font-weight: 600; text-decoration: none; cursor: pointer;
}
.card-actions a:focus-visible, .card-actions button:focus-visible { outline: 2px solid #166534; outline-offset: 2px; }

form { display: flex; gap: 8px; align-items: flex-end; margin: 0; padding: 10px; border-top: 1px solid var(--line); background: var(--bg); }
textarea {
  flex: 1; min-height: 42px; max-height: 120px; margin: 0; padding: 10px 12px; resize: none;
  font: inherit; color: var(--fg); background: #fff; border: 1px solid #6b7280; border-radius: 10px;
}
textarea::placeholder { color: #6b7280; }
textarea:focus-visible { outline: 2px solid var(--accent); outline-offset: 0; border-color: var(--accent); }
.send {
  width: 42px; height: 42px; flex: none; margin: 0; padding: 0; border: 0; border-radius: 10px;
  background: var(--accent); color: var(--accent-text); display: flex; align-items: center; justify-content: center;
}
.send svg { width: 20px; height: 20px; fill: currentColor; }
.send:disabled { opacity: 0.6; cursor: default; }
.csat { padding: 10px 14px; border-top: 1px solid var(--line); background: var(--soft); }
.csat-title { margin: 0 0 6px; font-weight: 650; }
.csat fieldset { margin: 0; padding: 0; border: 0; min-width: 0; }
.csat-scores { display: flex; gap: 6px; }
.csat-score { position: relative; flex: 1; }
.csat-score input { position: absolute; opacity: 0; width: 100%; height: 100%; margin: 0; cursor: pointer; }
.csat-num {
  display: block; padding: 6px 0; border: 1px solid var(--line); border-radius: 8px; background: var(--bg); text-align: center; font-weight: 600;
}
.csat-score input:checked + span { background: var(--accent); color: var(--accent-text); border-color: var(--accent); }
.csat-score input:focus-visible + span { outline: 3px solid var(--accent); outline-offset: 2px; }
.csat-form > label { display: block; margin: 8px 0 2px; font-size: 13px; color: var(--muted); }
.csat textarea { width: 100%; resize: none; font: inherit; font-size: 14px; padding: 6px 8px; border: 1px solid var(--line); border-radius: 8px; }
.csat-submit { margin-top: 6px; padding: 6px 12px; border: 0; border-radius: 8px; background: var(--accent); color: var(--accent-text); font-weight: 600; }
.csat-submit:disabled { opacity: 0.5; cursor: default; }
.csat-problem { margin: 6px 0 0; color: #7f1d1d; font-size: 13px; }
.csat-thanks { margin: 0; }
.call {
  display: flex; align-items: center; gap: 8px; padding: 8px 12px 8px 14px; font-size: 13px;
  background: #ecfdf5; color: #064e3b; border-bottom: 1px solid #a7f3d0;
}
.call-status { flex: 1; min-width: 0; }
.call-dot { width: 10px; height: 10px; flex: none; border-radius: 50%; background: #16a34a; }
.call[data-state="starting"] .call-dot, .call[data-state="connecting"] .call-dot, .call[data-state="reconnecting"] .call-dot { background: #d97706; animation: blink 1.2s infinite ease-in-out; }
.call[data-playing="true"] .call-dot { box-shadow: 0 0 0 4px rgba(22, 163, 74, 0.3); }
.call[data-state="ended"] { background: var(--soft); color: var(--fg); border-color: var(--line); }
.call[data-state="ended"] .call-dot { background: #6b7280; }
.call[data-state="failed"] { background: #fef2f2; color: #7f1d1d; border-color: #fecaca; }
.call[data-state="failed"] .call-dot { background: #dc2626; }
.call-btn {
  width: 36px; height: 36px; flex: none; margin: 0; padding: 0; border: 1px solid #6b7280; border-radius: 50%;
  background: #fff; color: #1f2937; display: flex; align-items: center; justify-content: center;
}
.call-btn svg { width: 18px; height: 18px; fill: currentColor; }
.call-btn.mute[aria-pressed="true"] { background: #1f2937; border-color: #1f2937; color: #fff; }
.call-btn.hangup { background: #b91c1c; border-color: #b91c1c; color: #fff; }
.msg.caption .bubble { border: 1px dashed var(--line); }
.msg.interrupted .bubble { color: var(--muted); }
.footer { padding: 0 10px 8px; font-size: 11px; color: var(--muted); text-align: center; background: var(--bg); }

@media (max-width: 480px), (max-height: 520px) {
  .root[data-position] .panel {
    inset: 0; width: 100%; height: 100%; max-height: none; border-radius: 0; border: 0;
  }
  .root[data-open="true"] .launcher { display: none; }
  textarea { font-size: 16px; } /* under 16px, iOS zooms the page on focus */
}
@media (prefers-reduced-motion: reduce) {
  .launcher, .typing span, .call-dot { transition: none; animation: none !important; }
}
`;
