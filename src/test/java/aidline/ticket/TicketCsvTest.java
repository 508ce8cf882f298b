package aidline.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TicketCsvTest {
  @Test
  void quotesSeparatorsAndDefusesFormulas() {
    assertEquals("plain", TicketCsv.escape("plain"));
    assertEquals("\"a,b\"", TicketCsv.escape("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", TicketCsv.escape("say \"hi\""));
    assertEquals("\"line1\nline2\"", TicketCsv.escape("line1\nline2"));
    assertEquals("'=HYPERLINK(1)", TicketCsv.escape("=HYPERLINK(1)"));
  }
}
