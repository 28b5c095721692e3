/* helpsite FAQ embed: turns <div data-helpsite-faq="https://help.example.com/embed/faq/GROUP/">
   (or an <iframe data-helpsite-faq src="...">) into a frame that always fits its content.
   Optional attributes on the div: data-query="words" (show matching questions only),
   data-question="id" (open that question), data-theme="light|dark|auto" (default light),
   data-intro="off" (leave out the group's introduction), data-title="...".
   Only height messages from the frames this script manages, from their own origin, are used. */
(function () {
  "use strict";
  var frames = [];

  function frameFor(el) {
    if (el.tagName === "IFRAME") return el;
    var url = new URL(el.getAttribute("data-helpsite-faq"), document.baseURI);
    var q = el.getAttribute("data-query");
    if (q) url.searchParams.set("q", q);
    var theme = el.getAttribute("data-theme");
    if (theme) url.searchParams.set("theme", theme);
    if (el.getAttribute("data-intro") === "off") url.searchParams.set("intro", "off");
    var question = el.getAttribute("data-question");
    if (question) url.hash = question;
    var frame = document.createElement("iframe");
    frame.src = url.href;
    frame.title = el.getAttribute("data-title") || "Frequently asked questions";
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation");
    el.appendChild(frame);
    return frame;
  }

  function setup(el) {
    if (el.hasAttribute("data-helpsite-ready")) return;
    el.setAttribute("data-helpsite-ready", "");
    var frame = frameFor(el);
    frame.setAttribute("scrolling", "no");
    frame.style.display = "block";
    frame.style.width = "100%";
    frame.style.border = "0";
    frame.style.overflow = "hidden";
    if (!frame.style.height) frame.style.height = "150px";
    frames.push({ frame: frame, origin: new URL(frame.src, document.baseURI).origin });
  }

  window.addEventListener("message", function (e) {
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i];
      if (e.source !== f.frame.contentWindow) continue;
      if (e.origin !== f.origin) return;
      var d = e.data;
      if (d && d.type === "helpsite:height" && typeof d.height === "number" && d.height >= 0 && d.height < 1e5) {
        f.frame.style.height = Math.ceil(d.height) + "px";
      }
      return;
    }
  });

  function scan() {
    var els = document.querySelectorAll("[data-helpsite-faq]");
    for (var i = 0; i < els.length; i++) setup(els[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  else scan();
  window.helpsiteEmbed = { scan: scan };
})();
