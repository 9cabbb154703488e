// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // Move focus to the error summary so screen reader and keyboard users hear what to fix.
  var summary = document.querySelector('.felsammanfattning');
  if (summary) {
    summary.focus();
  }
}());
