package aidline.channel.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chat page's Content-Security-Policy: its one inline script and style are allowed by their
 * SHA-256 (computed from the page as shipped, so editing the page cannot break the policy),
 * everything else only from this origin, and no framing (issue 15, low: clickjacking, injected
 * scripts).
 */
final class PageSecurity {
  private static final Pattern SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
  private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);

  private PageSecurity() {}

  static String contentSecurityPolicy(String html) {
    return "default-src 'none'; script-src 'self'" + hashes(SCRIPT, html) + "; style-src 'self'" + hashes(STYLE, html)
        + "; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  }

  private static String hashes(Pattern p, String html) {
    List<String> out = new ArrayList<>();
    Matcher m = p.matcher(html);
    while (m.find()) {
      out.add(" 'sha256-" + sha256(m.group(1)) + "'");
    }
    return String.join("", out);
  }

  private static String sha256(String s) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
