// Filters for the innovators list. Every profile is on the page already (a board has hundreds
// of innovators, not thousands of calls), so the script only hides the cards that do not fit,
// reading each card's data attributes. The choices live in the query string through query.js,
// with the conventions of the needs list: a filtered view can be bookmarked and shared, the
// default view keeps the plain address, and the back button steps through earlier choices.
// Without JavaScript the form stays hidden and the whole list shows.
(function () {
  "use strict";

  var form = document.getElementById("innovators_filter");
  var queryString = window.callboardQuery;
  if (!form || !window.history || !window.URLSearchParams || !queryString) {
    return;
  }
  var cards = Array.prototype.slice.call(document.querySelectorAll("#innovators_list > li"));
  var count = document.getElementById("innovators_filter_count");
  var staticCount = document.getElementById("innovators_count");
  var none = document.getElementById("innovators_none");
  var text = form.dataset;
  var KEYS = ["category", "level", "wants", "region"];
  var DEFAULTS = { category: "", level: "", wants: "", region: "" };

  function words(card, name) {
    return (card.dataset[name] || "").split(" ");
  }

  function fits(card, state) {
    if (state.category && words(card, "categories").indexOf(state.category) < 0) return false;
    if (state.level && Number(card.dataset.level) < Number(state.level)) return false;
    if (state.wants && words(card, "wants").indexOf(state.wants) < 0) return false;
    if (state.region && card.dataset.region !== state.region) return false;
    return true;
  }

  function plural(n) {
    var said = n === 1 ? text.countOne : text.countMany;
    return said.replace("{n}", n.toLocaleString(text.lang));
  }

  function show(state) {
    var shown = 0;
    cards.forEach(function (card) {
      var visible = fits(card, state);
      card.hidden = !visible;
      shown += visible ? 1 : 0;
    });
    none.hidden = shown > 0;
    count.textContent = plural(shown);
  }

  var filters = queryString.filterForm(form, KEYS, DEFAULTS, show);
  form.classList.remove("js-only"); // shown already where the browser knows (scripting: enabled)
  staticCount.hidden = true;
  filters.start();
})();
