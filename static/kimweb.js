// kimweb: the little JavaScript the pages need. Everything works without it; this only helps
// keyboard and screen-reader users keep their place after htmx swaps.
(function () {
  "use strict";

  // After a boosted page change, start at the main content like a real page load would.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (!target) { return; }
    // An outerHTML swap removes the old target: look for its replacement by id.
    if (!target.isConnected) {
      target = (target.id && document.getElementById(target.id)) || event.target;
      if (!target || !target.isConnected) { return; }
    }
    var invalid = target.querySelector("[aria-invalid='true']");
    var wanted = invalid || target.querySelector("[data-focus-after-swap], [autofocus]");
    if (wanted) {
      wanted.focus();
    } else if (event.detail.boosted) {
      var main = document.getElementById("main");
      if (main) { main.focus(); }
    }
  });

  // Documents: files dropped on the upload area go into its file input (the plain input works alone).
  function dropZone(zone) {
    var input = zone.querySelector("input[type='file']");
    if (!input || zone.dataset.dropReady) { return; }
    zone.dataset.dropReady = "1";
    zone.addEventListener("dragover", function (event) {
      event.preventDefault();
      zone.classList.add("doc-drop-active");
    });
    zone.addEventListener("dragleave", function () { zone.classList.remove("doc-drop-active"); });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("doc-drop-active");
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  }
  function findDropZones() { document.querySelectorAll("[data-drop-target]").forEach(dropZone); }
  document.addEventListener("DOMContentLoaded", findDropZones);
  document.addEventListener("htmx:load", findDropZones);
  // Choosers (long code lists as checkboxes, _forms.html): a filter box and a live count.
  function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function chooser(box) {
    var filter = box.querySelector("[data-chooser-filter]");
    var list = box.querySelector(".chooser-options");
    if (!filter || box.dataset.chooserReady) { return; }
    box.dataset.chooserReady = "1";
    box.querySelector("[data-chooser-tools]").hidden = false;
    var shown = box.querySelector("[data-chooser-shown]");
    var count = box.querySelector("[data-chooser-n]");
    filter.addEventListener("input", function () {
      var words = plain(filter.value).trim();
      var visible = 0;
      list.querySelectorAll("li").forEach(function (item) {
        var match = !words || plain(item.textContent).indexOf(words) >= 0;
        item.hidden = !match && !item.querySelector("input").checked;
        item.classList.toggle("chooser-miss", !match);
        if (match) { visible += 1; }
      });
      shown.textContent = visible ? list.dataset.shownText + " " + visible : list.dataset.noneText;
    });
    // Enter in the filter box goes to the first match instead of sending the form.
    filter.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") { return; }
      event.preventDefault();
      var first = list.querySelector("li:not([hidden]):not(.chooser-miss) input");
      if (first) { first.focus(); }
    });
    list.addEventListener("change", function () {
      count.textContent = list.querySelectorAll("input:checked").length;
    });
  }
  function findChoosers() { document.querySelectorAll("[data-chooser]").forEach(chooser); }
  document.addEventListener("DOMContentLoaded", findChoosers);
  document.addEventListener("htmx:load", findChoosers);
  // Print buttons: no inline script under the CSP. A button in a form (the case summary) first
  // posts the form (htmx, the print is audited), then prints.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button && !button.form) { window.print(); }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful && event.detail.elt.matches("form[data-print-form]")) { window.print(); }
  });

  // Busy state for assistive technology while htmx loads (the bar shows after 300 ms, CSS).
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.target) { event.detail.target.setAttribute("aria-busy", "true"); }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.target) { event.detail.target.removeAttribute("aria-busy"); }
  });

  // The case file: a section tab loaded by htmx becomes the current one.
  document.addEventListener("htmx:afterRequest", function (event) {
    var link = event.detail.elt;
    if (!event.detail.successful || !link.closest || !link.closest(".cf-tabs")) { return; }
    link.closest(".cf-tabs").querySelectorAll("a[aria-current]").forEach(function (a) { a.removeAttribute("aria-current"); });
    link.setAttribute("aria-current", "page");
  });
  // Old links into the long file (#section-status, #note-12) open that section.
  function openLinkedSection() {
    var file = document.querySelector("[data-file-sections]");
    var match = /^#(section|note)-([a-z0-9_]+)$/.exec(window.location.hash);
    if (!file || !match || document.getElementById(window.location.hash.slice(1))) { return; }
    var base = file.getAttribute("data-file-sections");
    window.location.replace(match[1] === "note" ? base + "notes" + window.location.hash : base + match[2]);
  }
  document.addEventListener("DOMContentLoaded", openLinkedSection);
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.boosted) { openLinkedSection(); }
  });
})();
