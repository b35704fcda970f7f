;; The large-memory fault's guest: 64 MiB of linear memory (1024 wasm pages) that `touch` writes
;; one byte of every 4 KiB host page of, so each fresh instance takes a page fault per host page
;; and its store's teardown unmaps them all. memory.wasm is built from this file by build.sh.
(module
  (memory 1024)
  (func (export "touch") (param $hostPages i32) (result i32)
    (local $i i32)
    (loop $next
      local.get $i
      i32.const 4096
      i32.mul
      local.get $i
      i32.store8
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      local.get $hostPages
      i32.lt_u
      br_if $next)
    local.get $i))
