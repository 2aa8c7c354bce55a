<?xml version="1.0" encoding="UTF-8"?>
<!--
  apparatus.xsl: a critical apparatus (app, lem, rdg) as an apparatus: the
  lemma in the text with a lettered marker, the other readings in the
  Apparatus section with their witnesses, linked both ways. An open choice
  (see common/policy.xsl) is shown the same way.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit:xslt"
    xmlns:local="urn:teikit:xslt:local"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:template match="tei:app | tei:choice[not(tei:abbr or tei:expan or tei:orig or tei:reg or tei:sic or tei:corr)]" mode="tk:inline" as="node()*" priority="0.5">
    <xsl:variable name="n" as="xs:integer?" select="$tk:app-numbers(generate-id())"/>
    <span class="tk-app">
      <xsl:apply-templates select="if (self::tei:choice) then tk:lemma(.) else tk:lemma(.)/node()" mode="tk:inline"/>
    </span>
    <xsl:if test="exists($n)">
      <sup class="tk-appref tk-gen"><a id="tk-appref-{$n}" href="#tk-app-{$n}" role="doc-noteref" aria-label="{tk:msg('apparatus-ref', string($n))}">a{$n}</a></sup>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:app" mode="tk:block" as="element()" priority="0.5">
    <div class="tei-app"><xsl:apply-templates select="." mode="tk:inline"/></div>
  </xsl:template>

  <xsl:function name="local:apparatus" as="element()?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="apps" as="element()*" select="tk:apparatus-entries($tei)"/>
    <xsl:if test="$apps">
      <section class="tk-apparatus" aria-labelledby="tk-apparatus-heading">
        <h2 id="tk-apparatus-heading">{tk:msg('apparatus')}</h2>
        <ol>
          <xsl:for-each select="$apps">
            <xsl:variable name="n" as="xs:integer" select="$tk:app-numbers(generate-id())"/>
            <li id="tk-app-{$n}">
              <span class="tk-gen">a{$n} </span>
              <xsl:variable name="lemma" as="element()?" select="tk:lemma(.)"/>
              <xsl:if test="$lemma/@wit">
                <span class="tk-wit tk-gen">text: {tk:witnesses($lemma)}; </span>
              </xsl:if>
              <xsl:for-each select="tk:readings(.)">
                <xsl:if test="@wit"><span class="tk-wit tk-gen">{tk:witnesses(.)} </span></xsl:if>
                <span class="tk-rdg"><xsl:call-template name="local:lang"/><xsl:apply-templates mode="tk:inline"/></span>
                <xsl:if test="not(normalize-space())"><span class="tk-gen">om.</span></xsl:if>
                <xsl:if test="position() ne last()"><span class="tk-gen">; </span></xsl:if>
              </xsl:for-each>
              <a class="tk-backlink tk-gen" href="#tk-appref-{$n}" aria-label="{tk:msg('back')}">↩</a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:function>
</xsl:stylesheet>
