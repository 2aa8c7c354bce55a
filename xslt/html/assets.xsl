<?xml version="1.0" encoding="UTF-8"?>
<!--
  assets.xsl: the style sheet and the small script of the HTML edition,
  inlined into every page so that one file is the whole edition.

  The toggles (reading/diplomatic, parallel/single column) are radio buttons
  and CSS alone, so they work with JavaScript off; the script only remembers
  the reader's choice between pages.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit:xslt"
    exclude-result-prefixes="#all">

  <xsl:variable name="tk:css" as="xs:string"><![CDATA[
:root { --ink: #1b1b1b; --muted: #4d4d4d; --rule: #d0d0d0; --paper: #ffffff; --tint: #f4f1ea;
        --accent: #7a2e0e; --link: #0b4f8a; --supplied: #4a3b8f; }
* { box-sizing: border-box; }
html { color: var(--ink); background: var(--paper); font: 1.05rem/1.55 Georgia, "Times New Roman", serif; }
body { margin: 0 auto; max-width: 78rem; padding: 0 1.25rem 3rem; }
a { color: var(--link); }
a:focus-visible, label:focus-within, .tk-toggle:focus-visible + label { outline: 3px solid #f3b500; outline-offset: 2px; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 1.2rem 0 .6rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.tk-toggle { position: absolute; opacity: 0; width: 1px; height: 1px; }
.tk-controls { display: flex; flex-wrap: wrap; gap: 1rem; font-family: system-ui, sans-serif; font-size: .92rem; }
.tk-controls fieldset { border: 1px solid var(--rule); border-radius: .4rem; padding: .25rem .5rem; margin: 0; }
.tk-controls legend { color: var(--muted); padding: 0 .25rem; }
.tk-controls label { display: inline-block; padding: .2rem .6rem; border-radius: .3rem; cursor: pointer; }
#tk-style-reading:checked ~ header label[for="tk-style-reading"],
#tk-style-diplomatic:checked ~ header label[for="tk-style-diplomatic"],
#tk-view-parallel:checked ~ header label[for="tk-view-parallel"],
#tk-view-translation:checked ~ header label[for="tk-view-translation"],
#tk-view-original:checked ~ header label[for="tk-view-original"] { background: var(--accent); color: #fff; }
#tk-style-reading:checked ~ main .d { display: none; }
#tk-style-diplomatic:checked ~ main .r { display: none; }
#tk-view-translation:checked ~ main .tk-original,
#tk-view-original:checked ~ main .tk-translation { display: none; }
.tk-meta dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
.tk-meta dt { font-weight: bold; color: var(--muted); }
.tk-meta dd { margin: 0; }
.tk-participants, .tk-names { list-style: none; padding: 0; margin: 0; columns: 2 18rem; }
.tk-list { list-style: none; padding-left: 1.5rem; }
.tk-participants li, .tk-names li { break-inside: avoid; margin-bottom: .2rem; }
.tk-participants :target, .tk-names :target, .tk-notes li:target { background: #fff3c4; }
[id] { scroll-margin-top: 0.5rem; }
.tk-roles { color: var(--muted); font-size: .9em; }
.tk-rows { display: grid; gap: 0; }
.tk-row { display: grid; grid-template-columns: 1fr; column-gap: 2.5rem; border-top: 1px solid #eeeeee; }
#tk-view-parallel:checked ~ main .tk-row.tk-pair { grid-template-columns: 1fr 1fr; }
.tk-colheads { font-family: system-ui, sans-serif; font-size: .85rem; color: var(--muted); border-top: 0; }
.tk-cell { position: relative; padding: .2rem 0 .2rem 2.2rem; min-width: 0; }
.tk-cell > :first-child { margin-top: .4rem; }
.tk-head { font-size: 1.05rem; font-weight: bold; text-align: center; }
.tk-letter-spaced { letter-spacing: .45em; }
.tk-sp { margin: .5rem 0; }
.tk-sp p { margin: .3rem 0; }
.tk-speaker { font-variant: small-caps; font-weight: bold; color: var(--accent); text-decoration: none; }
.tk-speaker:hover { text-decoration: underline; }
.tk-closer, .tk-opener { font-style: italic; }
.tk-stamp { font-family: "Courier New", monospace; font-style: normal; border: 2px solid var(--accent); color: var(--accent); padding: 0 .35em; letter-spacing: .08em; }
.tk-metamark { color: var(--accent); font-weight: bold; }
.tk-hand { font-family: "Segoe Script", "Brush Script MT", cursive; }
.tk-supplied { color: var(--supplied); }
.tk-unclear { text-decoration: underline dotted; }
.tk-gap, .tk-note-inline, .tk-gloss { color: var(--muted); }
.tk-sign { color: var(--accent); font-style: normal; font-weight: bold; }
.tk-gap, .tei-vocal, .tei-kinesic, .tei-incident, .tei-stage, .tk-note-identification, .tk-note-commentary,
.tk-note-physical, .tk-note-editorial, .tk-note-original { font-style: italic; }
.tk-key dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; font-size: .92rem; }
.tk-key dd { margin: 0; }
.tk-name { color: inherit; text-decoration: underline 1px var(--rule); text-underline-offset: .2em; }
a.tk-name:hover { text-decoration-color: var(--link); }
.tk-fnref { font-size: .75em; line-height: 0; }
.tk-pb { font-family: system-ui, sans-serif; font-size: .75rem; color: var(--muted); }
.tk-pb::before { content: "|"; padding: 0 .1em; }
.tk-pb-label { position: absolute; left: 0; width: 2rem; text-align: right; }
.tk-notes ol { padding-left: 2rem; }
.tk-backlink { text-decoration: none; padding-left: .3rem; }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--rule); padding-top: .5rem; }
.tei-unknown, [class^="tei-"] { }
@media (max-width: 48rem) {
  #tk-view-parallel:checked ~ main .tk-row.tk-pair { grid-template-columns: 1fr; }
  .tk-cell.tk-original { border-top: 1px dashed var(--rule); }
  .tk-meta dl { grid-template-columns: 1fr; }
}
@media print { .tk-controls { display: none; } }
]]></xsl:variable>

  <xsl:variable name="tk:script" as="xs:string"><![CDATA[
(function () {
  "use strict";
  var store = null;
  try { store = window.localStorage; } catch (error) { store = null; }
  ["tk-style", "tk-view"].forEach(function (name) {
    var saved = null;
    try { saved = store && store.getItem("teikit:" + name); } catch (error) { saved = null; }
    var input = saved ? document.getElementById(saved) : null;
    if (input && input.name === name) { input.checked = true; }
    document.querySelectorAll('input[name="' + name + '"]').forEach(function (radio) {
      radio.addEventListener("change", function () {
        try { if (store) { store.setItem("teikit:" + name, radio.id); } } catch (error) { /* storage refused */ }
      });
    });
  });
  // A description shown on focus or hover stays inside the window: moved left when it would overflow.
  function place(event) {
    var holder = event.target.closest && event.target.closest("[data-tip]");
    var tip = holder && holder.querySelector(":scope > .tk-tip");
    if (!tip) { return; }
    tip.style.left = "0px";
    var box = tip.getBoundingClientRect();
    var room = document.documentElement.clientWidth - 4;
    if (box.right > room) { tip.style.left = Math.max(room - box.right, 4 - box.left) + "px"; }
  }
  document.addEventListener("focusin", place);
  document.addEventListener("mouseover", place);
})();
]]></xsl:variable>
</xsl:stylesheet>
