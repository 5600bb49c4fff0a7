// The query string as the state of a page's filters, shared by needs-filter.js and search.js:
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

  window.callboardQuery = Object.freeze({ read: read, address: address, push: push });
})();
