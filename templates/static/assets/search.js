// The search page. The index is split into shards (pagefind/shards.json lists them), and each
// shard keeps one index per language, of which Pagefind loads only one: the page's own language
// from the first shard that has it is the primary index, and every other shard and language is
// merged in, so an English need is found from a Swedish board too.
// The query and the chosen filters live in the address (through query.js, which the page loads
// first), so a search can be shared and the back button works. Without JavaScript, or without an
// index, the page keeps its plain message.

const form = document.getElementById("search_form");
const input = document.getElementById("search_query");
const filterBox = document.getElementById("search_filters");
const statusLine = document.getElementById("search_status");
const list = document.getElementById("search_results");
const more = document.getElementById("search_more");
const fallback = document.getElementById("search_nojs");
const text = form.dataset;
const FILTERS = ["kind", "status", "category", "organisation"];
const KEYS = ["q", ...FILTERS];
const queryString = window.callboardQuery;
const LABELS = { kind: text.labelKind, status: text.labelStatus, category: text.labelCategory,
                 organisation: text.labelOrganisation };
const PAGE = 10;
let pagefind = null;
let results = [];
let shown = 0;
let latest = 0;

function element(tag, className, content) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (content) node.textContent = content;
  return node;
}

function plural(n) {
  return (n === 1 ? text.countOne : text.countMany).replace("{n}", n.toLocaleString(text.lang));
}

// Every (shard, language) index, the primary one first.
function indexesOf(shards, own) {
  const indexes = [];
  for (const shard of shards) {
    for (const [language, count] of Object.entries(shard.languages)) {
      indexes.push({ path: shard.path, language, count });
    }
  }
  const total = (language) => indexes.filter((x) => x.language === language).reduce((n, x) => n + x.count, 0);
  // Pagefind loads the page's language, or else the language with the most pages.
  const primaryLanguage = indexes.some((x) => x.language === own) ? own
    : indexes.map((x) => x.language).sort((a, b) => total(b) - total(a))[0];
  const primary = indexes.findIndex((x) => x.language === primaryLanguage);
  return [indexes[primary], ...indexes.filter((_, number) => number !== primary)];
}

async function loadIndex() {
  const bundle = new URL(text.bundle, location.href).href;
  const response = await fetch(bundle + "shards.json");
  if (!response.ok) throw new Error("no search index");
  const indexes = indexesOf((await response.json()).shards, document.documentElement.lang.toLowerCase());
  if (!indexes.length) throw new Error("an empty search index");
  const [primary, ...others] = indexes;
  pagefind = await import(bundle + primary.path + "pagefind.js");
  await pagefind.options({ excerptLength: 24 });
  await pagefind.init();
  // Pagefind keeps the primary's address as a path and skips a merge whose address it starts
  // with, so the others go by their absolute address (the primary shard's other languages too).
  for (const index of others) {
    await pagefind.mergeIndex(bundle + index.path, { language: index.language, baseUrl: text.base });
  }
}

function chosenFilters() {
  const chosen = {};
  for (const box of filterBox.querySelectorAll("input[type=checkbox]:checked")) {
    (chosen[box.name] = chosen[box.name] || []).push(box.value);
  }
  return chosen;
}

function showFilters(available, chosen) {
  filterBox.querySelectorAll("fieldset").forEach((node) => node.remove());
  let number = 0;
  for (const key of FILTERS) {
    const values = Object.keys(available[key] || {}).sort((a, b) => a.localeCompare(b, text.lang));
    if (!values.length) continue;
    const fieldset = element("fieldset", "search-filter");
    fieldset.append(element("legend", "", LABELS[key]));
    const options = element("ul", "search-filter__options");
    for (const value of values) {
      const id = "search_filter_" + number++;
      const item = element("li");
      const box = element("input");
      Object.assign(box, { type: "checkbox", id, name: key, value });
      box.checked = (chosen[key] || []).includes(value);
      const label = element("label", "", value + " ");
      label.htmlFor = id;
      label.append(element("span", "search-filter__count"));
      item.append(box, label);
      options.append(item);
    }
    fieldset.append(options);
    filterBox.append(fieldset);
  }
  filterBox.hidden = !filterBox.querySelector("fieldset");
  showCounts(available);
}

// How many results each filter value would give with the current search.
function showCounts(counts) {
  for (const box of filterBox.querySelectorAll("input[type=checkbox]")) {
    const count = (counts[box.name] || {})[box.value] || 0;
    box.labels[0].querySelector(".search-filter__count").textContent = "(" + count.toLocaleString(text.lang) + ")";
  }
}

// Pagefind marks the matching words with <mark>; everything else is shown as text, never markup.
// A detached <textarea> decodes character references without parsing any tags.
function excerpt(html) {
  const paragraph = element("p", "search-result__excerpt");
  const decoder = document.createElement("textarea");
  let marked = false;
  for (const part of html.split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>" || part === "</mark>") {
      marked = part === "<mark>";
      continue;
    }
    decoder.innerHTML = part;
    paragraph.append(marked ? element("mark", "", decoder.value) : document.createTextNode(decoder.value));
  }
  return paragraph;
}

function resultItem(data) {
  const item = element("li", "search-result");
  const heading = element("h2", "search-result__title");
  const link = element("a", "", data.meta.title);
  link.href = data.url;
  heading.append(link);
  const facts = element("p", "search-result__facts");
  const kind = (data.filters.kind || [])[0];
  if (kind) facts.append(element("span", "search-result__kind", kind));
  if (data.meta.status) {
    const badge = element("span", "badge badge--" + (data.meta.status_code || "closed"));
    const icon = element("span", "badge__icon");
    icon.setAttribute("aria-hidden", "true");
    badge.append(icon, data.meta.status);
    facts.append(badge);
  }
  if (data.meta.deadline) facts.append(element("span", "search-result__deadline", text.deadline + " " + data.meta.deadline));
  else if (data.meta.rolling) facts.append(element("span", "search-result__deadline", data.meta.rolling));
  item.append(heading, facts, excerpt(data.excerpt));
  return item;
}

async function showMore() {
  const batch = await Promise.all(results.slice(shown, shown + PAGE).map((result) => result.data()));
  for (const data of batch) list.append(resultItem(data));
  shown += batch.length;
  more.hidden = shown >= results.length;
}

async function search(query, chosen) {
  const run = ++latest;
  if (!query && !Object.keys(chosen).length) {
    results = [];
    list.replaceChildren();
    statusLine.textContent = "";
    more.hidden = true;
    showCounts(available);
    return;
  }
  statusLine.textContent = text.searching;
  const filters = {};
  for (const [key, values] of Object.entries(chosen)) filters[key] = { any: values };
  const response = await pagefind.search(query || null, { filters });
  if (run !== latest) return;
  results = response.results;
  showCounts(response.filters);
  shown = 0;
  list.replaceChildren();
  await showMore();
  if (run !== latest) return;
  statusLine.textContent = results.length ? plural(results.length) : text.none;
}

function stateFromAddress() {
  const values = queryString.read(KEYS);
  const chosen = {};
  for (const key of FILTERS) {
    if (values[key].length) chosen[key] = values[key];
  }
  return { query: (values.q[0] || "").trim(), chosen };
}

let available = {};

function restore() {
  const { query, chosen } = stateFromAddress();
  input.value = query;
  showFilters(available, chosen);
  return search(query, chosen);
}

function choose() {
  const query = input.value.trim();
  const chosen = chosenFilters();
  queryString.push({ ...chosen, q: query }, KEYS);
  return search(query, chosen);
}

async function start() {
  if (!queryString) return;
  try {
    await loadIndex();
    available = await pagefind.filters();
  } catch (error) {
    return;
  }
  fallback.hidden = true;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    choose();
  });
  filterBox.addEventListener("change", choose);
  more.addEventListener("click", showMore);
  window.addEventListener("popstate", restore);
  await restore();
}

start();
