/* Reports this page's height to the embedding page; opens the question named by #id;
   filters questions by ?q= with the site's search. It listens to no messages. */
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  // Light, as most portals are, unless the portal asks for `dark` or `auto` (the reader's
  // setting); the frame's colour scheme follows, so its background matches.
  var theme = params.get("theme");
  if (theme === "dark" || theme === "auto") {
    document.documentElement.dataset.theme = theme;
    document.querySelector('meta[name="color-scheme"]').content = theme === "dark" ? "dark" : "light dark";
  }
  if (params.get("intro") === "off") {
    var intro = document.querySelector(".intro");
    if (intro) intro.hidden = true;
  }
  var last = -1;
  function report() {
    var h = Math.ceil(document.body.getBoundingClientRect().height);
    if (h === last || window.parent === window) return;
    last = h;
    window.parent.postMessage({ type: "helpsite:height", height: h }, "*");
  }
  if (window.ResizeObserver) new ResizeObserver(report).observe(document.body);
  document.addEventListener("toggle", report, true);
  window.addEventListener("load", report);
  window.addEventListener("resize", report);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(report);
  function openHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el && el.tagName === "DETAILS") { el.open = true; el.scrollIntoView({ block: "nearest" }); }
  }
  openHash();
  window.addEventListener("hashchange", openHash);
  var q = (params.get("q") || "").trim();
  if (!q) return;
  var items = document.querySelectorAll("main details");
  items.forEach(function (d) { d.hidden = true; });
  var s = document.createElement("script");
  s.src = document.body.dataset.root + "_static/search.js";
  s.onload = function () {
    var root = document.body.dataset.root;
    var group = new URL(document.body.dataset.group, location.href).href;
    window.helpsiteSearch.core.search(q, { maxPages: 50, maxHits: 50 }).then(function (r) {
      var keep = {};
      r.groups.forEach(function (g) {
        g.hits.forEach(function (h) {
          var abs = new URL(root + h.url, location.href).href;
          if (abs.indexOf(group + "#") === 0) keep[abs.slice(group.length + 1)] = true;
        });
      });
      var shown = 0;
      items.forEach(function (d) { d.hidden = !keep[d.id]; if (!d.hidden) shown++; });
      document.querySelector(".empty").hidden = shown > 0;
      report();
    }, function () { items.forEach(function (d) { d.hidden = false; }); report(); });
  };
  s.onerror = function () { items.forEach(function (d) { d.hidden = false; }); report(); };
  document.head.appendChild(s);
})();
