package aidline.ticket;

import java.util.List;

/** One work-order category from {@code tickets/categories.yaml}. */
public record Category(
    String code, String name, int deadlineDays, String department, String priority, List<String> keywords) {}
