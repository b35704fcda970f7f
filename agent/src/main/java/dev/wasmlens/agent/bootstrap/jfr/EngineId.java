package dev.wasmlens.agent.bootstrap.jfr;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.MetadataDefinition;
import jdk.jfr.Name;
import jdk.jfr.Relational;

/**
 * Marks a field that joins events on the same object: native address of a Wasmtime engine. 0 means
 * unknown.
 */
@MetadataDefinition
@Relational
@Name("wasmlens.EngineId")
@Label("Engine Id")
@Description("Native address of a Wasmtime engine")
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface EngineId {}
