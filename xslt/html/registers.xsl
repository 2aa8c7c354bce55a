<?xml version="1.0" encoding="UTF-8"?>
<!--
  registers.xsl: the registers of a text's <back> (listPerson, listPlace,
  listOrg, listBibl ...; see common/policy.xsl) as sections after the notes,
  one entry an item. Each item carries the entry's xml:id, so the names of the
  text (@ref, @corresp) link to it. An entry's fields are shown as written, in
  order, each in a span named after its element; the entry's own fields are
  labelled (born, died, identifier), their words are not changed.
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

  <xsl:mode name="local:entry" on-no-match="text-only-copy" on-multiple-match="fail"/>

  <xsl:function name="local:registers" as="element()?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="registers" as="element()*" select="(tk:texts($tei) ! tk:registers(.)), tk:standoff-registers($tei)"/>
    <xsl:if test="$registers">
      <section class="tk-registers" aria-labelledby="tk-registers-heading">
        <h2 id="tk-registers-heading">{tk:msg('registers')}</h2>
        <xsl:for-each select="$registers">
          <section class="tk-register tei-{local-name()}">
            <xsl:call-template name="local:id"/>
            <xsl:choose>
              <xsl:when test="tei:head">
                <h3><xsl:apply-templates select="tei:head/node()" mode="tk:inline"/></h3>
              </xsl:when>
              <xsl:otherwise>
                <h3 class="tk-gen">{tk:register-label(.)}</h3>
              </xsl:otherwise>
            </xsl:choose>
            <ul>
              <xsl:for-each select="tk:entries(.)">
                <li class="tk-entry tei-{local-name()}">
                  <xsl:call-template name="local:id"/>
                  <xsl:call-template name="local:fields"/>
                </li>
              </xsl:for-each>
            </ul>
          </section>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:function>

  <xsl:template match="*" mode="local:entry" as="element()">
    <!-- A field of an entry: its words, nested fields kept apart by a space. A field of the entry itself
         (not a name) of a person, place or organisation is labelled in print, "born: 1878", not in a
         tooltip only a mouse can show; a bibliography's fields read as a citation without labels. -->
    <span class="tei-{local-name()}">
      <xsl:call-template name="local:id"/>
      <xsl:call-template name="local:lang"/>
      <xsl:if test="parent::*[self::tei:person or self::tei:personGrp or self::tei:place or self::tei:org]/parent::*[tk:is-register(.)] and not(self::tei:persName or self::tei:placeName or self::tei:orgName
                    or self::tei:name or self::tei:title or self::tei:ref or self::tei:ptr)">
        <span class="tk-field-label tk-gen" lang="{tk:ui-lang()}">{local:field-label(.)}: </span>
      </xsl:if>
      <xsl:call-template name="local:fields"/>
    </span>
  </xsl:template>

  <xsl:function name="local:field-label" as="xs:string">
    <!-- 'born', 'identifier (wikidata)': the catalogue's word for a field, else its element name. -->
    <xsl:param name="field" as="element()"/>
    <xsl:variable name="key" as="xs:string" select="'field-' || local-name($field)"/>
    <xsl:sequence select="(if (map:contains($tk:messages, $key)) then tk:msg($key) else local-name($field))
                          || ($field/@type ! (' (' || normalize-space(.) || ')'))"/>
  </xsl:function>

  <xsl:template match="tei:note" mode="local:entry" as="node()*" priority="2">
    <!-- A note on an entry: its marker; its words are in the notes. -->
    <xsl:apply-templates select="." mode="tk:inline"/>
  </xsl:template>

  <xsl:template name="local:fields">
    <!-- The context element's words and fields, in order, a space after each field. -->
    <xsl:for-each select="node()">
      <xsl:choose>
        <xsl:when test=". instance of element()">
          <xsl:apply-templates select="." mode="local:entry"/>
          <xsl:text> </xsl:text>
        </xsl:when>
        <xsl:otherwise>{.}</xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:*[1][self::tei:persName or self::tei:placeName or self::tei:orgName or self::tei:title or self::tei:name][parent::*/parent::*[tk:is-register(.)]]"
                mode="local:entry" as="element()" priority="1">
    <!-- The entry's first name: its heading. Its parts (forename, surname) keep their order and words. -->
    <strong class="tk-entry-name tei-{local-name()}">
      <xsl:call-template name="local:lang"/>
      <xsl:value-of select="tk:spaced(.)"/>
    </strong>
  </xsl:template>

  <!-- ===== page breaks between blocks ======================================================= -->

  <xsl:function name="local:page-breaks" as="map(xs:string, element()*)">
    <!-- The page breaks that stand between the blocks of a text, by the block that follows them (the last
         block for breaks after it): a single-column text shows them in the margin of that block. -->
    <xsl:param name="text" as="element()"/>
    <xsl:param name="units" as="element()*"/>
    <xsl:variable name="breaks" as="element()*" select="$text/(tei:front | tei:body | tei:back)/descendant-or-self::*[self::tei:front or self::tei:body or self::tei:back or self::tei:div]/tei:pb"/>
    <xsl:sequence select="map:merge(for $pb in $breaks return map{generate-id((($units[. >> $pb])[1], $units[last()])[1]): $pb},
                                    map{'duplicates': 'combine'})" xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>
</xsl:stylesheet>
