// afterword: small enhancements. Every page works without this file.
// Compose: check the note as you type (debounced POST /api/check), mark each finding in
// the text with its message, apply a suggestion with a click, gate Send on the error count.
(function () {
  "use strict";
  var form = document.getElementById("note-form");
  var body = document.getElementById("body");
  if (!form || !body || body.readOnly) { return; }
  var subject = document.getElementById("subject");
  var marked = document.getElementById("marked");
  var list = document.getElementById("findings");
  var summary = document.getElementById("check-summary");
  var send = document.getElementById("send");
  var gate = document.getElementById("send-gate");
  var token = document.querySelector('meta[name="csrf-token"]').content;
  var context = {};
  try { context = JSON.parse(document.getElementById("context").value); } catch (e) { context = {}; }
  var timer = null;
  var generation = 0;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function applyFix(start, end, replacement, text) {
    if (body.value !== text) { return; }  // the text moved on: the next check has fresh offsets
    body.value = text.slice(0, start) + replacement + text.slice(end);
    body.focus();
    body.setSelectionRange(start + replacement.length, start + replacement.length);
    schedule(0);
  }

  function renderMarked(text, findings) {
    marked.textContent = "";
    var spans = findings.map(function (f, i) { return [f.start, f.end, i]; })
      .filter(function (s) { return typeof s[0] === "number" && typeof s[1] === "number" && s[0] < s[1] && s[1] <= text.length; })
      .sort(function (a, b) { return a[0] - b[0]; });
    var at = 0;
    spans.forEach(function (s) {
      if (s[0] < at) { return; }
      marked.appendChild(document.createTextNode(text.slice(at, s[0])));
      var f = findings[s[2]];
      var mark = el("mark", "sev-" + f.severity, text.slice(s[0], s[1]));
      mark.tabIndex = 0;
      mark.setAttribute("data-finding", String(s[2]));
      var tip = el("span", "tip", f.message);
      tip.setAttribute("role", "tooltip");
      mark.appendChild(tip);
      marked.appendChild(mark);
      at = s[1];
    });
    marked.appendChild(document.createTextNode(text.slice(at)));
  }

  function renderList(text, findings) {
    list.textContent = "";
    if (!findings.length) {
      list.appendChild(el("li", "finding ok", "No findings: this note reads well."));
      return;
    }
    findings.forEach(function (f) {
      var item = el("li", "finding sev-" + f.severity);
      var line = el("p");
      line.appendChild(el("span", "sev", f.severity));
      line.appendChild(document.createTextNode(" "));
      line.appendChild(el("code", "", f.code));
      line.appendChild(document.createTextNode(" " + f.message));
      item.appendChild(line);
      if (f.excerpt) { item.appendChild(el("p", "excerpt", "\u201c" + f.excerpt + "\u201d")); }
      if (typeof f.start === "number") {
        (f.suggestions || []).slice(0, 3).forEach(function (s) {
          var chip = el("button", "chip", "Use \u201c" + s + "\u201d");
          chip.type = "button";
          chip.addEventListener("click", function () { applyFix(f.start, f.end, s, text); });
          item.appendChild(chip);
        });
      }
      list.appendChild(item);
    });
  }

  function renderCounts(counts) {
    var parts = summary.querySelectorAll(".count");
    var words = [["error", "error"], ["warning", "warning"], ["suggestion", "suggestion"]];
    words.forEach(function (w, i) { if (parts[i]) { parts[i].textContent = plural(counts[w[0]] || 0, w[1]); } });
    if (!send) { return; }
    var errors = counts.error || 0;
    send.disabled = errors > 0;
    send.setAttribute("aria-disabled", errors > 0 ? "true" : "false");
    if (gate) { gate.textContent = errors > 0 ? "Fix the " + plural(errors, "error") + " to send." : "No errors: ready to send."; }
  }

  function check() {
    var text = body.value;
    var mine = ++generation;
    var ctx = Object.assign({}, context, { subject: subject ? subject.value : "" });
    fetch("/api/check", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": token },
      body: JSON.stringify({ note: text, context: ctx })
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (report) {
      if (!report || mine !== generation) { return; }
      renderMarked(text, report.findings);
      renderList(text, report.findings);
      renderCounts(report.counts);
      form.setAttribute("data-checked", String(mine));
    }).catch(function () { /* offline or stopped: the Save button still checks */ });
  }

  function schedule(delay) {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(check, delay);
  }

  body.addEventListener("input", function () { schedule(350); });
  if (subject) { subject.addEventListener("input", function () { schedule(350); }); }
  schedule(0);
})();
