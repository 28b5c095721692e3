/* helpsite default theme: draws Mermaid diagrams (`pre.mermaid`, their source as text) in the
   site's light or dark colours, and again when the reader switches. Loaded after the library,
   only on pages with a diagram. Without the library, or when a source does not parse, the
   source stays as it is: readable text. Plain ES2017, no dependencies besides Mermaid. */
(function () {
  "use strict";

  var mermaid = window.mermaid;
  var root = document.documentElement;
  var blocks = Array.prototype.slice.call(document.querySelectorAll("pre.mermaid"));
  if (!mermaid || !blocks.length) return;

  var darkQuery = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  var sources = blocks.map(function (pre) {
    return pre.textContent;
  });

  function isDark() {
    var t = root.dataset.theme;
    if (t === "dark" || t === "light") return t === "dark";
    return !!(darkQuery && darkQuery.matches);
  }

  /* Mermaid's "base" theme in the site's own colours, so diagrams match the page and keep its
     contrast in both modes. */
  function settings(dark) {
    var css = getComputedStyle(root);
    function v(name) {
      return css.getPropertyValue(name).trim();
    }
    return {
      startOnLoad: false,
      securityLevel: "strict",
      theme: "base",
      fontFamily: getComputedStyle(document.body).fontFamily,
      themeVariables: {
        darkMode: dark,
        background: v("--bg"),
        fontFamily: getComputedStyle(document.body).fontFamily,
        primaryColor: v("--bg-soft"),
        primaryTextColor: v("--text"),
        primaryBorderColor: v("--muted"),
        secondaryColor: v("--current-bg"),
        tertiaryColor: v("--bg-hover"),
        lineColor: v("--muted"),
        textColor: v("--text"),
        mainBkg: v("--bg-soft"),
        nodeBorder: v("--muted"),
        clusterBkg: v("--bg"),
        clusterBorder: v("--border"),
        edgeLabelBackground: v("--bg"),
        titleColor: v("--text"),
        noteBkgColor: v("--mark-bg"),
        noteTextColor: v("--mark-fg"),
        noteBorderColor: v("--muted"),
        actorBkg: v("--bg-soft"),
        actorBorder: v("--muted"),
        actorTextColor: v("--text"),
        actorLineColor: v("--muted"),
        signalColor: v("--text"),
        signalTextColor: v("--text"),
        labelTextColor: v("--text"),
        sequenceNumberColor: v("--bg"),
      },
    };
  }

  /* Mermaid shrinks a drawing to the column; on a phone a wide flowchart's text would be too
     small to read. Below three quarters of its size it scrolls sideways instead, and can then
     take keyboard focus so that it can be scrolled without a pointer. */
  function keepReadable(pre, svg) {
    var natural = svg ? parseFloat(svg.style.maxWidth) : NaN;
    if (!(natural > 0)) return;
    svg.style.minWidth = Math.round(natural * 0.75) + "px";
    focusIfScrolls(pre);
  }
  function focusIfScrolls(pre) {
    if (pre.scrollWidth > pre.clientWidth + 1) pre.tabIndex = 0;
    else pre.removeAttribute("tabindex");
  }

  var drawnDark = null;
  var queue = Promise.resolve();
  var count = 0;

  function drawOne(pre, i, dark) {
    var id = "mermaid-diagram-" + ++count;
    return mermaid.render(id, sources[i]).then(
      function (result) {
        pre.innerHTML = result.svg;
        pre.classList.add("drawn");
        // Printing switches to light before a redraw can finish: print CSS inverts a dark one.
        pre.classList.toggle("dark", dark);
        var svg = pre.querySelector("svg");
        // Mermaid names the drawing from `accTitle`; without one, name it from the label.
        if (svg && !svg.hasAttribute("aria-labelledby") && pre.dataset.label) {
          svg.setAttribute("aria-label", pre.dataset.label);
        }
        keepReadable(pre, svg);
        if (result.bindFunctions) result.bindFunctions(pre);
      },
      function (error) {
        // A source Mermaid cannot read stays as text; its leftover drawing goes.
        var left = document.getElementById("d" + id);
        if (left) left.remove();
        pre.classList.add("diagram-error");
        if (window.console) console.warn("helpsite: a diagram could not be drawn:", error);
      },
    );
  }

  function draw() {
    var dark = isDark();
    if (dark === drawnDark) return;
    drawnDark = dark;
    queue = queue.then(function () {
      mermaid.initialize(settings(dark));
      // One at a time: Mermaid measures text in a shared scratch element.
      return blocks.reduce(function (done, pre, i) {
        return done.then(function () {
          return drawOne(pre, i, dark);
        });
      }, Promise.resolve());
    });
  }

  draw();
  var resizing = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(function () {
      blocks.filter(function (pre) {
        return pre.classList.contains("drawn");
      }).forEach(focusIfScrolls);
    }, 150);
  });
  new MutationObserver(draw).observe(root, { attributes: true, attributeFilter: ["data-theme"] });
  if (darkQuery) {
    if (darkQuery.addEventListener) darkQuery.addEventListener("change", draw);
    else if (darkQuery.addListener) darkQuery.addListener(draw);
  }
})();
