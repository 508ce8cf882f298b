package aidline.values;

/** Full-width ASCII (digits, letters, the ideographic space) → half-width, as typed on Chinese keyboards. */
public final class HalfWidth {
  private HalfWidth() {}

  public static String of(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u3000') {
        sb.append(' ');
      } else if ((c >= '０' && c <= '９') || (c >= 'Ａ' && c <= 'Ｚ') || (c >= 'ａ' && c <= 'ｚ')) {
        sb.append((char) (c - 0xFEE0));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
