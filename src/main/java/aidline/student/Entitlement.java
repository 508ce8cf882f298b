package aidline.student;

import aidline.answer.Citation;
import java.math.BigDecimal;

/** What policy gives a student: an aid item, its amount and unit, and the sentence that says so. */
public record Entitlement(String item, BigDecimal amount, String unit, Citation citation) {}
