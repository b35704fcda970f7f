;; The sample app's guest: a small loop, then one call into the Java host function host.mix.
;; checksum.wasm is built from this file by build.sh and committed.
(module
  (import "host" "mix" (func $mix (param i32) (result i32)))
  (func (export "checksum") (param $n i32) (result i32)
    (local $i i32)
    (local $acc i32)
    (loop $next
      local.get $acc
      local.get $i
      i32.add
      i32.const 31
      i32.mul
      local.set $acc
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      local.get $n
      i32.lt_s
      br_if $next)
    local.get $acc
    call $mix))
