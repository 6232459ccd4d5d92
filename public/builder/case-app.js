// Case app island: click a stage in the diagram, then another, to add (or remove) the move from
// the first to the second; the "stages it can move on to" field of the first stage is updated and
// the change is announced. Saving the form checks the whole case app (unreachable stages and dead
// ends are refused). Without JavaScript the same fields are edited directly.
const diagram = document.querySelector(".builder-diagram");
const form = document.getElementById("case-app-form");
const status = document.getElementById("diagram-status");
if (diagram && form) {
  diagram.classList.add("builder-diagram--interactive");
  const en = document.documentElement.lang === "en";
  let selected = null;
  const rowOf = (stageId) => {
    for (const input of form.querySelectorAll("input[id^=stage_id_]")) {
      if (input.value.trim() === stageId) return input.id.slice("stage_id_".length);
    }
    return null;
  };
  for (const node of diagram.querySelectorAll("[data-stage]")) {
    node.addEventListener("click", () => {
      const id = node.dataset.stage;
      if (!selected) {
        selected = node;
        node.classList.add("is-selected");
        status.textContent = en ? `From “${id}”: now click the stage to move to.` : `「${id}」から：進める先の段階をクリックしてください。`;
        return;
      }
      const from = selected.dataset.stage;
      selected.classList.remove("is-selected");
      selected = null;
      if (from === id) {
        status.textContent = "";
        return;
      }
      const row = rowOf(from);
      if (row === null) return;
      const input = document.getElementById(`stage_next_${row}`);
      const next = input.value.split(/[,、\s]+/).map((s) => s.trim()).filter(Boolean);
      const at = next.indexOf(id);
      if (at >= 0) next.splice(at, 1);
      else next.push(id);
      input.value = next.join(", ");
      status.textContent = at >= 0
        ? (en ? `Removed the move “${from}” → “${id}”. Save to apply.` : `「${from}」→「${id}」の進め方を外しました。保存すると反映します。`)
        : (en ? `Added the move “${from}” → “${id}”. Save to apply.` : `「${from}」→「${id}」の進め方を加えました。保存すると反映します。`);
    });
  }
}
