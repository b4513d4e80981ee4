// Search-as-you-type for the competence picker of the profile and vacancy forms.
// Without this file the form works as is: the search button re-renders it with the matches.
// The ARIA 1.2 combobox pattern: the field keeps the focus, arrow keys move through the
// listbox, Enter picks, Escape closes.
(function () {
  "use strict";

  function setUp(box) {
    var fieldset = box.closest("fieldset");
    var rows = fieldset.querySelector("[data-competence-rows]");
    var rowTemplate = fieldset.querySelector("template[data-competence-row]");
    var input = box.querySelector("input[type=text]");
    if (!rows || !rowTemplate || !input) return;

    var listId = input.id + "-suggestions";
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "competence-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.labels[0] ? input.labels[0].textContent : "");
    list.hidden = true;
    input.insertAdjacentElement("afterend", list);

    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    box.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    var active = -1;
    var timer = null;
    var asked = 0;

    function options() {
      return list.querySelectorAll("[role=option]");
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var all = options();
      if (!all.length) return;
      active = (index + all.length) % all.length;
      all.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }

    function show(results) {
      list.textContent = "";
      results.forEach(function (entry, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.id = entry.id;
        option.textContent = entry.name;
        list.appendChild(option);
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
      status.textContent = results.length
        ? box.dataset.count + " " + results.length + "."
        : box.dataset.none;
    }

    function ask() {
      var query = input.value.trim();
      if (!query) {
        close();
        status.textContent = "";
        return;
      }
      var mine = ++asked;
      var url = box.dataset.url + "?q=" + encodeURIComponent(query);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (answer) {
          return answer.ok ? answer.json() : { results: [] };
        })
        .then(function (data) {
          if (mine === asked) show(data.results || []);
        })
        .catch(function () {
          if (mine === asked) close();
        });
    }

    function pick(option) {
      var id = "competence_" + option.dataset.id;
      var select = document.getElementById(id);
      if (!select) {
        var row = rowTemplate.content.firstElementChild.cloneNode(true);
        var label = row.querySelector("label");
        select = row.querySelector("select");
        label.textContent = option.textContent;
        label.htmlFor = id;
        select.id = id;
        select.name = id;
        rows.appendChild(row);
        var none = fieldset.querySelector("[data-competence-none]");
        if (none) none.hidden = true;
      }
      status.textContent =
        box.dataset.added + ": " + option.textContent + ". " + box.dataset.chooseLevel;
      input.value = "";
      close();
      select.focus();
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 200);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!open) return;
        event.preventDefault();
        highlight(event.key === "ArrowDown" ? active + 1 : active - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        // Pick the highlighted entry instead of submitting the form.
        event.preventDefault();
        pick(options()[active]);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });

    // mousedown keeps the focus in the field, so the blur below does not close the list first.
    list.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) pick(option);
    });
    input.addEventListener("blur", function () {
      close();
    });

    // Enter in another field presses the form's first button, which is Zoeken; the person
    // meant to save. (Without this script the search says so and saves nothing.)
    var form = input.form;
    var search = box.querySelector("button[name=find_competence]");
    var buttons = form ? form.querySelectorAll("button[type=submit]") : [];
    var save = buttons.length ? buttons[buttons.length - 1] : null;
    if (form && search && save && save !== search && form.requestSubmit) {
      form.addEventListener("keydown", function (event) {
        var field = event.target;
        if (event.key === "Enter" && field !== input && field.tagName === "INPUT" &&
            !/^(button|submit|reset|image)$/.test(field.type)) {
          event.preventDefault();
          form.requestSubmit(save);
        }
      });
    }
  }

  document.querySelectorAll("[data-competence-search]").forEach(setUp);
})();
