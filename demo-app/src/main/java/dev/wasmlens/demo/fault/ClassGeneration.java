package dev.wasmlens.demo.fault;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;

/**
 * JIT from class generation: in batches, generates {@link #CLASSES_PER_BATCH} new proxy classes of
 * {@link GeneratedMixer} (each in a class loader of its own, which becomes unreachable after the
 * batch, so the classes can be unloaded) and as many new lambda classes ({@link LambdaMetafactory}
 * spins a hidden class per call), and calls each {@link #CALLS_PER_CLASS} times, past the tiered
 * thresholds, so the compiler threads compile every new class's methods. Unlike the {@code jit}
 * fault, which copies one class file, every class here is bytecode the JDK generated at run time.
 */
final class ClassGeneration implements FaultInjector {
  static final int CLASSES_PER_BATCH = 8;
  static final int CALLS_PER_CLASS = 20_000;

  private static final MethodType MIX = MethodType.methodType(int.class, int.class);

  @Override
  public String name() {
    return "class-gen";
  }

  @Override
  public String inject(Duration duration) throws Throwable {
    CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    long compilingBefore = compiler.getTotalCompilationTime();
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    InvocationHandler handler = (proxy, method, args) -> scramble((Integer) args[0]);
    long end = System.nanoTime() + duration.toNanos();
    int generated = 0;
    int sink = 0;
    while (System.nanoTime() < end) {
      for (int c = 0; c < CLASSES_PER_BATCH; c++) {
        ClassLoader fresh = new ClassLoader(ClassGeneration.class.getClassLoader()) {};
        GeneratedMixer proxy =
            (GeneratedMixer)
                Proxy.newProxyInstance(fresh, new Class<?>[] {GeneratedMixer.class}, handler);
        sink += run(proxy);
        CallSite site =
            LambdaMetafactory.metafactory(
                lookup,
                "mix",
                MethodType.methodType(GeneratedMixer.class),
                MIX,
                lookup.findStatic(ClassGeneration.class, "scramble", MIX),
                MIX);
        sink += run((GeneratedMixer) site.getTarget().invoke());
        generated += 2;
      }
    }
    return String.format(
        "%d classes generated (proxies and lambdas), %d ms of JIT compilation (compilation MXBean;"
            + " checksum %d)",
        generated, compiler.getTotalCompilationTime() - compilingBefore, sink);
  }

  private static int run(GeneratedMixer mixer) {
    int x = 0;
    for (int i = 0; i < CALLS_PER_CLASS; i++) {
      x = mixer.mix(x + i);
    }
    return x;
  }

  private static int scramble(int x) {
    int y = x * 1_103_515_245 + 12_345;
    return y ^ (y >>> 13);
  }
}
