<?xml version="1.0" encoding="UTF-8"?>
<!--
  html.xsl: the HTML edition, one self-contained page per record.

  A header panel with the record's metadata and participants; then the text,
  translation and original side by side, each unit on the same row as its
  counterpart (@corresp); then the notes. Both text styles are in the page:
  what only the reading style shows carries class "r", what only the
  diplomatic style shows class "d", and a CSS toggle hides one or the other
  (see assets.xsl). TEI that teikit does not know is rendered generically
  (a div or a span with class "tei-NAME"), never refused.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit:xslt"
    xmlns:local="urn:teikit:xslt:local"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="common.xsl"/>
  <xsl:include href="html/assets.xsl"/>
  <xsl:include href="html/coverage.xsl"/>
  <xsl:include href="html/registers.xsl"/>
  <xsl:include href="html/apparatus.xsl"/>
  <xsl:include href="html/tips.xsl"/>
  <xsl:include href="site/layout.xsl"/>
  <xsl:include href="site/facsimile.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" escape-uri-attributes="no" include-content-type="no"/>

  <xsl:mode name="tk:block" on-no-match="shallow-skip" on-multiple-match="fail"/>
  <xsl:mode name="tk:inline" on-no-match="text-only-copy" on-multiple-match="fail"/>

  <xsl:template match="/" as="document-node()">
    <xsl:variable name="tei" as="element()" select="(//tei:TEI, *)[1]"/>
    <xsl:variable name="texts" as="element()*" select="tk:texts($tei)"/>
    <xsl:variable name="main-lang" as="xs:string" select="(tk:lang(($texts, $tei)[1]), 'en')[1]"/>
    <xsl:document>
      <html lang="{tk:ui-lang()}">
        <head>
          <meta charset="UTF-8"/>
          <meta name="viewport" content="width=device-width, initial-scale=1"/>
          <meta name="generator" content="teikit"/>
          <link rel="icon" href="data:,"/>
          <title>{tk:title($tei)}</title>
          <xsl:sequence select="tk:citation-meta()"/>
          <style>{$tk:css}{$tk:tips-css}{$tk:coverage-css}{$tk:site-css}{$tk:facsimile-css}</style>
        </head>
        <body>
          <xsl:sequence select="tk:skip-link()"/>
          <xsl:sequence select="local:toggle('tk-style', 'reading', $style)"/>
          <xsl:sequence select="local:toggle('tk-style', 'diplomatic', $style)"/>
          <xsl:if test="count($texts) gt 1">
            <xsl:for-each select="('parallel', 'translation', 'original')">
              <xsl:sequence select="local:toggle('tk-view', ., $view)"/>
            </xsl:for-each>
          </xsl:if>
          <header role="banner">
            <xsl:if test="$site">
              <xsl:sequence select="tk:site-nav('record', tk:title($tei))"/>
            </xsl:if>
            <h1 lang="{$main-lang}">{tk:title($tei)}</h1>
            <nav class="tk-controls" aria-label="{tk:msg('show')}">
              <fieldset>
                <legend>{tk:msg('text')}</legend>
                <label for="tk-style-reading">{tk:msg('reading')}</label>
                <label for="tk-style-diplomatic">{tk:msg('diplomatic')}</label>
              </fieldset>
              <xsl:if test="count($texts) gt 1">
                <fieldset>
                  <legend>{tk:msg('columns')}</legend>
                  <label for="tk-view-parallel">{tk:msg('side-by-side')}</label>
                  <label for="tk-view-translation">{tk:ui-text-label($texts[1])}</label>
                  <label for="tk-view-original">{tk:ui-text-label($texts[2])}</label>
                </fieldset>
              </xsl:if>
            </nav>
          </header>
          <main id="tk-main" tabindex="-1" data-pagefind-body="">
            <xsl:if test="$site">
              <xsl:sequence select="tk:record-nav()"/>
            </xsl:if>
            <xsl:sequence select="tk:cite-section()"/>
            <xsl:if test="$header">
              <xsl:apply-templates select="$tei/tei:teiHeader" mode="tk:block"/>
            </xsl:if>
            <xsl:sequence select="local:key()"/>
            <section class="tk-edition" aria-labelledby="tk-text-heading" lang="{$main-lang}">
              <h2 id="tk-text-heading" lang="{tk:ui-lang()}">{tk:msg('text')}</h2>
              <div class="tk-rows">
                <xsl:choose>
                  <xsl:when test="count($texts) ge 2">
                    <div class="tk-row tk-pair tk-colheads" aria-hidden="true" lang="{tk:ui-lang()}">
                      <div class="tk-cell tk-translation">{tk:ui-text-label($texts[1])}</div>
                      <div class="tk-cell tk-original">{tk:ui-text-label($texts[2])}</div>
                    </div>
                    <xsl:sequence select="local:rows($texts[1], $texts[2])"/>
                    <xsl:for-each select="subsequence($texts, 3)">
                      <xsl:sequence select="local:single(.)"/>
                    </xsl:for-each>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:sequence select="local:single(($texts, $tei)[1])"/>
                  </xsl:otherwise>
                </xsl:choose>
              </div>
            </section>
            <xsl:sequence select="local:notes($tei)"/>
            <xsl:sequence select="local:apparatus($tei)"/>
            <xsl:sequence select="local:registers($tei)"/>
            <xsl:sequence select="tk:search-variants($tei)"/>
          </main>
          <xsl:sequence select="tk:footer(if ($source-name) then tk:msg('footer-record', $source-name) else tk:msg('footer-site'))"/>
          <script>{$tk:script}<xsl:if test="exists($tk:citation)">{$tk:cite-script}</xsl:if></script>
        </body>
      </html>
    </xsl:document>
  </xsl:template>

  <xsl:function name="local:key" as="element()">
    <!-- The key to the editorial signs of the reading view, in the interface language. -->
    <section class="tk-key" aria-labelledby="tk-key-heading" lang="{tk:ui-lang()}">
      <h2 id="tk-key-heading">{tk:msg('key-heading')}</h2>
      <dl>
        <xsl:for-each select="1 to count($tk:key) idiv 2">
          <dt><span class="tk-sign">{$tk:key[2 * current() - 1]}</span></dt>
          <dd>{$tk:key[2 * current()]}</dd>
        </xsl:for-each>
        <dt><span class="tk-sign">[</span><em>{tk:msg('key-italics-word')}</em><span class="tk-sign">]</span></dt>
        <dd>{tk:msg('key-italics')}</dd>
        <dt><span class="tk-sign">|</span>&#xa0;5</dt>
        <dd>{tk:msg('key-page')}</dd>
        <dt><span class="tk-sign">{tk:msg('key-tab-sign')}</span></dt>
        <dd>{tk:msg('key-tab')}</dd>
      </dl>
    </section>
  </xsl:function>

  <xsl:function name="local:toggle" as="element()">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="value" as="xs:string"/>
    <xsl:param name="chosen" as="xs:string"/>
    <input type="radio" class="tk-toggle" name="{$name}" id="{$name}-{$value}">
      <xsl:if test="$value = $chosen">
        <xsl:attribute name="checked" select="'checked'"/>
      </xsl:if>
    </input>
  </xsl:function>

  <!-- ===== rows of the parallel text ======================================================== -->

  <xsl:function name="local:units" as="element()*">
    <!-- The block-level units of a text, in order: children of front, body, back and divisions, not the
         divisions, nor the registers of the back (rendered as registers). -->
    <xsl:param name="text" as="element()"/>
    <xsl:sequence select="$text/(tei:front | tei:body | tei:back)//*[parent::tei:front or parent::tei:body or parent::tei:back or parent::tei:div][not(self::tei:div)]
                          [not(self::tei:pb or self::tei:lb or self::tei:milestone or self::tei:cb)][not(tk:is-register(.))]"/>
  </xsl:function>

  <xsl:function name="local:rows" as="element()*">
    <!-- One row per translation unit, its counterparts beside it; original units without one get their own row. -->
    <xsl:param name="left" as="element()"/>
    <xsl:param name="right" as="element()"/>
    <xsl:variable name="right-units" as="element()*" select="local:units($right)"/>
    <xsl:variable name="left-units" as="element()*" select="local:units($left)"/>
    <!-- Where each original unit stands, by its xml:id: @corresp points at xml:ids. -->
    <xsl:variable name="index" as="map(xs:string, xs:integer)"
        select="map:merge(for $n in 1 to count($right-units) return $right-units[$n]/@xml:id ! map{string(.): $n}, map{'duplicates': 'use-first'})"/>
    <xsl:variable name="targets" as="array(xs:integer*)"
        select="array:join($left-units ! [sort(distinct-values(tk:pointer-ids(@corresp) ! $index(.)))])"/>
    <xsl:variable name="placed" as="map(xs:integer, xs:boolean)" select="map:merge(array:flatten($targets) ! map{.: true()}, map{'duplicates': 'use-first'})"/>
    <xsl:variable name="left-lang" as="attribute()?" select="local:lang-attribute($left/ancestor-or-self::*[@xml:lang][1])"/>
    <xsl:variable name="right-lang" as="attribute()?" select="local:lang-attribute($right/ancestor-or-self::*[@xml:lang][1])"/>
    <xsl:iterate select="1 to count($left-units)">
      <xsl:param name="last" as="xs:integer" select="0"/>
      <xsl:on-completion>
        <xsl:for-each select="$last + 1 to count($right-units)">
          <xsl:if test="not(map:contains($placed, .))">
            <xsl:sequence select="local:row((), $right-units[current()], $left-lang, $right-lang)"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:on-completion>
      <xsl:variable name="mine" as="xs:integer*" select="$targets(.)"/>
      <xsl:for-each select="$last + 1 to ($mine[1], $last + 1)[1] - 1">
        <xsl:if test="not(map:contains($placed, .))">
          <xsl:sequence select="local:row((), $right-units[current()], $left-lang, $right-lang)"/>
        </xsl:if>
      </xsl:for-each>
      <xsl:sequence select="local:row($left-units[current()], (for $n in $mine return $right-units[$n]), $left-lang, $right-lang)"/>
      <xsl:next-iteration>
        <xsl:with-param name="last" select="max(($last, $mine))"/>
      </xsl:next-iteration>
    </xsl:iterate>
  </xsl:function>

  <xsl:function name="local:row" as="element()">
    <xsl:param name="left-units" as="element()*"/>
    <xsl:param name="right-units" as="element()*"/>
    <xsl:param name="left-lang" as="attribute()?"/>
    <xsl:param name="right-lang" as="attribute()?"/>
    <div class="tk-row tk-pair">
      <div class="tk-cell tk-translation">
        <xsl:sequence select="$left-lang"/>
        <xsl:sequence select="local:blocks($left-units)"/>
      </div>
      <div class="tk-cell tk-original">
        <xsl:sequence select="$right-lang"/>
        <xsl:sequence select="local:blocks($right-units)"/>
      </div>
    </div>
  </xsl:function>

  <xsl:function name="local:cell" as="element()">
    <xsl:param name="units" as="element()*"/>
    <xsl:param name="text" as="element()"/>
    <xsl:param name="class" as="xs:string"/>
    <div class="tk-cell {$class}">
      <xsl:sequence select="local:lang-attribute($text/ancestor-or-self::*[@xml:lang][1])"/>
      <xsl:sequence select="local:blocks($units)"/>
    </div>
  </xsl:function>

  <xsl:function name="local:blocks" as="node()*">
    <!-- Blocks of the text, each followed by the plain spellings of its words for the search index
         (see tk:search-variants), inside the same turn. -->
    <xsl:param name="units" as="element()*"/>
    <xsl:for-each select="$units">
      <xsl:apply-templates select="." mode="tk:block"/>
      <xsl:sequence select="tk:search-variants(.)"/>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="local:single" as="element()*">
    <!-- A text without a counterpart: one cell per row. -->
    <xsl:param name="text" as="element()"/>
    <xsl:variable name="units" as="element()*" select="local:units($text)"/>
    <xsl:variable name="breaks" as="map(xs:string, element()*)" select="local:page-breaks($text, $units)"/>
    <xsl:for-each select="if ($units) then $units else $text/*">
      <div class="tk-row">
        <xsl:sequence select="local:cell((($breaks(generate-id()), .)/.), $text, 'tk-text')"/>
      </div>
    </xsl:for-each>
  </xsl:function>

  <!-- ===== metadata panel ========================================================================== -->

  <xsl:template match="tei:teiHeader" mode="tk:block" as="element()">
    <xsl:variable name="ms" as="element()?" select="(.//tei:msDesc/tei:msIdentifier)[1]"/>
    <xsl:variable name="bibl" as="element()?" select="(.//tei:sourceDesc/tei:bibl)[1][normalize-space()]"/>
    <xsl:variable name="languages" as="element()*" select=".//tei:profileDesc/tei:langUsage/tei:language"/>
    <section class="tk-meta" aria-labelledby="tk-about">
      <xsl:sequence select="tk:record-lang(.)"/>
      <h2 id="tk-about" lang="{tk:ui-lang()}">{tk:msg('about')}</h2>
      <dl>
        <xsl:for-each select="(.//tei:profileDesc/tei:creation/tei:date, .//tei:correspAction[@type = 'sent']/tei:date)[1]">
          <dt lang="{tk:ui-lang()}">{tk:msg('date')}</dt>
          <dd><xsl:sequence select="local:date(.)"/></dd>
        </xsl:for-each>
        <xsl:if test="$ms">
          <dt lang="{tk:ui-lang()}">{tk:msg('reference')}</dt>
          <dd>{string-join((normalize-space(($ms/tei:repository, $ms/tei:institution)[1]), $ms/tei:settlement ! normalize-space(.),
              $ms/tei:idno ! ((if (@type = ('fond', 'opis', 'delo')) then @type || ' ' else '') || normalize-space(.)),
              (.//tei:msItem/tei:locus)[1] ! ('leaves ' || @from || (if (@to and @to ne @from) then '–' || @to else '')))[.], ', ')}</dd>
        </xsl:if>
        <xsl:if test="$bibl">
          <dt lang="{tk:ui-lang()}">{tk:msg('citation')}</dt>
          <dd>
            <xsl:apply-templates select="$bibl/(text() | * except (tei:availability, tei:note, tei:idno, tei:date[@type = 'uploaded']))" mode="tk:inline"/>
          </dd>
        </xsl:if>
        <xsl:for-each select=".//tei:titleStmt/tei:respStmt[tei:persName or tei:orgName or tei:name]">
          <dt>{normalize-space(tei:resp[1])}</dt>
          <dd>{string-join((tei:persName, tei:orgName, tei:name) ! normalize-space(.), ', ')}</dd>
        </xsl:for-each>
        <xsl:for-each select=".//tei:profileDesc/tei:abstract">
          <dt lang="{tk:ui-lang()}">{tk:msg('summary')}</dt>
          <dd><xsl:apply-templates select="node()" mode="tk:inline"/></dd>
        </xsl:for-each>
        <xsl:if test="$languages">
          <dt lang="{tk:ui-lang()}">{tk:msg('languages')}</dt>
          <dd>{string-join($languages ! normalize-space(.), '; ')}</dd>
        </xsl:if>
      </dl>
      <xsl:variable name="people" as="element()*" select=".//tei:particDesc//tei:person"/>
      <xsl:if test="$people">
        <h3 id="tk-participants" lang="{tk:ui-lang()}">{tk:msg('participants')}</h3>
        <ul class="tk-participants">
          <xsl:for-each select="$people">
            <li>
              <xsl:call-template name="local:id"/>
              <strong class="tk-person">{tk:person-label(.)}</strong>
              <xsl:for-each select="tei:persName[not(@type)][position() gt 1]">
                <xsl:text> · </xsl:text>
                <span>
                  <xsl:call-template name="local:lang"/>
                  <xsl:value-of select="normalize-space(.)"/>
                </span>
              </xsl:for-each>
              <xsl:for-each select="tei:persName[@type = 'alias']">
                <xsl:text> (</xsl:text>
                <span>
                  <xsl:call-template name="local:lang"/>
                  <xsl:value-of select="normalize-space(.)"/>
                </span>
                <xsl:text>)</xsl:text>
              </xsl:for-each>
              <xsl:if test="@role">
                <xsl:text> </xsl:text>
                <span class="tk-roles">{tk:roles(.)}</span>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:variable name="named" as="element()*" select="(.//tei:sourceDesc//tei:person, .//tei:sourceDesc//tei:place, .//tei:sourceDesc//tei:org)[@xml:id]"/>
      <xsl:if test="$named">
        <h3 id="tk-named" lang="{tk:ui-lang()}">{tk:msg('named')}</h3>
        <ul class="tk-names">
          <xsl:for-each select="$named">
            <li>
              <xsl:call-template name="local:id"/>
              <xsl:value-of select="string-join((tei:persName, tei:placeName, tei:orgName) ! normalize-space(.), ' / ')"/>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template name="local:id">
    <!-- The context element's xml:id as the HTML id (a template: it writes the attribute in place). -->
    <xsl:if test="@xml:id">
      <xsl:attribute name="id" select="@xml:id"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="local:lang">
    <!-- The context element's xml:lang as the HTML lang. -->
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang" select="@xml:lang"/>
    </xsl:if>
  </xsl:template>

  <xsl:function name="local:lang-attribute" as="attribute()?">
    <xsl:param name="e" as="element()?"/>
    <xsl:if test="$e/@xml:lang">
      <xsl:attribute name="lang" select="$e/@xml:lang"/>
    </xsl:if>
  </xsl:function>

  <xsl:function name="local:date" as="node()*">
    <xsl:param name="date" as="element()"/>
    <xsl:choose>
      <xsl:when test="$date/@when castable as xs:date or $date/@when castable as xs:gYear">
        <time datetime="{$date/@when}">{normalize-space($date)}</time>
      </xsl:when>
      <xsl:otherwise>{normalize-space($date)}</xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- ===== blocks ===================================================================================== -->

  <!-- Containers: rendered as blocks when met at block level, whatever their namespace. Named one by
       one, not by a predicate: a predicate would be tried on every element before its own rule. -->
  <xsl:template match="*:body | *:front | *:back | *:group | *:div | *:div1 | *:div2 | *:div3 | *:div4 | *:postscript | *:floatingText | *:lg | *:figure | *:listBibl" mode="tk:block" as="element()">
    <div class="tei-{local-name()}">
      <xsl:call-template name="local:id"/>
      <xsl:apply-templates select="*" mode="tk:block"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:head" mode="tk:block" as="element()">
    <h3 class="tk-head">
      <xsl:call-template name="local:id"/>
      <xsl:choose>
        <xsl:when test="@rend = 'letter-spaced'">
          <span class="r tk-letter-spaced">{normalize-space(.)}</span>
          <span class="d">{tk:letter-spaced(string(.))}</span>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="tk:inline"/>
        </xsl:otherwise>
      </xsl:choose>
    </h3>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab | tei:l | tei:stage | tei:trailer | tei:byline | tei:dateline | tei:salute | tei:signed | tei:label"
                mode="tk:block" as="element()">
    <p class="tk-{local-name()}">
      <xsl:call-template name="local:id"/>
      <xsl:apply-templates mode="tk:inline"/>
    </p>
  </xsl:template>

  <xsl:template match="tei:opener | tei:closer" mode="tk:block" as="element()">
    <div class="tk-{local-name()}">
      <xsl:call-template name="local:id"/>
      <xsl:call-template name="local:editorial"/>
      <p>
        <xsl:call-template name="local:decorated"/>
      </p>
    </div>
  </xsl:template>

  <xsl:template match="tei:sp" mode="tk:block" as="element()">
    <xsl:variable name="first" as="element()?" select="*[self::tei:p or self::tei:ab][1]"/>
    <div class="tk-sp">
      <xsl:call-template name="local:id"/>
      <p class="tk-turn">
        <xsl:apply-templates select="if ($first) then $first/preceding-sibling::node() else node()" mode="tk:inline"/>
        <xsl:if test="$first">
          <xsl:text> </xsl:text>
          <xsl:apply-templates select="$first/node()" mode="tk:inline"/>
        </xsl:if>
      </p>
      <xsl:apply-templates select="$first/following-sibling::*" mode="tk:block"/>
      <xsl:sequence select="tk:turn-link(@xml:id)"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:list" mode="tk:block" as="element()">
    <!-- The items keep their printed markers (a), •, 1.) in the text, so the list shows none of its own. -->
    <ul class="tk-list">
      <xsl:call-template name="local:id"/>
      <xsl:for-each select="tei:item">
        <li><xsl:call-template name="local:id"/><xsl:apply-templates mode="tk:inline"/></li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:template match="tei:quote | tei:q | tei:note | tei:figure/tei:figDesc" mode="tk:block" as="element()">
    <p class="tk-{local-name()}">
      <xsl:apply-templates select="." mode="tk:inline"/>
    </p>
  </xsl:template>

  <xsl:template match="tei:pb | tei:lb | tei:milestone | tei:cb" mode="tk:block" as="element()*">
    <xsl:apply-templates select="." mode="tk:inline"/>
  </xsl:template>

  <xsl:template match="*" mode="tk:block" as="element()" priority="-1">
    <!-- Anything else at block level: a generic block keeping its name as a class. -->
    <div class="tei-{local-name()}">
      <xsl:call-template name="local:id"/>
      <xsl:choose>
        <xsl:when test="text()[normalize-space()] or not(*)">
          <p><xsl:apply-templates mode="tk:inline"/></p>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="*" mode="tk:block"/>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <!-- ===== inline ======================================================================================= -->

  <xsl:function name="local:text-by-style" as="node()*">
    <!-- Text that differs by style: once if the same, else a reading and a diplomatic span. -->
    <xsl:param name="reading" as="xs:string"/>
    <xsl:param name="diplomatic" as="xs:string"/>
    <xsl:choose>
      <xsl:when test="$reading = $diplomatic">
        <xsl:if test="$reading"><span class="tk-sign">{$reading}</span></xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="$reading"><span class="r tk-sign">{$reading}</span></xsl:if>
        <xsl:if test="$diplomatic"><span class="d tk-sign">{$diplomatic}</span></xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:template name="local:decorated">
    <!-- The context element's content with each style's signs before and after it (written straight
         to the output: a function would build the content apart, then copy it). -->
    <xsl:variable name="reading" as="xs:string+" select="tk:signs(., 'reading')"/>
    <xsl:variable name="diplomatic" as="xs:string+" select="tk:signs(., 'diplomatic')"/>
    <xsl:sequence select="local:text-by-style($reading[1], $diplomatic[1])"/>
    <xsl:apply-templates mode="tk:inline"/>
    <xsl:sequence select="local:text-by-style($reading[2], $diplomatic[2])"/>
  </xsl:template>

  <xsl:template name="local:editorial">
    <!-- An intervention of the editors or translator: reachable from the keyboard, and hover or focus
         says what it is and who made it (@resp; see html/tips.xsl). -->
    <xsl:if test="tk:is-editorial(.)">
      <xsl:call-template name="tk:described">
        <xsl:with-param name="tip" select="tk:tip(.)"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:function name="local:class" as="xs:string">
    <!-- 'r' or 'd' for content one style leaves out, '' otherwise. -->
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="reading" as="xs:boolean" select="tk:hidden($e, 'reading')"/>
    <xsl:variable name="diplomatic" as="xs:boolean" select="tk:hidden($e, 'diplomatic')"/>
    <xsl:sequence select="if ($reading and $diplomatic) then 'none' else if ($reading) then 'd' else if ($diplomatic) then 'r' else ''"/>
  </xsl:function>

  <xsl:template match="*" mode="tk:inline" as="element()" priority="-1">
    <span class="tei-{local-name()}">
      <xsl:call-template name="local:lang"/>
      <xsl:apply-templates mode="tk:inline"/>
    </span>
  </xsl:template>

  <!-- The elements the two styles print differently (see common.xsl). -->
  <xsl:template match="tei:choice/* | tei:ex | tei:supplied | tei:gloss | tei:note | tei:closer | tei:unclear | tei:sic | tei:pc
                       | tei:vocal | tei:kinesic | tei:incident | tei:stage | tei:certainty"
                mode="tk:inline" as="node()*" priority="-0.75">
    <xsl:variable name="class" as="xs:string" select="local:class(.)"/>
    <xsl:if test="$class ne 'none'">
      <span class="{string-join(('tei-' || local-name(), $class[.]), ' ')}">
        <xsl:call-template name="local:lang"/>
        <xsl:call-template name="local:editorial"/>
        <xsl:call-template name="local:decorated"/>
      </span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:persName[@ref] | tei:placeName[@ref] | tei:orgName[@ref] | tei:name[@ref] | tei:rs[@ref]" mode="tk:inline" as="element()">
    <xsl:variable name="href" as="xs:string?" select="tk:link(@ref)"/>
    <xsl:choose>
      <xsl:when test="exists($href)">
        <a class="tk-name tei-{local-name()}" href="{$href}">
          <xsl:apply-templates mode="tk:inline"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="tk-name tei-{local-name()}"><xsl:apply-templates mode="tk:inline"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:speaker" mode="tk:inline" as="element()">
    <xsl:variable name="href" as="xs:string?" select="tk:link(parent::tei:sp/@who)"/>
    <xsl:choose>
      <xsl:when test="exists($href)">
        <a class="tk-speaker" href="{$href}"><xsl:apply-templates mode="tk:inline"/></a>
      </xsl:when>
      <xsl:otherwise>
        <strong class="tk-speaker"><xsl:apply-templates mode="tk:inline"/></strong>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:hi[tokenize(@rend) = ('italic', 'i')] | tei:emph | tei:hi[not(@rend)]" mode="tk:inline" as="element()">
    <em><xsl:apply-templates mode="tk:inline"/></em>
  </xsl:template>

  <xsl:template match="tei:hi[tokenize(@rend) = ('bold', 'b')]" mode="tk:inline" as="element()">
    <strong><xsl:apply-templates mode="tk:inline"/></strong>
  </xsl:template>

  <xsl:template match="tei:hi[tokenize(@rend) = ('sup', 'superscript')]" mode="tk:inline" as="element()">
    <sup><xsl:apply-templates mode="tk:inline"/></sup>
  </xsl:template>

  <xsl:template match="tei:lb" mode="tk:inline" as="element()">
    <br/>
  </xsl:template>

  <xsl:template match="tei:pb" mode="tk:inline" as="element()+">
    <!-- The page number is printed in the margin; screen readers hear "Page 5" (or "page break"). -->
    <xsl:variable name="n" as="xs:string?" select="tk:page-number(.)"/>
    <span class="tk-pb" data-pagefind-ignore="">
      <span class="tk-visually-hidden" lang="{tk:ui-lang()}">{if (exists($n)) then tk:msg('page', $n) else tk:msg('page-break')}</span>
      <xsl:if test="exists($n)"><span class="tk-pb-label" aria-hidden="true">{$n}</span></xsl:if>
    </span>
    <xsl:sequence select="tk:facsimile(., tk:msg('page', ($n, '')[1]))"/>
  </xsl:template>

  <xsl:template match="tei:milestone | tei:cb | tei:fw" mode="tk:inline" as="empty-sequence()"/>

  <xsl:template match="tei:gap" mode="tk:inline" as="element()?">
    <xsl:variable name="reading" as="xs:string" select="tk:gap-text(., 'reading')"/>
    <xsl:variable name="diplomatic" as="xs:string" select="tk:gap-text(., 'diplomatic')"/>
    <xsl:if test="$reading or $diplomatic">
      <span class="tk-gap">
        <xsl:call-template name="tk:described">
          <xsl:with-param name="tip" select="tk:tip(.)"/>
        </xsl:call-template>
        <xsl:sequence select="local:text-by-style($reading, $diplomatic)"/>
      </span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:abbr" mode="tk:inline" as="node()*">
    <xsl:variable name="class" as="xs:string" select="local:class(.)"/>
    <xsl:choose>
      <xsl:when test="$class = 'none'"/>
      <xsl:when test="parent::tei:choice/tei:expan[tei:ex] and tei:am">
        <!-- comr. beside comr[ade]: only the reading text could show it, and it shows the expansion. -->
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="reading" as="xs:string+" select="tk:signs(., 'reading')"/>
        <xsl:variable name="diplomatic" as="xs:string+" select="tk:signs(., 'diplomatic')"/>
        <xsl:variable name="expansion" as="xs:string" select="normalize-space(string-join(parent::tei:choice/tei:expan/(text() | * except tei:note)))"/>
        <abbr class="{string-join(('tei-abbr', $class[.]), ' ')}">
          <!-- The expansion, which the diplomatic view does not print, on focus as on hover. -->
          <xsl:if test="tk:is-editorial(.) or $expansion">
            <xsl:call-template name="tk:described">
              <xsl:with-param name="tip" select="if (tk:is-editorial(.)) then tk:tip(.) else tk:msg('in-full', $expansion)"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:sequence select="local:text-by-style($reading[1], $diplomatic[1])"/>
          <xsl:apply-templates mode="tk:inline"/>
          <xsl:sequence select="local:text-by-style($reading[2], $diplomatic[2])"/>
        </abbr>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:supplied | tei:unclear | tei:gloss | tei:stamp | tei:metamark | tei:sic | tei:corr" mode="tk:inline" as="element()?">
    <xsl:variable name="class" as="xs:string" select="local:class(.)"/>
    <xsl:if test="$class ne 'none'">
      <span class="{string-join(('tk-' || local-name(), $class[.]), ' ')}">
        <xsl:call-template name="tk:described">
          <xsl:with-param name="tip" select="tk:tip(.)"/>
        </xsl:call-template>
        <xsl:call-template name="local:decorated"/>
      </span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:signed[@hand] | tei:add[@hand] | tei:date[ancestor::*[@hand]]" mode="tk:inline" as="element()">
    <span class="tk-hand tei-{local-name()}">
      <xsl:call-template name="tk:described">
        <xsl:with-param name="tip" select="tk:msg('handwritten')"/>
      </xsl:call-template>
      <xsl:apply-templates mode="tk:inline"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:ref[@target]" mode="tk:inline" as="element()">
    <xsl:variable name="target" as="xs:string" select="tokenize(normalize-space(@target))[1]"/>
    <a href="{if (matches($target, '^(https?:|#)')) then $target else '#'}"><xsl:apply-templates mode="tk:inline"/></a>
  </xsl:template>

  <xsl:function name="local:noteref" as="element()">
    <!-- A note marker of the reading ('r') or diplomatic ('d') view, linking to note $n; only a note's
         first marker carries the id its back-link returns to. -->
    <xsl:param name="view" as="xs:string"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:param name="shown" as="xs:string"/>
    <xsl:param name="label" as="xs:anyAtomicType"/>
    <xsl:param name="id" as="xs:string?"/>
    <sup class="tk-fnref {$view}">
      <a href="#tk-fn-{$n}" role="doc-noteref" aria-label="{tk:msg('note-ref', string($label))}">
        <xsl:if test="exists($id)">
          <xsl:attribute name="id" select="$id"/>
        </xsl:if>
        <xsl:sequence select="$shown"/>
      </a>
    </sup>
  </xsl:function>

  <xsl:template match="tei:ref[@type = 'note']" mode="tk:inline" as="node()*" priority="1">
    <!-- A second marker of a note already printed: the same number, linking to the same note. -->
    <xsl:variable name="n" as="xs:integer?" select="tk:referenced-note(.) ! $tk:numbers(generate-id())"/>
    <xsl:choose>
      <xsl:when test="empty($n)">
        <xsl:next-match/>
      </xsl:when>
      <xsl:when test="not(matches(normalize-space(), '^\d*$'))">
        <!-- A cross-reference in words ("see the first note"): the words, then the note's marker. -->
        <xsl:apply-templates mode="tk:inline"/>
        <xsl:sequence select="local:noteref('r', $n, string($n), $n, ())"/>
        <xsl:sequence select="local:noteref('d', $n, '[' || $n || ']', $n, ())"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="local:noteref('r', $n, string($n), $n, ())"/>
        <xsl:sequence select="local:noteref('d', $n, '[' || normalize-space() || ']', $n, ())"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:note" mode="tk:inline" as="node()*">
    <xsl:variable name="n" as="xs:integer?" select="$tk:numbers(generate-id())"/>
    <xsl:choose>
      <xsl:when test="not(tk:is-note(.)) or empty($n)">
        <span class="tk-note-inline tk-note-{(@type, 'editorial')[1]}">
          <xsl:sequence select="tk:note-lang(.)"/>
          <xsl:call-template name="local:editorial"/>
          <xsl:call-template name="local:decorated"/>
        </span>
      </xsl:when>
      <xsl:when test="tk:is-foot(.)">
        <xsl:sequence select="local:noteref('r', $n, string($n), $n, 'tk-fnref-' || $n)"/>
        <xsl:sequence select="local:noteref('d', $n, '[' || (@n, $n)[1] || ']', ($n, @n)[last()], 'tk-fnref-d-' || $n)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="local:noteref('r', $n, string($n), $n, 'tk-fnref-' || $n)"/>
        <span class="tk-note-inline d">
          <xsl:sequence select="tk:note-lang(.)"/>
          <xsl:call-template name="local:decorated"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab | tei:list | tei:item | tei:quote | tei:q | tei:lg | tei:l | tei:figure | tei:table" mode="tk:inline" as="element()" priority="-0.5">
    <!-- Blocks met inside running text (a list in a note, a paragraph in a note) stay phrasing content. -->
    <span class="tei-{local-name()}"><xsl:apply-templates mode="tk:inline"/></span>
  </xsl:template>

  <xsl:template match="tei:teiHeader | tei:facsimile | tei:standOff" mode="tk:inline" as="empty-sequence()"/>

  <!-- ===== notes ============================================================================================ -->

  <xsl:function name="local:notes" as="element()?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="notes" as="element()*" select="$tei//tei:note[tk:is-note(.)]"/>
    <xsl:if test="$notes">
      <section class="tk-notes" aria-labelledby="tk-notes-heading">
        <h2 id="tk-notes-heading">{tk:msg('notes')}</h2>
        <ol>
          <xsl:for-each select="$notes">
            <xsl:variable name="n" as="xs:integer" select="$tk:numbers(generate-id())"/>
            <li id="tk-fn-{$n}" value="{$n}">
              <xsl:if test="not(tk:is-foot(.))">
                <xsl:attribute name="class" select="'r'"/>
              </xsl:if>
              <xsl:sequence select="(tk:note-lang(.), local:lang-attribute((ancestor-or-self::*[@xml:lang])[last()]))[1]"/>
              <xsl:if test="@place[not(. = ('foot', 'end', 'inline'))]">
                <span class="tk-note-place tk-gen">{@place}: </span>
              </xsl:if>
              <xsl:apply-templates select="node()" mode="tk:inline"/>
              <a class="tk-backlink r" href="#tk-fnref-{$n}" aria-label="{tk:msg('back')}">↩</a>
              <xsl:if test="tk:is-foot(.)">
                <a class="tk-backlink d" href="#tk-fnref-d-{$n}" aria-label="{tk:msg('back')}">↩</a>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:function>
</xsl:stylesheet>
