package dev.wasmlens.agent.it.app;

import java.util.concurrent.ConcurrentHashMap;

/** An application that never touches wasmtime-java: the agent must leave it alone. */
public final class NoWasmApp {
  public static void main(String[] args) {
    ConcurrentHashMap<String, Integer> words = new ConcurrentHashMap<>();
    for (String word : "the agent must transform nothing here".split(" ")) {
      words.merge(word, 1, Integer::sum);
    }
    System.out.println("words: " + words.size());
  }
}
