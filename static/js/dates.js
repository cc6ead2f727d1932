// Date fields are text in dd/mm/yyyy (borderwork/records/forms.py DateInput). The calendar
// button opens the browser's own date picker on a hidden date input next to the field, and
// the day chosen is written back as dd/mm/yyyy.
(function () {
  "use strict";

  function parts(group) {
    return {
      text: group.querySelector("input[type=text]"),
      picker: group.querySelector("input.bw-date-picker"),
    };
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-date-picker]");
    if (!button) return;
    var field = parts(button.closest(".bw-date"));
    var day = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(field.text.value);
    field.picker.value = day
      ? day[3] + "-" + day[2].padStart(2, "0") + "-" + day[1].padStart(2, "0")
      : "";
    try {
      field.picker.showPicker();
    } catch (error) {
      field.text.focus(); // an older browser: type the date
    }
  });

  document.addEventListener("change", function (event) {
    if (!event.target.matches(".bw-date input.bw-date-picker")) return;
    var day = event.target.value.split("-"); // yyyy-mm-dd, or "" when cleared
    if (day.length !== 3) return;
    var field = parts(event.target.closest(".bw-date"));
    field.text.value = day[2] + "/" + day[1] + "/" + day[0];
    field.text.dispatchEvent(new Event("change", { bubbles: true }));
  });
})();
