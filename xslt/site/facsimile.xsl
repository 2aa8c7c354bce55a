<?xml version="1.0" encoding="UTF-8"?>
<!--
  facsimile.xsl: the page image of a page break, beside the text.

  pb/@facs names the image: "#ID" points at a <surface> or <graphic> of
  <facsimile> (its graphic/@url), otherwise it is the image's address
  itself. An address is shown when it is an image a browser can load: a
  file or URL ending in an image type, or a IIIF Image API service (its
  info.json, or a URL with /iiif/ in it), asked for at 800 px wide. A bare
  identifier (FRUS's "0582", an archive's shelfmark) names an image the
  edition does not have: nothing is shown for it. The figure floats beside
  the text of its page and scrolls with it; its page number is its caption.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- In a built site, the local images the record names and their copies in the site (JSON, made by
       teikit.publish.facsimiles): a local image not copied (not there, or outside the TEI's folder) is
       not shown, so no page links out of the site or to nothing. -->
  <xsl:param name="facsimiles" as="xs:string" select="''"/>
  <xsl:variable name="tk:facsimile-copies" as="map(*)" select="if ($facsimiles) then parse-json($facsimiles) else map{}"/>

  <xsl:function name="tk:facsimile-url" as="xs:string?">
    <xsl:param name="pb" as="element()"/>
    <xsl:variable name="url" as="xs:string?" select="tk:facsimile-written($pb)"/>
    <xsl:sequence select="
      if (empty($url) or not($site) or matches($url, '^([A-Za-z][A-Za-z0-9+.-]*:|//)')) then $url
      else $tk:facsimile-copies(normalize-space($url))"/>
  </xsl:function>

  <xsl:function name="tk:facsimile-written" as="xs:string?">
    <!-- The image address as the record gives it, when it is one a browser can show. -->
    <xsl:param name="pb" as="element()"/>
    <xsl:variable name="facs" as="xs:string?" select="tokenize(normalize-space($pb/@facs))[1]"/>
    <xsl:variable name="target" as="element()?" select="if (starts-with($facs, '#')) then (root($pb)//*[@xml:id = substring($facs, 2)])[1] else ()"/>
    <xsl:variable name="url" as="xs:string?" select="if (starts-with($facs, '#')) then ($target/descendant-or-self::tei:graphic/@url)[1] else $facs"/>
    <xsl:sequence select="
      if (empty($url) or matches($url, '^\s*(javascript|data|vbscript):', 'i')) then ()
      else if (matches($url, '/info\.json$')) then replace($url, '/info\.json$', '/full/800,/0/default.jpg')
      else if (matches($url, '/iiif/', 'i') and not(matches($url, '\.(jpe?g|png|gif|webp|tiff?)$', 'i'))) then $url || '/full/800,/0/default.jpg'
      else if (matches($url, '\.(jpe?g|png|gif|webp|svg|avif)$', 'i')) then $url
      else ()"/>
  </xsl:function>

  <xsl:function name="tk:facsimile" as="element()?">
    <!-- The page image of $pb, when it has one a browser can show. -->
    <xsl:param name="pb" as="element()"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:variable name="url" as="xs:string?" select="tk:facsimile-url($pb)"/>
    <xsl:if test="$url">
      <span class="tk-facs tk-gen" role="figure" aria-label="{$label}">
        <a href="{$url}"><img src="{$url}" alt="{$label}" loading="lazy"/></a>
        <span class="tk-facs-caption">{$label}</span>
      </span>
    </xsl:if>
  </xsl:function>

  <xsl:variable name="tk:facsimile-css" as="xs:string" expand-text="no"><![CDATA[
.tk-facs { float: right; clear: right; width: min(40%, 22rem); margin: .3rem 0 .6rem 1rem; font-family: system-ui, sans-serif; font-size: .8rem; color: #4d4d4d; text-align: center; }
.tk-facs img { display: block; width: 100%; height: auto; border: 1px solid #d0d0d0; }
@media (max-width: 40rem) { .tk-facs { float: none; display: block; width: 100%; margin: .4rem 0; } }
]]></xsl:variable>
</xsl:stylesheet>
