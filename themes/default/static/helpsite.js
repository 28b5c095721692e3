/* helpsite default theme script: theme toggle, mobile navigation, file:// links,
   FAQ deep links, code copy buttons and printing. Plain ES2017, no dependencies. */
(function () {
  "use strict";

  var helpsite = (window.helpsite = window.helpsite || {});
  var root = document.documentElement;
  var THEME_KEY = "helpsite-theme";
  var NARROW = "(max-width: 859.98px)";

  root.classList.add("js");

  function $(selector) {
    return document.querySelector(selector);
  }
  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }
  /* The page's interface strings (the theme's i18n/*.yaml, written into the page as JSON),
     with the English text as fallback. search.js reads them through helpsite.t too. */
  var strings = null;
  function t(key, fallback) {
    if (strings === null) {
      var el = document.getElementById("helpsite-strings");
      try {
        strings = (el && JSON.parse(el.textContent)) || {};
      } catch (e) {
        strings = {};
      }
    }
    return typeof strings[key] === "string" ? strings[key] : fallback;
  }
  helpsite.t = t;

  function media(query) {
    return window.matchMedia ? window.matchMedia(query) : null;
  }
  function onMediaChange(mql, fn) {
    if (!mql) return;
    if (mql.addEventListener) mql.addEventListener("change", fn);
    else if (mql.addListener) mql.addListener(fn);
  }
  function storageGet(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (e) {
      return null;
    }
  }
  function storageSet(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, value);
    } catch (e) {
      /* file:// or private mode: the choice lasts for this page only */
    }
  }

  /* ---------- Theme toggle ---------- */

  var darkQuery = media("(prefers-color-scheme: dark)");
  var themeButton = $("button.theme-toggle");

  function effectiveTheme() {
    var t = root.dataset.theme;
    if (t === "dark" || t === "light") return t;
    return darkQuery && darkQuery.matches ? "dark" : "light";
  }
  /* "light", "dark", or "system" when the page follows the system's setting. */
  function chosenTheme() {
    var t = root.dataset.theme;
    return t === "dark" || t === "light" ? t : "system";
  }
  function syncThemeButton() {
    if (!themeButton) return;
    var mode = chosenTheme();
    var names = {
      light: t("theme_light", "Light"),
      dark: t("theme_dark", "Dark"),
      system: t("theme_system", "System"),
    };
    var label = t("theme", "Theme") + ": " + names[mode];
    themeButton.dataset.mode = mode;
    themeButton.title = label;
    var text = themeButton.querySelector(".visually-hidden");
    if (text) text.textContent = label;
  }
  function setTheme(theme) {
    if (theme === "dark" || theme === "light") root.dataset.theme = theme;
    else delete root.dataset.theme;
    syncThemeButton();
  }

  if (themeButton) {
    themeButton.hidden = false;
    syncThemeButton();
    /* Three states in turn, each click a visible change: from the system's theme to the
       other one, then to the first one chosen by hand, then back to the system's. */
    themeButton.addEventListener("click", function () {
      var mode = chosenTheme();
      var next;
      if (mode === "system") next = effectiveTheme() === "dark" ? "light" : "dark";
      else if ((darkQuery && darkQuery.matches ? "dark" : "light") === mode) next = "system";
      else next = mode === "dark" ? "light" : "dark";
      storageSet(THEME_KEY, next === "system" ? null : next);
      setTheme(next);
    });
    onMediaChange(darkQuery, syncThemeButton);
    window.addEventListener("storage", function (e) {
      if (e.key === THEME_KEY) setTheme(e.newValue);
    });
  }

  /* ---------- Contents: the section being read (scroll spy) ---------- */

  /* The current section is the last one whose heading has scrolled past the header; at the
     very end of the page, the last one. Its links in both lists get aria-current. */
  var tocLinks = document.querySelectorAll('.toc a[href^="#"], .toc-mobile a[href^="#"]');
  var spied = [];
  Array.prototype.forEach.call(tocLinks, function (a) {
    var id;
    try {
      id = decodeURIComponent(a.getAttribute("href").slice(1));
    } catch (e) {
      return;
    }
    var el = document.getElementById(id);
    if (!el) return;
    var entry = spied.filter(function (s) { return s.el === el; })[0];
    if (!entry) {
      entry = { el: el, links: [] };
      spied.push(entry);
    }
    entry.links.push(a);
  });
  var spyCurrent = null;
  var spyQueued = false;
  function spy() {
    spyQueued = false;
    var header = $(".site-header");
    var line = (header ? header.getBoundingClientRect().bottom : 0) + 24;
    var current = null;
    for (var i = 0; i < spied.length; i++) {
      if (spied[i].el.getBoundingClientRect().top <= line) current = spied[i];
      else break;
    }
    var doc = document.documentElement;
    if (spied.length && window.innerHeight + window.scrollY >= doc.scrollHeight - 2) {
      current = spied[spied.length - 1];
    }
    if (current === spyCurrent) return;
    if (spyCurrent) spyCurrent.links.forEach(function (a) { a.removeAttribute("aria-current"); });
    if (current) current.links.forEach(function (a) { a.setAttribute("aria-current", "true"); });
    spyCurrent = current;
  }
  if (spied.length) {
    window.addEventListener("scroll", function () {
      if (!spyQueued) {
        spyQueued = true;
        window.requestAnimationFrame(spy);
      }
    }, { passive: true });
    window.addEventListener("resize", spy);
    spy();
  }
  // Choosing an entry of the contents at the top of the article closes the list.
  each(".toc-mobile a", function (a) {
    a.addEventListener("click", function () {
      var details = a.closest("details");
      if (details) details.open = false;
    });
  });

  /* ---------- Analytics (only with `analytics:` in helpsite.yaml) ---------- */

  /* Loads the configured service's script, which counts the page view, and reports events
     to it: `feedback` and `search-no-results`. Every event is also a DOM event
     (`helpsite:feedback`, ...) for a `custom` snippet to pick up. */
  var analytics = null;
  (function () {
    var el = document.getElementById("helpsite-analytics");
    if (!el) return;
    try {
      analytics = JSON.parse(el.textContent);
    } catch (e) {
      return;
    }
    function load(src, attrs) {
      var s = document.createElement("script");
      s.async = true;
      s.src = src;
      Object.keys(attrs || {}).forEach(function (k) { s.setAttribute(k, attrs[k]); });
      document.head.appendChild(s);
    }
    if (analytics.provider === "plausible") {
      window.plausible = window.plausible || function () { (window.plausible.q = window.plausible.q || []).push(arguments); };
      load(analytics.script, { "data-domain": analytics.domain });
    } else if (analytics.provider === "matomo") {
      var paq = (window._paq = window._paq || []);
      paq.push(["trackPageView"], ["enableLinkTracking"], ["setTrackerUrl", analytics.url + "matomo.php"], ["setSiteId", analytics.id]);
      load(analytics.url + "matomo.js");
    } else if (analytics.provider === "ga4") {
      window.dataLayer = window.dataLayer || [];
      window.gtag = function () { window.dataLayer.push(arguments); };
      window.gtag("js", new Date());
      window.gtag("config", analytics.id);
      load("https://www.googletagmanager.com/gtag/js?id=" + encodeURIComponent(analytics.id));
    }
  })();
  function track(name, props) {
    try {
      if (analytics && analytics.provider === "plausible" && window.plausible) window.plausible(name, { props: props });
      if (analytics && analytics.provider === "matomo" && window._paq) window._paq.push(["trackEvent", "helpsite", name, JSON.stringify(props)]);
      if (analytics && analytics.provider === "ga4" && window.gtag) window.gtag("event", name.replace(/-/g, "_"), props);
    } catch (e) {
      /* an analytics failure must not break the page */
    }
    document.dispatchEvent(new CustomEvent("helpsite:" + name, { detail: props }));
  }
  helpsite.track = track;

  /* ---------- "Was this helpful?" ---------- */

  /* Each answer (and the optional comment after it) is sent as JSON to `feedback.url`:
     {version, url, page, title, question, language, answer, comment}. */
  var body = document.body;
  function sendFeedback(payload) {
    track("feedback", { page: payload.page, question: payload.question || "", answer: payload.answer });
    var url = body.dataset.feedbackUrl;
    if (!url) return Promise.resolve();
    return fetch(url, {
      method: body.dataset.feedbackMethod || "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
      keepalive: true,
    }).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
    });
  }
  each(".feedback", function (box) {
    box.hidden = false;
    var status = box.querySelector(".feedback-status");
    var form = box.querySelector(".feedback-comment");
    var buttons = box.querySelectorAll("button[data-answer]");
    var payload = null;
    function failed() {
      status.textContent = t("feedback_failed", "Your answer could not be sent. Please try again later.");
    }
    Array.prototype.forEach.call(buttons, function (b) {
      b.setAttribute("aria-pressed", "false");
      b.addEventListener("click", function () {
        Array.prototype.forEach.call(buttons, function (o) { o.setAttribute("aria-pressed", o === b ? "true" : "false"); });
        payload = {
          version: 1,
          url: location.href.split("#")[0],
          page: body.dataset.page || "",
          title: body.dataset.title || document.title,
          question: box.dataset.question || null,
          language: document.documentElement.lang,
          answer: b.dataset.answer,
          comment: null,
        };
        status.textContent = t("feedback_thanks", "Thank you for your answer.");
        form.hidden = false;
        sendFeedback(payload).catch(failed);
      });
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var text = form.querySelector("textarea").value.trim();
      if (!payload || !text) return;
      payload.comment = text;
      form.hidden = true;
      status.textContent = t("feedback_sent", "Thank you: we read every comment.");
      sendFeedback(payload).catch(failed);
    });
  });

  /* ---------- Announcement bar: dismissed until its text changes ---------- */

  var bar = $(".announcement");
  var barClose = bar && bar.querySelector(".announcement-close");
  if (barClose) {
    barClose.hidden = false;
    barClose.addEventListener("click", function () {
      storageSet("helpsite-announcement", bar.dataset.key);
      root.classList.add("announcement-dismissed");
      // The button is gone: keep the keyboard at the top of the page.
      var brand = $(".brand");
      if (brand) brand.focus();
    });
  }

  /* ---------- Navigation toggle (narrow screens) ---------- */

  var navButton = $("button.nav-toggle");
  var sidebar = document.getElementById("sidebar");

  function navIsOpen() {
    return document.body.classList.contains("nav-open");
  }
  function setNav(open) {
    document.body.classList.toggle("nav-open", open);
    if (navButton) navButton.setAttribute("aria-expanded", open ? "true" : "false");
  }

  if (navButton && sidebar) {
    navButton.hidden = false;
    navButton.addEventListener("click", function () {
      setNav(!navIsOpen());
    });
    document.addEventListener("keydown", function (e) {
      if ((e.key === "Escape" || e.key === "Esc") && navIsOpen()) {
        var inside = sidebar.contains(document.activeElement);
        setNav(false);
        if (inside) navButton.focus();
      }
    });
    document.addEventListener("click", function (e) {
      if (!navIsOpen()) return;
      var t = e.target;
      if (!(t instanceof Element)) return;
      if (sidebar.contains(t)) {
        if (t.closest("a[href]")) setNav(false);
      } else if (!navButton.contains(t)) {
        setNav(false); // click on the backdrop or the page
      }
    });
    onMediaChange(media(NARROW), function (e) {
      if (!e.matches) setNav(false);
    });
  }

  /* ---------- file:// support: folder links -> folder/index.html ---------- */

  var isFile = location.protocol === "file:";

  // "../faq/x/#a" -> "../faq/x/index.html#a"; null when the link needs no change.
  function fileHref(href) {
    if (!href || /^[a-zA-Z][a-zA-Z0-9+.\-]*:/.test(href) || /^[#\/]/.test(href)) return null;
    var cut = href.search(/[?#]/);
    var path = cut < 0 ? href : href.slice(0, cut);
    var rest = cut < 0 ? "" : href.slice(cut);
    if (path === "" || /\/$/.test(path)) return path + "index.html" + rest;
    if (/(^|\/)\.\.?$/.test(path)) return path + "/index.html" + rest;
    return null;
  }
  helpsite.fileHref = fileHref;

  function fixLink(a) {
    if (!a || (a.tagName !== "A" && a.tagName !== "AREA")) return;
    var fixed = fileHref(a.getAttribute("href"));
    if (fixed !== null) a.setAttribute("href", fixed);
  }
  function fixForm(form) {
    var fixed = fileHref(form.getAttribute("action"));
    if (fixed !== null) form.setAttribute("action", fixed);
  }

  if (isFile) {
    each("a[href], area[href]", fixLink);
    each("form[action]", fixForm);
    // Links added later (search results...): fix them just before they are used.
    ["mousedown", "touchstart", "focusin", "click", "auxclick", "keydown", "contextmenu"].forEach(
      function (type) {
        document.addEventListener(
          type,
          function (e) {
            if (e.target instanceof Element) fixLink(e.target.closest("a[href], area[href]"));
          },
          { capture: true, passive: true }
        );
      }
    );
    document.addEventListener(
      "submit",
      function (e) {
        if (e.target instanceof HTMLFormElement) fixForm(e.target);
      },
      true
    );
  }

  /* ---------- FAQ and other <details>: open the one the URL points at ---------- */

  function targetOf(hash) {
    if (!hash || hash.length < 2) return null;
    var id = hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch (e) {
      /* keep the raw fragment */
    }
    return document.getElementById(id);
  }

  // Opens every <details> around (or at) el; returns true if el is in one.
  function openAround(el) {
    var found = false;
    for (var p = el; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") {
        p.open = true;
        found = true;
      }
    }
    return found;
  }

  function bringIntoView(el, instant) {
    try {
      el.scrollIntoView({ block: "start", behavior: instant ? "instant" : "auto" });
    } catch (e) {
      el.scrollIntoView(true); // browsers without behavior "instant"
    }
  }

  // Open the <details> the URL fragment points into, then bring the target into view.
  function revealHash(instant) {
    var el = targetOf(location.hash);
    if (el && openAround(el)) bringIntoView(el, instant);
  }
  helpsite.revealHash = revealHash;

  revealHash(true);
  window.addEventListener("hashchange", function () {
    revealHash(false);
  });
  // Same-page links to a fragment inside a closed <details>: open it before the
  // browser scrolls (also covers clicking a link to the hash already in the URL).
  document.addEventListener("click", function (e) {
    if (!(e.target instanceof Element)) return;
    var a = e.target.closest('a[href^="#"]');
    if (!a) return;
    var el = targetOf(a.getAttribute("href"));
    if (el && openAround(el) && a.getAttribute("href") === location.hash) {
      e.preventDefault();
      bringIntoView(el, false);
    }
  });

  /* ---------- Code blocks: a copy button each ---------- */

  // Languages whose blocks show a terminal session: `$ ` and `> ` prompts at line starts
  // are left out of the copy. In shell scripts only `$ ` is (`> ` may be a heredoc line).
  var SESSIONS = ["console", "terminal", "shell-session", "sh-session", "shellsession"];
  var SHELLS = ["bash", "sh", "shell", "zsh"];
  var liveRegion = null;

  function codeLanguage(code) {
    var m = /(?:^|\s)language-(\S+)/.exec(code.className);
    return m ? m[1].toLowerCase() : "";
  }

  // The text a reader means to paste: no line numbers (they are CSS, not text), no prompts.
  function copyText(code) {
    var text = code.textContent.replace(/\n$/, "");
    var lang = codeLanguage(code);
    if (SESSIONS.indexOf(lang) >= 0) return text.replace(/^(?:\$|>) /gm, "");
    if (SHELLS.indexOf(lang) >= 0) return text.replace(/^\$ /gm, "");
    return text;
  }
  helpsite.copyText = copyText;

  // file:// and old browsers have no async clipboard: a hidden textarea and execCommand.
  function copyFallback(text, button) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    button.focus();
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function copy(text, button) {
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return copyFallback(text, button);
      });
    }
    return copyFallback(text, button);
  }

  function announce(message) {
    if (!liveRegion) return;
    liveRegion.textContent = "";
    // A new text node after a tick: screen readers announce a repeated message again.
    window.setTimeout(function () {
      liveRegion.textContent = message;
    }, 50);
  }

  function addCopyButton(pre) {
    var code = pre.querySelector("code");
    if (!code || pre.parentNode.classList.contains("code-copy")) return;
    var wrap = document.createElement("div");
    wrap.className = "code-copy";
    pre.parentNode.insertBefore(wrap, pre);
    wrap.appendChild(pre);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = t("copy", "Copy");
    button.setAttribute("aria-label", t("copy_code", "Copy code"));
    var timer = null;
    button.addEventListener("click", function () {
      copy(copyText(code), button).then(
        function () {
          button.textContent = t("copied", "Copied");
          button.setAttribute("aria-label", t("copied", "Copied"));
          announce(t("copied", "Copied"));
        },
        function () {
          announce(t("copy_failed", "Copy failed: select the code and copy it by hand"));
        }
      );
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        button.textContent = t("copy", "Copy");
        button.setAttribute("aria-label", t("copy_code", "Copy code"));
        if (liveRegion) liveRegion.textContent = "";
      }, 3000);
    });
    wrap.appendChild(button);
  }

  if (document.querySelector("pre.code")) {
    liveRegion = document.createElement("div");
    liveRegion.className = "visually-hidden copy-status";
    liveRegion.setAttribute("role", "status");
    liveRegion.setAttribute("aria-live", "polite");
    document.body.appendChild(liveRegion);
    each("pre.code", addCopyButton);
  }

  /* ---------- Printing: everything open, light colours ---------- */

  var printState = null;

  window.addEventListener("beforeprint", function () {
    if (printState) return;
    var details = Array.prototype.slice.call(document.querySelectorAll("details"));
    printState = {
      details: details,
      open: details.map(function (d) {
        return d.open;
      }),
      theme: root.dataset.theme,
    };
    details.forEach(function (d) {
      d.open = true;
    });
    root.dataset.theme = "light";
  });

  window.addEventListener("afterprint", function () {
    if (!printState) return;
    var s = printState;
    printState = null;
    s.details.forEach(function (d, i) {
      d.open = s.open[i];
    });
    if (s.theme) root.dataset.theme = s.theme;
    else delete root.dataset.theme;
  });
})();
