/* The web edition's one script: a citation shows its full reference on hover
   or keyboard focus, and the language switch keeps the reader's place. Without it,
   citations are plain links to the references and the switch opens the other
   edition at its top. */
(function () {
  "use strict";
  var tip = null;

  function hide() {
    if (!tip) return;
    var owner = document.querySelector('[aria-describedby="reference-preview"]');
    if (owner) owner.removeAttribute("aria-describedby");
    tip.remove();
    tip = null;
  }

  function show(link) {
    hide();
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    var copy = target.cloneNode(true);
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
    copy.querySelectorAll(".backlinks").forEach(function (e) { e.remove(); });
    copy.querySelectorAll("a").forEach(function (e) { e.setAttribute("tabindex", "-1"); });
    tip = document.createElement("div");
    tip.id = "reference-preview";
    tip.className = "reference-preview";
    tip.setAttribute("role", "tooltip");
    tip.appendChild(copy);
    document.body.appendChild(tip);
    var box = link.getBoundingClientRect();
    var width = Math.min(448, document.documentElement.clientWidth - 16);
    tip.style.width = width + "px";
    var left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    tip.style.left = left + "px";
    tip.style.top = (box.bottom + window.scrollY + 6) + "px";
    link.setAttribute("aria-describedby", "reference-preview");
  }

  document.querySelectorAll('.citation a[href^="#ref-"]').forEach(function (link) {
    link.addEventListener("mouseenter", function () { show(link); });
    link.addEventListener("focus", function () { show(link); });
    link.addEventListener("mouseleave", hide);
    link.addEventListener("blur", hide);
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });

  /* The language switch keeps the reader's place: the editions share their sections'
     identifiers, so the link goes to the heading the reader is in, or else to the
     one the address names (a reader who followed the contents). */
  function place() {
    var here = "";
    document.querySelectorAll("main :is(h2, h3, h4)[id]:not(#toc-title)").forEach(function (heading) {
      if (heading.getBoundingClientRect().top <= 96) here = heading.id;
    });
    return here || decodeURIComponent(location.hash.slice(1));
  }

  document.querySelectorAll(".language-switch a[hreflang]").forEach(function (link) {
    link.addEventListener("click", function () {
      var id = place();
      link.hash = id ? "#" + encodeURIComponent(id) : "";
    });
  });
})();
