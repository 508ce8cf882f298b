package aidline.student;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One aid item for one student in one term, as the 资助 lists record it. {@code schoolYear} is
 * "2025-2026"; {@code term} is 秋季, 春季 or 全年; {@code date} is when the status was reached.
 */
public record AidRecord(
    String nationalId,
    String schoolYear,
    String term,
    String item,
    BigDecimal amount,
    AidStatus status,
    LocalDate date,
    String note) {}
