<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl: what the HTML and the text editions share.

  * the parameters of both editions;
  * id look-up and the metadata of a record (title, date, archival reference,
    participants), read once per document;
  * the conventions of the two text styles, as functions: what a reading
    text and a diplomatic text print before and after an element, and which
    elements each style leaves out. html.xsl and text.xsl both render through
    these, so the two editions cannot drift apart;
  * the numbering of the notes a reading text gathers as footnotes.

  The diplomatic style gives back the transcript's own conventions: brackets
  exactly as printed, /slash-parentheses/, letter-spaced words, a blank line at
  a page break. The reading style never replaces the translator's words: it
  prints every word of the transcript, and beside them, in square brackets
  (the FRUS convention), what the editors added: expansions after the
  abbreviation, variant names after the name, supplied words, identifications,
  descriptions of gaps and of what was heard or done. Footnotes are numbered,
  their markers after the word they annotate. tk:key (common/i18n.xsl) lists the signs.
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

  <xsl:param name="style" as="xs:string" select="'reading'">
    <!-- Text style shown first: 'reading' or 'diplomatic'. -->
  </xsl:param>
  <xsl:param name="view" as="xs:string" select="'parallel'">
    <!-- Columns shown first: 'parallel', 'translation' or 'original'. -->
  </xsl:param>
  <xsl:param name="header" as="xs:boolean" select="true()">
    <!-- Print the record's metadata before the text. -->
  </xsl:param>
  <xsl:param name="source-name" as="xs:string" select="''">
    <!-- File name of the TEI, named in the edition's footer when given. -->
  </xsl:param>

  <xsl:include href="common/policy.xsl"/>

  <xsl:key name="tk:id" match="*[@xml:id]" use="@xml:id"/>

  <xsl:variable name="tk:styles" as="xs:string+" select="('reading', 'diplomatic')"/>

  <!-- ===== look-ups =============================================================== -->

  <xsl:function name="tk:target" as="element()*">
    <!-- The elements a pointer attribute names (#id tokens of this document). -->
    <xsl:param name="pointer" as="attribute()?"/>
    <xsl:sequence select="tk:pointer-ids($pointer) ! key('tk:id', ., root($pointer))"/>
  </xsl:function>

  <xsl:function name="tk:link" as="xs:string?">
    <!-- "#id" of the first element a pointer attribute names, if there is one: a link within the page.
         A single pointer goes to id(), which splits on white space as tk:target does; this runs for
         every speaker and name. -->
    <xsl:param name="pointer" as="attribute()?"/>
    <xsl:sequence select="if (starts-with($pointer, '#') and not(contains($pointer, ' ')))
                          then id(substring($pointer, 2), $pointer)[1] ! ('#' || @xml:id)
                          else tk:target($pointer)[1] ! ('#' || @xml:id)"/>
  </xsl:function>

  <xsl:function name="tk:pointer-ids" as="xs:string*">
    <!-- The ids a pointer attribute names: 'a' and 'b' of "#a #b" (tokens of other documents left out). -->
    <xsl:param name="pointer" as="attribute()?"/>
    <xsl:sequence select="tokenize(normalize-space($pointer))[starts-with(., '#')] ! substring(., 2)"/>
  </xsl:function>

  <xsl:function name="tk:language-name" as="xs:string">
    <!-- 'Russian' for 'ru': the header's langUsage, else the code itself. -->
    <xsl:param name="code" as="xs:string?"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="language" as="element()?" select="(root($context)//tei:langUsage/tei:language[@ident = $code])[1]"/>
    <xsl:sequence select="if ($language) then replace(normalize-space($language), '\s*\(.*\)$', '') else string($code)"/>
  </xsl:function>

  <xsl:function name="tk:title" as="xs:string">
    <!-- The document's title: the head of the one document a volume wrapper holds, else the title of
         titleStmt that names the document (see policy.xsl), else the first head of the text. -->
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="head" as="element()?" select="tk:document-head($tei)"/>
    <xsl:variable name="title" as="element()?" select="tk:title-element($tei)"/>
    <xsl:variable name="first-head" as="element()?" select="($tei/tei:text//tei:head, $tei[not(self::tei:TEI or self::tei:teiCorpus)]//tei:head)[1]"/>
    <xsl:sequence select="(($head ! tk:head-text(.)), ($title ! normalize-space(.)),
                           ($first-head ! tk:head-text(.)), 'Untitled record')[.][1]"/>
  </xsl:function>

  <xsl:function name="tk:texts" as="element(tei:text)*">
    <!-- The texts of the record: the members of a group, or the one text. -->
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="if ($tei/tei:text/tei:group) then $tei/tei:text/tei:group/tei:text else $tei/tei:text"/>
  </xsl:function>

  <xsl:function name="tk:text-label" as="xs:string">
    <!-- 'Translation (English)', 'Original (Russian)', or 'Text'. -->
    <xsl:param name="text" as="element(tei:text)"/>
    <xsl:variable name="role" as="xs:string" select="if ($text/@type = 'translation') then 'Translation' else if ($text/@type = 'original') then 'Original' else 'Text'"/>
    <xsl:variable name="lang" as="xs:string?" select="$text/ancestor-or-self::*[@xml:lang][1]/@xml:lang"/>
    <xsl:sequence select="if ($lang) then $role || ' (' || tk:language-name($lang, $text) || ')' else $role"/>
  </xsl:function>

  <xsl:function name="tk:lang" as="xs:string?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node/ancestor-or-self::*[@xml:lang][1]/@xml:lang"/>
  </xsl:function>

  <!-- ===== the two text styles ============================================================ -->

  <xsl:function name="tk:hidden" as="xs:boolean">
    <!-- True when $style leaves the element (and its content) out. -->
    <xsl:param name="e" as="element()"/>
    <xsl:param name="style" as="xs:string"/>
    <xsl:variable name="choice" as="element()?" select="$e/parent::tei:choice"/>
    <xsl:variable name="joined" as="xs:boolean" select="exists($e/self::tei:pc) and exists($e/following-sibling::node()[1][self::tei:pb[@break = 'no']])"/>
    <!-- The reading style shows a regularisation instead of what it regularises (as TEI renderers do,
         so an encoder must never put a translator's own words in orig: teikit keeps reg for the
         typescript's slash-parentheses); otherwise it hides only the abbreviation beside an in-word
         expansion (comr. beside comr[ade]) and a hyphen at a page break inside a word. -->
    <xsl:sequence select="
      if (empty($choice)) then $style = 'reading' and $joined
      else if ($style = 'reading') then
        ($e/self::tei:abbr[tei:am] and $choice/tei:expan[tei:ex])
        or ($e/self::tei:orig and $choice/tei:reg)
        or $joined
      else
        $e/self::tei:reg[@type = 'slash-parentheses']
        or ($e/self::tei:abbr[tei:am] and $choice/tei:expan[tei:ex])"/>
  </xsl:function>

  <xsl:function name="tk:signs" as="xs:string+">
    <!-- What $style prints before and after the element's content: (before, after). One function
         answers both, so an element is classified once (this runs for every bracketed word). A gloss
         pointing at a term (@target, as FRUS writes them) is the document's own word: no sign. -->
    <xsl:param name="e" as="element()"/>
    <xsl:param name="style" as="xs:string"/>
    <xsl:variable name="name" as="xs:string" select="if (namespace-uri($e) eq 'http://www.tei-c.org/ns/1.0') then local-name($e) else ''"/>
    <!-- The second of a pair (abbr/expan, orig/reg, sic/corr) is the editors' and is bracketed; the other
         readings of an open choice (two unclears, two segs) go to the apparatus as they are. -->
    <xsl:variable name="second-in-choice" as="xs:boolean" select="exists($e/parent::tei:choice) and exists($e/preceding-sibling::*)
      and exists($e/(self::tei:expan | self::tei:abbr | self::tei:reg | self::tei:orig | self::tei:corr | self::tei:sic))"/>
    <xsl:variable name="doubt" as="xs:string" select="if ($name = 'corr' and $e/@cert = 'low') then '?' else ''"/>
    <xsl:variable name="after" as="xs:string?" select="
      if ($name = 'unclear' and $e/@cert = 'low') then (if ($style = 'diplomatic') then ' [?]' else ' (?)')
      else if ($name = 'sic' and empty($e/parent::tei:choice)) then ' [sic]'
      else ()"/>
    <xsl:variable name="described" as="xs:boolean" select="$name = ('vocal', 'kinesic', 'incident', 'stage', 'certainty')"/>
    <xsl:variable name="bracket" as="xs:string" select="
      if ($second-in-choice and not(($name = 'expan' and $e/tei:ex) or ($name = 'reg' and $e/@type = 'slash-parentheses'))) then ' ['
      else if ($name = 'note' and $e/parent::tei:expan) then ''
      else if ($name = 'supplied' or ($name = 'gloss' and not($e/@target)) or $described or ($name = 'note' and $e/@place = 'inline' and not($e/@rend = 'italic'))
               or ($name = 'closer' and $e/@rend = 'brackets')) then '['
      else if ($name = 'ex') then '['
      else ''"/>
    <xsl:choose>
      <xsl:when test="$name = 'certainty'">
        <xsl:sequence select="'[?', ']'"/>
      </xsl:when>
      <xsl:when test="$style = 'diplomatic'">
        <xsl:sequence select="$bracket,
          if ($name = 'expan' and $e/tei:ex and $e/parent::tei:choice/tei:abbr/tei:am) then string-join($e/parent::tei:choice/tei:abbr/tei:am)
          else ($after, if ($bracket) then $doubt || ']' else '')[1]"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- Reading: the same square brackets round what the editors added; an expansion inside a
             word keeps its full stop out (comrade, not comr[ade].). -->
        <xsl:sequence select="$bracket, ($after, if ($bracket) then $doubt || ']' else '')[1]"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="tk:is-editorial" as="xs:boolean">
    <!-- An intervention of the editors or translator: what the reading views mark as theirs. -->
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[@resp][self::tei:expan or self::tei:abbr or self::tei:reg or self::tei:corr or self::tei:supplied
                          or self::tei:gloss or self::tei:note or self::tei:gap or self::tei:unclear or self::tei:sic or self::tei:certainty
                          or self::tei:vocal or self::tei:kinesic or self::tei:incident or self::tei:stage or self::tei:closer])"/>
  </xsl:function>

  <!-- ===== page numbers ============================================================================= -->

  <xsl:function name="tk:page-number" as="xs:string?">
    <!-- The number of the page a page break begins: its @n, else one counted from the leaves the record
         gives (tk:leaf-number), else none. -->
    <xsl:param name="pb" as="element()"/>
    <xsl:sequence select="if (normalize-space($pb/@n)) then normalize-space($pb/@n) else tk:leaf-number($pb)"/>
  </xsl:function>

  <xsl:function name="tk:leaf-number" as="xs:string?">
    <!-- Page numbers from the record's leaves (msItem/locus from="5" to="9"), for a text whose page
         breaks have no @n. The text begins on leaf "from"; its page breaks then fit the range one of
         two ways: one page a leaf (pages = leaves: 6, 7, 8, 9), or both sides of each leaf (pages =
         2 × leaves, or one fewer ending on a recto: 5v, 6, 6v ...). Any other count does not fit and
         gets no number (teikit.publish.leaves warns): never a wrong one. -->
    <xsl:param name="pb" as="element()"/>
    <xsl:variable name="locus" as="element()?" select="(root($pb)//tei:teiHeader//tei:msItem/tei:locus[@from castable as xs:integer])[1]"/>
    <xsl:variable name="breaks" as="element()*" select="$pb/ancestor::tei:text[1]//tei:pb"/>
    <xsl:if test="exists($locus) and not($breaks[normalize-space(@n)])">
      <xsl:variable name="from" as="xs:integer" select="xs:integer($locus/@from)"/>
      <xsl:variable name="leaves" as="xs:integer" select="(if ($locus/@to castable as xs:integer) then xs:integer($locus/@to) else $from) - $from + 1"/>
      <xsl:variable name="pages" as="xs:integer" select="count($breaks) + 1"/>
      <xsl:variable name="i" as="xs:integer" select="count($breaks[. &lt;&lt; $pb]) + 1"/>
      <xsl:sequence select="
        if ($leaves lt 1) then ()
        else if ($pages eq $leaves) then string($from + $i)
        else if ($pages = (2 * $leaves - 1, 2 * $leaves)) then string($from + $i idiv 2) || (if ($i mod 2 eq 1) then 'v' else '')
        else ()"/>
    </xsl:if>
  </xsl:function>

  <xsl:function name="tk:gap-text" as="xs:string">
    <!-- How a gap prints: [...], [illegible], [its description], or nothing. -->
    <xsl:param name="gap" as="element(tei:gap)"/>
    <xsl:param name="style" as="xs:string"/>
    <xsl:variable name="desc" as="xs:string" select="normalize-space(string-join($gap/tei:desc, ' '))"/>
    <xsl:sequence select="
      if ($gap/@reason = 'not-transcribed') then ''
      else if ($gap/ancestor::*[@rend = 'brackets'] and $style = 'diplomatic') then $desc
      else if ($desc) then '[' || $desc || ']'
      else if ($gap/@reason = 'omitted') then (if ($style = 'diplomatic') then '[...]' else '[…]')
      else '[' || ($gap/@reason, 'gap')[1] || ']'"/>
  </xsl:function>

  <xsl:function name="tk:letter-spaced" as="xs:string">
    <!-- ЗАПИСЬ printed as the typescript spaced it: З А П И С Ь. -->
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="string-join(for $word in tokenize(normalize-space($text), ' ')
                          return string-join(for $c in string-to-codepoints($word) return codepoints-to-string($c), ' '), '  ')"/>
  </xsl:function>

  <!-- ===== notes ================================================================================ -->

  <xsl:function name="tk:is-note" as="xs:boolean">
    <!-- Notes a reading text numbers and gathers: notes of every place (foot, end, margin, none given ...)
         wherever they stand but in the header (a text, or a document element that is the root, as a FRUS
         <div> cut from its volume). Inline notes stay in the line, in square brackets, where the
         translator put them; a description of the physical document stays where it is, in both styles. -->
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="exists($note/self::tei:note[not(ancestor::tei:teiHeader or ancestor::tei:standOff)][not(@type = 'physical')][not(@place = 'inline')])"/>
  </xsl:function>

  <xsl:function name="tk:referenced-note" as="element()?">
    <!-- The note a <ref type="note" target="#id"> points to, when it is a numbered note of the record. -->
    <xsl:param name="ref" as="element()"/>
    <xsl:sequence select="id(substring($ref/@target, 2), $ref)[self::tei:note][tk:is-note(.)]"/>
  </xsl:function>

  <xsl:function name="tk:note-numbers" as="map(xs:string, xs:integer)">
    <!-- Number of each note (by generate-id), counted through the whole record. -->
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="map:merge($tei//tei:note[tk:is-note(.)] ! map{generate-id(.): position()})"/>
  </xsl:function>

  <xsl:variable name="tk:numbers" as="map(xs:string, xs:integer)" select="tk:note-numbers((//tei:TEI, /*)[1])"/>

  <xsl:function name="tk:is-foot" as="xs:boolean">
    <!-- A note the document itself keeps apart (marker in the text, words at the end) in both styles: any
         place but inline; a note without @place is one too (FRUS, letters editions), teikit always writes it. -->
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="not($note/@place = 'inline')"/>
  </xsl:function>

  <!-- ===== participants and names ================================================================ -->

  <xsl:function name="tk:person-label" as="xs:string">
    <!-- 'Stalin' : a person's name in the first language given. -->
    <xsl:param name="person" as="element()"/>
    <xsl:sequence select="normalize-space(($person/tei:persName[not(@type)], $person/tei:persName, $person/tei:orgName, $person/tei:placeName, $person/@xml:id)[1])"/>
  </xsl:function>

  <xsl:function name="tk:roles" as="xs:string">
    <xsl:param name="person" as="element()"/>
    <xsl:sequence select="string-join(tokenize(normalize-space($person/@role)), ', ')"/>
  </xsl:function>
</xsl:stylesheet>
