package aidline.answer;

/** Where a statement comes from: the document, its section, and the verbatim quote. */
public record Citation(
    String docId, String title, String docNumber, String region, String section, String quote) {}
