/* Suggestions under the search box while typing: case studies, organizations, platforms, tags.
   Progressive enhancement: without this script the search form works as a plain GET form.
   Arrow keys move through the suggestions, Enter opens one, Escape closes the list. */
(function () {
  "use strict";
  var DELAY = 120;
  var MIN_LENGTH = 2;

  function enhance(input) {
    var url = input.getAttribute("data-suggest-url");
    var list = document.createElement("ul");
    var listId = input.id + "-suggestions";
    var items = [];
    var active = -1;
    var timer = null;
    var latest = 0;

    list.id = listId;
    list.className = "search-suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.parentNode.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("aria-expanded", "false");

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      items.forEach(function (item, i) {
        item.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", items[index].id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(suggestions) {
      // An answer that arrives after the visitor has moved into the list keeps their choice
      // when it is still offered, so Enter opens what is highlighted, not the search page.
      var chosen = active >= 0 ? items[active].getAttribute("data-url") : null;
      list.textContent = "";
      items = suggestions.map(function (suggestion, i) {
        // An option holds text only (no link inside: nested interactive controls confuse
        // screen readers); choosing it, by click or Enter, opens its address.
        var item = document.createElement("li");
        var kind = document.createElement("span");
        item.id = listId + "-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("data-url", suggestion.url);
        item.textContent = suggestion.label;
        kind.className = "suggestion-kind";
        kind.textContent = suggestion.kind;
        item.appendChild(kind);
        // mousedown, not click: it comes before the text box's blur closes the list.
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.href = suggestion.url;
        });
        list.appendChild(item);
        return item;
      });
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        highlight(suggestions.map(function (s) { return s.url; }).indexOf(chosen));
      } else {
        close();
      }
    }

    function fetchSuggestions() {
      var text = input.value.trim();
      var request = ++latest;
      if (text.length < MIN_LENGTH) {
        close();
        return;
      }
      fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (request === latest) { render(data.suggestions || []); } })
        .catch(close);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        // Positions run -1 (the text box itself) to items.length - 1, round and round.
        var next = active + (event.key === "ArrowDown" ? 1 : -1);
        if (next >= items.length) { next = -1; }
        if (next < -1) { next = items.length - 1; }
        highlight(next);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.href = items[active].getAttribute("data-url");
      } else if (event.key === "Escape") {
        event.preventDefault(); // keep the typed text: only close the list
        clearTimeout(timer);
        latest += 1; // and ignore answers still on their way
        close();
      }
    });

    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(enhance);
})();
