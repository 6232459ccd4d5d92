/**
 * The two small scripts of browser notifications, served from /notify/ (CSP script-src 'self').
 * push.js enhances the form on /notify/push: registers the service worker, asks for permission,
 * subscribes with the VAPID key and posts the subscription to /api/notify/push-subscriptions.
 * sw.js shows each alert with tag = alert id (a repeated message replaces, never doubles).
 */
export const PUSH_JS = `(() => {
  const form = document.getElementById("push-form");
  if (!form || !("serviceWorker" in navigator) || !("PushManager" in window)) return;
  const button = document.getElementById("push-button");
  const status = document.getElementById("push-status");
  button.hidden = false;
  const toBytes = (b64) => {
    const padded = (b64 + "=".repeat((4 - (b64.length % 4)) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const registration = await navigator.serviceWorker.register("/notify/sw.js", { scope: "/notify/" });
      if ((await Notification.requestPermission()) !== "granted") { status.textContent = form.dataset.denied || "Permission denied"; return; }
      const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: toBytes(form.dataset.vapid) });
      const response = await fetch("/api/notify/push-subscriptions", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ subscription: subscription.toJSON(), language: form.language.value, wards: [form.ward.value] }),
      });
      status.textContent = response.ok ? (form.dataset.ok || "OK") : (form.dataset.failed || "Failed");
    } catch (error) {
      status.textContent = String(error);
    }
  });
})();
`;

export const SERVICE_WORKER_JS = `self.addEventListener("push", (event) => {
  const data = event.data ? event.data.json() : {};
  event.waitUntil(self.registration.showNotification(data.title || "", {
    body: data.body || "", tag: data.tag, lang: data.lang, requireInteraction: true, data: { url: data.url },
  }));
});
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  if (event.notification.data && event.notification.data.url) event.waitUntil(clients.openWindow(event.notification.data.url));
});
`;
