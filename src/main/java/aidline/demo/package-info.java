/**
 * Synthetic, deterministic demo data (students, aid records) imported through the same importers
 * staff use. Used by {@code demo}, {@code serve --demo} and the benchmarks; no feature depends on it.
 */
package aidline.demo;
