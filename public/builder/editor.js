// Builder editor island (plain ES module, CSP-safe: no inline code, same origin only).
// 1. Drag and drop reordering of the form outline (pages, and questions within or across pages)
//    and of a page's blocks: the new order is put in the hidden reorder form, which is submitted
//    (the server checks it against the saved form and saves it, or says why not).
// 2. Live preview of the question being edited: the form is sent to the preview endpoint as the
//    staff member types, and the engine's own rendering replaces the preview.
// Without JavaScript the "Move up / Move down" buttons and "Update the preview" do the same.

const reorderForm = document.getElementById("reorder-form");

function announce(text) {
  const status = document.getElementById("reorder-status");
  if (status) {
    status.closest("form").hidden = false;
    status.textContent = text;
  }
}

function makeSortable(list, itemSelector, onDrop) {
  let dragged = null;
  list.classList.add("builder-dnd");
  for (const item of list.querySelectorAll(itemSelector)) {
    item.setAttribute("draggable", "true");
    item.addEventListener("dragstart", (event) => {
      dragged = item;
      item.classList.add("builder-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", item.dataset.id || item.dataset.index || "");
      event.stopPropagation();
    });
    item.addEventListener("dragend", () => {
      item.classList.remove("builder-dragging");
      dragged = null;
    });
    item.addEventListener("dragover", (event) => {
      if (!dragged || dragged === item || !sameKind(dragged, item)) return;
      event.preventDefault();
      event.stopPropagation();
      item.classList.add("builder-drop-target");
    });
    item.addEventListener("dragleave", () => item.classList.remove("builder-drop-target"));
    item.addEventListener("drop", (event) => {
      if (!dragged || dragged === item || !sameKind(dragged, item)) return;
      event.preventDefault();
      event.stopPropagation();
      item.classList.remove("builder-drop-target");
      const rect = item.getBoundingClientRect();
      const after = event.clientY > rect.top + rect.height / 2;
      item.parentNode.insertBefore(dragged, after ? item.nextSibling : item);
      onDrop();
    });
  }
  // Questions may also be dropped on a page's (possibly empty) question list.
  for (const target of list.querySelectorAll(".builder-outline__questions")) {
    target.addEventListener("dragover", (event) => {
      if (dragged && dragged.classList.contains("builder-outline__question")) event.preventDefault();
    });
    target.addEventListener("drop", (event) => {
      if (!dragged || !dragged.classList.contains("builder-outline__question") || event.target !== target) return;
      event.preventDefault();
      target.appendChild(dragged);
      onDrop();
    });
  }
}

function sameKind(a, b) {
  return a.classList.contains("builder-outline__page") === b.classList.contains("builder-outline__page");
}

function submitOrder(order) {
  if (!reorderForm) return;
  reorderForm.querySelector("input[name=order]").value = JSON.stringify(order);
  announce(document.documentElement.lang === "en" ? "Saving the new order…" : "並べ替えを保存しています…");
  reorderForm.submit();
}

const outline = document.getElementById("outline");
if (outline && reorderForm) {
  makeSortable(outline, ".builder-outline__page, .builder-outline__question", () => {
    const order = [...outline.querySelectorAll(":scope > .builder-outline__page")].map((page) => ({
      id: page.dataset.id,
      questions: [...page.querySelectorAll(":scope > .builder-outline__questions > .builder-outline__question")].map((q) => q.dataset.id),
    }));
    submitOrder(order);
  });
}

const blocks = document.getElementById("blocks-list");
if (blocks && reorderForm) {
  makeSortable(blocks, ".builder-outline__question", () => {
    submitOrder([...blocks.querySelectorAll(":scope > li")].map((li) => Number(li.dataset.index)));
  });
}

// Live preview of a question.
const questionForm = document.getElementById("question-form");
const preview = document.getElementById("question-preview");
if (questionForm && preview) {
  let timer = null;
  let controller = null;
  const refresh = async () => {
    controller?.abort();
    controller = new AbortController();
    const data = new URLSearchParams(new FormData(questionForm));
    try {
      const response = await fetch(questionForm.dataset.preview, {
        method: "POST",
        body: data,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        credentials: "same-origin",
        signal: controller.signal,
      });
      if (response.ok) preview.innerHTML = await response.text();
    } catch (error) {
      if (error.name !== "AbortError") console.warn("preview not updated", error);
    }
  };
  questionForm.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
}
