// The query string as the state of a page's filters, shared by needs-filter.js,
// innovators-filter.js and search.js:
// a filtered view or a search lives in the address, so it can be bookmarked and shared, and the
// back button steps through earlier choices. A classic script, loaded before those two with
// `defer`: deferred scripts and module scripts run in the order the page lists them, once it
// has been parsed, and each keeps its own ?v= version in its address.
(function () {
  "use strict";

  // The values of each of `keys` in the page's query string: {key: [value, ...]}.
  function read(keys) {
    var params = new URLSearchParams(location.search);
    var values = {};
    keys.forEach(function (key) {
      values[key] = params.getAll(key);
    });
    return values;
  }

  // This page's address with `state` ({key: value or [value, ...]}) as its query string, in
  // the order of `keys`. Empty values and a key's default are left out, so the default view
  // keeps the plain address.
  function address(state, keys, defaults) {
    var params = new URLSearchParams();
    keys.forEach(function (key) {
      [].concat(state[key] || []).forEach(function (value) {
        if (value && value !== (defaults || {})[key]) {
          params.append(key, value);
        }
      });
    });
    var search = params.toString();
    return location.pathname + (search ? "?" + search : "");
  }

  // A new choice: a history entry that the back button returns from (popstate).
  function push(state, keys, defaults) {
    history.pushState(null, "", address(state, keys, defaults));
  }

  // A filter form whose controls are named after `keys` (selects, and checkboxes whose value is
  // their one "on" value), kept in step with the query string: a change pushes a history entry
  // and calls `show(state)`, reset goes back to `defaults`, and the back button shows the state
  // it returns to. `start()` shows the state the address holds when the page opens.
  function filterForm(form, keys, defaults, show) {
    function readState() {
      var values = read(keys);
      var state = {};
      keys.forEach(function (key) {
        state[key] = values[key][0] || defaults[key];
      });
      return state;
    }

    function formState() {
      var state = {};
      keys.forEach(function (key) {
        var control = form.elements[key];
        state[key] = control.type === "checkbox" ? (control.checked ? control.value : "") : control.value;
      });
      return state;
    }

    function showState(state) {
      keys.forEach(function (key) {
        var control = form.elements[key];
        if (control.type === "checkbox") {
          control.checked = state[key] === control.value;
        } else {
          control.value = state[key];
          if (control.value !== state[key]) {
            control.value = defaults[key];
          }
        }
      });
    }

    function choose(state) {
      push(state, keys, defaults);
      show(state);
    }

    function start() {
      var state = readState();
      showState(state);
      show(state);
    }

    form.addEventListener("change", function () {
      choose(formState());
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      choose(formState());
    });
    form.addEventListener("reset", function (event) {
      event.preventDefault();
      showState(defaults);
      choose(defaults);
    });
    window.addEventListener("popstate", start);
    return { start: start };
  }

  window.callboardQuery = Object.freeze({ read: read, address: address, push: push, filterForm: filterForm });
})();
