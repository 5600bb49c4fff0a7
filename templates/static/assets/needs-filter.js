// Filter and sort controls for the needs list. They work over every need on the board (read
// from needs/index.json, which the build writes), not only the fifty on this page. The chosen
// filters live in the query string (through query.js, which the page loads first), so a
// filtered view can be bookmarked and shared, and the back button steps through earlier
// choices. The day limits come from the form's data attributes, which the build sets from its
// deadline rule (callboard/site/deadlines.py). Without JavaScript the form stays hidden and the
// static views by status, category and organisation do the same job.
(function () {
  "use strict";

  var form = document.getElementById("needs_filter");
  var queryString = window.callboardQuery;
  if (!form || !window.fetch || !window.history || !window.URLSearchParams || !queryString) {
    return;
  }
  var staticList = document.getElementById("needs_static");
  var filtered = document.getElementById("needs_filtered");
  var list = document.getElementById("needs_filtered_list");
  var more = document.getElementById("needs_filtered_more");
  var count = document.getElementById("needs_filter_count");
  var template = document.getElementById("need_card_template");
  var text = form.dataset;
  var PAGE = 50;
  var SOON_DAYS = Number(text.soonDays);
  var KEYS = ["status", "category", "organisation", "procurement", "within", "shared", "sort"];
  var DEFAULTS = { status: "", category: "", organisation: "", procurement: "", within: "", shared: "",
    sort: "deadline" };
  var index = null;
  var field = {};
  var matches = [];
  var shown = 0;

  function isDefault(state) {
    return KEYS.every(function (key) {
      return state[key] === DEFAULTS[key];
    });
  }

  function matchesState(row, state) {
    if (state.status && row[field.status] !== state.status) return false;
    if (state.category && row[field.categories].indexOf(state.category) < 0) return false;
    if (state.organisation && row[field.organisation] !== state.organisation) return false;
    if (state.procurement && row[field.procurement] !== state.procurement) return false;
    if (state.shared && row[field.organisations_count] < Number(state.shared)) return false;
    if (state.within) {
      var days = row[field.days_left];
      if (row[field.status] !== "open" || days === null || days > Number(state.within)) return false;
    }
    return true;
  }

  function select(state) {
    var rows = index.needs.filter(function (row) {
      return matchesState(row, state);
    });
    if (state.sort === "newest") {
      rows.sort(function (a, b) {
        return b[field.published].localeCompare(a[field.published]) ||
          a[field.title].localeCompare(b[field.title], text.lang);
      });
    }
    return rows;
  }

  function plural(n) {
    var words = n === 1 ? text.countOne : text.countMany;
    return words.replace("{n}", n.toLocaleString(text.lang));
  }

  function slot(card, name) {
    return card.querySelector('[data-slot="' + name + '"]');
  }

  function card(row) {
    var item = template.content.firstElementChild.cloneNode(true);
    var link = slot(item, "title");
    link.href = text.base + row[field.url];
    link.textContent = row[field.title];
    slot(item, "organisation").textContent = index.organisations[row[field.organisation]] || "";
    if (row[field.origin]) {
      var origin = slot(item, "origin");
      origin.textContent = " · " + row[field.origin];
      origin.hidden = false;
    }
    var status = row[field.status];
    slot(item, "badge").classList.add("badge--" + status);
    slot(item, "status").textContent = index.statuses[status];
    var deadline = slot(item, "deadline");
    deadline.textContent = row[field.deadline_text];
    var days = row[field.days_left];
    if (status === "open" && days !== null && days <= SOON_DAYS) {
      deadline.classList.add("deadline--soon");
    }
    slot(item, "summary").textContent = row[field.summary];
    return item;
  }

  function showMore() {
    var batch = matches.slice(shown, shown + PAGE);
    var fragment = document.createDocumentFragment();
    batch.forEach(function (row) {
      fragment.appendChild(card(row));
    });
    list.appendChild(fragment);
    shown += batch.length;
    more.hidden = shown >= matches.length;
  }

  function show(state) {
    if (index === null) return; // a choice made before the index arrived: start() shows it
    if (isDefault(state)) {
      filtered.hidden = true;
      staticList.hidden = false;
      count.textContent = plural(index.needs.length);
      return;
    }
    matches = select(state);
    shown = 0;
    list.textContent = "";
    showMore();
    staticList.hidden = true;
    filtered.hidden = false;
    count.textContent = plural(matches.length);
  }

  var filters = queryString.filterForm(form, KEYS, DEFAULTS, show);
  more.addEventListener("click", showMore);

  fetch(text.index)
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(function (data) {
      index = data;
      data.fields.forEach(function (name, position) {
        field[name] = position;
      });
      form.classList.remove("js-only"); // shown already where the browser knows (scripting: enabled)
      filters.start();
    })
    .catch(function () {
      form.hidden = true;
    });
})();
