<?xml version="1.0" encoding="UTF-8"?>
<!--
  layout.xsl: what every page of an edition site shares: the skip link, the
  site navigation with its breadcrumb, the footer, and their style (added to
  the record pages' own). Record pages (html.xsl) and site pages
  (site/pages.xsl) both include it, so navigation, labels and theme live in
  one place. Labels come from the message catalogue (common/i18n.xsl).

  A record rendered on its own (teikit render) is not in a site: $site is
  false and it gets no site navigation, only the skip link.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="../common/i18n.xsl"/>

  <!-- Is the page part of a built site (index.html, persons.html beside it)? -->
  <xsl:param name="site" as="xs:boolean" select="false()"/>
  <!-- The page's record key, and its neighbours in the site's order ("" when none). -->
  <xsl:param name="key" as="xs:string" select="''"/>
  <xsl:param name="prev" as="xs:string" select="''"/>
  <xsl:param name="next" as="xs:string" select="''"/>
  <!-- Keys are URL-safe by the key scheme; links escape them all the same, so none can be anything but
       a relative link to a file of the site. -->
  <xsl:variable name="tk:key-href" as="xs:string" select="encode-for-uri($key)"/>
  <!-- How to cite the record, made by teikit.publish.citation (JSON: text, url, meta pairs); "" for none. -->
  <xsl:param name="citation" as="xs:string" select="''"/>
  <xsl:variable name="tk:citation" as="map(*)?" select="if ($citation) then parse-json($citation) else ()"/>

  <xsl:function name="tk:citation-meta" as="element()*">
    <!-- Highwire and Dublin Core meta tags (Zotero reads them). -->
    <xsl:for-each select="$tk:citation?meta?*">
      <meta name="{?1}" content="{?2}"/>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="tk:cite-section" as="element()?">
    <!-- The suggested citation, how to cite a turn, and the citation files. -->
    <xsl:if test="exists($tk:citation)">
      <section class="tk-cite tk-gen" aria-labelledby="tk-cite-heading" data-pagefind-ignore="all">
        <h2 id="tk-cite-heading">{tk:msg('cite')}</h2>
        <p class="tk-citation" id="tk-citation">{$tk:citation?text}</p>
        <p>{tk:msg('cite-turn-how')}</p>
        <p class="tk-citation" id="tk-turn-citation" aria-live="polite" hidden=""></p>
        <ul class="tk-downloads">
          <li><a href="{$tk:key-href}.csl.json" type="application/vnd.citationstyles.csl+json" download="">CSL-JSON</a></li>
          <li><a href="{$tk:key-href}.bib" type="application/x-bibtex" download="">BibTeX</a></li>
        </ul>
      </section>
    </xsl:if>
  </xsl:function>

  <xsl:function name="tk:turn-link" as="element()?">
    <!-- A turn's own address, to cite it: a visible mark with its words for screen readers. -->
    <xsl:param name="id" as="attribute()?"/>
    <xsl:if test="$id and $site">
      <a class="tk-turn-link tk-gen" href="#{$id}" lang="{tk:ui-lang()}" data-pagefind-ignore="">§<span class="tk-visually-hidden"> {tk:msg('cite-turn')}</span></a>
    </xsl:if>
  </xsl:function>

  <xsl:variable name="tk:cite-script" as="xs:string" expand-text="no"><![CDATA[
(function () {
  "use strict";
  var record = document.getElementById("tk-citation");
  var turn = document.getElementById("tk-turn-citation");
  if (!record || !turn) { return; }
  function update() {
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (!target || !target.classList.contains("tk-sp")) { turn.hidden = true; return; }
    var speaker = target.querySelector(".tk-speaker");
    var url = location.href.split("#")[0] + "#" + target.id;
    var base = record.textContent.replace(/\s*https?:\/\/\S+$/, "");
    turn.textContent = base + " " + (speaker ? speaker.textContent.trim() + " " : "") + "(" + target.id + "). " + url;
    turn.hidden = false;
  }
  window.addEventListener("hashchange", update);
  update();
})();
]]></xsl:variable>

  <xsl:function name="tk:skip-link" as="element()">
    <a class="tk-skip" href="#tk-main">{tk:msg('skip')}</a>
  </xsl:function>

  <xsl:function name="tk:site-nav" as="element()*">
    <!-- The site's sections, the current one marked, then where the page is (a breadcrumb). -->
    <xsl:param name="current" as="xs:string"/>
    <xsl:param name="here" as="xs:string"/>
    <nav class="tk-site-nav" aria-label="{tk:msg('site-nav')}">
      <ul>
        <xsl:for-each select="('index', 'persons', 'places', 'organisations')">
          <li>
            <a href="{.}.html">
              <xsl:if test=". = $current">
                <xsl:attribute name="aria-current" select="'page'"/>
              </xsl:if>
              <xsl:if test=". = 'index' and $current = 'records'">
                <xsl:attribute name="aria-current" select="'true'"/>
              </xsl:if>
              <xsl:value-of select="tk:msg(if (. = 'index') then 'records' else .)"/>
            </a>
          </li>
        </xsl:for-each>
      </ul>
    </nav>
    <xsl:if test="$current ne 'index'">
      <nav class="tk-breadcrumb" aria-label="{tk:msg('breadcrumb')}">
        <ol>
          <li><a href="index.html">{tk:msg('records')}</a></li>
          <li><span aria-current="page">{$here}</span></li>
        </ol>
      </nav>
    </xsl:if>
  </xsl:function>

  <xsl:function name="tk:pager" as="element()?">
    <!-- The pages of a list (the index's years, a register's initials): a link to each, this one marked,
         with the previous and the next page; nothing when the list has one page. With $counts, how many
         records each page holds. Page names come from teikit.publish.paging, escaped all the same. -->
    <xsl:param name="pages" as="element(pages)?"/>
    <xsl:param name="counts" as="xs:boolean"/>
    <xsl:variable name="all" as="element(page)*" select="$pages/page"/>
    <xsl:variable name="at" as="xs:integer?" select="index-of($all/@name ! string(), string($pages/@current))[1]"/>
    <xsl:if test="count($all) gt 1">
      <nav class="tk-pager" aria-label="{tk:msg('pages-nav')}">
        <xsl:if test="exists($at)">
          <ul class="tk-pager-steps">
            <xsl:if test="$at gt 1">
              <li><a rel="prev" href="{encode-for-uri($all[$at - 1]/@name)}">← {tk:msg('prev-page')}</a></li>
            </xsl:if>
            <xsl:if test="$at lt count($all)">
              <li><a rel="next" href="{encode-for-uri($all[$at + 1]/@name)}">{tk:msg('next-page')} →</a></li>
            </xsl:if>
          </ul>
        </xsl:if>
        <ol>
          <xsl:for-each select="$all">
            <li>
              <a href="{encode-for-uri(@name)}">
                <xsl:if test="@name = $pages/@current">
                  <xsl:attribute name="aria-current" select="'page'"/>
                </xsl:if>
                <xsl:value-of select="tk:page-label(., position())"/>
              </a>
              <xsl:if test="$counts">
                <xsl:text> </xsl:text>
                <span class="tk-count">({if (@count = '1') then tk:msg('caption-one') else tk:msg('n-records', string(@count))})</span>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ol>
      </nav>
    </xsl:if>
  </xsl:function>

  <xsl:function name="tk:page-label" as="xs:string">
    <!-- A page of a list as a reader names it: its year or initials ('1949', 'A–C', 'Undated'), then
         its part when its label has several pages ('1949, part 2'); its number when it has no label. -->
    <xsl:param name="page" as="element(page)"/>
    <xsl:param name="number" as="xs:integer"/>
    <xsl:variable name="label" as="xs:string" select="if ($page/@label = 'undated') then tk:msg('undated')
        else if ($page/@label = '') then tk:msg('page', string($number)) else string($page/@label)"/>
    <xsl:sequence select="if (xs:integer($page/@part) gt 0) then tk:msg('part', ($label, string($page/@part))) else $label"/>
  </xsl:function>

  <xsl:function name="tk:record-nav" as="element()">
    <!-- A record's downloads and its neighbours; links are made only from keys of the key scheme. -->
    <nav class="tk-record-nav tk-gen" aria-label="{tk:msg('record-nav')}" data-pagefind-ignore="all">
      <h2 id="tk-downloads">{tk:msg('downloads')}</h2>
      <ul class="tk-downloads">
        <li><a href="tei/{$tk:key-href}.xml" type="application/tei+xml" download="">{tk:msg('dl-tei')}</a></li>
        <li><a href="{$tk:key-href}.txt" type="text/plain" download="">{tk:msg('dl-reading')}</a></li>
        <li><a href="{$tk:key-href}.diplomatic.txt" type="text/plain" download="">{tk:msg('dl-diplomatic')}</a></li>
      </ul>
      <xsl:if test="$prev or $next">
        <ul class="tk-sequence" aria-label="{tk:msg('sequence-nav')}">
          <xsl:if test="$prev">
            <li><a rel="prev" href="{encode-for-uri($prev)}.html">← {tk:msg('prev')}</a></li>
          </xsl:if>
          <xsl:if test="$next">
            <li><a rel="next" href="{encode-for-uri($next)}.html">{tk:msg('next')} →</a></li>
          </xsl:if>
        </ul>
      </xsl:if>
    </nav>
  </xsl:function>

  <xsl:function name="tk:note-lang" as="attribute()?">
    <!-- An editor's note (with @resp, no language of its own) is in the editor's language, that of the
         first text (the translation), also where it stands inside the original: lang says so. -->
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="editor" as="xs:string?" select="(root($note)//tei:text[@xml:lang])[1]/@xml:lang"/>
    <xsl:variable name="own" as="xs:string?" select="$note/ancestor-or-self::*[@xml:lang][1]/@xml:lang"/>
    <xsl:choose>
      <xsl:when test="$note/@xml:lang">
        <xsl:attribute name="lang" select="$note/@xml:lang"/>
      </xsl:when>
      <xsl:when test="$note/@resp and $editor and $own ne $editor">
        <xsl:attribute name="lang" select="$editor"/>
      </xsl:when>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="tk:record-lang" as="attribute()?">
    <!-- The language of a record's own words (its header's values): its first text's. -->
    <xsl:param name="node" as="node()"/>
    <xsl:for-each select="(root($node)//tei:text[@xml:lang])[1]/@xml:lang">
      <xsl:attribute name="lang" select="."/>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="tk:ui-text-label" as="xs:string">
    <!-- 'Translation (English)', 'Перевод (английский)': a text's role and language in the interface
         language (the header's own name of the language where the catalogue has none). -->
    <xsl:param name="text" as="element()"/>
    <xsl:variable name="role" as="xs:string" select="tk:msg(if ($text/@type = ('translation', 'original')) then string($text/@type) else 'text')"/>
    <xsl:variable name="code" as="xs:string?" select="$text/ancestor-or-self::*[@xml:lang][1]/@xml:lang"/>
    <xsl:variable name="name" as="xs:string?" select="if (map:contains($tk:messages, 'lang-' || $code)) then tk:msg('lang-' || $code) else ((root($text)//tei:langUsage/tei:language[@ident = $code])[1] ! replace(normalize-space(.), '\s*\(.*\)$', ''), $code)[1]"/>
    <xsl:sequence select="if ($name) then $role || ' (' || $name || ')' else $role"/>
  </xsl:function>

  <xsl:function name="tk:search-variants" as="element()?">
    <!-- Words of $part (a record's text, or one block of it) with a letter that has no accent to strip
         (Łukasiewicz, Ørsted, Straße), spelt as plain Latin for the full-text index: "lukasiewicz"
         finds "Łukasiewicz". Pagefind folds accents and ё/е itself; these letters it keeps. Hidden: it
         is for the index only. Written after each block of the text, so a hit on the plain spelling
         links to the turn it is in (the index page links a hit to the last id before it); the record's
         whole list ends the page for the notes and registers. -->
    <xsl:param name="part" as="element()"/>
    <!-- Most parts have none of these letters: one look at the whole text, before splitting it into words. -->
    <xsl:variable name="all" as="xs:string" select="string-join(($part/self::tei:TEI/tei:text, $part[not(self::tei:TEI)])//text(), ' ')"/>
    <xsl:variable name="words" as="xs:string*" select="if (not(matches($all, '[łŁøØßæÆœŒđĐðÐþÞı]'))) then () else distinct-values(
        tokenize($all, '[^\p{L}\p{N}]+')[matches(., '[łŁøØßæÆœŒđĐðÐþÞı]')] ! lower-case(.))"/>
    <xsl:if test="exists($words)">
      <span class="tk-search-variants tk-gen" hidden="" aria-hidden="true">{string-join($words ! tk:fold(.), ' ')}</span>
    </xsl:if>
  </xsl:function>

  <xsl:function name="tk:fold" as="xs:string">
    <!-- The plain Latin spelling of the letters tk:search-variants looks for (as search.py's fold). -->
    <xsl:param name="word" as="xs:string"/>
    <xsl:sequence select="translate($word, 'łøđðı', 'loddi') => replace('ß', 'ss') => replace('æ', 'ae') => replace('œ', 'oe') => replace('þ', 'th')"/>
  </xsl:function>

  <xsl:function name="tk:footer" as="element()">
    <xsl:param name="message" as="xs:string"/>
    <footer role="contentinfo"><p>{$message}</p></footer>
  </xsl:function>

  <!-- Shared by every page; appended after a page's own style so its rules win. -->
  <xsl:variable name="tk:site-css" as="xs:string" expand-text="no"><![CDATA[
:root { --focus: #b35c00; --underline: #6b6b6b; }
* { box-sizing: border-box; }
.tk-skip { position: absolute; left: .5rem; top: -10rem; background: #fff; color: var(--link, #0b4f8a); padding: .4rem .8rem; border: 2px solid var(--focus); z-index: 10; font-family: system-ui, sans-serif; }
.tk-skip:focus { top: .5rem; }
a:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible, [tabindex]:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.tk-site-nav, .tk-breadcrumb, .tk-record-nav { font-family: system-ui, sans-serif; font-size: .92rem; }
.tk-site-nav ul, .tk-breadcrumb ol, .tk-record-nav ul { list-style: none; margin: .5rem 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.tk-site-nav a[aria-current] { font-weight: bold; }
.tk-pager { font-family: system-ui, sans-serif; font-size: .92rem; margin: .6rem 0; }
.tk-pager ul, .tk-pager ol { list-style: none; margin: .3rem 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.tk-pager a[aria-current="page"] { font-weight: bold; color: var(--ink, #1b1b1b); }
.tk-pager .tk-count { color: #4d4d4d; }
.tk-breadcrumb ol { gap: .25rem .4rem; color: #4d4d4d; }
.tk-breadcrumb li + li::before { content: "›"; padding-right: .4rem; }
.tk-breadcrumb li { min-width: 0; }
.tk-breadcrumb li:last-child { flex: 1 1 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.tk-record-nav h2 { font-size: 1rem; border: 0; margin: 1rem 0 .2rem; }
.tk-record-nav .tk-sequence { justify-content: space-between; }
.tk-meta dd, .tk-meta dt, td, th, h1, p, li { overflow-wrap: anywhere; }
.tk-meta dl > * { min-width: 0; }
.tk-name { text-decoration-color: var(--underline); }
.tk-backlink { text-decoration: underline; }
.tk-citation { background: #f4f1ea; padding: .4rem .6rem; font-family: system-ui, sans-serif; font-size: .92rem; }
.tk-turn-link { font-family: system-ui, sans-serif; font-size: .8rem; margin-left: .3rem; text-decoration: none; }
.tk-turn-link:hover, .tk-turn-link:focus-visible { text-decoration: underline; }
.tk-sp:target { background: #fff3c4; }
#tk-style-reading:focus-visible ~ header label[for="tk-style-reading"],
#tk-style-diplomatic:focus-visible ~ header label[for="tk-style-diplomatic"],
#tk-view-parallel:focus-visible ~ header label[for="tk-view-parallel"],
#tk-view-translation:focus-visible ~ header label[for="tk-view-translation"],
#tk-view-original:focus-visible ~ header label[for="tk-view-original"] { outline: 3px solid var(--focus); outline-offset: 2px; }
.tk-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 40rem) {
  body { padding-left: .75rem; padding-right: .75rem; }
  table.tk-records, .tk-records tbody, .tk-records tr, .tk-records td { display: block; width: 100%; }
  .tk-records thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .tk-records caption { display: block; text-align: left; }
  .tk-records tr { border-bottom: 1px solid #d0d0d0; padding: .4rem 0; }
  .tk-records td { border: 0; padding: .1rem 0; }
  .tk-records td.summary { display: none; }
}
]]></xsl:variable>
</xsl:stylesheet>
