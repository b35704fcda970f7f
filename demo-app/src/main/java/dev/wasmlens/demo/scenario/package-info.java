/**
 * The fault suite: scenarios that run the demo service under the agent with one cause injected
 * between clean phases (or none, in three load shapes), and leave per run a recording and a ground
 * truth saying when the cause acted, what it affected and which cause the analyzer should name. See
 * docs/fault-suite.md.
 */
package dev.wasmlens.demo.scenario;
