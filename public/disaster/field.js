// Field report page enhancements: "use my location", and an offline queue. A report that cannot be
// sent (no network) is kept in IndexedDB with its idempotency key and sent by the service worker
// (Background Sync) or, where that is missing, by this page when the browser is back online. A replay
// never duplicates: the server answers the first report for a key it already has.
const form = document.getElementById("field-form");
const status = document.getElementById("field-queue");
const DB = "machi-field";

function openQueue() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore("queue", { keyPath: "key" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore(mode, fn) {
  const db = await openQueue();
  return new Promise((resolve, reject) => {
    const tx = db.transaction("queue", mode);
    const result = fn(tx.objectStore("queue"));
    tx.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
    tx.onerror = () => reject(tx.error);
  });
}

function say(text) {
  if (!status) return;
  status.hidden = false;
  status.textContent = text;
}

async function sendQueued() {
  const items = (await withStore("readonly", (store) => store.getAll())) || [];
  let sent = 0;
  for (const item of items) {
    const body = new FormData();
    for (const [name, value] of item.fields) body.append(name, value);
    if (item.photo) body.append("photo", item.photo, item.photoName || "photo.jpg");
    try {
      const response = await fetch(item.action, { method: "POST", body, credentials: "same-origin", headers: { accept: "application/json" } });
      if (response.ok || response.status === 422 || response.status === 409) {
        await withStore("readwrite", (store) => store.delete(item.key));
        if (response.ok) sent++;
      }
    } catch {
      return; // still offline
    }
  }
  if (sent > 0 && form) say(form.dataset.sentMessage);
}

if (form) {
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/field/sw.js", { scope: "/field/" }).catch(() => {});
  const locate = document.getElementById("use-location");
  if (locate && "geolocation" in navigator) {
    locate.hidden = false;
    locate.addEventListener("click", () => {
      say(form.dataset.locating);
      navigator.geolocation.getCurrentPosition(
        (position) => {
          form.elements.lat.value = position.coords.latitude.toFixed(6);
          form.elements.lon.value = position.coords.longitude.toFixed(6);
          status.hidden = true;
        },
        () => say(form.dataset.locationFailed),
        { enableHighAccuracy: true, timeout: 15000 },
      );
    });
  }
  form.addEventListener("submit", async (event) => {
    if (navigator.onLine) return; // online: the plain form post (server-rendered confirmation)
    event.preventDefault();
    const data = new FormData(form);
    const photo = data.get("photo");
    const fields = [...data.entries()].filter(([name]) => name !== "photo");
    const key = String(data.get("idempotencyKey"));
    await withStore("readwrite", (store) => store.put({ key, action: form.action, fields, photo: photo && photo.size > 0 ? photo : null, photoName: photo && photo.name }));
    say(form.dataset.queuedMessage);
    form.reset();
    form.elements.idempotencyKey.value = crypto.randomUUID().replace(/-/g, "");
    try {
      const registration = await navigator.serviceWorker?.ready;
      await registration?.sync?.register("field-reports");
    } catch {
      // No Background Sync: the "online" listener below sends the queue.
    }
  });
  window.addEventListener("online", () => void sendQueued());
  if (navigator.onLine) void sendQueued();
}
