/* helpsite live reload. `helpsite serve` adds this script to the pages it serves; it is never
   part of a build. It listens to the server's event stream (reconnecting by itself after a
   restart) and:
   - on "reload": reloads, keeping the scroll position and the open FAQ questions;
   - on "css": swaps the changed stylesheets in place, without reloading;
   - on "build-error": shows the build errors over the page (the last good build stays). */
(function () {
  "use strict";

  var script = document.currentScript;
  var build = (script && script.getAttribute("data-build")) || "";
  var STATE_KEY = "helpsite-live:" + location.pathname;
  var retry = 250;
  var host = null;

  restore();
  connect();

  function connect() {
    var source = new EventSource("/__helpsite/events?build=" + encodeURIComponent(build));
    source.addEventListener("open", function () {
      retry = 250;
    });
    source.addEventListener("reload", function () {
      source.close();
      reload();
    });
    source.addEventListener("css", function (e) {
      var data = parse(e.data);
      if (!data) return;
      build = data.build;
      swapStylesheets(data.paths || [], data.build);
      hideOverlay();
    });
    source.addEventListener("build-error", function (e) {
      var data = parse(e.data);
      if (data) showOverlay(data.html);
    });
    source.onerror = function () {
      // Closed by the server or unreachable: try again (the server may be restarting).
      source.close();
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 2000);
    };
  }

  function parse(text) {
    try {
      return JSON.parse(text);
    } catch (err) {
      return null;
    }
  }

  /* ---------- Reload, keeping the reader's place ---------- */

  function reload() {
    try {
      var open = [];
      var all = document.querySelectorAll("details");
      for (var i = 0; i < all.length; i++) {
        if (all[i].open) open.push(all[i].id ? "#" + all[i].id : i);
      }
      sessionStorage.setItem(STATE_KEY, JSON.stringify({ x: window.scrollX, y: window.scrollY, open: open }));
    } catch (err) {
      /* no sessionStorage: reload without restoring */
    }
    location.reload();
  }

  function restore() {
    var state = null;
    try {
      state = parse(sessionStorage.getItem(STATE_KEY) || "null");
      sessionStorage.removeItem(STATE_KEY);
    } catch (err) {
      return;
    }
    if (!state) return;
    var apply = function () {
      var all = document.querySelectorAll("details");
      (state.open || []).forEach(function (key) {
        var el = typeof key === "string" ? document.getElementById(key.slice(1)) : all[key];
        if (el && el.tagName === "DETAILS") el.open = true;
      });
      window.scrollTo({ left: state.x, top: state.y, behavior: "instant" });
    };
    apply();
    // Again once images and fonts have settled the layout.
    window.addEventListener("load", apply, { once: true });
  }

  /* ---------- Stylesheets ---------- */

  function swapStylesheets(paths, version) {
    var links = Array.prototype.slice.call(document.querySelectorAll('link[rel~="stylesheet"][href]'));
    var local = links.filter(function (link) {
      return new URL(link.href, location.href).origin === location.origin;
    });
    var named = local.filter(function (link) {
      var path = decodeURIComponent(new URL(link.href, location.href).pathname).replace(/^\//, "");
      return paths.indexOf(path) >= 0;
    });
    // A changed file no page links directly (an @import) still shows after swapping all.
    (named.length ? named : local).forEach(function (link) {
      swap(link, version);
    });
  }

  function swap(link, version) {
    var url = new URL(link.href, location.href);
    url.searchParams.set("helpsite", version);
    var next = link.cloneNode(false);
    next.href = url.href;
    var done = function () {
      if (link.parentNode) link.parentNode.removeChild(link);
    };
    // The old sheet stays until the new one has loaded, so nothing flashes unstyled.
    next.addEventListener("load", done);
    next.addEventListener("error", done);
    link.parentNode.insertBefore(next, link.nextSibling);
  }

  /* ---------- Build errors ---------- */

  function showOverlay(html) {
    var inline = document.getElementById("helpsite-failure");
    if (inline) {
      // The error page served before any build succeeded: update it in place.
      inline.innerHTML = html;
      return;
    }
    if (!host) {
      host = document.createElement("div");
      host.id = "helpsite-overlay";
      host.setAttribute(
        "style",
        "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(15,20,25,.55);padding:1rem"
      );
      host.attachShadow({ mode: "open" });
    }
    host.shadowRoot.innerHTML = html;
    if (!host.isConnected) document.body.appendChild(host);
  }

  function hideOverlay() {
    if (host && host.isConnected) host.parentNode.removeChild(host);
  }
})();
