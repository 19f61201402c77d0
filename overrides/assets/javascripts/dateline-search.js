// Dateline's search dialog over the Pagefind index that src/dateline/search.py writes.
//
// Without this script the header's search control is a link to the archive. With it, the link
// becomes a button; Pagefind (pagefind/pagefind.js and its index) is imported only when the
// dialog first opens, so a page view downloads nothing of the index.
//
// Every text from the index (headlines, section names, the day's words) is put in the page with
// textContent or as text nodes, never as HTML: an editor's `<img onerror>` reads as written.

const PAGE = 10; // days shown at a time
const EXCERPT_WORDS = 28;
const SECTIONS_PER_DAY = 3;
const MONTHS = [
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december",
];
// The dialog's words in the site's language, its section and year filters come from
// search-dialog.json (src/dateline/pages.py search_dialog), fetched when search first opens:
// the dialog is made then, so no page carries it. Its messages, each plural one by CLDR
// plural category; English is what a message falls back to.
const ENGLISH = {
  language: "en",
  day: ["day"],
  months: MONTHS,
  failed: "Search could not be loaded here. Browse the archive instead.",
  none: "No day matches “{query}”.",
  days: { one: "{number} day found.", other: "{number} days found." },
  names: { one: "{number} name page.", other: "{number} name pages." },
  name: { one: "Name page · {number} day", other: "Name page · {number} days" },
  labels: {
    title: "Search the days",
    placeholder: "A place, a name, day 1,371, 26 November 2025",
    close: "Close (Esc)",
    closeLabel: "Close search",
    section: "Section",
    allSections: "All sections",
    year: "Year",
    allYears: "All years",
    results: "Results",
    names: "Name pages",
    more: "More results",
    archive: "Browse every day in the archive",
  },
};
// This script is assets/javascripts/dateline-search.js: the site's root is two folders up, on
// every page (the 404 page's too) and under a project path ("/project/").
const ROOT = new URL("../../", import.meta.url);
const CLOSE_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z"/></svg>';

const opener = globalThis.document?.querySelector?.("[data-dl-search-open]");
if (opener && typeof HTMLDialogElement === "function" && "showModal" in HTMLDialogElement.prototype) {
  start(opener);
}

// The header's link to the archive becomes a button; the first time it (or "/", or "s", or
// another search link) is used, the dialog's words are fetched and the dialog made and opened.
function start(button) {
  const link = document.querySelector("[data-dl-search-link]");
  let ready = null; // a promise of the dialog's open(), made on first use
  const open = () => {
    ready ??= fetch(new URL("search-dialog.json", ROOT))
      .then((answer) => (answer.ok ? answer.json() : {}))
      .catch(() => ({})) // the dialog still opens, in English, and says search failed to load
      .then((config) => setUp(makeDialog(button, link, config), button, config));
    ready.then((show) => show());
  };
  if (link) link.hidden = true;
  button.hidden = false;
  button.addEventListener("click", open);
  // Other "search" links on the page (the 404 page's) open the dialog too.
  for (const other of document.querySelectorAll("a[data-dl-search-open]")) {
    other.addEventListener("click", (event) => {
      event.preventDefault();
      open();
    });
  }
  document.addEventListener("keydown", (event) => {
    if (document.querySelector("#dl-search[open]") || event.defaultPrevented) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if ((event.key === "/" || event.key === "s") && !typing(event.target)) {
      event.preventDefault();
      open();
    }
  });
}

// The dialog, after the header's button: its words are set as text, never as HTML.
function makeDialog(button, link, config) {
  const labels = { ...ENGLISH.labels, ...(config.labels || {}) };
  const dialog = element("dialog", "dl-search");
  dialog.id = "dl-search";
  dialog.setAttribute("aria-labelledby", "dl-search-title");
  dialog.innerHTML = `<div class="dl-search__inner">
<form class="dl-search__form" role="search" data-dl-search-form>
<div class="dl-search__bar">
<label id="dl-search-title" class="dl-search__label" for="dl-search-query"></label>
<input id="dl-search-query" class="dl-search__input" type="search" name="q" autocomplete="off" spellcheck="false" enterkeyhint="search" aria-describedby="dl-search-status">
<button type="button" class="md-icon dl-search__close" data-dl-search-close>${CLOSE_ICON}</button>
</div>
<div class="dl-search__filters">
<label class="dl-search__filter"><span data-dl-label="section"></span>
<select name="section" data-dl-search-filter="section"><option value="" data-dl-label="allSections"></option></select></label>
<label class="dl-search__filter"><span data-dl-label="year"></span>
<select name="year" data-dl-search-filter="year"><option value="" data-dl-label="allYears"></option></select></label>
</div>
</form>
<p id="dl-search-status" class="dl-search__status" role="status" aria-live="polite" aria-atomic="true"></p>
<ol class="dl-search__results" data-dl-search-results></ol>
<ul class="dl-search__names" hidden data-dl-search-names></ul>
<p class="dl-search__footer">
<button type="button" class="md-button dl-search__more" hidden data-dl-search-more data-dl-label="more"></button>
<a class="dl-search__archive" data-dl-label="archive"></a>
</p>
</div>`;
  const set = (selector, attribute, text) => dialog.querySelector(selector).setAttribute(attribute, text);
  dialog.querySelector("#dl-search-title").textContent = labels.title;
  set("#dl-search-query", "placeholder", labels.placeholder);
  set("[data-dl-search-close]", "title", labels.close);
  set("[data-dl-search-close]", "aria-label", labels.closeLabel);
  set("[data-dl-search-results]", "aria-label", labels.results);
  set("[data-dl-search-names]", "aria-label", labels.names);
  for (const node of dialog.querySelectorAll("[data-dl-label]")) node.textContent = labels[node.dataset.dlLabel];
  const archive = dialog.querySelector(".dl-search__archive");
  archive.href = link?.href || new URL("archive/", ROOT).href;
  button.after(dialog);
  button.setAttribute("aria-controls", "dl-search");
  return dialog;
}

// The dialog's behaviour; returns the function that opens it.
function setUp(dialog, button, config) {
  const form = dialog.querySelector("[data-dl-search-form]");
  const input = dialog.querySelector("#dl-search-query");
  const status = dialog.querySelector("#dl-search-status");
  const list = dialog.querySelector("[data-dl-search-results]");
  const namesList = dialog.querySelector("[data-dl-search-names]");
  const namesUrl = new URL("search-names.json", ROOT).href;
  let names = null; // a promise of the name pages, fetched with the index
  const more = dialog.querySelector("[data-dl-search-more]");
  const selects = {
    section: dialog.querySelector('[data-dl-search-filter="section"]'),
    year: dialog.querySelector('[data-dl-search-filter="year"]'),
  };
  const pagefindUrl = new URL("pagefind/pagefind.js", ROOT).href;
  const sectionOrder = config.sections || [];
  const years = config.years || [];
  const words = { ...ENGLISH, ...config };
  const plurals = new Intl.PluralRules(words.language);
  const numbers = new Intl.NumberFormat(words.language);
  // A message for `n` in the form its CLDR category takes: {number} grouped, {digits} bare.
  const count = (forms, n) =>
    (forms[plurals.select(n)] || forms.other || "").replace("{number}", numbers.format(n)).replace("{digits}", String(n));

  let pagefind = null; // a promise, made on first open
  let opener = null;
  let generation = 0; // the newest query: older answers are dropped
  let current = null; // {results, shown, wanted, generation}
  let timer = 0;

  dialog.addEventListener("close", () => {
    if (opener && opener.isConnected) opener.focus();
  });
  // A click on the backdrop (the dialog box itself, outside its inner panel) closes it.
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });
  dialog.querySelector("[data-dl-search-close]").addEventListener("click", () => dialog.close());
  dialog.addEventListener("keydown", onDialogKey);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = hits()[0];
    if (first) follow(first);
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  for (const select of Object.values(selects)) select.addEventListener("change", run);
  // The filters' values are the site's sections and years, from search-dialog.json. A filter
  // is a word of the index (see search.py, filter_words).
  fillSelect(selects.section, sectionOrder);
  fillSelect(selects.year, years.map(String));
  more.addEventListener("click", () => {
    const dayHits = () => list.querySelectorAll("a.dl-search__hit");
    const next = dayHits().length;
    showMore().then(() => dayHits()[next]?.focus());
  });
  namesList.addEventListener("click", (event) => {
    const hit = event.target.closest("a");
    if (hit) {
      event.preventDefault();
      follow(hit);
    }
  });
  list.addEventListener("click", (event) => {
    const hit = event.target.closest("a");
    if (hit && samePage(hit)) {
      event.preventDefault();
      follow(hit);
    }
  });
  return open;

  function open() {
    if (dialog.open) return;
    opener = document.activeElement;
    dialog.showModal();
    input.focus();
    input.select();
    load().catch(() => {});
  }

  function load() {
    names ??= fetch(namesUrl)
      .then((answer) => (answer.ok ? answer.json() : []))
      .catch(() => []);
    if (!pagefind) {
      // A site of many days has its index in several Pagefind bundles, the others listed in the
      // first with the ids of their records of words (search.py, BUNDLE_BYTES): they are merged
      // into one search, which never finds those records.
      const bundles = fetch(new URL("dateline-bundles.json", pagefindUrl)).then((answer) =>
        answer.ok ? answer.json() : {},
      );
      pagefind = import(pagefindUrl).then(async (module) => {
        // Result URLs stay relative to the site's root ("/2025/11/26/"); they are resolved below.
        // In this thread: Pagefind's worker is 41 KB more for a first query (328 KB, not 288, at
        // 10,000 days in four bundles), and a search takes milliseconds here.
        await module.options({ baseUrl: "/", noWorker: true });
        const { more = [], words: records = [] } = await bundles;
        const merged = more.map((path) => module.mergeIndex(new URL(path, pagefindUrl).pathname, { baseUrl: "/" }));
        await Promise.all(merged);
        const hidden = new Set(records);
        const search = async (query) => {
          const found = await module.search(query);
          return { ...found, results: found.results.filter((result) => !hidden.has(result.id)) };
        };
        return { search };
      });
      pagefind.catch(() => {
        status.textContent = words.failed;
        pagefind = null;
      });
    }
    return pagefind;
  }


  function fillSelect(select, values) {
    for (const value of values) {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = value;
      select.append(option);
    }
  }

  async function run() {
    clearTimeout(timer);
    const mine = ++generation;
    const wanted = understand(input.value, words);
    if (!wanted.query) {
      current = null;
      list.replaceChildren();
      namesList.replaceChildren();
      namesList.hidden = true;
      more.hidden = true;
      status.textContent = "";
      return;
    }
    let module;
    try {
      module = await load();
    } catch {
      return;
    }
    const filters = {};
    for (const [name, select] of Object.entries(selects)) if (select.value) filters[name] = select.value;
    // Filter words first: Pagefind takes the query's last word as the start of a word.
    const terms = [];
    if (filters.year) terms.push(`dlyear${filters.year}`);
    if (filters.section) terms.push(`dlsec${hex(filters.section)}`);
    let search = await module.search(terms.length ? `${terms.join(" ")} ${wanted.query}` : wanted.query);
    // Pagefind leaves out a word it does not know: with only filter words left it would list
    // every day of the filter, so a query that finds nothing by itself finds nothing filtered.
    if (terms.length && search.results.length && !(await module.search(wanted.query)).results.length) {
      search = { results: [] };
    }
    // Name pages match the words of their names; they come after the days, and not when the
    // reader filters by section or year (a name page has neither).
    const named = wanted.day || wanted.date || Object.keys(filters).length ? [] : matchNames(await names, wanted.query);
    if (mine !== generation) return;
    current = { results: search.results, shown: 0, wanted, generation: mine };
    list.replaceChildren();
    namesList.replaceChildren(...named.map(renderName));
    namesList.hidden = !named.length;
    await showMore();
    if (mine !== generation) return;
    const n = search.results.length;
    const days = n === 0 ? words.none.replace("{query}", input.value.trim()) : count(words.days, n);
    status.textContent = named.length ? `${days} ${count(words.names, named.length)}` : days;
  }

  async function showMore() {
    const page = current;
    if (!page) return;
    const slice = page.results.slice(page.shown, page.shown + PAGE);
    const days = await Promise.all(slice.map((result) => result.data()));
    if (page.generation !== generation) return;
    if (page.shown === 0) days.sort(exactFirst(page.wanted));
    page.shown += slice.length;
    list.append(...days.map((day) => renderDay(day)));
    more.hidden = page.shown >= page.results.length;
  }

  function renderDay(data) {
    const item = element("li", "dl-search__result");
    const groups = sectionHits(data).slice(0, SECTIONS_PER_DAY);
    groups.forEach((group, i) => {
      const hit = element("a", "dl-search__hit" + (i > 0 ? " dl-search__hit--more" : ""));
      hit.href = new URL(data.url.replace(/^\//, "") + (group.slug ? `#${group.slug}` : ""), ROOT).href;
      if (i === 0) {
        hit.append(element("span", "dl-search__day", data.meta.title || ""));
        if (data.meta.headline) hit.append(element("span", "dl-search__headline", data.meta.headline));
      }
      if (group.name) hit.append(element("span", "dl-search__section", group.name));
      hit.append(excerpt(data.words, group));
      item.append(hit);
    });
    return item;
  }

  // The day's hits by section: Pagefind gives the positions of matching words in the content;
  // the record's `sections` meta says where each section starts (see search.py). A hit before
  // the first section (in the header, the headline or the lede) opens the first tab.
  function sectionHits(data) {
    // The record's last words are its filter words (search.py): never shown, never a hit.
    const all = data.content.split(" ");
    const stop = Number(data.meta.end || all.length);
    data.words = all.slice(0, stop);
    data.locations = (data.locations || []).filter((at) => at < stop);
    const sections = JSON.parse(data.meta.sections || "[]").map(([slug, name, start]) => ({ slug, name, start }));
    const end = (i) => (i + 1 < sections.length ? sections[i + 1].start : data.words.length);
    const lede = Number(data.meta.lede || 0);
    const group = (i) =>
      i < 0
        ? { slug: sections[0]?.slug || "", name: "", from: lede, to: sections.length ? sections[0].start : data.words.length }
        : { slug: sections[i].slug, name: sections[i].name, from: sections[i].start + nameWords(sections[i]), to: end(i) };
    // The section's name starts its words in the content; the excerpt leaves it out, as the
    // result shows the name already.
    const nameWords = (section) => section.name.split(" ").length;
    const groups = new Map();
    for (const at of [...(data.locations || [])].sort((a, b) => a - b)) {
      let i = sections.length - 1;
      while (i >= 0 && sections[i].start > at) i--;
      if (!groups.has(i)) groups.set(i, { ...group(i), marks: [] });
      groups.get(i).marks.push(at);
    }
    // The header words and headline are shown as the result's title: a hit only there (a day
    // number, a date) needs no excerpt of them, but the lede's or the first section's words.
    const header = groups.get(-1);
    if (header && header.marks.every((at) => at < lede)) {
      groups.delete(-1);
      const hasLede = lede < (sections.length ? sections[0].start : data.words.length);
      const i = hasLede || !sections.length ? -1 : 0;
      if (!groups.size) groups.set(i, { ...group(i), marks: [] });
    }
    let found = [...groups.values()];
    const wanted = selects.section.value;
    if (wanted && found.some((g) => g.name === wanted)) found = found.filter((g) => g.name === wanted);
    return found.length ? found : [{ ...group(sections.length ? 0 : -1), marks: [] }];
  }

  function excerpt(words, group) {
    const first = group.marks.length ? group.marks[0] : group.from;
    let start = Math.max(group.from, first - Math.floor(EXCERPT_WORDS / 3));
    const end = Math.min(group.to, start + EXCERPT_WORDS);
    start = Math.max(group.from, Math.min(start, end - EXCERPT_WORDS));
    const marked = new Set(group.marks);
    const out = element("span", "dl-search__excerpt");
    if (start > group.from) out.append("… ");
    let text = "";
    for (let at = start; at < end; at++) {
      const word = words[at] + (at + 1 < end ? " " : "");
      if (marked.has(at)) {
        if (text) out.append(text);
        text = "";
        out.append(element("mark", "", words[at]));
        if (at + 1 < end) text = " ";
      } else {
        text += word;
      }
    }
    if (text) out.append(text);
    if (end < group.to) out.append(" …");
    return out;
  }

  function onDialogKey(event) {
    if (event.key === "Escape") {
      event.preventDefault();
      dialog.close();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const all = hits();
    const at = all.indexOf(document.activeElement);
    if (document.activeElement !== input && at < 0) return; // a select keeps its arrows
    event.preventDefault();
    const next = event.key === "ArrowDown" ? at + 1 : at - 1;
    if (next < 0) input.focus();
    else if (next < all.length) all[next].focus();
  }

  function hits() {
    return [...dialog.querySelectorAll("a.dl-search__hit")];
  }

  function renderName([name, url, days]) {
    const item = element("li", "dl-search__name");
    const hit = element("a", "dl-search__hit");
    hit.href = new URL(url.replace(/^\//, ""), ROOT).href;
    hit.append(element("span", "dl-search__name-title", name));
    hit.append(element("span", "dl-search__section", count(words.name, days)));
    item.append(hit);
    return item;
  }

  function samePage(hit) {
    const url = new URL(hit.href);
    return url.origin === location.origin && url.pathname === location.pathname;
  }

  // A hit on the page the reader is on only changes the hash; the tab it names is opened here.
  function follow(hit) {
    if (!samePage(hit)) {
      location.href = hit.href;
      return;
    }
    const id = decodeURIComponent(new URL(hit.href).hash.slice(1));
    dialog.close();
    history.pushState(null, "", hit.href);
    const target = id && document.getElementById(id);
    if (target instanceof HTMLInputElement) {
      target.checked = true;
      target.dispatchEvent(new Event("change", { bubbles: true }));
      (target.closest(".tabbed-set") || target).scrollIntoView();
    } else if (target) {
      target.scrollIntoView();
    }
  }
}

// What the reader asked for: "day 1,371", "day 1371", "1,371" and "1371" are day 1,371;
// "26 November 2025", "November 26, 2025" and "2025-11-26" are that date. Pagefind then gets
// the one word that names it ("1371"; the ISO date, which it keeps as "20251126"), and the
// day itself is ranked first. `words` adds the site language's word for a day ("день 1371")
// and its months ("26 листопада 2025"); English's are always understood.
//
// Markup characters are not words: Pagefind finds `<img src=x>` as "img src x", and a lone `"`
// would start a phrase search. A pair of quotes still asks for a phrase.
export function understand(text, words = ENGLISH) {
  let query = text.replace(/[<>(){}[\]=\/\\|*^~`]+/g, " ");
  if ((query.match(/"/g) || []).length % 2) query = query.replace(/"/g, " ");
  query = query.trim().replace(/\s+/g, " ");
  const dayWords = ["day", ...(words.day || [])].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  // Grouped as the language groups: "1,371", "1.371", "1 371" (a no-break or narrow space too).
  const number = query.match(new RegExp(`^(?:(?:${dayWords.join("|")})\\s*)?(\\d{1,3}(?:[,.\u00a0\u202f ]\\d{3})+|\\d+)$`, "iu"));
  if (number) {
    const day = Number(number[1].replace(/[,.\u00a0\u202f ]/g, ""));
    return { query: String(day), day };
  }
  const date = isoDate(query, words.months || []);
  if (date) return { query: date.replace(/-/g, ""), date };
  return { query };
}

function isoDate(query, months) {
  let m = query.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  if (m) return iso(+m[1], +m[2], +m[3]);
  // A weekday may lead ("середа, 26 листопада 2025"), a year's abbreviation follow ("2025 р.").
  m = query.match(/^(?:\p{L}+,? )?(\d{1,2})\.? (\p{L}+),? (\d{4})(?: \p{L}{1,4}\.?)?$/iu);
  if (m) return iso(+m[3], month(m[2], months), +m[1]);
  m = query.match(/^(?:\p{L}+,? )?(\p{L}+) (\d{1,2}),? (\d{4})$/iu);
  if (m) return iso(+m[3], month(m[1], months), +m[2]);
  return null;
}

function month(word, months) {
  const w = word.toLowerCase();
  if (w.length < 3) return 0;
  for (const names of [months, MONTHS]) {
    const i = names.findIndex((name) => name.startsWith(w));
    if (i >= 0) return i + 1;
  }
  return 0;
}

function iso(year, monthNumber, day) {
  if (!monthNumber || day < 1 || day > 31) return null;
  const pad = (n) => String(n).padStart(2, "0");
  return `${year}-${pad(monthNumber)}-${pad(day)}`;
}

function exactFirst(wanted) {
  const exact = (data) =>
    (wanted.day !== undefined && data.meta.day === String(wanted.day)) || (wanted.date && data.meta.date === wanted.date);
  return (a, b) => Number(exact(b)) - Number(exact(a)); // stable: Pagefind's order otherwise
}

// The name pages whose names hold every word of the query, each word as the start of one of
// theirs, without regard to case, accents or the style of apostrophe: "kupi" finds Kupiansk,
// "erdogan" Erdoğan. At most five.
export function matchNames(rows, query) {
  const words = fold(query).split(/[\s,.;:!?"“”«»-]+/).filter((w) => w.length >= 2);
  if (!words.length) return [];
  return rows
    .filter(([, , , spellings]) =>
      spellings.some((spelling) => {
        const parts = fold(spelling).split(/[\s-]+/);
        return words.every((w) => parts.some((p) => p.startsWith(w)));
      }),
    )
    .slice(0, 5);
}

function fold(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/['’ʼ]/g, "");
}

function hex(text) {
  return [...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function typing(target) {
  return target instanceof Element && (target.isContentEditable || target.closest("input, textarea, select") !== null);
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
