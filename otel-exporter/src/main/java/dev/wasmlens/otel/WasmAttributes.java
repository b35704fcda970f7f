package dev.wasmlens.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;

/**
 * The attribute names of wasm spans and metrics. There is no OpenTelemetry convention for
 * WebAssembly yet: {@code faas.coldstart} is borrowed from the FaaS conventions, the rest lives in
 * {@code wasm.*} and {@code wasmtime.*}. docs/events.md lists them with the JFR fields they mirror.
 */
final class WasmAttributes {
  static final AttributeKey<String> MODULE_NAME = AttributeKey.stringKey("wasm.module.name");
  static final AttributeKey<String> MODULE_SHA256 = AttributeKey.stringKey("wasm.module.sha256");
  static final AttributeKey<Long> MODULE_SIZE = AttributeKey.longKey("wasm.module.size");
  static final AttributeKey<String> EXPORT = AttributeKey.stringKey("wasm.export");
  static final AttributeKey<String> IMPORT = AttributeKey.stringKey("wasm.import");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("wasm.outcome");
  static final AttributeKey<String> ENGINE_ID = AttributeKey.stringKey("wasmtime.engine.id");
  static final AttributeKey<Long> STORE_ID = AttributeKey.longKey("wasmtime.store.id");
  static final AttributeKey<Long> INSTANCE_ID = AttributeKey.longKey("wasmtime.instance.id");
  static final AttributeKey<String> OBJECT_KIND = AttributeKey.stringKey("wasmtime.object.kind");
  static final AttributeKey<Boolean> COLD_START = AttributeKey.booleanKey("faas.coldstart");

  private WasmAttributes() {}

  /** Every attribute the phase has a value for, as span attributes. */
  static Attributes ofSpan(WasmPhase phase) {
    AttributesBuilder attributes = Attributes.builder();
    putIfPresent(attributes, MODULE_NAME, phase.module());
    putIfPresent(attributes, MODULE_SHA256, phase.moduleSha256());
    if (phase.moduleSize() >= 0 && phase.kind() == WasmPhase.Kind.COMPILE) {
      attributes.put(MODULE_SIZE, phase.moduleSize());
    }
    putIfPresent(attributes, EXPORT, phase.export());
    putIfPresent(attributes, IMPORT, phase.importName());
    putIfPresent(attributes, OBJECT_KIND, phase.objectKind());
    putIfPresent(attributes, OUTCOME, phase.outcome());
    if (phase.engineId() != 0) {
      // An address reads best in hex, and a string keeps it exact in every backend.
      attributes.put(ENGINE_ID, "0x" + Long.toHexString(phase.engineId()));
    }
    if (phase.storeId() != 0) {
      attributes.put(STORE_ID, phase.storeId());
    }
    if (phase.instanceId() != 0) {
      attributes.put(INSTANCE_ID, phase.instanceId());
    }
    if (phase.kind() == WasmPhase.Kind.INSTANTIATE || phase.kind() == WasmPhase.Kind.CALL) {
      attributes.put(COLD_START, phase.coldStart());
    }
    return attributes.build();
  }

  private static void putIfPresent(
      AttributesBuilder attributes, AttributeKey<String> key, String value) {
    if (value != null) {
      attributes.put(key, value);
    }
  }
}
