// Corrections by highlight: select a figure or a source sentence, press
// Ctrl+Enter (or the floating button), and send a suggestion to the queue.
"use strict";
(function () {
  var dialog = document.getElementById("correction");
  var form = document.getElementById("correction-form");
  var button = document.getElementById("suggest-button");
  if (!dialog || !form) return;
  var els = {
    quote: document.getElementById("correction-quote"),
    field: document.getElementById("correction-field"),
    attack: document.getElementById("correction-attack"),
    proposed: document.getElementById("correction-proposed"),
    comment: document.getElementById("correction-comment"),
    status: document.getElementById("correction-status"),
    submit: document.getElementById("correction-submit"),
  };
  var BASE_FIELDS = ["launched", "destroyed", "killed", "injured", "date", "regions",
                     "attacker", "target_country"];
  var pending = null;

  function elementOf(node) {
    if (!node) return null;
    return node.nodeType === 1 ? node : node.parentElement;
  }
  function closestData(node, name) {
    var el = elementOf(node);
    el = el && el.closest("[data-" + name + "]");
    return el ? el.getAttribute("data-" + name) : null;
  }
  function docOffset(node, offset) {
    var el = elementOf(node);
    el = el && el.closest("[data-start][data-doc]");
    if (!el || parseInt(el.getAttribute("data-start"), 10) < 0) return null;
    return {doc: parseInt(el.getAttribute("data-doc"), 10),
            at: parseInt(el.getAttribute("data-start"), 10) + (node.nodeType === 3 ? offset : 0)};
  }
  function selectionContext() {
    var sel = window.getSelection();
    var quote = sel ? sel.toString().trim() : "";
    if (!quote || !sel.rangeCount) return null;
    var node = sel.anchorNode;
    var ctx = {quote: quote.slice(0, 2000), field: closestData(node, "field"),
               attack: closestData(node, "attack"), doc: null, start: null, end: null};
    var a = docOffset(sel.anchorNode, sel.anchorOffset);
    var b = docOffset(sel.focusNode, sel.focusOffset);
    if (a && b && a.doc === b.doc) {
      ctx.doc = a.doc; ctx.start = Math.min(a.at, b.at); ctx.end = Math.max(a.at, b.at);
    }
    return ctx;
  }
  function fieldOptions(selected) {
    var seen = {};
    var names = [];
    document.querySelectorAll("[data-correctable][data-field]").forEach(function (el) {
      names.push(el.getAttribute("data-field"));
    });
    names = names.concat(BASE_FIELDS);
    if (selected) names.unshift(selected);
    els.field.textContent = "";
    names.forEach(function (name) {
      if (seen[name]) return;
      seen[name] = true;
      var opt = document.createElement("option");
      opt.value = name; opt.textContent = name;
      els.field.appendChild(opt);
    });
    if (selected) els.field.value = selected;
  }
  function open() {
    var ctx = selectionContext();
    if (!ctx) return false;
    pending = ctx;
    els.quote.textContent = "\u201c" + ctx.quote + "\u201d";
    fieldOptions(ctx.field);
    els.attack.value = ctx.attack || "";
    els.proposed.value = "";
    els.comment.value = "";
    els.status.textContent = "";
    els.submit.disabled = false;
    button.hidden = true;
    dialog.showModal();
    (ctx.attack ? els.proposed : els.attack).focus();
    return true;
  }
  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }
  function send(event) {
    event.preventDefault();
    var body = {attack_id: parseInt(els.attack.value, 10), field: els.field.value,
                proposed: els.proposed.value, comment: els.comment.value,
                quote: pending ? pending.quote : ""};
    if (pending && pending.doc !== null) {
      body.document_id = pending.doc; body.start = pending.start; body.end = pending.end;
    }
    els.submit.disabled = true;
    els.status.textContent = "Sending\u2026";
    fetch("/api/corrections", {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf()},
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().then(function (data) { return {ok: response.ok, data: data}; });
    }).then(function (r) {
      if (r.ok) {
        els.status.textContent = "Thank you. Correction #" + r.data.id + " waits for review.";
        setTimeout(function () { dialog.close(); }, 1500);
      } else {
        els.status.textContent = (r.data.error && r.data.error.message) || "Not sent.";
        els.submit.disabled = false;
      }
    }).catch(function () {
      els.status.textContent = "Not sent: the server did not answer.";
      els.submit.disabled = false;
    });
  }
  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter" && !dialog.open) {
      if (open()) event.preventDefault();
    }
  });
  document.addEventListener("mouseup", function (event) {
    if (dialog.open || event.target === button) return;
    setTimeout(function () {
      var ctx = selectionContext();
      button.hidden = !ctx;
    }, 0);
  });
  button.addEventListener("click", open);
  form.addEventListener("submit", send);
  document.getElementById("correction-cancel").addEventListener("click", function () {
    dialog.close();
  });
})();
