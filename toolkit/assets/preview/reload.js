// toolkit preview: reload the page when its sources are rebuilt, keeping the scroll
// position, and show check's findings for the changed files. Served by `toolkit preview`
// only (never part of a built edition); it builds its overlay with DOM calls, no markup.
(function () {
  "use strict";
  var me = document.currentScript;
  var lang = me.dataset.lang;
  var version = Number(me.dataset.version);
  var key = "toolkit-preview-scroll:" + location.pathname;

  if ("scrollRestoration" in history) history.scrollRestoration = "manual";

  function restore() {
    var saved = sessionStorage.getItem(key);
    if (!saved) return;
    sessionStorage.removeItem(key);
    try {
      var at = JSON.parse(saved);
      window.scrollTo(at.x, at.y);
    } catch (e) { /* a value from elsewhere: stay where the page opens */ }
  }

  function reload() {
    sessionStorage.setItem(key, JSON.stringify({x: window.scrollX, y: window.scrollY}));
    location.reload();
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  var panel = element("aside", "toolkit-preview");
  panel.id = "toolkit-preview";
  panel.setAttribute("aria-label", "preview");
  var bar = element("div", "toolkit-preview-bar");
  var state = element("span", "toolkit-preview-state", "preview");
  state.setAttribute("role", "status");
  var pdf = element("a", "toolkit-preview-pdf", "PDF");
  pdf.href = "/" + encodeURIComponent(lang) + "/article.pdf";
  pdf.target = "_blank";
  pdf.title = "build this language's PDF and open it";
  var toggle = element("button", "toolkit-preview-toggle", "hide");
  toggle.type = "button";
  var list = element("ul", "toolkit-preview-list");
  bar.append(state, pdf, toggle);
  panel.append(bar, list);
  toggle.addEventListener("click", function () {
    panel.classList.toggle("toolkit-preview-folded");
    toggle.textContent = panel.classList.contains("toolkit-preview-folded") ? "show" : "hide";
  });
  pdf.addEventListener("click", function () { state.textContent = "building the PDF …"; });

  function show(status) {
    list.replaceChildren();
    status.diagnostics.forEach(function (d) {
      var item = element("li", "toolkit-preview-" + d.severity);
      item.append(element("code", "", d.where), " ", element("strong", "", d.severity + ":"), " ",
                  d.message + " [" + d.code + "]");
      if (d.hint) item.append(element("span", "toolkit-preview-hint", "hint: " + d.hint));
      list.append(item);
    });
    if (status.failure) list.prepend(element("li", "toolkit-preview-error", status.failure));
    var count = status.diagnostics.length;
    state.textContent = status.changed.length
      ? (count ? count + " finding" + (count === 1 ? "" : "s") + " in " : "no findings in ") + status.changed.join(", ")
      : "preview";
    panel.classList.toggle("toolkit-preview-problems", count > 0 || Boolean(status.failure));
  }

  function refresh() {
    fetch("/__preview/status", {cache: "no-store"}).then(function (r) { return r.json(); }).then(show,
      function () { state.textContent = "preview: the server does not answer"; });
  }

  function newer(versions) {
    return versions && versions[lang] !== undefined && versions[lang] > version;
  }

  function start() {
    document.body.append(panel);
    restore();
    refresh();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();

  var events = new EventSource("/__preview/events");
  events.addEventListener("hello", function (e) {
    if (newer(JSON.parse(e.data).versions)) reload();  // rebuilt while this page was loading
  });
  events.addEventListener("building", function (e) {
    state.textContent = "rebuilding (" + JSON.parse(e.data).changed.join(", ") + ") …";
  });
  events.addEventListener("reload", function (e) {
    var data = JSON.parse(e.data);
    if (newer(data.versions)) reload(); else refresh();
  });
  events.onerror = function () { state.textContent = "preview: reconnecting …"; };
})();
