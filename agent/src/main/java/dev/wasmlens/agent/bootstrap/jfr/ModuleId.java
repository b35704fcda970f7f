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
 * Marks a field that joins events on the same object: native address of a wasmtime-java Module. 0
 * means unknown.
 */
@MetadataDefinition
@Relational
@Name("wasmlens.ModuleId")
@Label("Module Id")
@Description("Native address of a wasmtime-java Module")
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ModuleId {}
