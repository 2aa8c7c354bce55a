<?xml version="1.0" encoding="UTF-8"?>
<!--
  coverage.xsl: the HTML rules for element families of TEI written by other
  projects (see common/policy.xsl): lists with heads and labels, tables,
  figures and graphics, letterheads and addresses, hi/@rend, names that point
  with @corresp or @key-less @target, glosses as written, pointers.
  Included by html.xsl, so these rules sit beside its own and outrank its
  generic fallbacks by priority alone.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit:xslt"
    xmlns:local="urn:teikit:xslt:local"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- ===== lists, tables, figures ============================================================== -->

  <xsl:template match="tei:list[tei:head or tei:label or *[not(self::tei:item)]]" mode="tk:block" as="element()" priority="0.5">
    <!-- A list with a head ("PRESENT", "SUBJECT") or labels (a glossary): the head above, each label
         beside its item. -->
    <div class="tk-list-block tk-list-{(@type, 'plain')[1] => replace('[^\w-]', '')}">
      <xsl:call-template name="local:id"/>
      <xsl:apply-templates select="tei:head" mode="tk:block"/>
      <ul class="tk-list">
        <xsl:for-each select="* except tei:head">
          <xsl:choose>
            <xsl:when test="self::tei:label and following-sibling::*[1][self::tei:item]"/>
            <xsl:otherwise>
              <li>
                <xsl:call-template name="local:id"/>
                <xsl:for-each select="preceding-sibling::*[1][self::tei:label][current()/self::tei:item]">
                  <strong class="tk-item-label"><xsl:apply-templates mode="tk:inline"/></strong>
                  <xsl:text> </xsl:text>
                </xsl:for-each>
                <xsl:apply-templates mode="tk:inline"/>
              </li>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </ul>
    </div>
  </xsl:template>

  <xsl:template match="tei:table" mode="tk:block" as="element()" priority="0.5">
    <div class="tk-table">
      <xsl:call-template name="local:id"/>
      <table>
        <xsl:for-each select="tei:head">
          <caption><xsl:apply-templates mode="tk:inline"/></caption>
        </xsl:for-each>
        <xsl:for-each select="tei:row">
          <tr>
            <xsl:for-each select="tei:cell">
              <xsl:element name="{if (@role = 'label' or parent::tei:row/@role = 'label') then 'th' else 'td'}">
                <xsl:if test="@cols"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
                <xsl:if test="@rows"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
                <xsl:apply-templates mode="tk:inline"/>
              </xsl:element>
            </xsl:for-each>
          </tr>
        </xsl:for-each>
      </table>
    </div>
  </xsl:template>

  <xsl:template match="tei:figure" mode="tk:block" as="element()" priority="0.5">
    <figure class="tk-figure">
      <xsl:call-template name="local:id"/>
      <xsl:apply-templates select="* except (tei:head, tei:figDesc)" mode="tk:block"/>
      <xsl:if test="tei:head or tei:figDesc">
        <figcaption>
          <xsl:for-each select="tei:head | tei:figDesc">
            <span class="tk-{local-name()}"><xsl:apply-templates mode="tk:inline"/></span>
            <xsl:text> </xsl:text>
          </xsl:for-each>
        </figcaption>
      </xsl:if>
    </figure>
  </xsl:template>

  <xsl:template match="tei:graphic" mode="tk:block tk:inline" as="element()" priority="0.5">
    <!-- The page is self-contained and loads nothing: a graphic is named, linked when its URL is a web
         address or a local image the site copied (site/facsimile.xsl), not fetched. -->
    <xsl:variable name="url" as="xs:string" select="normalize-space(@url)"/>
    <span class="tk-graphic tk-gen" role="img" aria-label="image {$url}">
      <xsl:choose>
        <xsl:when test="matches($url, '^https?:')"><a href="{$url}">image: {$url}</a></xsl:when>
        <xsl:when test="$site and exists($tk:facsimile-copies($url))"><a href="{$tk:facsimile-copies($url)}">image: {$url}</a></xsl:when>
        <xsl:otherwise>image: {$url}</xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <xsl:template match="tei:lg" mode="tk:block" as="element()" priority="0.5">
    <div class="tk-lg">
      <xsl:call-template name="local:id"/>
      <xsl:apply-templates select="*" mode="tk:block"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:item/tei:list" mode="tk:inline" as="element()" priority="0.5">
    <!-- A list inside an item stays a list. -->
    <xsl:apply-templates select="." mode="tk:block"/>
  </xsl:template>

  <!-- ===== letterheads, addresses ================================================================ -->

  <xsl:template match="tei:seg[@type = 'letterhead'] | tei:addrLine" mode="tk:inline" as="element()" priority="0.5">
    <span class="tk-line tei-{local-name()}">
      <xsl:call-template name="local:lang"/>
      <xsl:apply-templates mode="tk:inline"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:seg[@rend = ('left', 'right', 'center')]" mode="tk:inline" as="element()" priority="0.45">
    <!-- Below a letterhead's rule: a letterhead aligned as a whole is still a line. -->
    <span class="tk-align-{@rend}">
      <xsl:apply-templates mode="tk:inline"/>
    </span>
  </xsl:template>

  <!-- ===== highlighting, names, glosses, pointers ========================================================== -->

  <xsl:template match="tei:hi[@rend]" mode="tk:inline" as="element()" priority="0.25">
    <!-- Renditions html.xsl does not name (underline, strikethrough, small caps, pre-print ...): a span whose
         classes carry them, styled where teikit knows the word. -->
    <span class="tei-hi {tokenize(@rend) ! ('tk-rend-' || replace(., '[^\w-]', ''))}">
      <xsl:apply-templates mode="tk:inline"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:persName[@corresp][not(@ref)] | tei:placeName[@corresp][not(@ref)] | tei:orgName[@corresp][not(@ref)]
                       | tei:name[@corresp][not(@ref)] | tei:rs[@corresp][not(@ref)] | tei:term[@target] | tei:term[@corresp]"
                mode="tk:inline" as="element()" priority="0.5">
    <!-- FRUS and others point a name at its register entry with @corresp. -->
    <xsl:sequence select="local:name-link(., tk:link((@corresp, @target)[1]))"/>
  </xsl:template>

  <xsl:template match="tei:gloss[@target]" mode="tk:inline" as="element()" priority="0.5">
    <!-- A gloss pointing at a term (FRUS: <gloss target="#t_USSR1">USSR</gloss>) is the document's own word:
         shown as written, linked to the term. -->
    <xsl:sequence select="local:name-link(., tk:link(@target))"/>
  </xsl:template>

  <xsl:function name="local:name-link" as="element()">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="href" as="xs:string?"/>
    <xsl:choose>
      <xsl:when test="exists($href)">
        <a class="tk-name tei-{local-name($e)}" href="{$href}">
          <xsl:if test="$e/@xml:id"><xsl:attribute name="id" select="$e/@xml:id"/></xsl:if>
          <xsl:apply-templates select="$e/node()" mode="tk:inline"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="tk-name tei-{local-name($e)}">
          <xsl:if test="$e/@xml:id"><xsl:attribute name="id" select="$e/@xml:id"/></xsl:if>
          <xsl:apply-templates select="$e/node()" mode="tk:inline"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:template match="tei:persName[@xml:id][not(@ref)] | tei:placeName[@xml:id][not(@ref)] | tei:orgName[@xml:id][not(@ref)]
                       | tei:term[@xml:id] | tei:name[@xml:id][not(@ref)]" mode="tk:inline" as="element()" priority="0.4">
    <!-- An entry of a list in the front or back (FRUS's persons and terms): the target of the names and glosses. -->
    <xsl:sequence select="local:name-link(., ())"/>
  </xsl:template>

  <xsl:template match="tei:ref[starts-with(normalize-space(@target), '#')]" mode="tk:inline" as="element()" priority="0.6">
    <!-- A link within the document: to a note's place in the notes section, to an element the page shows
         with its id, or, when the target is not in this file (another document of a volume), the words
         without a link. -->
    <xsl:variable name="target" as="element()?" select="tk:target(@target)[1]"/>
    <xsl:choose>
      <xsl:when test="$target[self::tei:note][tk:is-note(.)]">
        <a href="#tk-fn-{$tk:numbers(generate-id($target))}"><xsl:apply-templates mode="tk:inline"/></a>
      </xsl:when>
      <xsl:when test="exists($target)">
        <a href="#{$target/@xml:id}"><xsl:apply-templates mode="tk:inline"/></a>
      </xsl:when>
      <xsl:otherwise>
        <span class="tk-ref" title="{normalize-space(@target)}: not in this file"><xsl:apply-templates mode="tk:inline"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:ptr[@target]" mode="tk:inline tk:block" as="element()" priority="0.5">
    <!-- A pointer has no words of its own: its target is shown, marked as the edition's. -->
    <xsl:variable name="target" as="xs:string" select="tokenize(normalize-space(@target))[1]"/>
    <a class="tk-ptr tk-gen" href="{if (matches($target, '^(https?:|#)')) then $target else '#'}">{$target}</a>
  </xsl:template>

  <xsl:variable name="tk:coverage-css" as="xs:string" expand-text="no"><![CDATA[
.tk-list-block .tk-head { text-align: left; font-size: 1rem; margin: .6rem 0 .2rem; }
.tk-item-label { font-weight: bold; }
.tk-table table { border-collapse: collapse; margin: .5rem 0; }
.tk-table td, .tk-table th { border: 1px solid var(--rule); padding: .15rem .5rem; vertical-align: top; }
.tk-figure { margin: .5rem 0; }
.tk-graphic { font-family: system-ui, sans-serif; font-size: .85rem; color: var(--muted); }
.tk-lg { margin: .6rem 0; }
.tk-lg .tk-l { margin: 0; }
.tk-line { display: block; }
.tk-opener .tei-dateline, .tk-opener .tei-salute, .tk-opener .tei-signed,
.tk-closer .tei-dateline, .tk-closer .tei-salute, .tk-closer .tei-signed { display: block; }
.tk-align-right { float: right; }
.tk-align-center { display: block; text-align: center; }
.tk-line::after { content: ""; display: table; clear: both; }
.tk-rend-underline { text-decoration: underline; }
.tk-rend-strikethrough, .tk-rend-overstrike { text-decoration: line-through; }
.tk-rend-smallcaps, .tk-rend-small-caps { font-variant: small-caps; }
.tk-rend-sub, .tk-rend-subscript { vertical-align: sub; font-size: .8em; }
.tk-rend-pre-print { font-family: system-ui, sans-serif; letter-spacing: .03em; }
.tk-rend-strong { font-weight: bold; }
.tk-rend-spaced, .tk-rend-letter-spaced { letter-spacing: .3em; }
.tk-ptr { font-family: system-ui, sans-serif; font-size: .9em; }
.tk-registers .tk-entry { margin-bottom: .3rem; }
.tk-registers .tk-entry :is(span) + span { margin-left: .35em; }
.tk-field-label { color: var(--muted); font-size: .85em; font-family: system-ui, sans-serif; }
.tk-registers li:target, .tk-apparatus li:target, .tk-text [id]:target { background: #fff3c4; }
.tk-appref { font-size: .75em; line-height: 0; }
.tk-wit { font-style: italic; color: var(--muted); font-family: system-ui, sans-serif; font-size: .85em; }
.tei-front, .tei-back { margin: .5rem 0; }
.tei-del { text-decoration: line-through; }
]]></xsl:variable>
</xsl:stylesheet>
