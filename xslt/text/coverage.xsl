<?xml version="1.0" encoding="UTF-8"?>
<!--
  coverage.xsl: the text edition's rules for element families of TEI written
  by other projects (see common/policy.xsl): registers of the back after the
  notes, one entry a line; a critical apparatus after the notes; letterheads
  and addresses line by line; verse one line a line; tables one row a line,
  cells apart by a tab. No sign is added to the document's words except the
  labels of notes and apparatus.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit:xslt"
    xmlns:local="urn:teikit:xslt:local"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- ===== registers =================================================================== -->

  <xsl:template match="tei:listPerson | tei:listPlace | tei:listOrg | tei:listBibl | tei:listEvent | tei:listNym | tei:listObject | tei:listRelation"
                mode="tk:blocks" as="xs:string*" priority="1">
    <!-- A register of the back is printed after the notes (local:registers); elsewhere a list of entries is
         read as blocks. -->
    <xsl:if test="not(tk:is-register(.))">
      <xsl:apply-templates select="*" mode="tk:blocks"/>
    </xsl:if>
  </xsl:template>

  <xsl:function name="local:registers" as="xs:string*">
    <xsl:param name="text" as="element()"/>
    <xsl:sequence select="local:register-blocks(tk:registers($text))"/>
  </xsl:function>

  <xsl:function name="local:standoff-registers" as="xs:string*">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="local:register-blocks(tk:standoff-registers($tei))"/>
  </xsl:function>

  <xsl:function name="local:register-blocks" as="xs:string*">
    <!-- Each register: its head or label, then one entry a line. -->
    <xsl:param name="registers" as="element()*"/>
    <xsl:for-each select="$registers">
      <xsl:sequence select="if (tei:head) then local:block(tei:head[1]) else tk:register-label(.)"/>
      <xsl:sequence select="string-join(tk:entries(.) ! tk:spaced(.), '&#10;')"/>
    </xsl:for-each>
  </xsl:function>

  <!-- ===== apparatus ====================================================================== -->

  <xsl:template match="tei:app | tei:choice[not(tei:abbr or tei:expan or tei:orig or tei:reg or tei:sic or tei:corr)]" mode="tk:plain" as="xs:string*">
    <xsl:apply-templates select="if (self::tei:choice) then tk:lemma(.) else tk:lemma(.)/node()" mode="tk:plain"/>
    <xsl:sequence select="$tk:app-numbers(generate-id()) ! ('[a' || . || ']')"/>
  </xsl:template>

  <xsl:function name="local:apparatus" as="xs:string*">
    <!-- "[a1] ⟨text: A⟩  ⟨B⟩ gray  ⟨C om.⟩" for each app of the text: the witnesses of the reading in the
         text, then the readings the text does not show, each after its witnesses. -->
    <xsl:param name="text" as="element()"/>
    <xsl:variable name="apps" as="element()*" select="tk:apparatus-entries($text)[(ancestor::tei:text[1], root(.)/*)[1] is $text]"/>
    <xsl:if test="$apps">
      <xsl:sequence select="'Apparatus'"/>
      <xsl:sequence select="string-join(for $app in $apps return
          '[a' || $tk:app-numbers(generate-id($app)) || '] '
          || string-join((tk:lemma($app)[@wit] ! ('⟨text: ' || tk:witnesses(.) || '⟩'), tk:readings($app) ! local:reading(.)), '  '),
          '&#10;')"/>
    </xsl:if>
  </xsl:function>

  <xsl:function name="local:reading" as="xs:string">
    <xsl:param name="rdg" as="element()"/>
    <xsl:variable name="omitted" as="xs:boolean" select="not(normalize-space($rdg))"/>
    <xsl:variable name="label" as="xs:string" select="string-join((tk:witnesses($rdg)[.], 'om.'[$omitted]), ' ')"/>
    <xsl:sequence select="string-join((('⟨' || $label || '⟩')[$label], local:block($rdg)[not($omitted)]), ' ')"/>
  </xsl:function>

  <xsl:template match="tei:lb[@break = 'no']" mode="tk:plain" as="xs:string" priority="0.5">
    <!-- A line break inside a word: the reading text joins the word, the diplomatic text keeps the line. -->
    <xsl:sequence select="if ($style = 'reading') then '' else $local:line"/>
  </xsl:template>

  <xsl:template match="tei:pb[exists(tk:page-number(.))]" mode="tk:plain" as="xs:string+" priority="0.5">
    <!-- A numbered page break keeps its number (@n, or from the leaves), as a reader cites the page: [p. 481];
         the diplomatic text prints the transcript's own mark where the TEI keeps it (@rend: [Seite 3]). -->
    <xsl:variable name="joined" as="xs:boolean" select="@break = 'no'"/>
    <xsl:sequence select="if ($style = 'diplomatic') then $local:page else '',
                          (if ($joined) then '' else ' ') || local:page-mark(.) || (if ($joined) then '' else ' ')"/>
  </xsl:template>

  <xsl:template match="tei:pb[exists(tk:page-number(.))]" mode="tk:blocks" as="xs:string" priority="0.5">
    <xsl:sequence select="local:page-mark(.)"/>
  </xsl:template>

  <xsl:function name="local:page-mark" as="xs:string">
    <!-- How the text marks a page break: [p. 481]; in the diplomatic text, the mark as typed if the TEI has it. -->
    <xsl:param name="pb" as="element()"/>
    <xsl:sequence select="if ($style = 'diplomatic' and normalize-space($pb/@rend)) then normalize-space($pb/@rend)
                          else '[p. ' || tk:page-number($pb) || ']'"/>
  </xsl:function>

  <!-- ===== letterheads, addresses, verse, tables =================================================== -->

  <xsl:template match="tei:seg[@type = 'letterhead'] | tei:addrLine | tei:item
                       | tei:opener/tei:dateline | tei:opener/tei:salute | tei:opener/tei:signed | tei:opener/tei:byline | tei:opener/tei:address
                       | tei:closer/tei:dateline | tei:closer/tei:salute | tei:closer/tei:signed | tei:closer/tei:byline | tei:closer/tei:address"
                mode="tk:plain" as="xs:string*" priority="0.5">
    <!-- A line of its own: a letterhead, an address line, an item of a list inside running text, the dateline,
         salutation and signature of an opener or closer: a line break before it, unless it comes first (but an
         item) or a <lb/> already ends the line before. -->
    <xsl:variable name="before" as="node()?" select="preceding-sibling::node()[not(self::text()[not(normalize-space())])][1]"/>
    <xsl:if test="(exists($before) or self::tei:item) and not($before/self::tei:lb)">
      <xsl:sequence select="$local:line"/>
    </xsl:if>
    <xsl:apply-templates mode="tk:plain"/>
  </xsl:template>

  <xsl:template match="tei:seg[@rend = ('left', 'right', 'center')]" mode="tk:plain" as="xs:string*" priority="0.45">
    <!-- Words kept apart from their neighbours on the line (below a letterhead's rule). -->
    <xsl:sequence select="' '"/>
    <xsl:apply-templates mode="tk:plain"/>
    <xsl:sequence select="' '"/>
  </xsl:template>

  <xsl:template match="tei:lg[tei:l]" mode="tk:blocks" as="xs:string*" priority="0.5">
    <xsl:apply-templates select="tei:head" mode="tk:blocks"/>
    <xsl:sequence select="string-join((* except tei:head) ! local:block(.), '&#10;')"/>
  </xsl:template>

  <xsl:template match="tei:table" mode="tk:blocks" as="xs:string*" priority="0.5">
    <xsl:apply-templates select="tei:head" mode="tk:blocks"/>
    <xsl:sequence select="string-join(tei:row ! string-join(tei:cell ! local:block(.), '&#9;'), '&#10;')"/>
  </xsl:template>

  <xsl:template match="tei:figure" mode="tk:blocks" as="xs:string*" priority="0.5">
    <xsl:apply-templates select="*" mode="tk:blocks"/>
  </xsl:template>

  <xsl:template match="tei:graphic" mode="tk:blocks tk:plain" as="empty-sequence()"/>
</xsl:stylesheet>
