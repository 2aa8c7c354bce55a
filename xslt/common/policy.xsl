<?xml version="1.0" encoding="UTF-8"?>
<!--
  policy.xsl: the rendering coverage policy both editions follow for TEI that
  teikit did not write (see "What is rendered" in README.md).

  Every element of <text> is rendered in place, as a block or inline, unless
  it is one of these:
  * a note (tk:is-note in common.xsl): a marker where it stands, its words in
    the notes section;
  * a register: a list of persons, places, organisations, works, events or
    names in <back> (tk:registers): rendered after the notes, one entry a line,
    each entry's id the target of the names that point to it;
  * a reading an apparatus gives (app/rdg): the lemma in place, the readings in
    the apparatus section, labelled with their witnesses;
  * the alternative of a choice that a style does not show (tk:hidden).
  Outside <text>, teiHeader feeds the metadata panel, facsimile and standOff
  are not shown.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:function name="tk:is-list-of-entries" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::tei:listPerson or self::tei:listPlace or self::tei:listOrg or self::tei:listBibl
                                     or self::tei:listEvent or self::tei:listNym or self::tei:listObject or self::tei:listRelation])"/>
  </xsl:function>

  <xsl:function name="tk:registers" as="element()*">
    <!-- The registers of a text: the outermost lists of entries in its <back>. -->
    <xsl:param name="text" as="element()"/>
    <xsl:sequence select="$text/tei:back//*[tk:is-list-of-entries(.)][not(ancestor::*[tk:is-list-of-entries(.)])]"/>
  </xsl:function>

  <xsl:function name="tk:standoff-registers" as="element()*">
    <!-- The registers a document keeps in <standOff> (its names point there as to those of the back). -->
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="$tei/tei:standOff//*[tk:is-list-of-entries(.)][not(ancestor::*[tk:is-list-of-entries(.)])]"/>
  </xsl:function>

  <xsl:function name="tk:is-register" as="xs:boolean">
    <!-- True for a register of a text's <back>, which a block rendering of the back passes over. -->
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="tk:is-list-of-entries($e) and exists($e/ancestor::tei:back) and not($e/ancestor::*[tk:is-list-of-entries(.)])"/>
  </xsl:function>

  <xsl:function name="tk:register-label" as="xs:string">
    <!-- The heading of a register without a <head> of its own. -->
    <xsl:param name="list" as="element()"/>
    <xsl:sequence select="
      if ($list/self::tei:listPerson) then 'Register of persons'
      else if ($list/self::tei:listPlace) then 'Register of places'
      else if ($list/self::tei:listOrg) then 'Register of organisations'
      else if ($list/self::tei:listBibl) then 'Register of works'
      else if ($list/self::tei:listEvent) then 'Register of events'
      else if ($list/self::tei:listNym) then 'Register of names'
      else if ($list/self::tei:listObject) then 'Register of objects'
      else 'Register'"/>
  </xsl:function>

  <xsl:function name="tk:entries" as="element()*">
    <!-- The entries of a register: its children other than its head. -->
    <xsl:param name="list" as="element()"/>
    <xsl:sequence select="$list/*[not(self::tei:head)]"/>
  </xsl:function>

  <xsl:function name="tk:spaced" as="xs:string">
    <!-- An entry's words, its fields kept apart by one space (register entries are data: a date beside a
         place, coordinates beside a name), no sign added; a note only as its marker (its words are in the
         notes). -->
    <xsl:param name="e" as="node()"/>
    <xsl:sequence select="normalize-space(string-join($e/node() ! (
                            if (self::tei:note[tk:is-note(.)]) then '[' || $tk:numbers(generate-id(.)) || ']'
                            else if (. instance of element()) then tk:spaced(.) else string(.)), ' '))"/>
  </xsl:function>

  <!-- ===== critical apparatus ================================================================ -->

  <xsl:function name="tk:is-open-choice" as="xs:boolean">
    <!-- A choice of alternatives that are not an abbreviation and its expansion, an original and its
         regularisation, an error and its correction (those are the styles' business): two readings of an
         unclear word, two segmentations. Shown like an app: the first in the text, the others in the
         apparatus. -->
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/self::tei:choice[*][not(tei:abbr or tei:expan or tei:orig or tei:reg or tei:sic or tei:corr)])"/>
  </xsl:function>

  <xsl:function name="tk:lemma" as="element()?">
    <!-- What the text shows of an app: its lem, else its first reading; of an open choice, its first alternative. -->
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="if ($app/self::tei:choice) then $app/*[1] else ($app/tei:lem, $app//tei:rdg)[1]"/>
  </xsl:function>

  <xsl:function name="tk:readings" as="element()*">
    <!-- The readings an app's entry in the apparatus lists: every rdg but the one shown in the text; the other
         alternatives of an open choice. -->
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="if ($app/self::tei:choice) then $app/*[position() gt 1]
                          else $app//tei:rdg[ancestor::tei:app[1] is $app] except tk:lemma($app)"/>
  </xsl:function>

  <xsl:function name="tk:apparatus-entries" as="element()*">
    <!-- The entries of the apparatus, in document order: the outermost apps and the open choices outside them. -->
    <xsl:param name="within" as="element()"/>
    <!-- From the outermost texts only: an inner text's descendants are theirs too (no node visited twice). -->
    <xsl:variable name="texts" as="element()*" select="outermost($within/descendant-or-self::tei:text)"/>
    <xsl:sequence select="(if ($texts) then $texts else $within)
                          //(tei:app | tei:choice)[not(ancestor::tei:app)][self::tei:app or tk:is-open-choice(.)]"/>
  </xsl:function>

  <xsl:function name="tk:witnesses" as="xs:string">
    <!-- 'A, B' for wit="#A #B": the sigla of a reading, its label in the apparatus. -->
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="string-join(tokenize(normalize-space($e/@wit)) ! replace(., '^#', ''), ', ')"/>
  </xsl:function>

  <xsl:variable name="tk:app-numbers" as="map(xs:string, xs:integer)"
      select="map:merge(tk:apparatus-entries((//tei:TEI, /*)[1]) ! map{generate-id(.): position()})"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>

  <!-- ===== titles ============================================================================== -->

  <xsl:function name="tk:document-head" as="element()?">
    <!-- The head of the one document a TEI file holds when the file wraps a single document of a volume
         (a FRUS document: text/body/div[@type='document'] or a body of one division). -->
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="documents" as="element()*" select="$tei/tei:text/tei:body//tei:div[@type = 'document'], $tei/self::tei:div[@type = 'document']"/>
    <xsl:sequence select="if (count($documents) eq 1) then $documents/tei:head[1] else ()"/>
  </xsl:function>

  <xsl:function name="tk:head-text" as="xs:string">
    <!-- A head's words without its notes. -->
    <xsl:param name="head" as="element()"/>
    <xsl:sequence select="normalize-space(string-join($head//text()[not(ancestor::tei:note)], ''))"/>
  </xsl:function>

  <xsl:function name="tk:title-element" as="element()?">
    <!-- The title of titleStmt that names this document: the main title, the analytic title (a letter's
         own), an untyped title that is not a series', monograph's or journal's, then any. -->
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="titles" as="element()*" select="$tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[normalize-space()]"/>
    <xsl:sequence select="($titles[@type = 'main'], $titles[@level = 'a'], $titles[not(@type)][not(@level = ('s', 'm', 'j', 'u'))],
                           $titles[not(@type)], $titles)[1]"/>
  </xsl:function>
</xsl:stylesheet>
