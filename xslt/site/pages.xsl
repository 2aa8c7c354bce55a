<?xml version="1.0" encoding="UTF-8"?>
<!--
  pages.xsl: the site pages of an edition (the index of records, the
  registers), in the layout every page shares (layout.xsl).

  Input: one page's site document, made by teikit.publish.site:
    <site title="…" shards total page-size>
      <pages current="records-1949.html"> <page name label part count/>… </pages>
      <record key date date-text reference languages> <title/> <summary/> </record>…
      <entry kind continued?> <name lang/>… <role/>… <authority href/>… <mention key ident label title> <at id/>… </mention>… </entry>…
      <person> <name/>… <role/>… <mention key ident label/>… </person>… </site>
  <pages> is there when the list has several pages (teikit.publish.paging).
  Which page to make is $page: "index" (the one page of records, or the page
  that lists the pages), "records" (one page of them), "persons", "places",
  "organisations". The data (order, merging, what each page holds) is
  decided in Python; this stylesheet only presents it.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tk="urn:teikit:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="layout.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <xsl:param name="page" as="xs:string" select="'index'"/>

  <xsl:template match="/site">
    <xsl:variable name="heading" as="xs:string" select="if ($page = ('persons', 'places', 'organisations')) then tk:msg($page) || ' — ' || @title else string(@title)"/>
    <xsl:variable name="here" as="element(page)?" select="pages/page[@name = ../@current]"/>
    <xsl:variable name="label" as="xs:string?" select="$here ! tk:page-label(., count(preceding-sibling::page) + 1)"/>
    <html lang="{tk:ui-lang()}">
      <head>
        <meta charset="UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="teikit"/>
        <link rel="icon" href="data:,"/>
        <title>{string-join(($heading, $label), ' · ')}</title>
        <style>{$tk:page-css}{$tk:site-css}</style>
      </head>
      <body>
        <xsl:sequence select="tk:skip-link()"/>
        <header role="banner">
          <xsl:sequence select="tk:site-nav($page, if ($page eq 'index') then '' else if ($page eq 'records') then $label else string-join((tk:msg($page), $label), ' · '))"/>
          <h1>{$heading}</h1>
        </header>
        <main id="tk-main" tabindex="-1">
          <xsl:if test="not($page = ('index', 'records'))">
            <xsl:sequence select="tk:pager(pages, false())"/>
          </xsl:if>
          <xsl:choose>
            <xsl:when test="$page eq 'persons' and not(entry[@kind = 'person'])">
              <xsl:call-template name="tk:persons"/>
            </xsl:when>
            <xsl:when test="$page = ('persons', 'places', 'organisations')">
              <xsl:call-template name="tk:register">
                <xsl:with-param name="kind" select="map{'persons': 'person', 'places': 'place', 'organisations': 'org'}($page)"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="tk:index"/>
            </xsl:otherwise>
          </xsl:choose>
        </main>
        <xsl:sequence select="tk:footer(tk:msg('footer-site'))"/>
        <xsl:if test="$page = ('index', 'records')">
          <xsl:if test="not(pages)">
            <!-- One page of records: the fallback's shards now, so a query filters the table at once. -->
            <xsl:for-each select="1 to xs:integer((@shards, 0)[1])">
              <script src="search-index-{.}.js"></script>
            </xsl:for-each>
          </xsl:if>
          <script>{$tk:index-script}</script>
        </xsl:if>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="tk:index">
    <xsl:variable name="count" as="xs:integer" select="count(record)"/>
    <div class="search" role="search">
      <label for="search">{tk:msg('search-label')} </label>
      <input type="search" id="search" placeholder="{tk:msg('search-hint')}" disabled=""
             data-shards="{(@shards, 0)[1]}" data-total="{(@total, $count)[1]}" data-paged="{exists(pages)}"/>
      <xsl:text> </xsl:text>
      <span id="search-status" aria-live="polite" data-some="{tk:msg('search-some')}" data-none="{tk:msg('search-none')}"></span>
      <ol id="search-results" hidden="" data-more="{tk:msg('more-results')}"></ol>
    </div>
    <xsl:choose>
      <xsl:when test="pages and $page eq 'index'">
        <!-- The page that lists the pages: each year's, with how many records it holds. -->
        <p>{tk:msg('index-intro', (string(@total), string(@page-size)))}</p>
        <xsl:sequence select="tk:pager(pages, true())"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="tk:pager(pages, false())"/>
        <xsl:call-template name="tk:records">
          <xsl:with-param name="count" select="$count"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="tk:records">
    <xsl:param name="count" as="xs:integer"/>
    <table id="records" class="tk-records">
      <caption>{if ($count eq 1) then tk:msg('caption-one') else tk:msg('caption', string($count))}</caption>
      <thead>
        <tr>
          <th scope="col" aria-sort="ascending"><button type="button">{tk:msg('date')}</button></th>
          <th scope="col"><button type="button">{tk:msg('title')}</button></th>
          <th scope="col"><button type="button">{tk:msg('reference')}</button></th>
          <th scope="col"><button type="button">{tk:msg('languages')}</button></th>
          <th scope="col" class="summary">{tk:msg('summary')}</th>
          <th scope="col">{tk:msg('files')}</th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="record">
          <tr data-key="{@key}">
            <xsl:variable name="href" as="xs:string" select="encode-for-uri(@key)"/>
            <td class="date" data-sort="{@date}">{(@date-text[normalize-space()], @date)[1]}</td>
            <td class="title"><a href="{$href}.html">{title}</a></td>
            <td class="reference">{@reference}</td>
            <td class="languages">{@languages}</td>
            <td class="summary">{summary}</td>
            <td class="files">
              <a href="{$href}.html">{tk:msg('html')}</a>
              <xsl:text> </xsl:text>
              <a href="{$href}.txt">{tk:msg('text-file')}</a>
              <xsl:text> </xsl:text>
              <a href="tei/{$href}.xml">{tk:msg('tei')}</a>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template name="tk:register">
    <!-- A register: its entries merged across records, each with its name forms (in their languages),
         roles, authority links and every mention, linked to the record and to the turn. -->
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="entries" as="element(entry)*" select="entry[@kind = $kind]"/>
    <p>{if ($entries) then tk:msg('register-intro') else tk:msg('register-empty')}</p>
    <ul class="persons tk-register">
      <xsl:for-each select="$entries">
        <li>
          <strong>
            <xsl:if test="name[1]/@lang != ''"><xsl:attribute name="lang" select="name[1]/@lang"/></xsl:if>
            <xsl:value-of select="name[1]"/>
          </strong>
          <xsl:if test="@continued">
            <xsl:text> </xsl:text>
            <span class="roles">({tk:msg('continued')})</span>
          </xsl:if>
          <xsl:for-each select="subsequence(name, 2)">
            <xsl:text> · </xsl:text>
            <span>
              <xsl:if test="@lang != ''"><xsl:attribute name="lang" select="@lang"/></xsl:if>
              <xsl:value-of select="."/>
            </span>
          </xsl:for-each>
          <xsl:if test="role">
            <xsl:text> </xsl:text>
            <span class="roles">({tk:msg('roles')}: {string-join(role, ', ')})</span>
          </xsl:if>
          <xsl:if test="authority">
            <ul class="tk-authorities">
              <xsl:for-each select="authority">
                <li><a href="{@href}" rel="external">{replace(@href, '^https?://(www\.)?', '')}</a></li>
              </xsl:for-each>
            </ul>
          </xsl:if>
          <ul class="mentions">
            <xsl:for-each select="mention">
              <xsl:variable name="href" as="xs:string" select="encode-for-uri(@key) || '.html'"/>
              <li>
                <a href="{$href}#{encode-for-uri(@ident)}">{@label}</a>: {@title}
                <xsl:if test="at">
                  <xsl:text> — {tk:msg('mentioned-at')} </xsl:text>
                  <xsl:for-each select="at">
                    <xsl:if test="position() gt 1">, </xsl:if>
                    <a class="tk-mention" href="{$href}#{encode-for-uri(@id)}">{@id}</a>
                  </xsl:for-each>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:template name="tk:persons">
    <p>{tk:msg('persons-intro')}</p>
    <ul class="persons">
      <xsl:for-each select="person">
        <li>
          <strong>{name[1]}</strong>
          <xsl:for-each select="subsequence(name, 2)"> · {.}</xsl:for-each>
          <xsl:if test="role">
            <xsl:text> </xsl:text>
            <span class="roles">({tk:msg('roles')}: {string-join(role, ', ')})</span>
          </xsl:if>
          <ul class="mentions">
            <xsl:for-each select="mention">
              <li><a href="{encode-for-uri(@key)}.html{@ident[normalize-space()] ! ('#' || encode-for-uri(.))}">{@label}</a>: {@title}</li>
            </xsl:for-each>
          </ul>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:variable name="tk:page-css" as="xs:string" expand-text="no"><![CDATA[
:root { --ink: #1b1b1b; --muted: #4d4d4d; --rule: #d0d0d0; --accent: #7a2e0e; --link: #0b4f8a; }
html { color: var(--ink); background: #fff; font: 1rem/1.5 Georgia, "Times New Roman", serif; }
body { margin: 0 auto; max-width: 80rem; padding: 0 1rem 3rem; }
a { color: var(--link); }
h1 { font-size: 1.6rem; margin: .6rem 0 .4rem; }
.search { font-family: system-ui, sans-serif; margin: .8rem 0; }
.search input { font-size: 1rem; padding: .3rem .5rem; width: min(30rem, 100%); }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-family: system-ui, sans-serif; color: var(--muted); padding: .3rem 0; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--rule); }
th { font-family: system-ui, sans-serif; font-size: .9rem; }
th button { font: inherit; border: 0; background: none; padding: 0; cursor: pointer; color: var(--ink); text-align: left; }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
td.date { white-space: nowrap; }
td.summary { font-size: .92rem; color: var(--muted); }
.files a { display: inline-block; margin-right: .4rem; font-family: system-ui, sans-serif; font-size: .85rem; }
#search-results { font-size: .95rem; padding-left: 1.4rem; }
#search-results p { margin: .1rem 0 .6rem; color: var(--muted); }
#search-more { list-style: none; }
#search-results mark { background: #fff3c4; color: inherit; }
.persons li { margin-bottom: .4rem; }
.tk-authorities { list-style: none; padding: 0; margin: .1rem 0; display: flex; flex-wrap: wrap; gap: .2rem .8rem; font-family: system-ui, sans-serif; font-size: .85rem; }
.persons .mentions { margin: .1rem 0 .4rem; font-size: .92rem; }
.roles { color: var(--muted); font-size: .9rem; }
main:focus { outline: none; }
footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--rule); padding-top: .5rem; }
@media (max-width: 48rem) { td.summary, th.summary { display: none; } }
]]></xsl:variable>

  <xsl:variable name="tk:index-script" as="xs:string" expand-text="no"><![CDATA[
(function () {
  "use strict";
  var box = document.getElementById("search");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var table = document.getElementById("records");
  if (!box) { return; }
  var rows = table ? Array.prototype.slice.call(table.tBodies[0].rows) : [];
  // One page of records: the table is filtered. Several: a query lists its hits from every page.
  var paged = box.dataset.paged === "true";
  var total = box.dataset.total || String(rows.length);
  var shardCount = parseInt(box.dataset.shards || "0", 10);
  var index = null;
  var loading = null;
  var FOLD = { "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i" };
  var pagefind = null;
  var asked = 0;
  function normalise(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[łøđðþßæœı]/g, function (c) { return FOLD[c]; });
  }
  function say(template, values) {
    return values.reduce(function (text, value, n) { return text.split("{" + (n + 1) + "}").join(value); }, template);
  }
  function escape(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }
  // The disk fallback's shards (search-index-N.js), as scripts (fetch is refused from file://), one
  // after the other, only when a query needs them; a page of one list has them already.
  function load() {
    if (window.TEIKIT_INDEX || !shardCount) { index = window.TEIKIT_INDEX || []; return Promise.resolve(); }
    if (!loading) {
      loading = Array.apply(null, Array(shardCount)).reduce(function (done, _, n) {
        return done.then(function () {
          return new Promise(function (resolve) {
            var script = document.createElement("script");
            script.src = "search-index-" + (n + 1) + ".js";
            script.onload = resolve;
            script.onerror = resolve;
            document.head.appendChild(script);
          });
        });
      }, Promise.resolve()).then(function () { index = window.TEIKIT_INDEX || []; });
    }
    return loading;
  }
  function show(keys, query) {
    var shown = 0;
    rows.forEach(function (row) {
      var hit = keys === null || keys.indexOf(row.dataset.key) !== -1;
      row.hidden = !hit;
      if (hit) { shown += 1; }
    });
    status.textContent = keys === null ? "" : shown ? say(status.dataset.some, [String(shown), total])
      : say(status.dataset.none, [query]);
  }
  function clear() {
    asked += 1;
    list.hidden = true;
    list.textContent = "";
    if (table) { table.hidden = false; }
    show(null, "");
  }
  function filter() {
    var query = box.value.trim();
    var words = normalise(query).split(/\s+/).filter(Boolean);
    if (!words.length) { return clear(); }
    if (pagefind) { return searchPagefind(query); }
    if (paged) { return searchShards(query, words); }
    var byKey = Object.create(null);
    (window.TEIKIT_INDEX || []).forEach(function (record) { byKey[record.key] = record.text; });
    show(rows.filter(function (row) {
      var haystack = byKey[row.dataset.key] || normalise(row.textContent);
      return words.every(function (word) { return haystack.indexOf(word) !== -1; });
    }).map(function (row) { return row.dataset.key; }), query);
  }
  // Several pages, no Pagefind: the hits of every shard, listed like Pagefind's.
  function searchShards(query, words) {
    var mine = ++asked;
    return load().then(function () {
      if (mine !== asked) { return; }
      var hits = index.filter(function (record) {
        return words.every(function (word) { return record.text.indexOf(word) !== -1; });
      }).map(function (record) {
        return { data: function () {
          return Promise.resolve({ url: encodeURIComponent(record.key) + ".html", meta: { title: record.title },
            excerpt: escape(record.date) });
        } };
      });
      listResults(hits, query, mine);
    });
  }
  // The turn a hit is in: its first place in the text (between the "Text" heading and the notes,
  // apparatus or registers; not the header's lists), then the last element with an id before it.
  function anchorOf(data) {
    var anchors = data.anchors || [];
    var locations = data.locations || [0];
    var start = null, end = null;
    anchors.forEach(function (anchor) {
      if (anchor.id === "tk-text-heading") { start = anchor.location; }
      else if (start !== null && end === null && /^tk-(notes|apparatus|registers)-heading$/.test(anchor.id)) { end = anchor.location; }
    });
    var inText = locations.filter(function (at) { return start !== null && at >= start && (end === null || at < end); });
    var at = inText.length ? inText[0] : locations[0];
    var best = null;
    anchors.forEach(function (anchor) { if (anchor.location <= at) { best = anchor; } });
    return best ? "#" + best.id : "";
  }
  // Pagefind: the results list replaces the table while a query is on; fragments (title, snippet,
  // anchors) are fetched a page of results at a time, so a query costs a few shards and fragments.
  var PAGE = 10;
  function searchPagefind(query) {
    var mine = ++asked;
    return pagefind.search(query).then(function (search) {
      if (mine !== asked) { return; }
      return listResults(search.results, query, mine);
    });
  }
  function listResults(results, query, mine) {
    list.textContent = "";
    if (table) { table.hidden = true; }
    status.textContent = results.length ? say(status.dataset.some, [String(results.length), total])
      : say(status.dataset.none, [query]);
    list.hidden = !results.length;
    return more(results, 0, mine);
  }
  // Each result is shown as soon as its fragment (title, snippet, anchors) and those before it have
  // come: the first result does not wait for the tenth.
  function more(results, from, mine) {
    var old = document.getElementById("search-more");
    if (old) { old.parentNode.removeChild(old); }
    var shown = Promise.resolve();
    results.slice(from, from + PAGE).map(function (result) { return result.data(); }).forEach(function (loading) {
      shown = shown.then(function () { return loading; }).then(function (data) {
        if (mine !== asked) { return; }
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = data.url.replace(/^\//, "") + anchorOf(data);
        link.textContent = (data.meta && data.meta.title) || data.url;
        var excerpt = document.createElement("p");
        excerpt.innerHTML = data.excerpt;
        item.appendChild(link);
        item.appendChild(excerpt);
        list.appendChild(item);
      });
    });
    return shown.then(function () {
      if (mine !== asked || from + PAGE >= results.length) { return; }
      var item = document.createElement("li");
      item.id = "search-more";
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = list.dataset.more;
      button.addEventListener("click", function () { more(results, from + PAGE, mine); });
      item.appendChild(button);
      list.appendChild(item);
    });
  }
  function start() {
    box.disabled = false;
    box.addEventListener("input", filter);
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) { box.value = query; filter(); }
  }
  if (box) {
    if (/^https?:$/.test(window.location.protocol)) {
      // The index is in buckets (pagefind/N/, listed in pagefind/buckets.json): the runtime of the
      // first, and every bucket merged into it. init() and mergeIndex() fetch the runtime and each
      // bucket's metadata now, while the reader reads the page, not when the first query is typed.
      var root = new URL("pagefind/", window.location.href);
      var options = { baseUrl: new URL(".", window.location.href).pathname };
      fetch(new URL("buckets.json", root).href).then(function (response) { return response.json(); }).then(function (list) {
        var buckets = Object.keys(list.buckets);
        return import(new URL(buckets[0] + "/pagefind.js", root).href).then(function (module) {
          return module.options(options).then(function () {
            if (module.init) { module.init(); }
            return Promise.all(buckets.slice(1).map(function (bucket) {
              return module.mergeIndex(new URL(bucket + "/", root).pathname, options);
            }));
          }).then(function () { pagefind = module; });
        });
      }).catch(function () { pagefind = null; }).then(start);
    } else {
      start();
    }
  }
  if (!table) { return; }
  var body = table.tBodies[0];
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, column) {
    var button = cell.querySelector("button");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var ascending = cell.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
      cell.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = a.cells[column].dataset.sort || a.cells[column].textContent;
        var y = b.cells[column].dataset.sort || b.cells[column].textContent;
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
]]></xsl:variable>
</xsl:stylesheet>
