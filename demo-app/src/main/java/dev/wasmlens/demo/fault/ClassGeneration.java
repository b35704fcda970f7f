package dev.wasmlens.demo.fault;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.SplittableRandom;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.bytecode.ByteCodeAppender;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * JIT from class generation: defines new classes implementing {@link GeneratedMixer} one after
 * another (with ByteBuddy, each in a class loader of its own that becomes unreachable after use, so
 * the classes can be unloaded), each {@code mix} a different straight-line method of {@link
 * #MIX_STEPS} arithmetic steps (about 7,000 bytes of bytecode, under HotSpot's 8,000-byte limit for
 * compiling a method at all), and calls each {@link #CALLS_PER_CLASS} times, past the tiered
 * thresholds, so that C1 and then C2 compile every one. The compiler threads get tens of
 * milliseconds of work per class; defining and running the classes keeps this thread busy too
 * (measured: 2.4-2.8 s on a CPU here against 4.9-5.1 s of compilation in a 4 s fault), so the
 * requests wait for both. Unlike the {@code jit} fault, which copies one class file, every class
 * here is bytecode generated at run time.
 */
final class ClassGeneration implements FaultInjector {
  /** Past C2's invocation threshold ({@code Tier4InvocationThreshold}, 5000 by default). */
  static final int CALLS_PER_CLASS = 6_000;

  /** Steps of a generated {@code mix}: about 13 bytes of bytecode each. */
  static final int MIX_STEPS = 520;

  /** The generated classes' name, followed by their number. */
  static final String CLASS_NAME_PREFIX = GeneratedMixer.class.getName() + "$Generated";

  @Override
  public String name() {
    return "class-gen";
  }

  @Override
  public String inject(Duration duration) throws Exception {
    CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long compilingBefore = compiler.getTotalCompilationTime();
    long ownCpuBefore = threads.getCurrentThreadCpuTime();
    long end = System.nanoTime() + duration.toNanos();
    int generated = 0;
    int sink = 0;
    while (System.nanoTime() < end) {
      sink += run(define(generated++));
    }
    return String.format(
        "%d classes generated (%d-step mix methods), %d ms of JIT compilation (compilation"
            + " MXBean), %d ms on a CPU on this thread defining and running them (checksum %d)",
        generated,
        MIX_STEPS,
        compiler.getTotalCompilationTime() - compilingBefore,
        (threads.getCurrentThreadCpuTime() - ownCpuBefore) / 1_000_000,
        sink);
  }

  /**
   * A new class, in a class loader of its own, whose {@code mix} is the generated method numbered
   * {@code number}.
   */
  static GeneratedMixer define(int number) throws Exception {
    return (GeneratedMixer)
        new ByteBuddy()
            .subclass(Object.class)
            .implement(GeneratedMixer.class)
            .name(CLASS_NAME_PREFIX + number)
            .method(ElementMatchers.named("mix"))
            .intercept(new Implementation.Simple(new MixSteps(number)))
            .make()
            .load(ClassGeneration.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
            .getLoaded()
            .getDeclaredConstructor()
            .newInstance();
  }

  private static int run(GeneratedMixer mixer) {
    int x = 0;
    for (int i = 0; i < CALLS_PER_CLASS; i++) {
      x = mixer.mix(x + i);
    }
    return x;
  }

  /**
   * {@code x = x * a + b; x ^= x >>> s;} {@link #MIX_STEPS} times, with constants drawn from the
   * class's number, so that no two classes compile to the same code.
   */
  private static final class MixSteps implements ByteCodeAppender {
    private final long seed;

    MixSteps(long seed) {
      this.seed = seed;
    }

    @Override
    public Size apply(
        MethodVisitor code, Implementation.Context context, MethodDescription method) {
      SplittableRandom constants = new SplittableRandom(seed);
      code.visitVarInsn(Opcodes.ILOAD, 1);
      for (int i = 0; i < MIX_STEPS; i++) {
        code.visitLdcInsn(constants.nextInt() | 1);
        code.visitInsn(Opcodes.IMUL);
        code.visitLdcInsn(constants.nextInt());
        code.visitInsn(Opcodes.IADD);
        code.visitInsn(Opcodes.DUP);
        code.visitIntInsn(Opcodes.BIPUSH, 1 + constants.nextInt(30));
        code.visitInsn(Opcodes.IUSHR);
        code.visitInsn(Opcodes.IXOR);
      }
      code.visitInsn(Opcodes.IRETURN);
      return new Size(3, method.getStackSize());
    }
  }
}
