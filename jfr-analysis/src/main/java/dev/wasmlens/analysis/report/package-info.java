/** Writing an analysis: text for a terminal, JSON for tools. */
package dev.wasmlens.analysis.report;
