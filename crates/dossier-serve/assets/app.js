// Dossier's page: a hash-routed view over the JSON API.
//
// Every element is built with createElement and textContent: record text
// (titles, quotes, article bodies) is untrusted and is never parsed as HTML.

const main = document.getElementById("main");

// ---------------------------------------------------------------- helpers

/** An element with attributes and children (strings become text nodes). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "on") for (const [ev, fn] of Object.entries(value)) el.addEventListener(ev, fn);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const SVG = "http://www.w3.org/2000/svg";
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) continue;
    if (key === "on") for (const [ev, fn] of Object.entries(value)) el.addEventListener(ev, fn);
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function show(...children) {
  main.replaceChildren(...children.flat().filter((c) => c));
  window.scrollTo(0, 0);
}

class ApiFailure extends Error {}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && body.error ? `${body.error.code}: ${body.error.message}` : `HTTP ${response.status}`;
    throw new ApiFailure(message);
  }
  return body;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "" && v !== false) q.set(k, v);
  const text = q.toString();
  return text ? `?${text}` : "";
}

const link = (href, ...children) => h("a", { href }, ...children);
const eventLink = (id, ...children) => link(`#/event/${encodeURIComponent(id)}`, ...children);
const articleLink = (id, span, ...children) =>
  link(`#/article/${encodeURIComponent(id)}${span ? `?s=${span[0]}-${span[1]}` : ""}`, ...children);
const actorLink = (id, ...children) => link(`#/actor/${encodeURIComponent(id)}`, ...children);

function badge(text, kind = "") {
  return h("span", { class: `badge ${kind}`.trim() }, text);
}

function toll(brief) {
  if (!brief) return "–";
  return brief.low === brief.high ? String(brief.best) : `${brief.best} (${brief.low}–${brief.high})`;
}

function day(iso) {
  return iso ? iso.slice(0, 10) : "undated";
}

function statusBadge(status) {
  return badge(status, `status-${status}`);
}

function sourceName(key) {
  // an article that is its own source (no known outlet) shows by short id
  if (/^[0-9a-f]{32}$/.test(key)) return `article ${key.slice(0, 8)}`;
  // other keys: "outlet:…", "owner:…", "speaker:…", or a domain
  const i = key.indexOf(":");
  return i > 0 ? key.slice(i + 1) : key;
}

// ---------------------------------------------------------------- events

let world = null;
async function loadWorld() {
  if (!world) world = await api("/assets/world.json");
  return world;
}

function mapView(events, outlines) {
  const svg = s("svg", {
    viewBox: `0 0 ${outlines.width} ${outlines.height}`,
    class: "map",
    role: "img",
    "aria-label": "Map of events",
  });
  const countries = new Set(events.map((e) => e.country).filter(Boolean));
  for (const c of outlines.countries) {
    svg.append(
      s("path", { d: c.d, class: countries.has(c.code) ? "land hit" : "land" }, s("title", {}, c.name)),
    );
  }
  for (const e of events) {
    if (!e.coords) continue;
    const [lat, lon] = e.coords;
    const killed = e.killed ? e.killed.best : 0;
    const r = 0.8 + Math.sqrt(killed) * 0.35;
    const dot = s(
      "circle",
      {
        cx: (lon + 180).toFixed(2),
        cy: (90 - lat).toFixed(2),
        r: r.toFixed(2),
        class: e.contested && e.contested.length ? "dot contested" : "dot",
        "data-event": e.id,
        on: { click: () => (location.hash = `#/event/${encodeURIComponent(e.id)}`) },
      },
      s("title", {}, `${e.title || e.kind} — ${e.place || ""} ${day(e.date)}`),
    );
    svg.append(dot);
  }
  return h("figure", { class: "panel" }, h("figcaption", {}, "Map"), svg);
}

function timelineView(events) {
  const dated = events.filter((e) => e.date);
  const width = 1000;
  const height = 150;
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "timeline", role: "img", "aria-label": "Timeline of events" });
  if (!dated.length) {
    return h("figure", { class: "panel" }, h("figcaption", {}, "Timeline"), h("p", { class: "muted" }, "No dated events."));
  }
  const times = dated.map((e) => Date.parse(e.date));
  let lo = Math.min(...times);
  let hi = Math.max(...times);
  if (hi - lo < 86400000 * 2) {
    lo -= 86400000 * 3;
    hi += 86400000 * 3;
  }
  const x = (t) => 40 + ((t - lo) / (hi - lo)) * (width - 80);
  svg.append(s("line", { x1: 40, x2: width - 40, y1: height - 30, y2: height - 30, class: "axis" }));
  for (let i = 0; i <= 4; i++) {
    const t = lo + ((hi - lo) * i) / 4;
    svg.append(s("text", { x: x(t), y: height - 10, class: "tick" }, new Date(t).toISOString().slice(0, 10)));
  }
  const kinds = [...new Set(dated.map((e) => e.kind))].sort();
  const lane = (kind) => 20 + (kinds.indexOf(kind) % 5) * 20;
  for (const e of dated) {
    const killed = e.killed ? e.killed.best : 0;
    svg.append(
      s(
        "circle",
        {
          cx: x(Date.parse(e.date)).toFixed(1),
          cy: lane(e.kind),
          r: (3 + Math.sqrt(killed)).toFixed(1),
          class: e.contested && e.contested.length ? "dot contested" : "dot",
          "data-event": e.id,
          on: { click: () => (location.hash = `#/event/${encodeURIComponent(e.id)}`) },
        },
        s("title", {}, `${day(e.date)} ${e.title || e.kind}`),
      ),
    );
  }
  return h("figure", { class: "panel" }, h("figcaption", {}, "Timeline"), svg);
}

function eventRows(events) {
  return h(
    "table",
    { class: "list events" },
    h("thead", {}, h("tr", {}, ["Date", "Event", "Place", "Kind", "Killed", "Perpetrator", "Sources", "Contested"].map((c) => h("th", {}, c)))),
    h(
      "tbody",
      {},
      events.map((e) =>
        h(
          "tr",
          { "data-event": e.id },
          h("td", {}, day(e.date)),
          h("td", {}, eventLink(e.id, e.title || `${e.kind} (${e.id})`)),
          h("td", {}, [e.place, e.country].filter(Boolean).join(", ")),
          h("td", {}, e.kind),
          h("td", { class: "num" }, toll(e.killed)),
          h("td", {}, e.perpetrator ? statusBadge(e.perpetrator) : "", " ", (e.perpetrators || []).join(", ")),
          h("td", { class: "num" }, e.sources ?? e.articles),
          h("td", {}, (e.contested || []).map((f) => badge(f, "contested"))),
        ),
      ),
    ),
  );
}

async function eventsPage(params) {
  const filters = {
    since: params.get("since") || "",
    until: params.get("until") || "",
    country: params.get("country") || "",
    actor: params.get("actor") || "",
    kind: params.get("kind") || "",
    contested: params.get("contested") === "true",
  };
  const offset = Number(params.get("offset") || 0);
  const [page, outlines] = await Promise.all([
    api(`/api/events${query({ ...filters, limit: 200, offset: offset || "" })}`),
    loadWorld(),
  ]);
  const form = h(
    "form",
    { class: "filters", id: "event-filters" },
    ["since", "until", "country", "actor", "kind"].map((name) =>
      h("label", {}, name, h("input", { name, value: filters[name], placeholder: name === "since" || name === "until" ? "YYYY-MM-DD" : "" })),
    ),
    h("label", { class: "check" }, h("input", { type: "checkbox", name: "contested", checked: filters.contested }), "contested only"),
    h("button", { type: "submit" }, "Filter"),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    const next = {};
    for (const [k, v] of data.entries()) if (v) next[k] = k === "contested" ? "true" : v;
    location.hash = `#/${query(next)}`;
  });
  const more = page.next_offset
    ? link(`#/${query({ ...filters, offset: page.next_offset })}`, "Older events →")
    : null;
  show(
    h("h1", {}, "Events"),
    form,
    h("div", { class: "figures" }, timelineView(page.items), mapView(page.items, outlines)),
    page.items.length ? eventRows(page.items) : h("p", { class: "muted" }, "No events match."),
    more,
  );
}

// ---------------------------------------------------------------- one event

function quoteBlock(text, article, span) {
  return h("blockquote", {}, text, " ", article ? articleLink(article, span, "sentence →") : null);
}

function assertionList(assertions) {
  return h(
    "ul",
    { class: "assertions" },
    assertions.map((a) =>
      h(
        "li",
        {},
        h("span", { class: "meta" }, `${a.outlet || sourceName(a.source)} · ${day(a.published)}${a.copy_of ? " · copy" : ""} · ${a.extractor} ${Math.round(a.confidence * 100)}%`),
        quoteBlock(a.quote || a.text, a.article, a.sentence),
      ),
    ),
  );
}

function fieldsView(record) {
  const rows = record.fields.map((f) =>
    h(
      "section",
      { class: `field${f.contested ? " is-contested" : ""}`, "data-field": f.field },
      h("h3", {}, f.field, " ", f.contested ? badge("contested", "contested") : null, f.consensus ? h("span", { class: "meta" }, ` consensus: ${f.values.find((v) => v.value === f.consensus)?.label ?? f.consensus}`) : null),
      h(
        "table",
        { class: "list" },
        h("thead", {}, h("tr", {}, ["Value", "Independent sources", ""].map((c) => h("th", {}, c)))),
        h(
          "tbody",
          {},
          f.values.map((v) =>
            h(
              "tr",
              {},
              h("td", {}, v.label),
              h("td", {}, `${v.corroboration}: ${v.sources.map(sourceName).join(", ")}`),
              h("td", {}, h("details", {}, h("summary", {}, `${v.assertions.length} statement(s)`), assertionList(v.assertions))),
            ),
          ),
        ),
      ),
    ),
  );
  return h("section", { class: "panel" }, h("h2", {}, "Field by field"), rows);
}

function tollView(t, label) {
  if (!t) return null;
  const c = t.consensus;
  return h(
    "section",
    { class: `toll${t.contested ? " is-contested" : ""}`, "data-toll": t.field },
    h("h3", {}, label, " ", t.contested ? badge("contested", "contested") : null),
    h(
      "p",
      { class: "consensus" },
      `UCDP low/best/high ${c.ucdp_low} / ${c.ucdp_best} / ${c.ucdp_high} · ACLED ${c.acled} · GTD ${c.gtd}`,
      c.as_of ? ` · as of ${c.as_of}` : "",
    ),
    t.conflicts && t.conflicts.length ? h("ul", { class: "conflicts" }, t.conflicts.map((x) => h("li", {}, x))) : null,
    h(
      "table",
      { class: "list series" },
      h("thead", {}, h("tr", {}, ["As of", "Figure", "Independent sources", ""].map((x) => h("th", {}, x)))),
      h(
        "tbody",
        {},
        t.series.map((p) =>
          h(
            "tr",
            {},
            h("td", {}, p.as_of || "earlier"),
            h("td", { class: "num" }, p.label),
            h("td", {}, `${p.corroboration}: ${p.sources.map(sourceName).join(", ")}`),
            h("td", {}, h("details", {}, h("summary", {}, `${p.assertions.length} statement(s)`), assertionList(p.assertions))),
          ),
        ),
      ),
    ),
  );
}

function claimCard(c) {
  return h(
    "li",
    { class: `claim kind-${c.kind}`, "data-claim": c.id },
    h("div", { class: "meta" }, h("strong", {}, c.speaker || "the article"), ` · ${c.kind} · ${c.stance}`, c.channel ? ` · via ${c.channel}` : ""),
    c.hedges && c.hedges.length ? h("div", { class: "hedges" }, "hedged: ", c.hedges.map((x) => badge(x, "hedge"))) : null,
    quoteBlock(c.quote, c.article, c.sentence),
  );
}

function perpetratorView(p) {
  const columns = p.actors.map((a) =>
    h(
      "div",
      { class: `standing standing-${a.standing}`, "data-actor": a.actor },
      h("h3", {}, a.actor.startsWith("actor:") ? actorLink(a.actor.slice(6), a.names[0] || a.actor) : a.names[0] || a.actor, " ", badge(a.standing, `status-${a.standing}`), a.hedged ? badge("hedged", "hedge") : null),
      h("p", { class: "meta" }, `also: ${a.names.slice(1).join(", ") || "—"} · sources: ${a.sources.map(sourceName).join(", ") || "—"}`),
      h("div", { class: "claim-columns" },
        h("div", {}, h("h4", {}, "Claims"), h("ul", {}, (a.claims || []).map(claimCard))),
        h("div", {}, h("h4", {}, "Attributions"), h("ul", {}, (a.attributions || []).map(claimCard))),
        h("div", {}, h("h4", {}, "Denials and disputes"), h("ul", {}, (a.disputes || []).map(claimCard))),
      ),
    ),
  );
  return h(
    "section",
    { class: "panel perpetrator", id: "perpetrator" },
    h("h2", {}, "Perpetrator: ", statusBadge(p.status)),
    columns.length ? columns : h("p", { class: "muted" }, "No claim names a perpetrator."),
  );
}

function reportsView(reports) {
  // copies fold under the report they copy
  const copies = new Map();
  for (const r of reports) if (r.copy_of) {
    if (!copies.has(r.copy_of)) copies.set(r.copy_of, []);
    copies.get(r.copy_of).push(r);
  }
  const shown = new Set(reports.filter((r) => !r.copy_of).map((r) => r.article));
  const bySource = new Map();
  for (const r of reports) {
    // a copy whose origin is not among the reports stands alone
    if (r.copy_of && shown.has(r.copy_of)) continue;
    if (!bySource.has(r.source)) bySource.set(r.source, []);
    bySource.get(r.source).push(r);
  }
  const row = (r) =>
    h(
      "li",
      { class: "report", "data-article": r.article },
      articleLink(r.article, null, r.title || r.article),
      h("span", { class: "meta" }, ` ${r.outlet || ""} · ${day(r.published)} · ${r.status}${r.copy_kind ? ` · ${r.copy_kind.replace("_", "-")}` : ""}`),
      r.seen_at.length > 1 ? h("span", { class: "meta" }, ` · seen at ${r.seen_at.length} addresses`) : null,
      copies.has(r.article)
        ? h("details", { class: "copies" }, h("summary", {}, `${copies.get(r.article).length} copies`), h("ul", {}, copies.get(r.article).map(row)))
        : null,
    );
  return h(
    "section",
    { class: "panel" },
    h("h2", {}, `Reports (${reports.length}) by independent source (${bySource.size})`),
    [...bySource.entries()].map(([source, rs]) => h("div", { class: "source" }, h("h3", {}, sourceName(source)), h("ul", {}, rs.map(row)))),
  );
}

async function eventPage(id) {
  const e = await api(`/api/events/${encodeURIComponent(id)}`);
  const d = e.digest;
  show(
    h("p", {}, link("#/", "← Events")),
    h("h1", {}, d.title || `${e.event.kind} ${e.event.id}`),
    h(
      "p",
      { class: "lede" },
      [day(e.event.date), [e.event.place, e.event.country].filter(Boolean).join(", "), e.event.kind, `${d.sources} independent sources`, `${e.reports.length} reports`].join(" · "),
      " ",
      d.contested.map((f) => badge(`${f} contested`, "contested")),
    ),
    h("section", { class: "panel tolls" }, h("h2", {}, "Casualties"), tollView(e.record.killed, "Killed"), tollView(e.record.wounded, "Wounded"), !e.record.killed && !e.record.wounded ? h("p", { class: "muted" }, "No figure reported.") : null),
    perpetratorView(e.record.perpetrator),
    fieldsView(e.record),
    reportsView(e.reports),
  );
}

// ---------------------------------------------------------------- actors

async function actorsPage(params) {
  const q = params.get("q") || "";
  const page = await api(`/api/actors${query({ q, limit: 200 })}`);
  const form = h("form", { class: "filters" }, h("label", {}, "name or alias", h("input", { name: "q", value: q })), h("button", { type: "submit" }, "Find"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    location.hash = `#/actors${query({ q: new FormData(form).get("q") })}`;
  });
  show(
    h("h1", {}, "Actors"),
    form,
    h(
      "table",
      { class: "list" },
      h("thead", {}, h("tr", {}, ["Actor", "Kind", "Country", "Aliases", "Articles"].map((c) => h("th", {}, c)))),
      h("tbody", {}, page.items.map((a) => h("tr", {}, h("td", {}, actorLink(a.id, a.name)), h("td", {}, a.kind), h("td", {}, a.country || ""), h("td", {}, a.aliases.join(", ")), h("td", { class: "num" }, a.articles)))),
    ),
  );
}

async function actorPage(id) {
  const a = await api(`/api/actors/${encodeURIComponent(id)}`);
  show(
    h("p", {}, link("#/actors", "← Actors")),
    h("h1", {}, a.name, " ", badge(a.kind)),
    h("p", { class: "lede" }, [a.places.join(", "), a.active ? `active ${a.active}` : ""].filter(Boolean).join(" · ")),
    h(
      "section",
      { class: "panel" },
      h("h2", {}, "Aliases and their evidence"),
      h(
        "table",
        { class: "list aliases" },
        h("thead", {}, h("tr", {}, ["Alias", "Evidence", "Sentence"].map((c) => h("th", {}, c)))),
        h(
          "tbody",
          {},
          a.alias_evidence.map((x) =>
            h("tr", { class: x.removed ? "removed" : "" }, h("td", {}, x.alias), h("td", {}, x.evidence, x.conflict && x.conflict.length ? ` (${x.conflict.join(" / ")})` : ""), h("td", {}, x.sentence ? quoteBlock(x.sentence, x.article, x.span) : "")),
          ),
        ),
      ),
    ),
    a.related.length
      ? h("section", { class: "panel" }, h("h2", {}, "Relations"), h("ul", {}, a.related.map((r) => h("li", {}, r.direction === "out" ? "→ " : "← ", r.kind.replaceAll("_", " "), " ", actorLink(r.actor, r.name)))))
      : null,
    h("section", { class: "panel" }, h("h2", {}, `Events (${a.events.length})`), a.events.length ? eventRows(a.events) : h("p", { class: "muted" }, "No stored event names it.")),
    h(
      "section",
      { class: "panel" },
      h("h2", {}, `Mentions (${a.articles.length})`),
      h("ul", {}, a.articles.map((m) => h("li", {}, h("span", { class: "meta" }, `${m.outlet || ""} · ${day(m.published)} · “${m.text}” `), quoteBlock(m.sentence, m.article, null)))),
    ),
  );
}

// ---------------------------------------------------------------- articles

/** The article's text split at sentence byte spans, as DOM nodes. */
function articleBody(text, sentences, highlight) {
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder();
  const slice = (a, b) => decoder.decode(bytes.subarray(a, b));
  const body = h("div", { class: "article-text" });
  let at = 0;
  let target = null;
  for (const [start, end] of sentences) {
    if (start > at) body.append(document.createTextNode(slice(at, start)));
    const hit = highlight && start < highlight[1] && highlight[0] < end;
    const span = h("span", { class: hit ? "sentence hl" : "sentence", "data-span": `${start}-${end}` }, slice(start, end));
    if (hit && !target) target = span;
    body.append(span);
    at = end;
  }
  if (at < bytes.length) body.append(document.createTextNode(slice(at, bytes.length)));
  return { body, target };
}

async function articlePage(id, params) {
  const a = await api(`/api/articles/${encodeURIComponent(id)}`);
  const s = params.get("s");
  const highlight = s && /^\d+-\d+$/.test(s) ? s.split("-").map(Number) : null;
  const { body, target } = articleBody(a.text, a.sentences, highlight);
  const events = a.events.filter((e) => e.event);
  show(
    h("h1", {}, a.title || a.id),
    h("p", { class: "lede" }, [a.outlet, day(a.published), a.language, a.byline].filter(Boolean).join(" · ")),
    a.url ? h("p", { class: "meta" }, "from ", h("span", { class: "url" }, a.url), a.seen_at.length > 1 ? ` and ${a.seen_at.length - 1} more addresses` : "") : null,
    events.length ? h("p", {}, "Part of: ", events.map((e) => [eventLink(e.event, `${e.kind} (${e.status})`), " "])) : null,
    h("section", { class: "panel" }, body),
    a.claims.length
      ? h("section", { class: "panel" }, h("h2", {}, `Claims (${a.claims.length})`), h("ul", {}, a.claims.map((c) => claimCard({ ...c, speaker: c.speaker ? c.speaker.text : null, hedges: (c.hedges || []).map((x) => x.text), channel: c.channel ? c.channel.text : null, quote: c.quotes.sentence }))))
      : null,
  );
  if (target) target.scrollIntoView({ block: "center" });
}

// ---------------------------------------------------------------- search

/** A snippet with matches in [ ] shown as marks, built as text nodes. */
function snippet(text) {
  const out = h("span", { class: "snippet" });
  const parts = text.split(/(\[[^\]]*\])/);
  for (const part of parts) {
    if (part.startsWith("[") && part.endsWith("]")) out.append(h("mark", {}, part.slice(1, -1)));
    else out.append(document.createTextNode(part));
  }
  return out;
}

async function searchPage(params) {
  const q = params.get("q") || "";
  document.getElementById("search-box").value = q;
  if (!q.trim()) return show(h("h1", {}, "Search"), h("p", { class: "muted" }, "Type words to find."));
  const page = await api(`/api/search${query({ q, limit: 50 })}`);
  show(
    h("h1", {}, `Search: ${q}`),
    page.items.length
      ? h("ol", { class: "hits" }, page.items.map((hit) => h("li", { "data-article": hit.id }, articleLink(hit.id, null, hit.title || hit.id), h("span", { class: "meta" }, ` ${hit.outlet || ""}`), h("div", {}, snippet(hit.snippet)))))
      : h("p", { class: "muted" }, "Nothing found."),
  );
}

// ---------------------------------------------------------------- routing

async function route() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, search] = hash.split("?");
  const params = new URLSearchParams(search || "");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  for (const a of document.querySelectorAll("[data-nav]")) a.classList.toggle("active", a.dataset.nav === (parts[0] === "actors" || parts[0] === "actor" ? "actors" : "events"));
  try {
    if (parts.length === 0) await eventsPage(params);
    else if (parts[0] === "event" && parts[1]) await eventPage(parts[1]);
    else if (parts[0] === "actors") await actorsPage(params);
    else if (parts[0] === "actor" && parts[1]) await actorPage(parts[1]);
    else if (parts[0] === "article" && parts[1]) await articlePage(parts[1], params);
    else if (parts[0] === "search") await searchPage(params);
    else show(h("h1", {}, "Not found"), h("p", {}, link("#/", "Events")));
  } catch (err) {
    show(h("h1", {}, "Something failed"), h("p", { class: "error" }, err instanceof ApiFailure ? err.message : String(err)));
  }
  document.body.dataset.ready = hash;
}

document.getElementById("search-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  location.hash = `#/search${query({ q: document.getElementById("search-box").value })}`;
});
window.addEventListener("hashchange", route);
route();
