package dev.wasmlens.analysis.attribution;

/**
 * The part of one operation's time put down to one cause.
 *
 * @param nanos how much time, never more than the operation's duration
 * @param evidence the events that support it, in words
 */
public record Share(Cause cause, long nanos, Strength strength, String evidence) {}
