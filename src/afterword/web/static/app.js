// afterword: small enhancements. Every page works without this file.
// Compose: the note is checked as you type (debounced POST /api/check) and each finding is
// underlined in the editor itself: a highlight layer (#hl) mirrors the textarea's text
// behind it. Hover, tap or move the cursor onto a finding to see its message and fixes.
// Every edit (typing or a fix) shifts the remaining findings' offsets at once, so fixes
// apply in succession without waiting for the next check.
(function () {
  "use strict";
  var form = document.getElementById("note-form");
  var body = document.getElementById("body");
  if (!form || !body || body.readOnly) { return; }
  var subject = document.getElementById("subject");
  var box = document.getElementById("editor-box");
  var hl = document.getElementById("hl");
  var pop = document.getElementById("pop");
  var list = document.getElementById("findings");
  var summary = document.getElementById("check-summary");
  var send = document.getElementById("send");
  var gate = document.getElementById("send-gate");
  var smtp = send ? send.getAttribute("data-smtp") === "yes" : false;
  var token = document.querySelector('meta[name="csrf-token"]').content;
  var context = {};
  try { context = JSON.parse(document.getElementById("context").value); } catch (e) { context = {}; }
  var ICONS = { error: "\u2716", warning: "\u25b2", suggestion: "\u25cf" };
  var timer = null;
  var generation = 0;
  var findings = [];  // {start, end, text, severity, code, message, suggestions}
  var last = body.value;
  var shown = -1;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function located(f) {
    return typeof f.start === "number" && typeof f.end === "number" && f.start < f.end;
  }

  // ---------------------------------------------------------------- offsets follow edits
  function shift(before, after) {
    var p = 0;
    var max = Math.min(before.length, after.length);
    while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) { p++; }
    var q = 0;
    while (q < max - p && before.charCodeAt(before.length - 1 - q) === after.charCodeAt(after.length - 1 - q)) { q++; }
    var oldEnd = before.length - q;
    var delta = after.length - before.length;
    findings = findings.filter(function (f) {
      if (!located(f)) { return true; }
      if (f.end <= p) { return true; }
      if (f.start >= oldEnd) { f.start += delta; f.end += delta; return true; }
      return false;  // the edit touched it: the next check says whether it still holds
    });
  }

  // ---------------------------------------------------------------- the highlight layer
  function renderLayer() {
    var text = body.value;
    hl.textContent = "";
    var spans = findings.map(function (f, i) { return [f.start, f.end, i]; })
      .filter(function (s) { return located(findings[s[2]]) && s[1] <= text.length; })
      .sort(function (a, b) { return a[0] - b[0]; });
    var at = 0;
    spans.forEach(function (s) {
      if (s[0] < at) { return; }
      hl.appendChild(document.createTextNode(text.slice(at, s[0])));
      var mark = el("mark", "sev-" + findings[s[2]].severity, text.slice(s[0], s[1]));
      mark.setAttribute("data-finding", String(s[2]));
      hl.appendChild(mark);
      at = s[1];
    });
    hl.appendChild(document.createTextNode(text.slice(at) + " "));
  }

  // ---------------------------------------------------------------- fixes
  function applyFix(f, replacement) {
    if (body.value.slice(f.start, f.end) !== f.text) { return false; }
    body.focus();
    body.setSelectionRange(f.start, f.end);
    var done = false;
    try { done = document.execCommand("insertText", false, replacement); } catch (e) { done = false; }
    if (!done || body.value.slice(f.start, f.start + replacement.length) !== replacement) {
      body.setRangeText(replacement, f.start, f.end, "end");
      edited();
    }
    hidePop();
    return true;
  }

  function chip(f, s) {
    var button = el("button", "chip", "Use \u201c" + s + "\u201d");
    button.type = "button";
    button.addEventListener("click", function () { applyFix(f, s); });
    return button;
  }

  // ---------------------------------------------------------------- the popover
  function hidePop() { pop.hidden = true; shown = -1; }

  function showPop(index) {
    var f = findings[index];
    var mark = hl.querySelector('mark[data-finding="' + index + '"]');
    if (!f || !mark) { hidePop(); return; }
    if (shown === index && !pop.hidden) { return; }
    shown = index;
    pop.textContent = "";
    pop.className = "pop sev-" + f.severity;
    var head = el("p", "pop-head");
    var icon = el("span", "icon", ICONS[f.severity] || "");
    icon.setAttribute("aria-hidden", "true");
    head.appendChild(icon);
    head.appendChild(el("span", "sev", " " + f.severity + " "));
    head.appendChild(el("code", "", f.code));
    pop.appendChild(head);
    pop.appendChild(el("p", "pop-msg", f.message));
    (f.suggestions || []).slice(0, 3).forEach(function (s) { pop.appendChild(chip(f, s)); });
    pop.hidden = false;
    var r = mark.getBoundingClientRect();
    var b = box.getBoundingClientRect();
    var left = Math.max(0, Math.min(r.left - b.left, b.width - pop.offsetWidth));
    pop.style.left = left + "px";
    pop.style.top = (r.bottom - b.top + 6) + "px";
  }

  function findingAt(offset) {
    for (var i = 0; i < findings.length; i++) {
      var f = findings[i];
      if (located(f) && f.start <= offset && offset <= f.end) { return i; }
    }
    return -1;
  }

  function atPoint(x, y) {
    var marks = hl.querySelectorAll("mark");
    for (var i = 0; i < marks.length; i++) {
      var rects = marks[i].getClientRects();
      for (var j = 0; j < rects.length; j++) {
        var r = rects[j];
        if (x >= r.left && x <= r.right && y >= r.top - 2 && y <= r.bottom + 2) {
          return Number(marks[i].getAttribute("data-finding"));
        }
      }
    }
    return -1;
  }

  function fromCaret() {
    if (body.selectionStart !== body.selectionEnd) { return; }
    var index = findingAt(body.selectionStart);
    if (index >= 0) { showPop(index); } else { hidePop(); }
  }

  // ---------------------------------------------------------------- the findings list
  function renderList() {
    list.textContent = "";
    if (!findings.length) {
      list.appendChild(el("li", "finding ok", "No findings: this note reads well."));
      return;
    }
    findings.forEach(function (f, index) {
      var item = el("li", "finding sev-" + f.severity);
      var line = el("p");
      var sev = el("span", "sev");
      var icon = el("span", "icon", ICONS[f.severity] || "");
      icon.setAttribute("aria-hidden", "true");
      sev.appendChild(icon);
      sev.appendChild(document.createTextNode(" " + f.severity));
      line.appendChild(sev);
      line.appendChild(document.createTextNode(" "));
      line.appendChild(el("code", "", f.code));
      line.appendChild(document.createTextNode(" " + f.message));
      item.appendChild(line);
      if (located(f)) {
        var where = el("button", "link", "Show in the text: \u201c" + f.text + "\u201d");
        where.type = "button";
        where.addEventListener("click", function () {
          body.focus();
          body.setSelectionRange(f.start, f.start);
          showPop(index);
        });
        item.appendChild(where);
        (f.suggestions || []).slice(0, 3).forEach(function (s) { item.appendChild(chip(f, s)); });
      }
      list.appendChild(item);
    });
  }

  function renderCounts() {
    var counts = { error: 0, warning: 0, suggestion: 0 };
    findings.forEach(function (f) { counts[f.severity] = (counts[f.severity] || 0) + 1; });
    var parts = summary.querySelectorAll(".count");
    ["error", "warning", "suggestion"].forEach(function (w, i) {
      if (parts[i]) { parts[i].textContent = plural(counts[w], w); }
    });
    if (!send) { return; }
    var blocked = counts.error > 0 || !smtp;
    send.disabled = blocked;
    send.setAttribute("aria-disabled", blocked ? "true" : "false");
    if (gate && smtp) {
      gate.textContent = counts.error > 0 ? "Fix the " + plural(counts.error, "error") + " to send." : "No errors: ready to send.";
    }
  }

  function renderAll() { renderLayer(); renderList(); renderCounts(); }

  // ---------------------------------------------------------------- checking
  // The report counts characters (code points); the textarea counts UTF-16 units, two for
  // an emoji or any other character beyond the BMP. Map one onto the other.
  function unitsOf(text) {
    var table = null;
    return function (points) {
      if (!/[\ud800-\udfff]/.test(text)) { return points; }
      if (!table) {
        table = [0];
        for (var i = 0; i < text.length; i++) {
          var c = text.charCodeAt(i);
          if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) { i++; }
          table.push(i + 1);
        }
      }
      return table[Math.min(points, table.length - 1)];
    };
  }

  function check() {
    var text = body.value;
    var mine = ++generation;
    var ctx = Object.assign({}, context, { subject: subject ? subject.value : "" });
    fetch("/api/check", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": token },
      body: JSON.stringify({ note: text, context: ctx, session: "note-" + form.getAttribute("data-note") })
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (report) {
      if (!report || mine !== generation || body.value !== text) { return; }
      var units = unitsOf(text);
      findings = report.findings.map(function (f) {
        var copy = Object.assign({}, f);
        if (located(copy)) {
          copy.start = units(copy.start);
          copy.end = units(copy.end);
          copy.text = text.slice(copy.start, copy.end);
        }
        return copy;
      });
      renderAll();
      hidePop();
      form.setAttribute("data-checked", String(mine));
    }).catch(function () { /* offline or stopped: the Save button still checks */ });
  }

  function schedule(delay) {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(check, delay);
  }

  function edited() {
    shift(last, body.value);
    last = body.value;
    renderAll();
    schedule(350);
  }

  box.classList.add("live");
  body.addEventListener("input", edited);
  body.addEventListener("click", fromCaret);
  body.addEventListener("keyup", function (e) {
    if (e.key === "Escape") { hidePop(); return; }
    if (e.key.indexOf("Arrow") === 0 || e.key === "Home" || e.key === "End") { fromCaret(); }
  });
  body.addEventListener("mousemove", function (e) {
    var index = atPoint(e.clientX, e.clientY);
    if (index >= 0) { showPop(index); }
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { hidePop(); } });
  document.addEventListener("click", function (e) {
    if (!box.contains(e.target)) { hidePop(); }
  });
  if (subject) { subject.addEventListener("input", function () { schedule(350); }); }
  schedule(0);
})();

// Navigation: the menu button of narrow screens (without this file, the menu is a <details>).
(function () {
  "use strict";
  var menu = document.getElementById("menu");
  if (!menu) { return; }
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && menu.open) { menu.open = false; }
  });
})();

// Tabs that scroll sideways: the current one is brought into view.
(function () {
  "use strict";
  var current = document.querySelector('.tabs a[aria-current="page"]');
  if (current && current.parentNode && current.parentNode.parentNode) {
    var strip = current.parentNode.parentNode;
    var left = current.offsetLeft - strip.offsetLeft;
    if (left + current.offsetWidth > strip.scrollLeft + strip.clientWidth) {
      strip.scrollLeft = left + current.offsetWidth - strip.clientWidth + 16;
    }
  }
})();
