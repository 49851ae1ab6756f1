// The demo site's own script: the "Chat with us" button uses the widget's JS API.
document.getElementById('chat-cta')?.addEventListener('click', () => {
  if (window.Switchboard) window.Switchboard.open();
  else document.addEventListener('switchboard:ready', (e) => e.detail.open(), { once: true });
});
