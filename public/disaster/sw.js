// Service worker of the field report PWA (scope /field/). Keeps the form page available offline
// (network first, cached copy when offline) and sends queued reports on Background Sync.
const CACHE = "machi-field-v1";
const SHELL = ["/field", "/static/machi.css", "/static/disaster/disaster.css", "/static/disaster/field.js", "/static/disaster/manifest.webmanifest", "/static/disaster/icon.svg"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).catch(() => {}));
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k)))).then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !(url.pathname === "/field" || SHELL.includes(url.pathname))) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() => caches.match(request).then((cached) => cached || Response.error())),
  );
});

function openQueue() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open("machi-field", 1);
    request.onupgradeneeded = () => request.result.createObjectStore("queue", { keyPath: "key" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function sendQueue() {
  const db = await openQueue();
  const items = await new Promise((resolve, reject) => {
    const request = db.transaction("queue", "readonly").objectStore("queue").getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  for (const item of items) {
    const body = new FormData();
    for (const [name, value] of item.fields) body.append(name, value);
    if (item.photo) body.append("photo", item.photo, item.photoName || "photo.jpg");
    const response = await fetch(item.action, { method: "POST", body, credentials: "same-origin", headers: { accept: "application/json" } });
    if (response.ok || response.status === 422 || response.status === 409) {
      await new Promise((resolve) => {
        const tx = db.transaction("queue", "readwrite");
        tx.objectStore("queue").delete(item.key);
        tx.oncomplete = resolve;
        tx.onerror = resolve;
      });
    }
  }
}

self.addEventListener("sync", (event) => {
  if (event.tag === "field-reports") event.waitUntil(sendQueue());
});
