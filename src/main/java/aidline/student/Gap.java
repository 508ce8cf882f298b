package aidline.student;

import java.time.LocalDate;

/**
 * An entitlement of this school year that has not reached the student: no application on record,
 * stuck in a step (with the step and since when), or rejected although policy gives it.
 *
 * @param step the last step reached, or null when nothing is on record
 * @param reason one Chinese line for staff
 */
public record Gap(Entitlement entitlement, String schoolYear, AidStatus step, LocalDate since, String reason) {}
