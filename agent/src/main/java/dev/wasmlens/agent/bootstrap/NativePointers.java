package dev.wasmlens.agent.bootstrap;

import java.lang.reflect.Field;

/**
 * Reads the native address a wasmtime-java object keeps in its private {@code innerPtr} field, for
 * advice on Java methods, which see the object where a native method is passed the address.
 */
public final class NativePointers {
  private static final ClassValue<Field> INNER_PTR =
      new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
          for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
              Field field = c.getDeclaredField("innerPtr");
              field.setAccessible(true);
              return field;
            } catch (NoSuchFieldException e) {
              // Look in the superclass.
            }
          }
          throw new IllegalArgumentException(type.getName() + " has no innerPtr field");
        }
      };

  private NativePointers() {}

  /**
   * The native address of {@code wasmtimeObject}: 0 once disposed, and for null (the application's
   * call then fails on its own).
   *
   * @throws IllegalArgumentException when the object has no {@code innerPtr} field
   */
  public static long of(Object wasmtimeObject) {
    if (wasmtimeObject == null) {
      return 0;
    }
    try {
      return INNER_PTR.get(wasmtimeObject.getClass()).getLong(wasmtimeObject);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("innerPtr was made accessible", e);
    }
  }
}
