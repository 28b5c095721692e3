/* helpsite search: loads the index on first use (script files, so it works from file://),
   ranks sections and FAQ questions, and drives the header combobox and the search page.
   The ranking core (tokens, match, rank) has no DOM dependency, so the same file is run by
   node in the relevance tests. */
(function (global) {
  "use strict";

  var S = (global.helpsiteSearch = global.helpsiteSearch || {});

  /* ---------- Tokenizer: mirrors src/search/tokenize.rs ---------- */

  var MARKS = /\p{M}/gu;
  var WORD_CHAR = /[\p{Alphabetic}\p{N}]/u;

  function fold(text) {
    var lower = String(text).toLowerCase();
    if (/^[\x00-\x7f]*$/.test(lower)) return lower;
    return lower.normalize("NFD").replace(MARKS, "").normalize("NFC");
  }

  function isCjk(cp) {
    return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
      (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0x20000 && cp <= 0x2fa1f);
  }

  function tokens(text) {
    var out = [];
    var word = "";
    var cjk = [];
    function flushCjk() {
      if (cjk.length === 1) out.push(cjk[0]);
      for (var i = 0; i + 1 < cjk.length; i++) out.push(cjk[i] + cjk[i + 1]);
      cjk = [];
    }
    for (var ch of fold(text)) {
      if (isCjk(ch.codePointAt(0))) {
        if (word) { out.push(word); word = ""; }
        cjk.push(ch);
      } else {
        flushCjk();
        if (WORD_CHAR.test(ch)) word += ch;
        else if (word) { out.push(word); word = ""; }
      }
    }
    flushCjk();
    if (word) out.push(word);
    return out;
  }

  /* Snowball English (Porter2) stemmer, the algorithm the index is built with (the
     rust-stemmers crate); a test runs both on thousands of words. Only words of the letters
     a-z are stemmed, on both sides. */
  var P2 = (function () {
    var EXC1 = { skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl",
      gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky",
      news: "news", howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes" };
    var EXC2 = { inning: 1, outing: 1, canning: 1, herring: 1, earring: 1, proceed: 1, exceed: 1, succeed: 1 };
    function isV(c) { return c === "a" || c === "e" || c === "i" || c === "o" || c === "u" || c === "y"; }
    function isVWXY(c) { return isV(c) || c === "w" || c === "x" || c === "Y"; }
    /* Longest suffix of `w` among `list` (longest first is not assumed). */
    function suffix(w, list) {
      var best = "";
      for (var i = 0; i < list.length; i++) {
        var s = list[i];
        if (s.length > best.length && w.length >= s.length && w.slice(w.length - s.length) === s) best = s;
      }
      return best;
    }
    /* The word up to `end` ends in a short syllable. */
    function shortv(w, end) {
      if (end >= 3 && !isVWXY(w[end - 1]) && isV(w[end - 2]) && !isV(w[end - 3])) return true;
      return end === 2 && !isV(w[1]) && isV(w[0]);
    }
    var S1A = ["sses", "ied", "ies", "s", "ss", "us"];
    var S1B = ["eed", "eedly", "ed", "edly", "ing", "ingly"];
    var S1B2 = ["at", "bl", "iz", "bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"];
    var S2 = { tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize",
      ization: "ize", ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al", alli: "al",
      fulness: "ful", ousli: "ous", ousness: "ous", iveness: "ive", iviti: "ive", biliti: "ble",
      bli: "ble", ogi: "og", fulli: "ful", lessli: "less", li: "" };
    var S2K = Object.keys(S2);
    var S3 = { tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic",
      ful: "", ness: "", ative: "" };
    var S3K = Object.keys(S3);
    var S4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism",
      "ate", "iti", "ous", "ive", "ize", "ion"];
    return function (word) {
      if (EXC1.hasOwnProperty(word)) return EXC1[word];
      if (word.length < 3) return word;
      var w = word.split("");
      if (w[0] === "y") w[0] = "Y";
      for (var i = 1; i < w.length; i++) if (w[i] === "y" && isV(w[i - 1])) w[i] = "Y";
      w = w.join("");
      var p1 = w.length, p2 = w.length;
      var m = /^(gener|commun|arsen)/.exec(w);
      var at = -1;
      if (m) at = m[0].length;
      else {
        for (i = 0; i + 1 < w.length; i++) if (isV(w[i]) && !isV(w[i + 1])) { at = i + 2; break; }
      }
      if (at >= 0) {
        p1 = at;
        for (i = p1; i + 1 < w.length; i++) if (isV(w[i]) && !isV(w[i + 1])) { p2 = i + 2; break; }
      }
      var s, start;
      // Step 1a
      s = suffix(w, S1A);
      start = w.length - s.length;
      if (s === "sses") w = w.slice(0, start) + "ss";
      else if (s === "ied" || s === "ies") w = w.slice(0, start) + (start >= 2 ? "i" : "ie");
      else if (s === "s") {
        if (/[aeiouy]/.test(w.slice(0, start - 1))) w = w.slice(0, start);
      }
      if (EXC2.hasOwnProperty(w)) return w;
      // Step 1b
      s = suffix(w, S1B);
      start = w.length - s.length;
      if (s === "eed" || s === "eedly") {
        if (start >= p1) w = w.slice(0, start) + "ee";
      } else if (s && /[aeiouy]/.test(w.slice(0, start))) {
        w = w.slice(0, start);
        var t = suffix(w, S1B2);
        if (t === "at" || t === "bl" || t === "iz") w += "e";
        else if (t) w = w.slice(0, -1);
        else if (w.length === p1 && shortv(w, w.length)) w += "e";
      }
      // Step 1c
      var last = w[w.length - 1];
      if ((last === "y" || last === "Y") && w.length > 2 && !isV(w[w.length - 2])) {
        w = w.slice(0, -1) + "i";
      }
      // Step 2
      s = suffix(w, S2K);
      start = w.length - s.length;
      if (s && start >= p1) {
        if (s === "ogi") { if (w[start - 1] === "l") w = w.slice(0, start) + "og"; }
        else if (s === "li") { if (start > 0 && "cdeghkmnrt".indexOf(w[start - 1]) >= 0) w = w.slice(0, start); }
        else w = w.slice(0, start) + S2[s];
      }
      // Step 3
      s = suffix(w, S3K);
      start = w.length - s.length;
      if (s && start >= p1) {
        if (s === "ative") { if (start >= p2) w = w.slice(0, start); }
        else w = w.slice(0, start) + S3[s];
      }
      // Step 4
      s = suffix(w, S4);
      start = w.length - s.length;
      if (s && start >= p2) {
        if (s === "ion") { if (start > 0 && (w[start - 1] === "s" || w[start - 1] === "t")) w = w.slice(0, start); }
        else w = w.slice(0, start);
      }
      // Step 5
      last = w[w.length - 1];
      start = w.length - 1;
      if (last === "e") {
        if (start >= p2 || (start >= p1 && !shortv(w, start))) w = w.slice(0, start);
      } else if (last === "l") {
        if (start >= p2 && w[start - 1] === "l") w = w.slice(0, start);
      }
      return w.replace(/Y/g, "y");
    };
  })();

  /* The index form of an English word (see stem() in src/search/tokenize.rs). */
  function stem(w) {
    if (!(w.length > 2 && /^[a-z]+$/.test(w))) return w;
    return P2(Object.prototype.hasOwnProperty.call(IRREGULAR, w) ? IRREGULAR[w] : w);
  }
  /* Irregular forms and their base words ("saw": "see"): the entries of the table in
     src/search/tokenize.rs that the loaded index needs (its manifest's `irr`). */
  var IRREGULAR = {};

  /* Damerau-Levenshtein distance, giving up above `max`. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur[j] = v;
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  /* ---------- Index loading ---------- */

  var pending = {};
  var cache = {};

  function rootUrl() {
    var b = global.document && global.document.body;
    return (b && b.dataset && b.dataset.root) || "./";
  }

  /* The folder of the page's language below the site root ("" or "de/"): its index and
     its search page live there. */
  function langRoot() {
    var b = global.document && global.document.body;
    return (b && b.dataset && b.dataset.langRoot) || "";
  }
  var INDEX = langRoot() + "_search/";

  /* An interface string in the page's language (helpsite.js reads them), `{name}` filled
     from `vars`; English where helpsite.js is absent (embedded frames). */
  function t(key, fallback, vars) {
    var hs = global.helpsite;
    var text = hs && hs.t ? hs.t(key, fallback) : fallback;
    return text.replace(/\{(\w+)\}/g, function (m, name) {
      return vars && name in vars ? String(vars[name]) : m;
    });
  }

  /* Stemming is English: in other languages a query word matches its own forms by prefix. */
  var english = true;

  /* Run one index script (it calls back into S.index/shard/chunk). Tests replace this. */
  S.inject = S.inject || function (path, fail) {
    var el = global.document.createElement("script");
    el.src = rootUrl() + path;
    el.async = true;
    el.onerror = function () { fail(new Error("cannot load " + path)); };
    global.document.head.appendChild(el);
  };

  function load(path) {
    if (!cache[path]) {
      cache[path] = new Promise(function (resolve, reject) {
        pending[path] = resolve;
        S.inject(path, reject);
      }).catch(function (e) { delete cache[path]; delete pending[path]; throw e; });
    }
    return cache[path];
  }

  function settle(path, value) {
    var f = pending[path];
    delete pending[path];
    if (f) f(value);
  }
  S.index = function (manifest) { settle(INDEX + "index.js", manifest); };
  /* `common` lists words whose postings were cut to their best sections at build time. */
  S.shard = function (key, terms, common) {
    Object.defineProperty(terms, "__common", { value: common || [], enumerable: false });
    settle(INDEX + "s/" + fileKey(key) + ".js", terms);
  };
  S.chunk = function (n, data) { settle(INDEX + "p/" + n + ".js", data); };

  function fileKey(key) {
    if (!key) return "_all";
    var out = "";
    for (var ch of key) {
      out += /^[a-z0-9]$/i.test(ch) ? ch : "_" + ch.codePointAt(0).toString(16);
    }
    return out;
  }

  /* Shards a word needs: the one whose key is its longest prefix, plus (for prefix search)
     the shards whose keys start with the word. */
  function shardsFor(word, keys, prefix) {
    var best = null, extra = [];
    for (var i = 0; i < keys.length; i++) {
      var k = keys[i];
      if (word.startsWith(k) && (best === null || k.length > best.length)) best = k;
      else if (prefix && k.startsWith(word) && k !== word) extra.push(k);
    }
    var out = best === null ? [] : [best];
    return out.concat(extra.slice(0, 8));
  }

  /* ---------- Ranking ---------- */

  var stemCache = {};
  /* A word's stem in an English index, the word itself otherwise. */
  function stemOf(w) {
    if (!english) return w;
    return stemCache[w] || (stemCache[w] = stem(w));
  }

  /* How well index word `w` matches query word `q` (0 = not at all): the same word first,
     then the same stem ("resetting" for "reset"), then prefixes and typos. Typo tolerance
     only for `fuzzy` words: a correctly spelled word must not also find its neighbours
     ("same" finding "safe"). */
  function matchFactor(q, w, allowPrefix, fuzzy) {
    if (w === q) return 1;
    if (english && stemOf(q) === stemOf(w)) return 0.9;
    if (allowPrefix && w.startsWith(q) && q.length >= 2) return 0.55 + 0.3 * (q.length / w.length);
    if (fuzzy && q.length >= 4 && /^\p{L}/u.test(q)) {
      var max = q.length >= 8 ? 2 : 1;
      var d = distance(q, w, max);
      if (d <= max) return d === 1 ? 0.6 : 0.45;
      if (allowPrefix && q.length >= 5 && w.length > q.length &&
        distance(q, w.slice(0, q.length), 1) <= 1) return 0.4;
    }
    return 0;
  }

  /* Postings: page deltas, sections, and scores on the log scale of shard_score() in
     src/search/index.rs. */
  function decode(flat) {
    var out = [], page = 0;
    for (var i = 0; i + 2 < flat.length; i += 3) {
      page += flat[i];
      out.push([page, flat[i + 1], Math.exp(flat[i + 2] / 22) - 1]);
    }
    return out;
  }

  var decoded = new WeakMap();
  function postings(shard, word) {
    var m = decoded.get(shard);
    if (!m) { m = {}; decoded.set(shard, m); }
    return m[word] || (m[word] = decode(shard[word]));
  }

  function sameWord(a, b) {
    return a === b || stemOf(a) === stemOf(b);
  }

  /* Where the phrase `e` ends if the query words from `i` spell it, else 0. Stop words the
     phrase lacks may sit between its words ("get a new", "can't I see" spell "get new",
     "can't see"), as readers put them there; never before its first word. */
  function phraseEnd(all, i, e, stop) {
    if (!sameWord(all[i], e[0])) return 0;
    var j = i + 1;
    for (var k = 1; k < e.length; k++) {
      while (j < all.length && !sameWord(all[j], e[k]) && stop.indexOf(all[j]) >= 0) j++;
      if (j >= all.length || !sameWord(all[j], e[k])) return 0;
      j++;
    }
    return j;
  }

  /* The query as units: a word, or a run of words that spells a multi-word synonym ("turn
     off"), each with its alternatives {toks, weight, primary}: the words an alternative
     needs in a section (stop words left out, as in the index). Stop words outside phrases
     are dropped (all of them kept when the query is nothing else). */
  function queryUnits(query, manifest) {
    var stop = manifest.stop || [];
    var all = tokens(query);
    var look = function (toks) {
      var kept = toks.filter(function (w) { return stop.indexOf(w) < 0; });
      return kept.length ? kept : toks;
    };
    var groups = (manifest.syn || []).map(function (g) {
      return g.map(function (e) { return tokens(e); }).filter(function (t) { return t.length; });
    });
    // A phrase that is one word once its stop words are gone ("can't see" -> "see") is
    // recognised in a query, but is not looked for as another word's alternative: "missing"
    // must not find every section with "see" in it.
    var expands = function (e) {
      return e.length === 1 || look(e).length > 1;
    };
    var units = [];
    for (var i = 0; i < all.length;) {
      var best = null;
      groups.forEach(function (g) {
        g.forEach(function (e) {
          if (e.length < 2 || (best && best.e.length >= e.length)) return;
          var end = phraseEnd(all, i, e, stop);
          if (end > 0) best = { g: g, e: e, end: end };
        });
      });
      if (best) {
        var alts = [{ toks: look(best.e), weight: 1, primary: false }];
        best.g.forEach(function (e) {
          if (e !== best.e && expands(e)) alts.push({ toks: look(e), weight: 0.8, primary: false });
        });
        units.push({ word: all.slice(i, best.end).join(" "), alts: alts, stop: false });
        i = best.end;
        continue;
      }
      var q = all[i];
      var single = [{ toks: [q], weight: 1, primary: true }];
      groups.forEach(function (g) {
        if (!g.some(function (e) { return e.length === 1 && sameWord(e[0], q); })) return;
        g.forEach(function (e) {
          if (!(e.length === 1 && e[0] === q) && expands(e)) single.push({ toks: look(e), weight: 0.8, primary: false });
        });
      });
      // "How long", "how many", "how often": the word after "how" asks for an amount; the
      // answer says "14 days" or "up to 50", not "long" or "many".
      var amount = english && all[i - 1] === "how" && AMOUNT.indexOf(q) >= 0;
      units.push({ word: q, alts: single, stop: stop.indexOf(q) >= 0, amount: amount });
      i++;
    }
    var kept = units.filter(function (u) { return !u.stop; });
    return kept.length ? kept : units;
  }

  var AMOUNT = ["long", "many", "much", "often", "far", "soon", "big", "large", "old"];
  var DURATION_WORDS = ["long", "often", "soon", "old"];
  /* A number with a unit of time ("14 days", "30 minutes"), or any number. */
  var DURATION = /\b(\d+|one|two|three|four|five|six|seven|ten|twelve)[\s-]*(second|minute|hour|day|week|month|year)s?\b/i;
  var NUMBER = /\d/;

  /* Words that open an English question. */
  var QUESTION_START = ["how", "what", "why", "where", "when", "who", "which", "can", "could", "do",
    "does", "did", "is", "are", "am", "should", "would", "will", "may"];
  function isQuestion(query) {
    var first = tokens(query)[0];
    return english && QUESTION_START.indexOf(first) >= 0;
  }

  /* Rank documents for `query`. Resolves with {words, docs: [{page, section, score, matched}],
     terms: {queryWord: [indexWords]}, suggestions}. */
  function rank(query, opts) {
    opts = opts || {};
    return load(INDEX + "index.js").then(function (manifest) {
      english = !manifest.lang || /^en(-|$)/i.test(manifest.lang);
      if (manifest.irr && IRREGULAR !== manifest.irr) { IRREGULAR = manifest.irr; stemCache = {}; }
      var units = queryUnits(query, manifest);
      if (!units.length) return { words: [], docs: [], terms: {}, suggestions: [] };
      var needed = {};
      var shardLists = units.map(function (u, i) {
        var prefix = opts.prefixAll || i === units.length - 1;
        var keys = [];
        u.alts.forEach(function (a) {
          a.toks.forEach(function (t) {
            var ks = shardsFor(stemOf(t), manifest.shards, false);
            if (prefix && a.primary) ks = ks.concat(shardsFor(t, manifest.shards, true));
            ks.forEach(function (k) {
              if (keys.indexOf(k) < 0) keys.push(k);
            });
          });
        });
        keys.forEach(function (k) { needed[k] = true; });
        return keys;
      });
      var keys = Object.keys(needed);
      return Promise.all(keys.map(function (k) { return load(INDEX + "s/" + fileKey(k) + ".js"); }))
        .then(function (shards) {
          var byKey = {};
          keys.forEach(function (k, i) { byKey[k] = shards[i]; });
          return score(units, shardLists.map(function (ks) {
            return ks.map(function (k) { return byKey[k]; });
          }), opts, manifest.weak || [], manifest.docs, isQuestion(query) && tokens(query).filter(function (w) {
            return (manifest.stop || []).indexOf(w) >= 0;
          }));
        });
    });
  }

  /* Best score per section ("page:section") for one index-side word `q`, with the index
     words it matched. */
  function wordScores(q, shards, allowPrefix, fuzzy, out) {
    var best = {};
    shards.forEach(function (shard) {
      for (var w in shard) {
        var f = matchFactor(q, w, allowPrefix, fuzzy);
        if (!f) continue;
        var typo = f < 0.9 && !(allowPrefix && w.startsWith(q));
        out.matched.push(w);
        if (shard.__common.indexOf(w) >= 0) out.common = true;
        postings(shard, w).forEach(function (p) {
          var id = p[0] + ":" + p[1];
          var s = p[2] * f;
          if (f >= 0.9) out.strong[id] = true;
          if (!typo) out.sure[id] = true;
          if (!best[id] || best[id] < s) best[id] = s;
        });
      }
    });
    return best;
  }

  /* `question`: the stop words of a query phrased as a question (see isQuestion), false for
     any other query. */
  function score(units, shardsPerUnit, opts, weak, total, question) {
    var docs = {};
    var terms = {};
    var suggestions = [];
    var covered = 0, asked = 0;
    var asks = [];
    total = Math.max(total || 1, 1);
    units.forEach(function (u, ui) {
      var q = u.word;
      var shards = shardsPerUnit[ui];
      var allowPrefix = opts.prefixAll || ui === units.length - 1;
      var best = {};
      var out = { matched: [], common: false, strong: {}, sure: {} };
      // Index words this unit found alone (a typo's correction, a prefix's completions).
      var single = [];
      u.alts.forEach(function (a) {
        // A query word the index holds (as it is or by its stem) is spelled right: only a
        // word the index lacks is read as a typo. Synonyms are never fuzzed or extended.
        var fuzzy = a.primary && !shards.some(function (shard) {
          for (var w in shard) if (sameWord(a.toks[0], w)) return true;
          return false;
        });
        var before = out.matched.length;
        var maps = a.toks.map(function (t) {
          return wordScores(t, shards, allowPrefix && a.primary, fuzzy, out);
        });
        if (a.toks.length === 1) single = single.concat(out.matched.slice(before));
        // A multi-word alternative finds the sections holding all of its words.
        for (var id in maps[0]) {
          var sum = 0, all = true;
          for (var m = 0; m < maps.length && all; m++) {
            if (maps[m][id] === undefined) all = false;
            else sum += maps[m][id];
          }
          if (!all) continue;
          var s = (sum / maps.length) * a.weight;
          if (!best[id] || best[id] < s) best[id] = s;
        }
      });
      terms[q] = out.matched;
      if (!out.matched.length && u.alts[0].primary && q.length >= 3) {
        var closest = null;
        var maxSuggest = q.length <= 4 ? 1 : q.length <= 7 ? 2 : 3;
        shards.forEach(function (shard) {
          for (var w in shard) {
            if (Math.abs(w.length - q.length) > maxSuggest) continue;
            var d = distance(q, w, maxSuggest);
            if (d <= maxSuggest && (!closest || d < closest.d || (d === closest.d && w < closest.w))) closest = { w: w, d: d };
          }
        });
        if (closest) suggestions.push(closest.w);
      }
      var isWeak = weak.indexOf(q) >= 0 || u.amount;
      // A word on very many pages has incomplete postings: it may not gate coverage.
      var counts = !isWeak && !out.common;
      if (counts) asked++;
      // Coverage weighs each word by how rare it is (its idf over the sections it found):
      // a section missing "has" from "sso user has no password" loses little, one missing
      // "sso" loses much.
      var found = Object.keys(best).length;
      var weight = counts && found ? Math.log(1 + total / found) : 0;
      covered += weight;
      asks.push({
        weight: weight,
        alts: u.alts.map(function (a) { return a.toks.map(stemOf); }).concat(single.map(function (w) { return [stemOf(w)]; }))
      });
      for (var id2 in best) {
        var d = docs[id2] || (docs[id2] = { id: id2, score: 0, matched: 0, strong: 0, cover: 0 });
        d.score += isWeak ? 0.3 * best[id2] : best[id2];
        // A word found only as a typo of another counts half: "bake banana bread" finding
        // "make" and "read" has not matched two words of three.
        if (counts) d.matched += out.sure[id2] ? 1 : 0.5;
        if (counts && out.strong[id2]) d.strong += 1;
        d.cover += weight;
      }
    });
    // A section that matches fewer than half of the words asked (the index lacking the
    // others) is a coincidence, not an answer: "banana bread recipe" finding "read". A
    // question is wordier ("can my boss read my DMs": the site says "admin", "direct
    // messages"), so for one a third is enough, of words found as written or by their stem:
    // a typo-tolerant hit ("bread" for "read") is still no evidence.
    var list = Object.keys(docs).filter(function (id) {
      var d = docs[id];
      return d.matched * 2 >= asked || (question && d.strong >= 1 && d.strong * 3 >= asked);
    }).map(function (id) {
      var d = docs[id];
      var parts = id.split(":");
      var coverage = covered ? Math.min(1, d.cover / covered) : 1;
      return {
        page: +parts[0],
        section: +parts[1],
        matched: d.matched,
        score: d.score * coverage * coverage
      };
    });
    list.sort(function (a, b) {
      return b.score - a.score || a.page - b.page || a.section - b.section;
    });
    // The query's telling words in order, for the proximity reward (see rerank).
    var seq = asks.filter(function (a) { return a.weight > 0; });
    // What a "how long" / "how many" question asks for: a duration or a number.
    var amount = null;
    units.forEach(function (u) {
      if (u.amount) amount = DURATION_WORDS.indexOf(u.word) >= 0 ? DURATION : NUMBER;
    });
    if (question) {
      // A question's small words ("what is", "can I") say which heading it echoes: each
      // weighs as much as its least telling content word.
      var least = 0;
      asks.forEach(function (a) { if (a.weight && (!least || a.weight < least)) least = a.weight; });
      question.forEach(function (w) { asks.push({ weight: least, alts: [[stemOf(w)]] }); });
    }
    return { words: units.map(function (u) { return u.word; }), docs: list, terms: terms, suggestions: suggestions, asks: asks, seq: seq, amount: amount, question: !!question };
  }

  /* How much a section's heading (an FAQ's question; a page's title for its opening text)
     says of the query: the share of the query's weight (rare words weigh more) whose words
     it holds, by stem or synonym. */
  function headingCover(heading, asks) {
    var have = {};
    tokens(heading).forEach(function (w) { have[stemOf(w)] = true; });
    var hit = 0, all = 0;
    asks.forEach(function (a) {
      all += a.weight;
      if (a.alts.some(function (toks) { return toks.every(function (t) { return have[t]; }); })) hit += a.weight;
    });
    return all ? hit / all : 0;
  }

  /* How close together a section holds the query's words: the share of the query's
     neighbouring word pairs (each weighing as its rarer word) found within GAP words of each
     other in the heading or in one sentence of the text, either way round ("reset the
     token", "token was reset"). A section about the thing asked names it in one phrase; a
     list that mentions every word somewhere does not. */
  var GAP = 2;
  /* A pair found the other way round ("reaches its limit" for "limit reached") counts
     half. A section rises by up to PROXIMITY times its score. */
  var REVERSED = 0.5;
  var PROXIMITY = 0.8;
  /* How much a section holding the kind of answer a "how long" / "how many" question asks
     for rises. */
  var ANSWER_TYPE = 0.5;
  function proximity(heading, text, seq) {
    if (!seq || seq.length < 2) return 0;
    var parts = [heading].concat(String(text || "").split(/[.!?;:\u2026|\n]+/));
    var hit = 0, all = 0;
    var found = [];
    for (var u = 0; u + 1 < seq.length; u++) {
      all += Math.min(seq[u].weight, seq[u + 1].weight);
      found.push(false);
    }
    parts.forEach(function (part) {
      var stems = tokens(part).map(stemOf);
      if (stems.length < 2) return;
      var pos = seq.map(function (a) {
        var out = [];
        for (var i = 0; i < stems.length; i++) {
          for (var k = 0; k < a.alts.length; k++) {
            var alt = a.alts[k];
            var ok = alt.length > 0;
            for (var j = 0; j < alt.length && ok; j++) ok = stems[i + j] === alt[j];
            if (ok) { out.push([i, i + alt.length]); break; }
          }
        }
        return out;
      });
      for (var v = 0; v + 1 < seq.length; v++) {
        if (found[v] === 1) continue;
        pos[v].forEach(function (p) {
          pos[v + 1].forEach(function (q) {
            if (q[0] >= p[1] && q[0] - p[1] <= GAP) found[v] = 1;
            else if (p[0] >= q[1] && p[0] - q[1] <= GAP) found[v] = Math.max(+found[v], REVERSED);
          });
        });
      }
    });
    for (var x = 0; x < found.length; x++) {
      hit += +found[x] * Math.min(seq[x].weight, seq[x + 1].weight);
    }
    return all ? hit / all : 0;
  }

  /* A question names its topic the way headings and FAQ questions do ("who can delete a
     channel" / "Delete a channel permanently"), while its other words scatter through body
     text. The index scores each word alone, so the sections of the pages about to be shown
     are scored again from their text. For a question, one whose heading holds most of the
     query (rare words weighing more; squared, so one shared word is no reason) rises, up to
     twice its score; keywords and labels skip this, as there a heading holding one of the
     words ("Quick reference" for "quick find reset") is no sign of the answer. For any query
     of two words or more, a section holding them close together rises (see proximity), and
     for "how long" / "how many" one stating a duration or a number. Only the chunks of the
     pages the list would show are read, which showing them loads anyway, and a section only
     rises, so those pages stay on top: no more bytes. */
  function rerank(ranked, maxPages) {
    if (!ranked.question && !ranked.amount && !(ranked.seq && ranked.seq.length > 1)) return Promise.resolve(ranked);
    var seen = {};
    var pages = shown(ranked.docs, maxPages, 1).map(function (g) { return g.page; }).filter(function (p) {
      return seen[p] ? false : (seen[p] = true);
    });
    if (!pages.length) return Promise.resolve(ranked);
    return load(INDEX + "index.js").then(function (manifest) {
      var ids = {};
      pages.forEach(function (p) { ids[Math.floor(p / manifest.per)] = true; });
      var list = Object.keys(ids);
      return Promise.all(list.map(function (c) { return load(INDEX + "p/" + c + ".js"); })).then(function (loaded) {
        var data = {};
        list.forEach(function (c, i) { data[c] = loaded[i]; });
        ranked.docs.forEach(function (d) {
          if (!seen[d.page]) return;
          var c = data[Math.floor(d.page / manifest.per)];
          var page = c && c.pages[d.page - c.first];
          var s = page && page.s[d.section];
          if (!s) return;
          if (ranked.question) {
            var share = headingCover(s[1] || page.t, ranked.asks);
            d.score *= 1 + share * share;
          }
          d.score *= 1 + PROXIMITY * proximity(s[1] || page.t, s[2], ranked.seq);
          // "How long ..." is answered by a duration, "how many ..." by a number.
          if (ranked.amount && ranked.amount.test(s[2])) d.score *= 1 + ANSWER_TYPE;
        });
        ranked.docs.sort(function (a, b) {
          return b.score - a.score || a.page - b.page || a.section - b.section;
        });
        return ranked;
      });
    });
  }

  /* The groups a result list shows. Sections keep their rank order: consecutive hits on one
     page share a group, and a page whose next hit ranks below another page's starts a new
     group further down, so a weak section of the first page never sits above a better
     section of another. */
  function shown(docs, maxPages, maxHits) {
    var groups = [], last = null;
    for (var i = 0; i < docs.length; i++) {
      var d = docs[i];
      if (last && last.page === d.page) {
        if (last.docs.length < maxHits) last.docs.push(d);
        continue;
      }
      if (groups.length === maxPages) break;
      last = { page: d.page, score: d.score, docs: [d] };
      groups.push(last);
    }
    return groups;
  }

  /* Load page chunks and build grouped results: [{title, url, hits: [{id, heading, url,
     snippet (HTML), question}]}]. */
  function results(ranked, maxPages, maxHits) {
    var groups = shown(ranked.docs, maxPages, maxHits);
    return load(INDEX + "index.js").then(function (manifest) {
      var chunks = {};
      groups.forEach(function (g) { chunks[Math.floor(g.page / manifest.per)] = true; });
      var ids = Object.keys(chunks);
      return Promise.all(ids.map(function (c) { return load(INDEX + "p/" + c + ".js"); }))
        .then(function (loaded) {
          var data = {};
          ids.forEach(function (c, i) { data[c] = loaded[i]; });
          var highlight = [];
          for (var q in ranked.terms) highlight = highlight.concat(ranked.terms[q]);
          return groups.map(function (g) {
            var c = data[Math.floor(g.page / manifest.per)];
            var page = c.pages[g.page - c.first];
            return {
              title: page.t,
              url: page.u,
              hits: g.docs.map(function (d) {
                var s = page.s[d.section] || ["", "", "", 0];
                return {
                  id: s[0],
                  heading: s[1],
                  url: page.u + (s[0] ? "#" + s[0] : ""),
                  snippet: snippet(s[2], highlight),
                  headingHtml: mark(s[1], highlight),
                  question: s[3] === 1
                };
              })
            };
          });
        });
    });
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  var WORDS = /[\p{Alphabetic}\p{N}]+/gu;

  /* Escape `text` and wrap words whose folded form is in `words` in <mark>. */
  function mark(text, words) {
    var set = {};
    words.forEach(function (w) { set[w] = true; });
    var out = "", last = 0, m;
    WORDS.lastIndex = 0;
    while ((m = WORDS.exec(text))) {
      var hit = set[fold(m[0])] || cjkHit(m[0], set);
      if (!hit) continue;
      out += escapeHtml(text.slice(last, m.index)) + "<mark>" + escapeHtml(m[0]) + "</mark>";
      last = m.index + m[0].length;
    }
    return out + escapeHtml(text.slice(last));
  }

  function cjkHit(word, set) {
    var t = tokens(word);
    if (t.length < 2 && !isCjk(word.codePointAt(0))) return false;
    return t.some(function (x) { return set[x]; });
  }

  /* About 180 characters around the first matched word, highlighted. */
  function snippet(text, words) {
    var set = {};
    words.forEach(function (w) { set[w] = true; });
    var at = -1, m;
    WORDS.lastIndex = 0;
    while ((m = WORDS.exec(text))) {
      if (set[fold(m[0])] || cjkHit(m[0], set)) { at = m.index; break; }
    }
    var start = at < 0 ? 0 : Math.max(0, at - 60);
    if (start > 0) {
      var space = text.indexOf(" ", start);
      if (space >= 0 && space < at) start = space + 1;
    }
    var end = Math.min(text.length, start + 180);
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end);
      if (cut > start + 100) end = cut;
    }
    return (start > 0 ? "… " : "") + mark(text.slice(start, end), words) + (end < text.length ? " …" : "");
  }

  /* The whole pipeline: query -> grouped results. */
  function search(query, opts) {
    opts = opts || {};
    var maxPages = opts.maxPages || 8;
    return rank(query, opts).then(function (ranked) {
      return rerank(ranked, maxPages);
    }).then(function (ranked) {
      return results(ranked, maxPages, opts.maxHits || 3).then(function (groups) {
        return { words: ranked.words, groups: groups, total: ranked.docs.length, suggestions: ranked.suggestions };
      });
    });
  }

  /* Stem by this table of irregular forms ({form: base}), as a loaded index does. */
  function irregular(table) { IRREGULAR = table; stemCache = {}; }

  S.core = { fold: fold, tokens: tokens, stem: stem, irregular: irregular, distance: distance, rank: rank, search: search, fileKey: fileKey };

  if (!global.document) return;

  /* A query that found nothing, for the site's analytics (once per query and page): tells
     the authors what readers look for and miss. */
  var reported = {};
  function reportMiss(q) {
    var key = fold(q).trim();
    var hs = global.helpsite;
    if (!key || reported[key] || !hs || !hs.track) return;
    reported[key] = true;
    hs.track("search-no-results", { query: q });
  }

  /* ---------- UI: header combobox (WAI-ARIA 1.2 combobox with listbox popup) ---------- */

  /* A result's link: the pretty URL (`guides/a/`) over http(s); from disk, where folders
     do not open their index.html, the file itself. */
  function href(url) {
    var h = rootUrl() + url;
    var hs = global.helpsite;
    var fixed = global.location.protocol === "file:" && hs && hs.fileHref ? hs.fileHref(h) : null;
    return fixed === null ? h : fixed;
  }

  function debounce(fn, ms) {
    var t;
    return function () {
      var args = arguments;
      clearTimeout(t);
      t = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  /* The listbox's options, grouped by page. Options hold no links (a link inside an option
     is a second, hidden control): choosing one, by Enter or a click, goes to its data-href.
     A group is named by aria-label; its visible title is drawn from data-title by CSS, since
     a listbox group may hold options only. */
  function renderGroups(groups, idPrefix) {
    var html = "", n = 0;
    groups.forEach(function (g) {
      var title = escapeHtml(g.title);
      html += '<div role="group" class="sr-group" aria-label="' + title + '" data-title="' + title + '">';
      g.hits.forEach(function (h) {
        html += '<div role="option" id="' + idPrefix + n + '" aria-selected="false" data-href="' +
          escapeHtml(href(h.url)) + '">' +
          '<span class="sr-page">' + (h.heading ? (h.question ? escapeHtml(t("search_question", "Q:")) + " " : "") + h.headingHtml : title) +
          "</span>" + '<span class="sr-snippet">' + h.snippet + "</span></div>";
        n++;
      });
      html += "</div>";
    });
    return { html: html, count: n };
  }

  function suggestionHtml(words) {
    if (!words.length) return "";
    return " " + escapeHtml(t("search_try", "Try:")) + " " + words.map(function (w) {
      return '<a href="' + escapeHtml(href(langRoot() + "search/") + "?q=" + encodeURIComponent(w)) + '">' + escapeHtml(w) + "</a>";
    }).join(", ") + ".";
  }

  function setupCombobox() {
    var input = global.document.getElementById("search-input");
    var popup = global.document.getElementById("search-popup");
    var box = global.document.getElementById("search-results");
    var note = global.document.getElementById("search-note");
    var status = global.document.getElementById("search-status");
    if (!input || !box || !popup || !note) return;
    var active = -1, seq = 0, lastQuery = "";

    function options() { return box.querySelectorAll('[role="option"]'); }
    /* The listbox shows only with options in it (an empty listbox is an error to assistive
       technology); messages and "See all results" sit beside it in the popup. */
    function fill(listHtml, noteHtml) {
      box.innerHTML = listHtml;
      box.hidden = !listHtml;
      note.innerHTML = noteHtml;
    }
    function open(show) {
      popup.hidden = !show;
      var hidden = !show;
      input.setAttribute("aria-expanded", show && !box.hidden ? "true" : "false");
      if (hidden) setActive(-1);
    }
    function setActive(i) {
      var opts = options();
      if (active >= 0 && opts[active]) opts[active].setAttribute("aria-selected", "false");
      active = i;
      if (i >= 0 && opts[i]) {
        opts[i].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", opts[i].id);
        opts[i].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    var run = debounce(function () {
      var q = input.value.trim();
      if (q === lastQuery) return;
      lastQuery = q;
      var mine = ++seq;
      if (!q) { fill("", ""); open(false); status.textContent = ""; return; }
      search(q, { maxPages: 6, maxHits: 3 }).then(function (r) {
        if (mine !== seq) return;
        var out = renderGroups(r.groups, "sr-");
        if (!out.count) {
          fill("", '<p class="search-empty">' +
            escapeHtml(t("search_no_results_for", "No results for “{query}”.", { query: q })) +
            suggestionHtml(r.suggestions) + "</p>");
          status.textContent = t("search_no_results", "No results.");
          // Reported once the reader stops typing: not every prefix on the way.
          setTimeout(function () { if (mine === seq) reportMiss(q); }, 1500);
        } else {
          fill(out.html, '<p class="search-more"><a href="' +
            escapeHtml(href(langRoot() + "search/") + "?q=" + encodeURIComponent(q)) + '">' +
            escapeHtml(t("search_see_all", "See all results")) + "</a></p>");
          status.textContent = t("search_count", "{count} results. Use the arrow keys to choose one.", { count: out.count });
        }
        setActive(-1);
        open(true);
      }).catch(function () {
        if (mine !== seq) return;
        fill("", '<p class="search-empty">' + escapeHtml(t("search_unavailable", "Search is unavailable right now.")) + "</p>");
        open(true);
      });
    }, 80);

    function warm() { load(INDEX + "index.js").catch(function () {}); }
    input.addEventListener("focus", warm, { once: true });
    input.addEventListener("input", run);
    input.addEventListener("keydown", function (e) {
      var n = options().length;
      if (e.key === "ArrowDown") {
        e.preventDefault();
        if (popup.hidden && input.value.trim()) { open(true); }
        if (n) setActive(active + 1 >= n ? 0 : active + 1);
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        if (n) setActive(active <= 0 ? n - 1 : active - 1);
      } else if (e.key === "Enter") {
        var opt = options()[active];
        if (opt && !popup.hidden) {
          e.preventDefault();
          global.location.href = opt.getAttribute("data-href");
        }
      } else if (e.key === "Escape") {
        if (!popup.hidden) { e.preventDefault(); open(false); }
        else if (input.value) { input.value = ""; lastQuery = ""; }
        else input.blur();
      }
    });
    /* Clicks keep the focus in the input (the popup stays open), except on links, which
       must take it to be followed from the keyboard afterwards. */
    popup.addEventListener("mousedown", function (e) {
      if (!e.target.closest("a")) e.preventDefault();
    });
    box.addEventListener("click", function (e) {
      var opt = e.target.closest('[role="option"]');
      if (opt) global.location.href = opt.getAttribute("data-href");
    });
    input.addEventListener("blur", function () {
      setTimeout(function () {
        if (!popup.contains(global.document.activeElement)) open(false);
      }, 120);
    });
    popup.addEventListener("focusout", function () {
      setTimeout(function () {
        var now = global.document.activeElement;
        if (now !== input && !popup.contains(now)) open(false);
      }, 120);
    });
    input.addEventListener("focus", function () { if ((box.innerHTML || note.innerHTML) && input.value.trim()) open(true); });
    global.document.addEventListener("keydown", function (e) {
      var t = e.target;
      var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if ((e.key === "/" && !typing) || (e.key === "k" && (e.ctrlKey || e.metaKey))) {
        e.preventDefault();
        input.focus();
        input.select();
      }
    });
    var form = input.form;
    if (form) {
      form.addEventListener("submit", function (e) {
        if (!input.value.trim()) e.preventDefault();
      });
    }
  }

  /* ---------- UI: the search page (/search/?q=) ---------- */

  function setupPage() {
    var list = global.document.getElementById("search-page-results");
    var input = global.document.getElementById("search-page-input");
    var status = global.document.getElementById("search-page-status");
    if (!list || !input) return;
    function show(q) {
      if (!q) { list.innerHTML = ""; status.textContent = ""; return; }
      status.textContent = t("search_searching", "Searching…");
      search(q, { maxPages: 50, maxHits: 4 }).then(function (r) {
        var html = "", n = 0;
        r.groups.forEach(function (g) {
          g.hits.forEach(function (h) {
            n++;
            html += '<li><a href="' + escapeHtml(href(h.url)) + '"><span class="sr-page">' + escapeHtml(g.title) +
              "</span>" + (h.heading ? '<span class="sr-section">' + (h.question ? escapeHtml(t("search_question", "Q:")) + " " : "") + h.headingHtml + "</span>" : "") +
              '<span class="sr-snippet">' + h.snippet + "</span></a></li>";
          });
        });
        list.innerHTML = html;
        if (n) {
          status.textContent = n === 1
            ? t("search_results_for_one", "{count} result for “{query}”", { count: n, query: q })
            : t("search_results_for", "{count} results for “{query}”", { count: n, query: q });
        } else {
          status.innerHTML = escapeHtml(t("search_no_results_for", "No results for “{query}”.", { query: q })) +
            suggestionHtml(r.suggestions);
          reportMiss(q);
        }
      }).catch(function () { status.textContent = t("search_unavailable", "Search is unavailable right now."); });
    }
    var q = new URLSearchParams(global.location.search).get("q") || "";
    input.value = q;
    show(q.trim());
    input.addEventListener("input", debounce(function () {
      var v = input.value.trim();
      if (global.history && global.history.replaceState) {
        var url = new URL(global.location.href);
        if (v) url.searchParams.set("q", v); else url.searchParams.delete("q");
        try { global.history.replaceState(null, "", url.toString()); } catch (e) { /* file:// */ }
      }
      show(v);
    }, 120));
  }

  function init() {
    setupCombobox();
    setupPage();
  }
  if (global.document.readyState === "loading") global.document.addEventListener("DOMContentLoaded", init);
  else init();
})(typeof window !== "undefined" ? window : globalThis);
