;; A WASI command whose _start calls proc_exit(3).
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    i32.const 3
    call $proc_exit))
