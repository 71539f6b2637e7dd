// chartcheck review page. Vanilla JS, no dependencies, no third-party requests.
// Note text is only ever inserted with DOM text nodes / textContent, never as HTML.
"use strict";

(function () {
  const OUTCOME_LABEL = {
    deviation: "Deviation",
    insufficient_data: "Could not be judged",
    adherent: "Adherent",
    not_applicable: "Not applicable",
  };
  const PLURAL_LABEL = {
    deviation: "Deviations",
    insufficient_data: "Could not be judged",
    adherent: "Adherent",
    not_applicable: "Not applicable",
  };
  const GROUPS = [
    { outcome: "deviation", title: "Needs attention" },
    { outcome: "insufficient_data", title: "Could not be judged: a fact is not documented" },
    { outcome: "adherent", title: "Adherent" },
  ];
  /** Which outcome colours a highlight shared by several rules. */
  const PRIORITY = { deviation: 3, insufficient_data: 2, adherent: 1, not_applicable: 0 };
  const SEVERITY_RANK = { error: 3, warning: 2, info: 1 };

  const $ = (id) => document.getElementById(id);
  const form = $("audit-form");
  const noteInput = $("note");
  const dateInput = $("visit-date");
  const button = $("audit-button");
  const errorBox = $("error");
  const results = $("results");

  /** Creates an element with attributes and children (strings become text nodes). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  // ---- Rule pack (citations) -------------------------------------------------
  let rulesById = new Map();
  let packOrder = new Map();
  const rulesReady = fetch("/api/rules", { headers: { Accept: "application/json" } })
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`rules: HTTP ${r.status}`))))
    .then((data) => {
      rulesById = new Map(data.rules.map((r) => [r.id, r]));
      packOrder = new Map(data.rules.map((r, i) => [r.id, i]));
      $("pack-info").textContent = `Rule pack: ${data.pack.id} ${data.pack.version} · ${data.rules.length} rules · extractor: ${data.run.extractor}`;
      if (data.run.extractor !== "lexicon") {
        $("privacy-note").textContent = `It is not stored, but the ${data.run.extractor} extractor sends it to the LLM endpoint configured for this server.`;
      }
      return data;
    })
    .catch(() => {
      $("pack-info").textContent = "Rule pack unavailable";
      return null;
    });

  // ---- Submitting ----------------------------------------------------------------
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void audit();
  });
  form.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void audit();
    }
  });

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
  }

  let inFlight = false;
  async function audit() {
    if (inFlight) return;
    const text = noteInput.value;
    errorBox.hidden = true;
    if (!text.trim()) {
      showError("Paste a note first.");
      noteInput.focus();
      return;
    }
    inFlight = true;
    button.disabled = true;
    button.textContent = "Auditing…";
    results.setAttribute("aria-busy", "true");
    try {
      const response = await fetch("/api/audit", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ text, date: dateInput.value || null }),
      });
      const body = await response.json().catch(() => null);
      if (!response.ok) {
        showError(body && body.error ? `Could not audit the note: ${body.error.message}` : `Could not audit the note (HTTP ${response.status}).`);
        return;
      }
      await rulesReady;
      render(text, body);
    } catch (err) {
      showError("Could not reach the chartcheck server. Is it still running?");
    } finally {
      inFlight = false;
      button.disabled = false;
      button.textContent = "Audit";
      results.setAttribute("aria-busy", "false");
    }
  }

  // ---- Rendering -------------------------------------------------------------------
  const cardId = (ruleId) => `card-${ruleId}`;

  function sortResults(list) {
    return list.slice().sort(
      (a, b) =>
        (SEVERITY_RANK[b.severity] || 0) - (SEVERITY_RANK[a.severity] || 0) ||
        (packOrder.get(a.ruleId) ?? 1e9) - (packOrder.get(b.ruleId) ?? 1e9),
    );
  }

  /**
   * Unique evidence spans with the results that cite them, cut so that no two
   * spans cross (nesting is fine): a span crossing an open one is split.
   */
  function highlightSpans(text, shown) {
    const byKey = new Map();
    for (const r of shown) {
      for (const e of r.evidence) {
        if (!(e.end > e.start) || e.start < 0 || e.end > text.length) continue;
        const key = `${e.start}:${e.end}`;
        if (!byKey.has(key)) byKey.set(key, { start: e.start, end: e.end, key, results: [] });
        byKey.get(key).results.push(r);
      }
    }
    const cmp = (a, b) => a.start - b.start || b.end - a.end;
    const queue = [...byKey.values()].sort(cmp);
    const pieces = [];
    const stack = [];
    while (queue.length) {
      let s = queue.shift();
      while (stack.length && stack[stack.length - 1].end <= s.start) stack.pop();
      const top = stack[stack.length - 1];
      if (top && s.end > top.end) {
        queue.push({ start: top.end, end: s.end, key: s.key, results: s.results });
        queue.sort(cmp);
        s = { start: s.start, end: top.end, key: s.key, results: s.results };
      }
      pieces.push(s);
      stack.push(s);
    }
    return pieces;
  }

  /** The note with <mark> elements for evidence; returns the first mark of each "ruleId|start:end". */
  function renderNote(container, text, shown) {
    const markFor = new Map();
    const frag = document.createDocumentFragment();
    const stack = [];
    let pos = 0;
    const top = () => (stack.length ? stack[stack.length - 1].node : frag);
    const textTo = (p) => {
      if (p > pos) {
        top().append(document.createTextNode(text.slice(pos, p)));
        pos = p;
      }
    };
    let n = 0;
    for (const s of highlightSpans(text, shown)) {
      while (stack.length && stack[stack.length - 1].end <= s.start) {
        textTo(stack[stack.length - 1].end);
        stack.pop();
      }
      textTo(s.start);
      const outcome = s.results.reduce((best, r) => (PRIORITY[r.outcome] > PRIORITY[best] ? r.outcome : best), "adherent");
      const cards = s.results.map((r) => cardId(r.ruleId));
      const mark = el("mark", {
        id: `ev-${++n}`,
        class: `ev ev-${outcome}`,
        tabindex: 0,
        "aria-describedby": cards.join(" "),
        title: s.results.map((r) => `${OUTCOME_LABEL[r.outcome]}: ${r.ruleId}`).join("\n"),
        "data-cards": cards.join(" "),
      });
      for (const r of s.results) {
        const k = `${r.ruleId}|${s.key}`;
        if (!markFor.has(k)) markFor.set(k, mark);
      }
      top().append(mark);
      stack.push({ node: mark, end: s.end });
    }
    while (stack.length) {
      textTo(stack[stack.length - 1].end);
      stack.pop();
    }
    textTo(text.length);
    container.replaceChildren(frag);
    return markFor;
  }

  function oneLine(s, max) {
    const t = s.replace(/\s+/g, " ").trim();
    return t.length > max ? `${t.slice(0, max - 1)}…` : t;
  }

  function lineOf(text, offset) {
    let line = 1;
    for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
    return line;
  }

  function ruleCard(r, text, markFor) {
    const meta = rulesById.get(r.ruleId);
    const id = cardId(r.ruleId);
    const titleId = `${id}-title`;
    const head = el(
      "div",
      { class: "card-head" },
      el("span", { class: `badge badge-${r.outcome}`, text: OUTCOME_LABEL[r.outcome] }),
      r.outcome === "deviation" ? el("span", { class: `badge badge-sev-${r.severity}`, text: r.severity }) : null,
      el("span", { class: "rule-id", text: r.ruleId }),
    );
    const card = el(
      "article",
      { id, class: `rule-card outcome-${r.outcome}`, tabindex: 0, "aria-labelledby": titleId, "data-rule": r.ruleId },
      head,
      el("h4", { id: titleId, class: "card-title", text: meta ? meta.description : r.ruleId }),
      el("p", { class: "message", text: r.message }),
      meta ? el("blockquote", { class: "quote" }, el("span", { class: "quote-label", text: "Guideline" }), `“${meta.citation.quote}”`) : null,
    );
    if (r.evidence.length) {
      const list = el("ul", { class: "evidence-list", "aria-label": "Evidence in the note" });
      r.evidence.forEach((e) => {
        const target = markFor.get(`${r.ruleId}|${e.start}:${e.end}`);
        const link = el(
          "button",
          { type: "button", class: "evidence-link", "aria-label": `Show in the note, line ${lineOf(text, e.start)}: ${oneLine(e.text, 300)}` },
          el("span", { class: "where", text: `In the note, line ${lineOf(text, e.start)}` }),
          `“${oneLine(e.text, 220)}”`,
        );
        link.addEventListener("click", (ev) => {
          ev.stopPropagation();
          if (target) {
            revealMark(target);
            target.focus({ preventScroll: true });
          }
        });
        list.append(el("li", {}, link));
      });
      card.append(list);
    } else if (r.outcome !== "adherent") {
      card.append(el("p", { class: "no-evidence", text: "No sentence of the note addresses this." }));
    }
    return card;
  }

  let active = [];
  function setActive(nodes) {
    for (const n of active) n.classList.remove("active");
    active = nodes.filter(Boolean);
    for (const n of active) n.classList.add("active");
  }

  /** Scrolls the note pane (not the page) so the mark is in view. */
  function revealMark(mark) {
    const pane = mark.closest(".note-pane");
    if (!pane) return;
    const m = mark.getBoundingClientRect();
    const p = pane.getBoundingClientRect();
    if (m.top < p.top + 40 || m.bottom > p.bottom - 20) {
      pane.scrollTop += m.top - p.top - pane.clientHeight / 3;
    }
  }

  function onMark(event, scroll) {
    const mark = event.target.closest("mark.ev");
    if (!mark) return;
    const cards = (mark.dataset.cards || "").split(" ").map((id) => document.getElementById(id));
    setActive([mark, ...cards]);
    if (scroll && cards[0]) cards[0].scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  function render(text, report) {
    const byOutcome = { deviation: [], insufficient_data: [], adherent: [], not_applicable: [] };
    for (const r of report.results) (byOutcome[r.outcome] || byOutcome.not_applicable).push(r);
    for (const k of Object.keys(byOutcome)) byOutcome[k] = sortResults(byOutcome[k]);
    const shown = [...byOutcome.deviation, ...byOutcome.insufficient_data, ...byOutcome.adherent];

    // Summary tiles.
    const summary = $("summary");
    summary.replaceChildren(
      ...["deviation", "insufficient_data", "adherent", "not_applicable"].map((o) =>
        el(
          "li",
          { class: `sum-${o}` },
          el("span", { class: "count", text: String(byOutcome[o].length) }),
          el("span", { class: "label", text: byOutcome[o].length === 1 ? OUTCOME_LABEL[o] : PLURAL_LABEL[o] }),
        ),
      ),
    );
    const date = report.encounterDate ? `Visit date ${report.encounterDate}` : "No visit date found";
    $("run-info").textContent = `${date} · ${report.run.pack} ${report.run.packVersion} · ${report.run.extractor} extractor`;

    // Note with highlights.
    const noteView = $("note-view");
    const markFor = renderNote(noteView, text, shown);
    noteView.parentElement.scrollTop = 0;

    // Rule cards, deviations first.
    const cards = $("cards");
    const groups = [];
    for (const g of GROUPS) {
      const list = byOutcome[g.outcome];
      if (!list.length) continue;
      const section = el("section", { class: `group group-${g.outcome}`, "aria-label": g.title });
      section.append(el("h4", { class: "group-title", text: `${g.title} (${list.length})` }));
      for (const r of list) section.append(ruleCard(r, text, markFor));
      groups.push(section);
    }
    if (!byOutcome.deviation.length) groups.unshift(el("p", { class: "empty", text: "No deviation found in this note." }));
    if (byOutcome.not_applicable.length) {
      const details = el("details", { class: "group na-group" });
      const n = byOutcome.not_applicable.length;
      details.append(el("summary", { text: `${n} rule${n === 1 ? " does" : "s do"} not apply to this note` }));
      details.append(
        el(
          "ul",
          { class: "na-list" },
          ...byOutcome.not_applicable.map((r) => el("li", { text: `${(rulesById.get(r.ruleId) || {}).description || r.ruleId}: ${r.message}` })),
        ),
      );
      groups.push(details);
    }
    cards.replaceChildren(...groups);
    results.hidden = false;
  }

  // ---- Linking highlights and cards --------------------------------------------------
  const noteView = $("note-view");
  noteView.addEventListener("click", (e) => onMark(e, true));
  noteView.addEventListener("focusin", (e) => onMark(e, true));
  noteView.addEventListener("keydown", (e) => {
    const mark = e.target.closest && e.target.closest("mark.ev");
    if (!mark || (e.key !== "Enter" && e.key !== " ")) return;
    e.preventDefault();
    const first = document.getElementById((mark.dataset.cards || "").split(" ")[0]);
    if (first) first.focus();
  });

  const cardsRoot = $("cards");
  function onCard(e) {
    const card = e.target.closest && e.target.closest(".rule-card");
    if (!card) return;
    const selector = `mark.ev[data-cards~="${CSS.escape(card.id)}"]`;
    const marks = Array.from(document.querySelectorAll(selector));
    setActive([card, ...marks]);
    if (marks[0]) revealMark(marks[0]);
  }
  cardsRoot.addEventListener("click", onCard);
  cardsRoot.addEventListener("focusin", onCard);
})();
