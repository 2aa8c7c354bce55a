<?xml version="1.0" encoding="UTF-8"?>
<!--
  text.xsl: a plain-text edition, reading or diplomatic ($style).

  One block per paragraph, blocks separated by a blank line; a speaker turn
  starts with its label ("Comrade Stalin: …"). The reading text applies
  expansions and regularised names and gathers the notes, numbered, at the
  end of each text. The diplomatic text prints the transcript's own
  conventions (see common.xsl), so that, with $header false, it gives back the
  words and signs of the transcript's body.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit:xslt"
    xmlns:local="urn:teikit:xslt:local"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="common.xsl"/>
  <xsl:include href="text/coverage.xsl"/>
  <xsl:include href="common/i18n.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:mode name="tk:blocks" on-no-match="shallow-skip" on-multiple-match="fail"/>
  <xsl:mode name="tk:plain" on-no-match="shallow-skip" on-multiple-match="fail"/>

  <!-- Sentinels for breaks inside a block, resolved by local:fold (which names the same two characters
       as literal patterns). -->
  <xsl:variable name="local:line" as="xs:string" select="'&#x2028;'"/>
  <xsl:variable name="local:page" as="xs:string" select="'&#x2029;'"/>

  <xsl:template match="/" as="xs:string">
    <xsl:variable name="tei" as="element()" select="(//tei:TEI, *)[1]"/>
    <xsl:variable name="texts" as="element()*" select="tk:texts($tei)"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:if test="$header">
        <xsl:sequence select="local:header($tei)"/>
      </xsl:if>
      <xsl:for-each select="if ($texts) then $texts else $tei">
        <xsl:if test="$header and count($texts) gt 1">
          <xsl:sequence select="'— ' || tk:text-label(.) || ' —'"/>
        </xsl:if>
        <xsl:apply-templates select="." mode="tk:blocks"/>
        <xsl:sequence select="local:notes(.)"/>
        <xsl:sequence select="local:apparatus(.)"/>
        <xsl:sequence select="local:registers(.)"/>
      </xsl:for-each>
      <xsl:sequence select="local:standoff-registers($tei)"/>
    </xsl:variable>
    <xsl:sequence select="string-join($parts[normalize-space()], '&#10;&#10;') || '&#10;'"/>
  </xsl:template>

  <!-- ===== metadata ================================================================ -->

  <xsl:function name="local:header" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="title" as="xs:string" select="tk:title($tei)"/>
    <xsl:variable name="header" as="element()?" select="$tei/tei:teiHeader"/>
    <xsl:variable name="ms" as="element()?" select="($header//tei:msDesc/tei:msIdentifier)[1]"/>
    <xsl:variable name="lines" as="xs:string*" select="
      $title,
      string-join((1 to min((string-length($title), 72))) ! '='),
      ($header//tei:profileDesc/tei:creation/tei:date)[1] ! ('Date: ' || normalize-space(.)),
      $ms ! ('Archival reference: ' || string-join((normalize-space((tei:repository, tei:institution)[1]), tei:settlement ! normalize-space(.),
              tei:idno ! normalize-space((if (@type = ('fond', 'opis', 'delo')) then @type || ' ' else '') || .),
              ($header//tei:msItem/tei:locus)[1] ! ('leaves ' || normalize-space(.)))[.], ', ')),
      ($header//tei:sourceDesc/tei:bibl)[1][normalize-space()] ! ('Citation: ' || normalize-space(string-join(text() | tei:ref, ''))),
      ($header//tei:titleStmt/tei:respStmt[tei:resp = 'Translated by']/tei:persName) ! ('Translated by: ' || normalize-space(.)),
      ($header//tei:profileDesc/tei:abstract)[1] ! ('Summary: ' || normalize-space(.)),
      let $people := $header//tei:particDesc//tei:person
      return if ($people) then 'Participants: ' || string-join($people ! (tk:person-label(.) || (if (@role) then ' (' || tk:roles(.) || ')' else '')), '; ') else (),
      if ($style = 'reading') then ('', 'Signs', for $n in 1 to count($tk:key) idiv 2 return '  ' || $tk:key[2 * $n - 1] || '  ' || $tk:key[2 * $n]) else ()"/>
    <xsl:sequence select="string-join($lines, '&#10;')"/>
  </xsl:function>

  <!-- ===== blocks ======================================================================== -->

  <xsl:template match="tei:text | tei:body | tei:group | tei:front | tei:back | tei:div | tei:postscript | tei:lg | tei:list | tei:floatingText" mode="tk:blocks" as="xs:string*">
    <xsl:apply-templates select="*" mode="tk:blocks"/>
  </xsl:template>

  <xsl:template match="tei:head | tei:p | tei:ab | tei:opener | tei:closer | tei:trailer | tei:signed | tei:salute
                       | tei:dateline | tei:byline | tei:l | tei:item | tei:label | tei:stage | tei:quote | tei:q | tei:note"
                mode="tk:blocks" as="xs:string">
    <xsl:sequence select="local:block(.)"/>
  </xsl:template>

  <xsl:template match="tei:sp" mode="tk:blocks" as="xs:string*">
    <!-- The label, then the first paragraph on the same line; later paragraphs as blocks of their own. -->
    <xsl:variable name="first" as="element()?" select="(tei:p | tei:ab | tei:lg | tei:list)[1]"/>
    <xsl:variable name="label" as="element()*" select="if ($first) then $first/preceding-sibling::* else *"/>
    <xsl:sequence select="string-join((($label ! local:block(.)), $first ! local:block(.))[normalize-space()], ' ')"/>
    <xsl:apply-templates select="$first/following-sibling::*" mode="tk:blocks"/>
  </xsl:template>

  <xsl:template match="tei:speaker | tei:metamark" mode="tk:blocks" as="xs:string">
    <xsl:sequence select="local:block(.)"/>
  </xsl:template>

  <xsl:template match="tei:pb | tei:lb | tei:milestone | tei:cb | tei:fw" mode="tk:blocks" as="empty-sequence()"/>

  <xsl:template match="tei:*[not(*)] | *[not(self::tei:*)]" mode="tk:blocks" as="xs:string?" priority="-1">
    <!-- An element teikit does not know, holding only text: one block. -->
    <xsl:sequence select="local:block(.)"/>
  </xsl:template>

  <xsl:template match="*" mode="tk:blocks" as="xs:string*" priority="-2">
    <!-- An element teikit does not know, with elements inside: its blocks, or one block if it is inline. -->
    <xsl:choose>
      <xsl:when test="text()[normalize-space()]">
        <xsl:sequence select="local:block(.)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="*" mode="tk:blocks"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:function name="local:block" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="$e" mode="tk:plain"/>
    </xsl:variable>
    <xsl:variable name="text" as="xs:string" select="string-join($parts)"/>
    <xsl:sequence select="if (contains($text, '&#x2028;') or contains($text, '&#x2029;')) then local:fold($text) else normalize-space($text)"/>
  </xsl:function>

  <xsl:function name="local:fold" as="xs:string">
    <!-- White space folded; the block's line and page breaks kept, none at either end. Patterns are
         literals, compiled once: a pattern built at run time is compiled again on every call. -->
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="pages" as="xs:string*" select="tokenize($text, '&#x2029;')"/>
    <xsl:variable name="lines" as="xs:string*" select="
      for $n in 1 to count($pages)
      return ((if ($n gt 1) then '' else ()), tokenize($pages[$n], '&#x2028;') ! normalize-space(.))"/>
    <xsl:variable name="kept" as="xs:integer*" select="index-of($lines ! boolean(.), true())"/>
    <xsl:sequence select="if (empty($kept)) then '' else string-join(subsequence($lines, $kept[1], $kept[last()] - $kept[1] + 1), '&#10;')"/>
  </xsl:function>

  <!-- ===== inline ============================================================================= -->

  <xsl:template match="text()" mode="tk:plain" as="xs:string">
    <xsl:sequence select="string(.)"/>
  </xsl:template>

  <xsl:template match="*" mode="tk:plain" as="xs:string*">
    <xsl:apply-templates mode="tk:plain"/>
  </xsl:template>

  <!-- The elements the two styles print differently (see common.xsl). -->
  <xsl:template match="tei:choice/* | tei:ex | tei:supplied | tei:gloss | tei:note | tei:closer | tei:unclear | tei:sic | tei:pc
                       | tei:vocal | tei:kinesic | tei:incident | tei:stage | tei:certainty"
                mode="tk:plain" as="xs:string*" priority="-0.25">
    <xsl:if test="not(tk:hidden(., $style))">
      <xsl:variable name="signs" as="xs:string+" select="tk:signs(., $style)"/>
      <xsl:sequence select="$signs[1]"/>
      <xsl:apply-templates mode="tk:plain"/>
      <xsl:sequence select="$signs[2]"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:head[@rend = 'letter-spaced']" mode="tk:plain" as="xs:string">
    <xsl:sequence select="if ($style = 'diplomatic') then tk:letter-spaced(string(.)) else normalize-space(.)"/>
  </xsl:template>

  <xsl:template match="tei:lb" mode="tk:plain" as="xs:string">
    <xsl:sequence select="$local:line"/>
  </xsl:template>

  <xsl:template match="tei:pb" mode="tk:plain" as="xs:string">
    <!-- A break without a number: a new line in the diplomatic text, after the mark as typed (//) if the TEI has it. -->
    <xsl:sequence select="if ($style = 'diplomatic') then $local:page || (normalize-space(@rend)[.] ! (. || ' ')) else ''"/>
  </xsl:template>

  <xsl:template match="tei:gap" mode="tk:plain" as="xs:string">
    <xsl:sequence select="tk:gap-text(., $style)"/>
  </xsl:template>

  <xsl:template match="tei:ref[@type = 'note']" mode="tk:plain" as="xs:string*">
    <xsl:variable name="note" as="element()?" select="tk:referenced-note(.)"/>
    <!-- A further marker: its own number gives way to the note's; other words (a cross-reference) stay. -->
    <xsl:sequence select="if (empty($note)) then string(.)
                          else if (matches(normalize-space(), '^\d*$')) then '[' || (if ($style = 'diplomatic') then normalize-space() else $tk:numbers(generate-id($note))) || ']'
                          else string(.) || '[' || $tk:numbers(generate-id($note)) || ']'"/>
  </xsl:template>

  <xsl:template match="tei:note" mode="tk:plain" as="xs:string*">
    <xsl:choose>
      <xsl:when test="not(tk:is-note(.))">
        <xsl:next-match/>
      </xsl:when>
      <xsl:when test="tk:is-foot(.)">
        <xsl:sequence select="'[' || (if ($style = 'diplomatic' and @n) then @n else $tk:numbers(generate-id())) || ']'"/>
      </xsl:when>
      <xsl:when test="$style = 'reading'">
        <xsl:sequence select="'[' || $tk:numbers(generate-id()) || ']'"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:next-match/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:teiHeader | tei:facsimile | tei:standOff" mode="tk:plain tk:blocks" as="empty-sequence()"/>

  <!-- ===== notes at the end of a text ============================================================ -->

  <xsl:function name="local:notes" as="xs:string*">
    <xsl:param name="text" as="element()"/>
    <xsl:variable name="notes" as="element()*" select="$text//tei:note[tk:is-note(.)][if ($style = 'reading') then true() else tk:is-foot(.)]
                                                        [(ancestor::tei:text[1], root(.)/*)[1] is $text]"/>
    <xsl:if test="$notes and $style = 'reading'">
      <xsl:sequence select="'Notes'"/>
    </xsl:if>
    <xsl:for-each select="$notes">
      <xsl:variable name="body" as="xs:string*">
        <xsl:apply-templates select="node()" mode="tk:plain"/>
      </xsl:variable>
      <xsl:sequence select="'[' || (if ($style = 'diplomatic' and @n) then @n else $tk:numbers(generate-id())) || '] ' || local:fold(string-join($body))"/>
    </xsl:for-each>
  </xsl:function>
</xsl:stylesheet>
