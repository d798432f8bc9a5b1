package io.github.whatsapphelpdesk.freshdesk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

  @Test
  void escape_markupAndLineBreaks_escaped() {
    assertThat(HtmlText.escape("a<b>&\"c'\r\nd")).isEqualTo("a&lt;b&gt;&amp;&quot;c&#39;<br>d");
  }

  @Test
  void toText_paragraphsAndBreaks_becomeNewlines() {
    assertThat(HtmlText.toText("<p>Hi</p><p>Line<br/>two</p>")).isEqualTo("Hi\nLine\ntwo");
  }

  @Test
  void toText_nestedBlockquotes_dropped() {
    assertThat(HtmlText.toText("Thanks!<blockquote>a<blockquote>b</blockquote>c</blockquote> Bye"))
        .isEqualTo("Thanks! Bye");
  }

  @Test
  void toText_freshdeskQuoteDiv_dropped() {
    assertThat(HtmlText.toText("Reply<div class=\"freshdesk_quote\"><div>old</div>older</div>"))
        .isEqualTo("Reply");
  }

  @Test
  void toText_entitiesAndScripts_decodedAndRemoved() {
    assertThat(HtmlText.toText("5 &lt; 6 &amp; caf&#233; &#x1F600;<script>alert(1)</script>&bogus;"))
        .isEqualTo("5 < 6 & café \uD83D\uDE00&bogus;");
  }

  @Test
  void toText_null_empty() {
    assertThat(HtmlText.toText(null)).isEmpty();
  }
}
