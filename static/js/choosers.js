// Choosers that search (borderwork/records/choosers.py): a <select data-chooser="URL"> holds
// only the chosen option; Tom Select asks URL?q=...&page=N for a page of the records this user
// may see, as they type, and pages on as they scroll. data-chooser-narrow names other fields
// of the form (e.g. "commune") whose value narrows the choice: the villages of that commune.
(function () {
  "use strict";

  function narrowing(select) {
    var names = (select.dataset.chooserNarrow || "").split(" ").filter(Boolean);
    return names
      .map(function (name) {
        return select.form ? select.form.elements.namedItem(name) : null;
      })
      .filter(Boolean);
  }

  function url(select, query, page) {
    var params = new URLSearchParams({ q: query, page: String(page) });
    narrowing(select).forEach(function (field) {
      if (field.value) params.set(field.name, field.value);
    });
    return select.dataset.chooser + "?" + params.toString();
  }

  function make(select) {
    // Tom Select points the field's <label> at its own input and hides the <select>, which
    // then has no name of its own: give it the label's text, so it is never left nameless.
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    if (label && !select.hasAttribute("aria-label")) {
      select.setAttribute("aria-label", label.textContent.trim());
    }
    if (select.tomselect) return;
    var chooser = new TomSelect(select, {
      valueField: "value",
      labelField: "text",
      searchField: ["text"],
      plugins: select.multiple ? ["virtual_scroll", "remove_button"] : ["virtual_scroll"],
      maxOptions: null,
      preload: "focus",
      loadThrottle: 250,
      // The server matched the words already; keep its order and every row it sent.
      score: function () {
        return function () {
          return 1;
        };
      },
      shouldLoad: function () {
        return true;
      },
      firstUrl: function (query) {
        return url(select, query, 1);
      },
      load: function (query, callback) {
        var self = this;
        var address = self.getUrl(query);
        fetch(address, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then(function (response) {
            return response.json();
          })
          .then(function (json) {
            if (json.more) {
              var page = Number(new URL(address, location.href).searchParams.get("page")) + 1;
              self.setNextUrl(query, url(select, query, page));
            }
            callback(json.results);
          })
          .catch(function () {
            callback();
          });
      },
      render: {
        loading_more: function () {
          return '<div class="loading-more-results py-2 d-flex align-items-center"><div class="spinner-border spinner-border-sm me-2" role="status"></div></div>';
        },
        no_more_results: function () {
          return "";
        },
      },
    });
    // Another commune chosen: the next search asks again, narrowed to it. What is chosen here
    // stays (the form says so if it no longer fits), so the order of filling does not matter.
    narrowing(select).forEach(function (field) {
      field.addEventListener("change", function () {
        chooser.clearOptions();
        chooser.clearPagination();
        chooser.loadedSearches = {};
      });
    });
  }

  function start(root) {
    root.querySelectorAll("select[data-chooser]").forEach(make);
  }

  document.addEventListener("DOMContentLoaded", function () {
    start(document);
  });
  document.addEventListener("htmx:load", function (event) {
    start(event.target);
  });
})();
