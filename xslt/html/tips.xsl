<?xml version="1.0" encoding="UTF-8"?>
<!--
  tips.xsl: what an element of the text is, in words, for a reader who
  cannot hover: an intervention of the editors and who made it, an
  abbreviation's expansion, handwriting. The element takes keyboard focus,
  its description shows on focus as well as on hover (a tooltip inside it,
  hidden otherwise), and screen readers hear it (aria-describedby). Words
  come from the message catalogue (common/i18n.xsl), so they are in the
  interface language. Never a bare title attribute: a title shows only under
  a mouse.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:function name="tk:intervention" as="xs:string">
    <!-- What an intervention is, in words. -->
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="
      if ($e/self::tei:expan) then tk:msg('iv-expan')
      else if ($e/self::tei:abbr) then tk:msg('iv-abbr')
      else if ($e/self::tei:reg) then tk:msg('iv-reg')
      else if ($e/self::tei:corr) then tk:msg(if ($e/@cert = 'low') then 'iv-corr-doubt' else 'iv-corr')
      else if ($e/self::tei:supplied) then tk:msg('iv-supplied')
      else if ($e/self::tei:gloss) then tk:msg('iv-gloss')
      else if ($e/self::tei:note[@type = 'variant']) then tk:msg('iv-variant')
      else if ($e/self::tei:note[@type = 'identification']) then tk:msg('iv-identification')
      else if ($e/self::tei:note[@type = 'original']) then tk:msg('iv-original')
      else if ($e/self::tei:note[@type = 'commentary']) then tk:msg('iv-commentary')
      else if ($e/self::tei:note[@type = 'physical'] or $e/self::tei:closer) then tk:msg('iv-physical')
      else if ($e/self::tei:note) then tk:msg('iv-note')
      else if ($e/self::tei:gap[@reason = 'declassification']) then
        (if ($e/@extent) then tk:msg('iv-declassified-of', string($e/@extent)) else tk:msg('iv-declassified'))
      else if ($e/self::tei:gap[@reason = 'omitted']) then tk:msg('iv-omitted')
      else if ($e/self::tei:gap[@reason = 'illegible']) then tk:msg('iv-illegible')
      else if ($e/self::tei:gap) then tk:msg('iv-gap', ($e/@reason ! replace(., '-', ' '), tk:msg('iv-gap-missing'))[1])
      else if ($e/self::tei:unclear) then tk:msg('iv-unclear')
      else if ($e/self::tei:certainty) then tk:msg('iv-certainty')
      else if ($e/self::tei:sic) then tk:msg('iv-sic')
      else if ($e/self::tei:vocal) then tk:msg('iv-vocal')
      else if ($e/self::tei:kinesic) then tk:msg('iv-kinesic')
      else if ($e/self::tei:incident) then tk:msg('iv-incident')
      else if ($e/self::tei:stage) then tk:msg('iv-stage')
      else if ($e/self::tei:stamp) then (if ($e/@type) then tk:msg('iv-stamp-of', normalize-space($e/@type)) else tk:msg('iv-stamp'))
      else if ($e/self::tei:metamark) then tk:msg('iv-metamark', string(($e/@function, 'metamark')[1]))
      else tk:msg('iv-other')"/>
  </xsl:function>

  <xsl:function name="tk:responsible" as="xs:string">
    <!-- Who made an intervention (@resp): 'the translator, Danny Rozas', 'the editors, <the publishing archive>'. -->
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="who" as="element()?" select="tk:target($e/@resp)[1]"/>
    <xsl:variable name="role" as="xs:string" select="lower-case(normalize-space($who/ancestor::tei:respStmt[1]/tei:resp[1]))"/>
    <xsl:sequence select="
      if (empty($who)) then tk:msg('by-editors')
      else tk:msg(if (contains($role, 'translat')) then 'by-translator' else 'by-editors-of', normalize-space($who))"/>
  </xsl:function>

  <xsl:function name="tk:tip" as="xs:string">
    <!-- The description of an element of the text: what it is, and who made it when the editors or
         translator did (@resp). -->
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if (tk:is-editorial($e)) then tk:msg('added-by', (tk:intervention($e), tk:responsible($e))) else tk:intervention($e)"/>
  </xsl:function>

  <xsl:template name="tk:described">
    <!-- Make the element being written focusable and described by $tip: attributes, then the tooltip as
         its first child (call it before the element's content). The tooltip is the page's own words:
         in the interface language, left out of the search index and of the text accounting (tk-gen). -->
    <xsl:param name="tip" as="xs:string"/>
    <xsl:param name="context" as="element()" select="."/>
    <!-- generate-id() without the document's number ("d16e322" -> "e322"): the same page whatever else
         the process rendered before it. -->
    <xsl:variable name="id" as="xs:string" select="'tk-tip-' || replace(generate-id($context), '^[A-Za-z]+\d+', '')"/>
    <xsl:attribute name="tabindex" select="0"/>
    <xsl:attribute name="data-tip" select="''"/>
    <xsl:attribute name="aria-describedby" select="$id"/>
    <span class="tk-tip tk-gen" role="tooltip" id="{$id}" lang="{tk:ui-lang()}" data-pagefind-ignore="">{$tip}</span>
  </xsl:template>

  <xsl:variable name="tk:tips-css" as="xs:string" expand-text="no"><![CDATA[
[data-tip] { position: relative; color: var(--supplied); border-radius: .15rem; }
[data-tip]:hover, [data-tip]:focus { background: #fff3c4; outline: 2px solid #f3b500; outline-offset: 1px; }
.tk-tip { display: none; }
[data-tip]:hover > .tk-tip, [data-tip]:focus > .tk-tip { display: block; position: absolute; left: 0; top: 100%; z-index: 2;
  width: max-content; max-width: min(22rem, calc(100vw - 1rem)); padding: .2rem .45rem; font: italic .8rem/1.3 system-ui, sans-serif;
  color: #fff; background: #333; border-radius: .25rem; white-space: normal; text-align: left; }
.tk-hand[data-tip] { color: inherit; }
]]></xsl:variable>
</xsl:stylesheet>
