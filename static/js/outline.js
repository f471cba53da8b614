// The guide editor's outline: drag a section or a question by its handle to move it. A drop
// fills the row's own "Move to" form (section and position) and sends it, so dragging does
// exactly what the menu does with the keyboard or without JavaScript.
(function () {
  "use strict";
  let dragged = null;

  htmx.onLoad(function (content) {
    content.querySelectorAll(".drag-handle").forEach(function (handle) {
      handle.hidden = false;
    });
  });

  function siblings(row) {
    // The rows the dragged one may land among: sections, or the questions of one section.
    const list = row.dataset.row === "section"
      ? document.querySelectorAll("[data-row=section]")
      : row.closest("[data-row=section]").querySelectorAll("[data-row=question]");
    return Array.from(list).filter(function (other) { return other !== dragged; });
  }

  function target(element) {
    // Dropped on itself (a drag that barely moved): nowhere new.
    if (!dragged || !element.closest || dragged.contains(element)) return null;
    const row = element.closest("[data-row=" + dragged.dataset.row + "]");
    if (row && row !== dragged) return row;
    // A question dropped on a section (an empty one, say) goes to its end.
    const section = element.closest("[data-row=section]");
    return dragged.dataset.row === "question" && section ? section : null;
  }

  function clear() {
    document.querySelectorAll(".drop-before, .drop-after").forEach(function (row) {
      row.classList.remove("drop-before", "drop-after");
    });
  }

  document.addEventListener("dragstart", function (event) {
    const handle = event.target.closest && event.target.closest(".drag-handle");
    if (!handle) return;
    dragged = handle.closest("[data-row]");
    event.dataTransfer.effectAllowed = "move";
    // A type of its own: dropped in a text box elsewhere, it types nothing there.
    event.dataTransfer.setData("application/x-askfirst-row", dragged.id);
    event.dataTransfer.setDragImage(dragged, 16, 16);
    dragged.classList.add("dragging");
  });

  document.addEventListener("dragover", function (event) {
    const row = target(event.target);
    if (!row) return;
    event.preventDefault();
    clear();
    const box = row.getBoundingClientRect();
    const after = row.dataset.row !== dragged.dataset.row || event.clientY > box.top + box.height / 2;
    row.classList.add(after ? "drop-after" : "drop-before");
  });

  document.addEventListener("drop", function (event) {
    const row = target(event.target);
    if (!row) return;
    event.preventDefault();
    const into = row.dataset.row === dragged.dataset.row ? row : null;
    let position;
    let section = row.closest("[data-row=section]");
    if (into) {
      const others = siblings(into);
      position = others.indexOf(into) + 1 + (into.classList.contains("drop-after") ? 1 : 0);
    } else {
      position = Array.from(section.querySelectorAll("[data-row=question]"))
        .filter(function (other) { return other !== dragged; }).length + 1;
    }
    clear();
    const form = dragged.querySelector(":scope > .row-menu [data-move-to]");
    form.elements.position.value = position;
    if (form.elements.section) form.elements.section.value = section.dataset.key;
    form.requestSubmit();
  });

  document.addEventListener("dragend", function () {
    clear();
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
  });
})();
