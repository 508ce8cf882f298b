package aidline.student;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader (quotes, doubled quotes, line breaks inside quotes, CRLF) that
 * remembers the line each record starts on, so the import report can name it.
 */
final class CsvReader {
  /** One record; {@code line} is 1-based, counted in physical lines of the file. */
  record Row(int line, List<String> fields) {}

  private final Reader in;
  private int line = 1;
  private int pushedBack = -2;
  // own buffer: Reader.read() per character costs a lock each time, too slow for a million rows
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int len;

  CsvReader(Reader in) {
    this.in = in;
  }

  /** The next record, or null at the end of the input. Blank lines are skipped. */
  Row next() {
    while (true) {
      int startLine = line;
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean sawAny = false;
      int c;
      while ((c = read()) != -1) {
        sawAny = true;
        if (quoted) {
          if (c == '"') {
            int n = read();
            if (n == '"') {
              field.append('"');
            } else {
              quoted = false;
              unread(n);
            }
          } else {
            if (c == '\n') {
              line++;
            }
            field.append((char) c);
          }
        } else if (c == '"' && field.length() == 0) {
          quoted = true;
        } else if (c == ',') {
          fields.add(field.toString());
          field.setLength(0);
        } else if (c == '\r') {
          int n = read();
          if (n != '\n') {
            unread(n);
          }
          line++;
          break;
        } else if (c == '\n') {
          line++;
          break;
        } else {
          field.append((char) c);
        }
      }
      if (!sawAny) {
        return null;
      }
      fields.add(field.toString());
      if (fields.size() == 1 && fields.get(0).isBlank()) {
        continue;
      }
      return new Row(startLine, fields);
    }
  }

  private int read() {
    if (pushedBack != -2) {
      int c = pushedBack;
      pushedBack = -2;
      return c;
    }
    if (pos == len) {
      try {
        len = in.read(buf);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      pos = 0;
      if (len <= 0) {
        len = 0;
        return -1;
      }
    }
    return buf[pos++];
  }

  private void unread(int c) {
    pushedBack = c;
  }
}
